// libFuzzer target: the input is an options string (JSON or TOML). It is
// parsed, then used as a Series' options and as a dataset's options of a
// small series written to a scratch file (JSON or HDF5, by the first byte's
// lowest bit). Only openPMD::Error may come out.
//
// Strings that start with '@' name a file to read the options from; they
// are skipped, since what they exercise is the file system, not the parser.

#include "FuzzSupport.hpp"

#include "auxiliary/JSONOptions.hpp"

#include <openPMD/openPMD.hpp>

#include <memory>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    using namespace openPMD;
    std::string const options(reinterpret_cast<char const*>(data), size);
    auto const first = options.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && options[first] == '@')
    {
        return 0;
    }
    fuzz::expectOnlyOpenPMDErrors(
        [&]
        {
            auto const parsed = auxiliary::parseOptions(options);
            fuzz::require(parsed.is_object(), "parsed options are an object");
        });
    bool const hdf5 = size > 0 && (data[0] & 1u) != 0;
    std::string const path =
        fuzz::scratchDirectory() + (hdf5 ? "/options.h5" : "/options.json");
    fuzz::expectOnlyOpenPMDErrors(
        [&]
        {
            Series series(path, Access::CREATE, options);
            auto component = series.iterations[0].meshes["rho"];
            Dataset dataset(Datatype::INT, {4});
            dataset.options = options;
            component.resetDataset(dataset);
            std::shared_ptr<int[]> values(new int[4]{1, 2, 3, 4});
            component.storeChunk(values, {0}, {4});
            series.close();
        });
    return 0;
}
