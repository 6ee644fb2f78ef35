#pragma once

#include "openPMD/Dataset.hpp"
#include "openPMD/Datatype.hpp"

#include <memory>
#include <stdexcept>
#include <type_traits>

namespace openPMD
{
/** Produces the data a benchmark writes: one buffer of m_numberOfItems elements per call.
 */
template <typename T>
class DatasetFiller
{
protected:
    Extent::value_type m_numberOfItems;

public:
    using resultType = T;

    explicit DatasetFiller(Extent::value_type numberOfItems = 0)
        : m_numberOfItems(numberOfItems)
    {
    }
    virtual ~DatasetFiller() = default;

    virtual std::shared_ptr<T> produceData() = 0;
    virtual void setNumberOfItems(Extent::value_type numberOfItems) = 0;
};

/**
 * Hands one DatasetFiller (of type DF) to MPIBenchmark for its element type;
 * asking for another type throws std::runtime_error.
 */
template <typename DF>
class SimpleDatasetFillerProvider
{
public:
    using resultType = typename DF::resultType;

    explicit SimpleDatasetFillerProvider(DF df)
        : m_df{std::make_shared<DF>(std::move(df))}
    {
    }

    template <typename T>
    std::shared_ptr<DatasetFiller<T>> operator()()
    {
        if constexpr (std::is_same_v<T, resultType>)
        {
            return m_df;
        }
        else
        {
            throw std::runtime_error("SimpleDatasetFillerProvider: this provider fills " +
                                     datatypeToString(determineDatatype<resultType>()) +
                                     " only, not " +
                                     datatypeToString(determineDatatype<T>()));
        }
    }

private:
    std::shared_ptr<DF> m_df;
};
} // namespace openPMD
