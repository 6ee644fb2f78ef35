#pragma once

#include <string>
#include <vector>

namespace openPMD::tools
{
/**
 * openpmd-ls with these arguments (without the program name): prints to
 * std::cout and std::cerr, returns the exit status (ToolExit.hpp).
 */
int lsCommand(std::vector<std::string> const& arguments);
} // namespace openPMD::tools
