// Ad-hoc: 3 x 256^3 doubles through the frontend to .h5 on /dev/shm,
// default layout (contiguous) vs chunks "auto", alternating.
#include <chrono>
#include <cstdio>
#include <openPMD/openPMD.hpp>
#include <vector>
using namespace openPMD;
using Clock = std::chrono::steady_clock;
static double since(Clock::time_point t)
{
    return std::chrono::duration<double>(Clock::now() - t).count();
}
int main()
{
    std::uint64_t const n = 256;
    std::vector<double> data(n * n * n);
    for (size_t i = 0; i < data.size(); ++i)
        data[i] = double(i % 1000) * 0.5;
    for (int rep = 0; rep < 3; ++rep)
        for (std::string chunks : {"none", "auto"})
        {
            std::string const file = "/dev/shm/chk_" + chunks + ".h5";
            std::string const opts =
                R"({"hdf5": {"dataset": {"chunks": ")" + chunks + R"("}}})";
            auto t0 = Clock::now();
            {
                Series s(file, Access::CREATE, opts);
                auto E = s.iterations[0].meshes["E"];
                for (auto c : {"x", "y", "z"})
                {
                    E[c].resetDataset(Dataset(Datatype::DOUBLE, {n, n, n}));
                    E[c].storeChunk(data, {0, 0, 0}, {n, n, n});
                }
                s.close();
            }
            double w = since(t0);
            t0 = Clock::now();
            {
                Series s(file, Access::READ_ONLY);
                auto E = s.iterations[0].meshes["E"];
                std::vector<std::shared_ptr<double>> out;
                for (auto c : {"x", "y", "z"})
                    out.push_back(E[c].loadChunk<double>());
                s.close();
                if (out[2].get()[12345] != data[12345])
                    return 1;
            }
            double r = since(t0);
            std::printf("chunks=%s write_s=%.3f read_s=%.3f\n", chunks.c_str(), w, r);
        }
}
