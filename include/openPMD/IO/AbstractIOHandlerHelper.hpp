#pragma once

#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/Access.hpp"
#include "openPMD/IO/Format.hpp"
#include "openPMD/config.hpp"

#include <memory>
#include <string>

#if openPMD_HAVE_MPI
#include <mpi.h>
#endif

namespace openPMD
{
/**
 * Creates the IO handler of a format through its BackendRegistry row.
 *
 * @param directory directory that file names are relative to
 * @param options   the Series options as inline JSON; the backend receives
 *                  its own section (e.g. the value of "json")
 * @throws error::WrongAPIUsage if the backend was not built in, or the
 *         format is GENERIC (resolve the extension first)
 * @throws error::BackendConfigSchema if `options` is not a JSON object
 */
std::unique_ptr<AbstractIOHandler> createIOHandler(std::string const& directory,
                                                   Access access, Format format,
                                                   std::string const& options = "{}");

#if openPMD_HAVE_MPI
/** The parallel variant: every rank of `comm` calls it. */
std::unique_ptr<AbstractIOHandler> createIOHandler(std::string const& directory,
                                                   Access access, Format format,
                                                   MPI_Comm comm,
                                                   std::string const& options = "{}");
#endif
} // namespace openPMD
