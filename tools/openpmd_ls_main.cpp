// The openpmd-ls program (docs/tools.md); the work is in LsCommand.cpp.

#include "LsCommand.hpp"

int main(int argc, char** argv)
{
    return openPMD::tools::lsCommand(std::vector<std::string>(argv + 1, argv + argc));
}
