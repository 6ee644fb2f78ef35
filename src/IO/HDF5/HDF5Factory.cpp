#include "IO/BuiltinBackends.hpp"
#include "IO/HDF5/HDF5IOHandlerImpl.hpp"
#include "openPMD/Error.hpp"

namespace openPMD
{
std::unique_ptr<AbstractIOHandler> createHDF5IOHandler(BackendArguments const& arguments)
{
    return std::make_unique<ImplIOHandler>(
        arguments.directory, arguments.access,
        std::make_unique<HDF5IOHandlerImpl>(arguments));
}

#if openPMD_HAVE_MPI
std::unique_ptr<AbstractIOHandler> createParallelHDF5IOHandler(BackendArguments const&,
                                                               MPI_Comm)
{
    throw error::OperationUnsupportedInBackend(
        "MPI_HDF5",
        "parallel HDF5 output is not implemented yet; create the Series without an "
        "MPI communicator to use serial HDF5");
}
#endif
} // namespace openPMD
