// The span API: storeChunk<T>(offset, extent) returns a DynamicMemoryView
// whose buffer the program fills in place before the next flush point, so
// the data need not exist in a separate buffer first. Then read back.
//
// Usage: 12_span_write [extension] [output directory]   (default: json .)

#include <openPMD/openPMD.hpp>

#include <iostream>
#include <string>

using namespace openPMD;

namespace
{
constexpr size_t rows = 3;
constexpr size_t cols = 4;
constexpr int numIterations = 3;

double valueAt(int iteration, size_t k)
{
    return 1000.0 * iteration + static_cast<double>(k);
}

void write(std::string const& path)
{
    Series series(path, Access::CREATE);
    for (int i = 0; i < numIterations; ++i)
    {
        Iteration it = series.writeIterations()[i];
        for (char const* axis : {"x", "y"})
        {
            MeshRecordComponent component = it.meshes["E"][axis];
            component.resetDataset(Dataset(Datatype::DOUBLE, {rows, cols}));
            // Two row blocks, each filled through its own view.
            for (size_t row : {size_t(0), size_t(2)})
            {
                size_t const height = row == 0 ? 2 : 1;
                DynamicMemoryView<double> view =
                    component.storeChunk<double>({row, 0}, {height, cols});
                auto span = view.currentBuffer(); // valid until the next flush point
                for (size_t k = 0; k < span.size(); ++k)
                {
                    span[k] = valueAt(i, row * cols + k);
                }
            }
        }
        it.close();
    }
    series.close();
}

int check(std::string const& path)
{
    Series series(path, Access::READ_ONLY);
    int failures = 0;
    for (int i = 0; i < numIterations; ++i)
    {
        Iteration it = series.iterations[i];
        auto x = it.meshes["E"]["x"].loadChunk<double>();
        auto y = it.meshes["E"]["y"].loadChunk<double>();
        it.seriesFlush();
        for (size_t k = 0; k < rows * cols; ++k)
        {
            failures += x.get()[k] != valueAt(i, k) || y.get()[k] != valueAt(i, k);
        }
    }
    return failures;
}
} // namespace

int main(int argc, char* argv[])
{
    std::string const ext = argc > 1 ? argv[1] : "json";
    std::string const dir = argc > 2 ? argv[2] : ".";
    std::string const path = dir + "/span_write." + ext;
    write(path);
    int const failures = check(path);
    if (failures != 0)
    {
        std::cerr << failures << " values read back from " << path << " differ\n";
        return 1;
    }
    std::cout << "Wrote " << numIterations << " iterations through spans to " << path
              << " and read them back: all values as written\n";
    return 0;
}
