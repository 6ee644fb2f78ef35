// Streaming-style writing: writeIterations() opens one iteration after the
// other and closes the previous one, here into one file per iteration.
//
// Usage: 10_streaming_write [output directory] [extension]   (default: . json)

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <memory>
#include <string>

using namespace openPMD;

int main(int argc, char* argv[])
{
    std::string const dir = argc > 1 ? argv[1] : ".";
    std::string const ext = argc > 2 ? argv[2] : "json";

    Series series(dir + "/stream_%03T." + ext, Access::CREATE);
    Extent const extent = {4};
    for (uint64_t step = 0; step < 5; ++step)
    {
        Iteration iteration = series.writeIterations()[step * 10];
        iteration.setTime(static_cast<double>(step));
        std::shared_ptr<float> values(new float[4], [](float const* p) { delete[] p; });
        for (size_t i = 0; i < 4; ++i)
        {
            values.get()[i] = static_cast<float>(step * 100 + i);
        }
        Record positions = iteration.particles["e"]["position"];
        positions["x"].resetDataset(Dataset(determineDatatype<float>(), extent));
        positions["x"].storeChunk(values, {0}, extent);
        // positionOffset, which openPMD requires beside position: constant.
        Record offsets = iteration.particles["e"]["positionOffset"];
        offsets["x"].resetDataset(Dataset(determineDatatype<float>(), extent));
        offsets["x"].makeConstant(static_cast<float>(step));
        iteration.close(); // this iteration's file is complete now
        std::cout << "wrote iteration " << step * 10 << '\n';
    }
    series.close();
    return 0;
}
