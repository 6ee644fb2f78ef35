// libFuzzer target: the input is a whole HDF5 file; it is read completely
// through the public API as a group-based series. Only openPMD::Error may
// come out.

#include "../badinput/SeriesWalker.hpp"
#include "FuzzSupport.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace openPMD;
    std::string const path = fuzz::writeScratchFile("series.h5", data, size);
    fuzz::expectOnlyOpenPMDErrors(
        [&]
        {
            badinput::SeriesWalker walker([](Error const&) {});
            walker.walk(path);
        });
    return 0;
}
