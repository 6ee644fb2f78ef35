// The memory backend as a run-time plugin: libopenPMD_plugin_memory.so.
// An unchanged program gets it with
//   OPENPMD_PLUGIN_PATH=<dir of the .so> OPENPMD_PLUGINS=memory
// and stores into memory with OPENPMD_BACKEND=memory (docs/plugins.md).

#include "MemoryBackend.hpp"

#include <openPMD/IO/BackendPlugin.hpp>

namespace
{
void registerBackends()
{
    memory_backend::registerMemoryBackend();
}
} // namespace

OPENPMD_BACKEND_PLUGIN("memory", registerBackends);
