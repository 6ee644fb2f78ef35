// libFuzzer target, built twice: the input is a whole series file (JSON for
// fuzz_json_reader, HDF5 for fuzz_hdf5_reader, by SERIES_FILE_NAME), read
// completely through the public API as a group-based series. Only
// openPMD::Error may come out.

#include "../badinput/SeriesWalker.hpp"
#include "FuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace openPMD;
    std::string const path = fuzz::writeScratchFile(SERIES_FILE_NAME, data, size);
    fuzz::expectOnlyOpenPMDErrors(
        [&]
        {
            badinput::SeriesWalker walker([](Error const&) {});
            walker.walk(path);
        });
    return 0;
}
