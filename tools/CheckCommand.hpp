#pragma once

#include <string>
#include <vector>

namespace openPMD::tools
{
/**
 * openpmd-check with these arguments (without the program name): prints to
 * std::cout and std::cerr, returns the exit status (ToolExit.hpp).
 */
int checkCommand(std::vector<std::string> const& arguments);
} // namespace openPMD::tools
