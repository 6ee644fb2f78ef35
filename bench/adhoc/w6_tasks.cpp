// Ad-hoc W6 measurement through the IO framework: 1e6 doubles in C chunks, one flush.
#include <chrono>
#include <cstdio>
#include <memory>
#include <openPMD/openPMD.hpp>
#include <vector>
using namespace openPMD;
int main(int argc, char** argv)
{
    std::string ext = argc > 1 ? argv[1] : ".json";
    for (std::uint64_t chunks : {1ull, 100ull, 10000ull})
    {
        std::uint64_t const n = 1000000;
        auto data = std::shared_ptr<double[]>(new double[n]);
        for (std::uint64_t i = 0; i < n; ++i)
            data[i] = 0.5 * double(i);
        auto handler =
            createIOHandler("/dev/shm/w6", Access::CREATE, determineFormat("x" + ext));
        Writable root, ds;
        ds.parent = &root;
        handler->enqueue(IOTask(&root, Parameter<Operation::CREATE_FILE>{"w6" + ext}));
        Parameter<Operation::CREATE_DATASET> c;
        c.name = "data";
        c.extent = {n};
        c.dtype = Datatype::DOUBLE;
        handler->enqueue(IOTask(&ds, c));
        handler->flush();
        auto t0 = std::chrono::steady_clock::now();
        std::uint64_t const per = n / chunks;
        for (std::uint64_t k = 0; k < chunks; ++k)
        {
            Parameter<Operation::WRITE_DATASET> w;
            w.offset = {k * per};
            w.extent = {per};
            w.dtype = Datatype::DOUBLE;
            w.data = std::shared_ptr<void const>(data, data.get() + k * per);
            handler->enqueue(IOTask(&ds, std::move(w)));
        }
        handler->flush(FlushParams{FlushLevel::UserFlush});
        double s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("backend=%s chunks=%llu flush_seconds=%.3f\n", ext.c_str(),
                    (unsigned long long)chunks, s);
    }
}
