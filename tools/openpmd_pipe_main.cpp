// The openpmd-pipe program (docs/tools.md); the work is in PipeCommand.cpp.

#include "PipeCommand.hpp"

int main(int argc, char** argv)
{
    return openPMD::tools::pipeCommand(std::vector<std::string>(argv + 1, argv + argc));
}
