#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

using namespace openPMD;

TEST_CASE("determineFormat maps extensions to backends", "[format]")
{
    CHECK(determineFormat("data.json") == Format::JSON);
    CHECK(determineFormat("data.h5") == Format::HDF5);
    CHECK(determineFormat("data_%T.%E") == Format::GENERIC);
    CHECK(determineFormat("data") == Format::DUMMY);
}
