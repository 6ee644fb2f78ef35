#pragma once

#include "openPMD/benchmark/mpi/DatasetFiller.hpp"

#include <memory>
#include <random>

namespace openPMD
{
/** Fills buffers with values drawn from a random distribution (e.g.
 * std::uniform_int_distribution). */
template <typename Distr, typename T = typename Distr::result_type>
class RandomDatasetFiller : public DatasetFiller<T>
{
public:
    using resultType = T;

    explicit RandomDatasetFiller(Distr distribution, Extent::value_type numOfItems = 0)
        : DatasetFiller<T>(numOfItems), m_distribution(std::move(distribution))
    {
    }

    /** A new buffer of random values; in buffer mode, always the same buffer. */
    std::shared_ptr<T> produceData() override
    {
        if (m_buffered)
        {
            return m_buffered;
        }
        std::shared_ptr<T> result(
            new T[this->m_numberOfItems == 0 ? 1 : this->m_numberOfItems],
            [](T* p) { delete[] p; });
        for (Extent::value_type i = 0; i < this->m_numberOfItems; ++i)
        {
            result.get()[i] = m_distribution(m_engine);
        }
        return result;
    }

    /** A filler of `numberOfItems` values from X(lower, upper). */
    template <typename X = Distr>
    static RandomDatasetFiller<X, T>
    makeRandomDatasetFiller(Extent::value_type numberOfItems,
                            typename X::result_type lower, typename X::result_type upper)
    {
        return RandomDatasetFiller<X, T>(X(lower, upper), numberOfItems);
    }

    /** Reproducible values: the same seed gives the same sequence of buffers. */
    void setSeed(std::default_random_engine::result_type seed)
    {
        m_engine = std::default_random_engine(seed);
    }

    void randomSeed() { m_engine = std::default_random_engine(std::random_device{}()); }

    /** From now on, produceData() returns one buffer made once (cheaper to produce). */
    void bufferMode()
    {
        if (!m_buffered)
        {
            m_buffered = produceData();
        }
    }

    void setNumberOfItems(Extent::value_type numberOfItems) override
    {
        this->m_numberOfItems = numberOfItems;
        if (m_buffered)
        {
            m_buffered.reset();
            m_buffered = produceData();
        }
    }

private:
    Distr m_distribution;
    std::default_random_engine m_engine;
    std::shared_ptr<T> m_buffered;
};
} // namespace openPMD
