#include "IO/BuiltinBackends.hpp"
#include "IO/HDF5/HDF5IOHandlerImpl.hpp"
#include "openPMD/Error.hpp"

#if openPMD_HAVE_MPI && defined(H5_HAVE_PARALLEL)
#include "IO/HDF5/ParallelHDF5IOHandlerImpl.hpp"
#endif

namespace openPMD
{
std::unique_ptr<AbstractIOHandler> createHDF5IOHandler(BackendArguments const& arguments)
{
    return std::make_unique<ImplIOHandler>(
        arguments.directory, arguments.access,
        std::make_unique<HDF5IOHandlerImpl>(arguments));
}

#if openPMD_HAVE_MPI
std::unique_ptr<AbstractIOHandler>
createParallelHDF5IOHandler(BackendArguments const& arguments, MPI_Comm comm)
{
#ifdef H5_HAVE_PARALLEL
    return std::make_unique<ImplIOHandler>(
        arguments.directory, arguments.access,
        std::make_unique<ParallelHDF5IOHandlerImpl>(arguments, comm));
#else
    (void)arguments;
    (void)comm;
    throw error::WrongAPIUsage(
        "MPI_HDF5: this build uses the serial flavour of HDF5; build against the "
        "parallel one (libhdf5-openmpi-dev) or create the Series without an MPI "
        "communicator");
#endif
}
#endif
} // namespace openPMD
