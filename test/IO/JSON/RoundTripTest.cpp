// Round trips through the handler and a file on disk: every dataset type in
// 1-3 D and every attribute type, compared value by value.

#include "JSONTestSupport.hpp"
#include "Samples.hpp"

#include <map>
#include <set>

using namespace openPMD;
using namespace openPMD::test;

namespace
{
size_t product(Extent const& extent)
{
    size_t n = 1;
    for (auto e : extent)
    {
        n *= e;
    }
    return n;
}

/** The dense row-major copy of the hyperslab (offset, extent) of `all` (shape `total`).
 */
template <typename T>
std::shared_ptr<T const> slab(std::vector<T> const& all, Extent const& total,
                              Offset const& offset, Extent const& extent)
{
    auto out = std::shared_ptr<T>(new T[product(extent)], [](T* p) { delete[] p; });
    std::vector<uint64_t> index(extent.size(), 0);
    for (size_t i = 0; i < product(extent); ++i)
    {
        size_t flat = 0;
        for (size_t d = 0; d < total.size(); ++d)
        {
            flat = flat * total[d] + offset[d] + index[d];
        }
        out.get()[i] = all[flat];
        for (size_t d = extent.size(); d-- > 0;)
        {
            if (++index[d] < extent[d])
            {
                break;
            }
            index[d] = 0;
        }
    }
    return out;
}

std::vector<Extent> const datasetExtents = {{29}, {5, 7}, {3, 4, 5}};

template <typename T>
std::vector<T> samples(Extent const& extent)
{
    std::vector<T> values(product(extent));
    for (size_t i = 0; i < values.size(); ++i)
    {
        values[i] = sample<T>(i);
    }
    return values;
}

/** Writes datasets d1, d2, d3 of type T, each in two chunks split along the last
 * dimension. */
template <typename T>
void writeDatasets(std::string const& directory)
{
    Handler writer(directory, Access::CREATE);
    Writable root;
    writer.createFile(root, "data.json");
    for (size_t r = 0; r < datasetExtents.size(); ++r)
    {
        Extent const& extent = datasetExtents[r];
        auto const values = samples<T>(extent);
        Writable dataset;
        dataset.parent = &root;
        writer.createDataset(dataset, "d" + std::to_string(r + 1), determineDatatype<T>(),
                             extent);
        // Chunks of the last dimension: runs that are not contiguous.
        uint64_t const last = extent.back();
        Offset first(extent.size(), 0);
        Extent firstExtent = extent;
        firstExtent.back() = last / 2;
        Offset second(extent.size(), 0);
        second.back() = last / 2;
        Extent secondExtent = extent;
        secondExtent.back() = last - last / 2;
        writer.write<T>(dataset, first, firstExtent,
                        slab(values, extent, first, firstExtent));
        writer.write<T>(dataset, second, secondExtent,
                        slab(values, extent, second, secondExtent));
    }
    writer.closeFile(root);
}

/** Checks dataset d<rank>: type, extent, every value, a hyperslab and its chunks. */
template <typename T>
void checkDataset(Handler& reader, Writable& root, size_t r)
{
    Extent const& extent = datasetExtents[r];
    auto const all = samples<T>(extent);
    Writable dataset;
    dataset.parent = &root;
    auto const [readType, readExtent] =
        reader.openDataset(dataset, "d" + std::to_string(r + 1));
    REQUIRE(readType == determineDatatype<T>());
    REQUIRE(readExtent == extent);

    auto const values = reader.read<T>(dataset, Offset(extent.size(), 0), extent);
    REQUIRE(values.size() == all.size());
    for (size_t i = 0; i < values.size(); ++i)
    {
        INFO("rank " << extent.size() << ", element " << i);
        REQUIRE(same(values[i], all[i]));
    }

    // A hyperslab inside: offset 1 in every dimension.
    Offset const inner(extent.size(), 1);
    Extent innerExtent = extent;
    for (auto& n : innerExtent)
    {
        n -= 1;
    }
    auto const expected = slab(all, extent, inner, innerExtent);
    auto const part = reader.read<T>(dataset, inner, innerExtent);
    for (size_t i = 0; i < part.size(); ++i)
    {
        REQUIRE(same(part[i], expected.get()[i]));
    }

    // Both chunks together cover the dataset: one chunk, no complex dimension.
    REQUIRE(reader.availableChunks(dataset) ==
            ChunkTable{WrittenChunkInfo(Offset(extent.size(), 0), extent)});
}
} // namespace

TEMPLATE_TEST_CASE("every dataset type round-trips in 1, 2 and 3 dimensions",
                   "[json][roundtrip]", char, unsigned char, signed char, short, int,
                   long, long long, unsigned short, unsigned int, unsigned long,
                   unsigned long long, float, double, long double, std::complex<float>,
                   std::complex<double>, std::complex<long double>)
{
    ScratchDirectory scratch("roundtrip-dataset");
    writeDatasets<TestType>(scratch.dir());
    Handler reader(scratch.dir(), Access::READ_ONLY);
    Writable root;
    reader.openFile(root, "data.json");
    for (size_t r = 0; r < datasetExtents.size(); ++r)
    {
        checkDataset<TestType>(reader, root, r);
    }
}

namespace
{
std::vector<std::pair<std::string, Attribute>> attributeSamples()
{
    double const nan = std::numeric_limits<double>::quiet_NaN();
    double const inf = std::numeric_limits<double>::infinity();
    float const finf = std::numeric_limits<float>::infinity();
    long double const ldHuge = 1e4000L;
    return {
        {"char", Attribute('c')},
        {"char_negative", Attribute(static_cast<char>(-5))},
        {"uchar", Attribute(static_cast<unsigned char>(255))},
        {"schar", Attribute(static_cast<signed char>(-128))},
        {"short", Attribute(std::numeric_limits<short>::min())},
        {"int", Attribute(std::numeric_limits<int>::min())},
        {"long", Attribute(std::numeric_limits<long>::min())},
        {"longlong", Attribute(std::numeric_limits<long long>::max())},
        {"ushort", Attribute(std::numeric_limits<unsigned short>::max())},
        {"uint", Attribute(std::numeric_limits<unsigned int>::max())},
        {"ulong", Attribute(std::numeric_limits<unsigned long>::max())},
        {"ulonglong", Attribute(std::numeric_limits<unsigned long long>::max())},
        {"float", Attribute(0.1f)},
        {"float_nan", Attribute(std::numeric_limits<float>::quiet_NaN())},
        {"double", Attribute(1.0 / 3.0)},
        {"double_inf", Attribute(-inf)},
        {"double_nan", Attribute(nan)},
        {"double_negative_zero", Attribute(-0.0)},
        {"double_subnormal", Attribute(std::numeric_limits<double>::denorm_min())},
        {"longdouble", Attribute(1.0L / 3.0L)},
        {"longdouble_huge", Attribute(ldHuge)},
        {"cfloat", Attribute(std::complex<float>(1.5f, -finf))},
        {"cdouble", Attribute(std::complex<double>(nan, -0.25))},
        {"clongdouble", Attribute(std::complex<long double>(ldHuge, 1.0L / 3.0L))},
        {"string", Attribute(std::string("quote \" backslash \\ newline \n tab \t ctrl "
                                         "\x01 utf8 \xc3\xa9 \xe2\x82\xac"))},
        {"string_empty", Attribute(std::string())},
        {"vec_char", Attribute(std::vector<char>{'a', 0, -1})},
        {"vec_short",
         Attribute(std::vector<short>{-1, 2, std::numeric_limits<short>::max()})},
        {"vec_int", Attribute(std::vector<int>{1, -2, 3})},
        {"vec_int_empty", Attribute(std::vector<int>{})},
        {"vec_long", Attribute(std::vector<long>{std::numeric_limits<long>::min(), 0})},
        {"vec_longlong",
         Attribute(std::vector<long long>{std::numeric_limits<long long>::max()})},
        {"vec_uchar", Attribute(std::vector<unsigned char>{0, 128, 255})},
        {"vec_ushort", Attribute(std::vector<unsigned short>{65535})},
        {"vec_uint", Attribute(std::vector<unsigned int>{4000000000u, 1u})},
        {"vec_ulong", Attribute(std::vector<unsigned long>{
                          std::numeric_limits<unsigned long>::max()})},
        {"vec_ulonglong", Attribute(std::vector<unsigned long long>{0, 1, 2})},
        {"vec_float", Attribute(std::vector<float>{
                          std::numeric_limits<float>::quiet_NaN(), finf, -finf, 1e-45f})},
        {"vec_double", Attribute(std::vector<double>{0.1, 1e300, -1e-300, nan})},
        {"vec_longdouble", Attribute(std::vector<long double>{1.0L / 7.0L, -ldHuge})},
        {"vec_cfloat", Attribute(std::vector<std::complex<float>>{{1, 2}, {3, -4}})},
        {"vec_cdouble", Attribute(std::vector<std::complex<double>>{{0.5, inf}})},
        {"vec_clongdouble",
         Attribute(std::vector<std::complex<long double>>{{1.0L / 3, -1.0L / 3}})},
        {"vec_schar", Attribute(std::vector<signed char>{-128, 127})},
        {"vec_string", Attribute(std::vector<std::string>{"", "a", "\xc3\xbc", "x\"y"})},
        {"arr_dbl_7", Attribute(std::array<double, 7>{1, 0, -2, 0.5, 0, 0, nan})},
        {"bool_true", Attribute(true)},
        {"bool_false", Attribute(false)}};
}

bool sameAttribute(Attribute const& a, Attribute const& b)
{
    if (a.dtype != b.dtype || a.getResource().index() != b.getResource().index())
    {
        return false;
    }
    return std::visit(
        [&b](auto const& left)
        {
            using T = std::decay_t<decltype(left)>;
            return same(left, std::get<T>(b.getResource()));
        },
        a.getResource());
}
} // namespace

TEST_CASE("every attribute type round-trips", "[json][roundtrip]")
{
    auto const samples = attributeSamples();
    std::set<Datatype> covered;
    for (auto const& [name, value] : samples)
    {
        covered.insert(value.dtype);
    }
    auto const all = openPMD_Datatypes();
    REQUIRE(covered == std::set<Datatype>(all.begin(), all.end()));

    ScratchDirectory scratch("roundtrip-attributes");
    {
        Handler writer(scratch.dir(), Access::CREATE);
        Nodes nodes;
        writer.createFile(nodes.root, "attributes.json");
        writer.createPath(nodes.a, "group/sub");
        for (auto const& [name, value] : samples)
        {
            writer.writeAttribute(nodes.a, name, value);
            writer.writeAttribute(nodes.root, name, value);
        }
        writer.closeFile(nodes.root);
    }

    Handler reader(scratch.dir(), Access::READ_ONLY);
    Nodes nodes;
    reader.openFile(nodes.root, "attributes.json");
    reader.openPath(nodes.a, "group/sub");
    for (Writable* node : {&nodes.root, &nodes.a})
    {
        for (auto const& [name, value] : samples)
        {
            INFO("attribute " << name);
            Attribute const back = reader.readAttribute(*node, name);
            REQUIRE(back.dtype == value.dtype);
            REQUIRE(sameAttribute(back, value));
        }
        Parameter<Operation::LIST_ATTS> list;
        reader.run(node, list);
        std::vector<std::string> names;
        for (auto const& [name, value] : samples)
        {
            names.push_back(name);
        }
        std::sort(names.begin(), names.end());
        REQUIRE(*list.attributes == names);

        Parameter<Operation::READ_ATTS> readAll;
        reader.run(node, readAll);
        REQUIRE(readAll.attributes->size() == samples.size());
        for (auto const& [name, value] : samples)
        {
            INFO("attribute " << name << " via READ_ATTS");
            REQUIRE(sameAttribute(readAll.attributes->at(name), value));
        }
    }
}

TEST_CASE("random floating-point values round-trip bit for bit", "[json][roundtrip]")
{
    // Many random bit patterns catch rounding slips of the number printer and
    // parser (e.g. double rounding through long double).
    constexpr size_t count = 20000;
    std::mt19937_64 rng(12345);
    std::vector<double> doubles(count);
    std::vector<float> floats(count);
    std::vector<long double> longDoubles(count);
    for (size_t i = 0; i < count; ++i)
    {
        doubles[i] = randomFloat<double>(rng);
        floats[i] = randomFloat<float>(rng);
        longDoubles[i] = randomFloat<long double>(rng);
    }
    ScratchDirectory scratch("roundtrip-random");
    {
        Handler writer(scratch.dir(), Access::CREATE);
        Writable root, d, f, l;
        d.parent = f.parent = l.parent = &root;
        writer.createFile(root, "random.json");
        writer.createDataset(d, "d", Datatype::DOUBLE, {count});
        writer.createDataset(f, "f", Datatype::FLOAT, {count});
        writer.createDataset(l, "l", Datatype::LONG_DOUBLE, {count});
        auto share = [](auto const& v)
        {
            using T = typename std::decay_t<decltype(v)>::value_type;
            return std::shared_ptr<T const>(v.data(), [](T const*) {});
        };
        writer.write<double>(d, {0}, {count}, share(doubles));
        writer.write<float>(f, {0}, {count}, share(floats));
        writer.write<long double>(l, {0}, {count}, share(longDoubles));
        writer.closeFile(root);
    }
    Handler reader(scratch.dir(), Access::READ_ONLY);
    Writable root, d, f, l;
    d.parent = f.parent = l.parent = &root;
    reader.openFile(root, "random.json");
    reader.openDataset(d, "d");
    reader.openDataset(f, "f");
    reader.openDataset(l, "l");
    auto const backD = reader.read<double>(d, {0}, {count});
    auto const backF = reader.read<float>(f, {0}, {count});
    auto const backL = reader.read<long double>(l, {0}, {count});
    size_t mismatches = 0;
    for (size_t i = 0; i < count; ++i)
    {
        mismatches += !same(backD[i], doubles[i]) + !same(backF[i], floats[i]) +
                      !same(backL[i], longDoubles[i]);
    }
    REQUIRE(mismatches == 0);
}
