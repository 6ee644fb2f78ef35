// The recovery index of group-based HDF5 files (HDF5RecoveryIndex.hpp): a
// kill inside H5Fflush can leave /data's name heap pointing at a block that
// was never written, so /data cannot be listed. These tests damage that heap
// on purpose and require that every iteration written before is still served,
// and that without an index the reader fails with a typed error.
#include "HDF5TestSupport.hpp"

#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

using namespace hdf5_test;
using openPMD::Series;

namespace
{
constexpr std::uint64_t iterationCount = 40;

void writeIterations(std::string const& file, std::uint64_t count)
{
    Series series(file, Access::CREATE);
    for (std::uint64_t index = 0; index < count; ++index)
    {
        auto iteration = series.iterations[index];
        std::vector<double> values{double(index), double(index) + 0.5};
        auto x = iteration.meshes["E"]["x"];
        x.resetDataset(Dataset(Datatype::DOUBLE, {2}));
        x.storeChunk(values, {0}, {2});
        iteration.close();
    }
    series.close();
}

std::vector<char> readBytes(std::string const& file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/**
 * Points the data segment of the biggest local heap (the one holding the
 * names of /data's members) past the end of the file, as a flush that was
 * killed after writing the heap's header but before its moved data segment.
 */
void damageBiggestNameHeap(std::string const& file)
{
    auto bytes = readBytes(file);
    // Local heap header (HDF5 format spec, version 0): "HEAP", version,
    // 3 reserved bytes, data segment size (8), free list offset (8), data
    // segment address (8).
    std::size_t biggest = 0;
    std::uint64_t biggestSize = 0;
    for (std::size_t at = 0; at + 32 <= bytes.size(); ++at)
    {
        if (std::memcmp(&bytes[at], "HEAP", 4) != 0 || bytes[at + 4] != 0)
        {
            continue;
        }
        std::uint64_t size = 0;
        std::memcpy(&size, &bytes[at + 8], 8);
        if (size > biggestSize)
        {
            biggestSize = size;
            biggest = at;
        }
    }
    REQUIRE(biggestSize > 0);
    std::uint64_t const beyond = bytes.size() * 2;
    std::memcpy(&bytes[biggest + 24], &beyond, 8);
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void requireAllIterations(std::string const& file, std::uint64_t count)
{
    Series series(file, Access::READ_ONLY);
    REQUIRE(series.iterations.size() == count);
    for (std::uint64_t index = 0; index < count; ++index)
    {
        auto x = series.iterations[index].meshes["E"]["x"];
        auto values = x.loadChunk<double>();
        series.flush();
        CHECK(values.get()[0] == double(index));
        CHECK(values.get()[1] == double(index) + 0.5);
    }
}
} // namespace

TEST_CASE("a group-based HDF5 file keeps a recovery index of its iterations",
          "[hdf5][recovery]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("series.h5");
    writeIterations(file, iterationCount);
    std::ifstream index(file + ".recovery");
    REQUIRE(index);
    std::string line;
    std::getline(index, line);
    CHECK(line == "libopenPMD HDF5 recovery index 1");
    std::size_t entries = 0;
    while (std::getline(index, line))
    {
        CHECK(line.find(" /data/") != std::string::npos);
        ++entries;
    }
    CHECK(entries == iterationCount);
}

TEST_CASE("file-based HDF5 files keep no recovery index", "[hdf5][recovery]")
{
    ScratchDirectory scratch;
    writeIterations(scratch.file("series_%T.h5"), 3);
    for (auto const& entry : std::filesystem::directory_iterator(scratch.path()))
    {
        CHECK(entry.path().extension() == ".h5");
    }
}

TEST_CASE("a damaged listing of /data is served from the recovery index",
          "[hdf5][recovery]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("series.h5");
    writeIterations(file, iterationCount);
    damageBiggestNameHeap(file);
    StderrCapture warnings;
    requireAllIterations(file, iterationCount);
    std::string const text = warnings.text();
    CHECK(text.find("cannot list the members of '/data'") != std::string::npos);
    CHECK(text.find("recorded as completely written") != std::string::npos);
}

TEST_CASE("without a recovery index a damaged listing is a ReadError naming it",
          "[hdf5][recovery]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("series.h5");
    writeIterations(file, iterationCount);
    damageBiggestNameHeap(file);
    std::filesystem::remove(file + ".recovery");
    try
    {
        Series series(file, Access::READ_ONLY);
        FAIL("a damaged /data was read");
    }
    catch (error::ReadError const& e)
    {
        std::string const message = e.what();
        CHECK(message.find(file) != std::string::npos);
        CHECK(message.find("'/data'") != std::string::npos);
    }
}

TEST_CASE("a torn last line of the recovery index is skipped", "[hdf5][recovery]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("series.h5");
    writeIterations(file, iterationCount);
    // The writer was killed in the middle of the last entry.
    auto index = readBytes(file + ".recovery");
    index.resize(index.size() - 3);
    std::ofstream(file + ".recovery", std::ios::binary | std::ios::trunc)
        .write(index.data(), static_cast<std::streamsize>(index.size()));
    damageBiggestNameHeap(file);
    StderrCapture warnings;
    Series series(file, Access::READ_ONLY);
    CHECK(series.iterations.size() == iterationCount - 1);
    CHECK(series.iterations.count(iterationCount - 1) == 0);
}

TEST_CASE("creating a file anew drops the recovery index of the old one",
          "[hdf5][recovery]")
{
    ScratchDirectory scratch;
    std::string const file = scratch.file("series.h5");
    writeIterations(file, iterationCount);
    writeIterations(file, 1);
    CHECK_FALSE(std::filesystem::exists(file + ".recovery"));
    requireAllIterations(file, 1);
}
