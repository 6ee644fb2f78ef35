// The openpmd-check program (docs/tools.md); the work is in CheckCommand.cpp.

#include "CheckCommand.hpp"

int main(int argc, char** argv)
{
    return openPMD::tools::checkCommand(std::vector<std::string>(argv + 1, argv + argc));
}
