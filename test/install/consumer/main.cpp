// A user's program built against an installed libopenPMD. It checks that the
// installed headers and the installed library belong together.
#include <openPMD/openPMD.hpp>

#include <iostream>
#include <sstream>

int main()
{
    std::ostringstream headerVersion;
    headerVersion << OPENPMDAPI_VERSION_MAJOR << '.' << OPENPMDAPI_VERSION_MINOR << '.'
                  << OPENPMDAPI_VERSION_PATCH;
    std::cout << "libopenPMD " << openPMD::getVersion() << " (openPMD standard "
              << openPMD::getStandard() << ")\n";
    int failures = 0;
    if (openPMD::getVersion() != headerVersion.str())
    {
        std::cerr << "library version " << openPMD::getVersion()
                  << " differs from header version " << headerVersion.str() << '\n';
        ++failures;
    }

    auto const variants = openPMD::getVariants();
    for (auto const& [name, enabled] : variants)
    {
        std::cout << "  " << name << ": " << (enabled ? "yes" : "no") << '\n';
    }
    if (variants.at("mpi") != (openPMD_HAVE_MPI == 1) ||
        variants.at("hdf5") != (openPMD_HAVE_HDF5 == 1))
    {
        std::cerr << "variants of the library differ from the installed config.hpp\n";
        ++failures;
    }
    if (openPMD::determineFormat("data.json") != openPMD::Format::JSON)
    {
        std::cerr << "determineFormat(\"data.json\") is not JSON\n";
        ++failures;
    }
    return failures == 0 ? 0 : 1;
}
