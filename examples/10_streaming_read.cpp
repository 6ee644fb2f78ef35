// Streaming-style reading with Access::READ_LINEAR: readIterations() opens
// one iteration after the other; the series of 10_streaming_write.
//
// Usage: 10_streaming_read [directory] [extension]   (default: . json)

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <string>

using namespace openPMD;

int main(int argc, char* argv[])
{
    std::string const dir = argc > 1 ? argv[1] : ".";
    std::string const ext = argc > 2 ? argv[2] : "json";

    Series series(dir + "/stream_%03T." + ext, Access::READ_LINEAR);
    int failures = 0;
    uint64_t count = 0;
    for (IndexedIteration iteration : series.readIterations())
    {
        auto x = iteration.particles["e"]["position"]["x"];
        auto values = x.loadChunk<float>();
        auto offsets = iteration.particles["e"]["positionOffset"]["x"].loadChunk<float>();
        iteration.close(); // a flush point: values is filled now
        uint64_t const step = iteration.iterationIndex / 10;
        for (size_t i = 0; i < 4; ++i)
        {
            failures += values.get()[i] != static_cast<float>(step * 100 + i);
            failures += offsets.get()[i] != static_cast<float>(step);
        }
        std::cout << "iteration " << iteration.iterationIndex << ": first value "
                  << values.get()[0] << '\n';
        ++count;
    }
    series.close();
    if (failures != 0 || count != 5)
    {
        std::cerr << "read " << count << " iterations, " << failures
                  << " values differ\n";
        return 1;
    }
    return 0;
}
