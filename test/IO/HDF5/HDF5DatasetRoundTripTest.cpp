// Datasets of every type, rank 1 to 3, written in two hyperslabs and read
// back through a fresh handler: types compared with isSame, every value compared.
#include "HDF5TestSupport.hpp"

#include "openPMD/Datatype.hpp"

#include <catch2/catch.hpp>

#include <complex>
#include <limits>
#include <memory>
#include <numeric>
#include <type_traits>

using namespace hdf5_test;

namespace
{
template <typename T>
struct IsComplex : std::false_type
{
};
template <typename T>
struct IsComplex<std::complex<T>> : std::true_type
{
};

template <typename T>
T sample(size_t i)
{
    if constexpr (IsComplex<T>::value)
    {
        using Real = typename T::value_type;
        return T(Real(i) + Real(0.5), -Real(i) * Real(2));
    }
    else if constexpr (std::is_floating_point_v<T>)
    {
        return T(i) * T(0.25) - T(3);
    }
    else
    {
        // The first element uses the full width of the type.
        if (i == 0)
        {
            return std::numeric_limits<T>::max();
        }
        if (i == 1)
        {
            return std::numeric_limits<T>::min();
        }
        return static_cast<T>(i % 100);
    }
}

size_t count(Extent const& extent)
{
    return std::accumulate(extent.begin(), extent.end(), size_t(1), std::multiplies<>());
}

/** Writes `values` into a new file, in two hyperslabs split along the first dimension. */
template <typename T>
void writeInTwoParts(ScratchDirectory const& scratch, Extent const& extent,
                     std::shared_ptr<T> const& values)
{
    Session session(scratch.path(), Access::CREATE);
    Writable root, group, dataset;
    session.createFile(root, "data.h5");
    session.createPath(group, root, "data/meshes");
    session.createDataset(dataset, group, "x", determineDatatype<T>(), extent);
    size_t const firstRows = extent[0] / 2;
    size_t const rowSize = count(extent) / extent[0];
    Parameter<Operation::WRITE_DATASET> first;
    first.offset = Offset(extent.size(), 0);
    first.extent = extent;
    first.extent[0] = firstRows;
    first.dtype = determineDatatype<T>();
    first.data = values;
    Parameter<Operation::WRITE_DATASET> second = first;
    second.offset[0] = firstRows;
    second.extent[0] = extent[0] - firstRows;
    second.data = std::shared_ptr<T const>(values, values.get() + firstRows * rowSize);
    session.enqueue(&dataset, first);
    session.enqueue(&dataset, second);
    session.closeFile(root);
    session.flush();
}

template <typename T>
void roundTrip(Extent const& extent)
{
    constexpr Datatype dtype = determineDatatype<T>();
    ScratchDirectory scratch;
    size_t const n = count(extent);
    auto values = std::shared_ptr<T>(new T[n], std::default_delete<T[]>());
    for (size_t i = 0; i < n; ++i)
    {
        values.get()[i] = sample<T>(i);
    }
    writeInTwoParts(scratch, extent, values);

    Session session(scratch.path(), Access::READ_ONLY);
    Writable root, group, dataset;
    session.openFile(root, "data.h5");
    session.openPath(group, root, "data/meshes");
    auto const [readType, readExtent] = session.openDataset(dataset, group, "x");
    INFO("written as " << dtype << ", read back as " << readType);
    CHECK(isSame(readType, dtype));
    REQUIRE(readExtent == extent);

    auto buffer = std::shared_ptr<T>(new T[n], std::default_delete<T[]>());
    Parameter<Operation::READ_DATASET> read;
    read.offset = Offset(extent.size(), 0);
    read.extent = extent;
    read.dtype = dtype;
    read.data = buffer;
    session.run(&dataset, read);
    for (size_t i = 0; i < n; ++i)
    {
        INFO("element " << i);
        REQUIRE(buffer.get()[i] == values.get()[i]);
    }

    // A single element: the last one along every dimension.
    size_t flatIndex = 0;
    for (size_t d = 0; d < extent.size(); ++d)
    {
        flatIndex = flatIndex * extent[d] + extent[d] - 1;
    }
    auto single = std::make_shared<T>();
    read.offset = Offset(extent.begin(), extent.end());
    for (auto& o : read.offset)
    {
        --o;
    }
    read.extent = Extent(extent.size(), 1);
    read.data = single;
    session.run(&dataset, read);
    CHECK(*single == values.get()[flatIndex]);
}
} // namespace

TEMPLATE_TEST_CASE("HDF5 datasets of every type round-trip in rank 1 to 3",
                   "[hdf5][dataset]", char, unsigned char, signed char, short, int, long,
                   long long, unsigned short, unsigned int, unsigned long,
                   unsigned long long, float, double, long double, std::complex<float>,
                   std::complex<double>, std::complex<long double>)
{
    SECTION("rank 1")
    {
        roundTrip<TestType>({7});
    }
    SECTION("rank 2")
    {
        roundTrip<TestType>({3, 5});
    }
    SECTION("rank 3")
    {
        roundTrip<TestType>({2, 3, 4});
    }
}
