// TEMPORARY: the JSON backend is being written; until then creating it throws.
#include "IO/BuiltinBackends.hpp"
#include "openPMD/Error.hpp"

namespace openPMD
{
std::unique_ptr<AbstractIOHandler> createJSONIOHandler(BackendArguments const&)
{
    throw error::OperationUnsupportedInBackend("JSON", "not implemented yet");
}
#if openPMD_HAVE_MPI
std::unique_ptr<AbstractIOHandler>
createParallelJSONIOHandler(BackendArguments const&, MPI_Comm)
{
    throw error::OperationUnsupportedInBackend("JSON", "not implemented yet");
}
#endif
} // namespace openPMD
