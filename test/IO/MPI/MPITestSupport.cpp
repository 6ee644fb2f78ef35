#include "MPITestSupport.hpp"

#include <cstdlib>
#include <filesystem>

namespace mpi_test
{
int rank()
{
    int r = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

int size()
{
    int s = 1;
    MPI_Comm_size(MPI_COMM_WORLD, &s);
    return s;
}

SharedDirectory::SharedDirectory()
{
    std::string made;
    if (rank() == 0)
    {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "libopenpmd-mpi-XXXXXX").string();
        if (char* result = ::mkdtemp(pattern.data()))
        {
            made = result;
        }
    }
    int length = static_cast<int>(made.size());
    MPI_Bcast(&length, 1, MPI_INT, 0, MPI_COMM_WORLD);
    made.resize(static_cast<size_t>(length));
    MPI_Bcast(made.data(), length, MPI_CHAR, 0, MPI_COMM_WORLD);
    m_path = made;
}

SharedDirectory::~SharedDirectory()
{
    MPI_Barrier(MPI_COMM_WORLD);
    if (rank() == 0 && !m_path.empty())
    {
        std::error_code ignored;
        std::filesystem::remove_all(m_path, ignored);
    }
}

Session::Session(std::string const& directory, Access access, Format format,
                 MPI_Comm comm, std::string const& options)
    : m_handler(comm == MPI_COMM_NULL
                    ? createIOHandler(directory, access, format, options)
                    : createIOHandler(directory, access, format, comm, options))
{
}

void Session::flush(std::string const& config)
{
    FlushParams params;
    params.flushLevel = FlushLevel::UserFlush;
    params.backendConfig = config;
    m_handler->flush(params).get();
}

Writable& Session::node(Writable* parent)
{
    m_nodes.push_back(std::make_unique<Writable>());
    m_nodes.back()->parent = parent;
    return *m_nodes.back();
}

double valueAt(int salt, size_t flatIndex)
{
    return salt * 100000.0 + static_cast<double>(flatIndex) + 0.25;
}

std::shared_ptr<double> block(int salt, Extent const& global, Offset const& offset,
                              Extent const& extent)
{
    size_t count = 1;
    for (auto n : extent)
    {
        count *= n;
    }
    std::shared_ptr<double> data(new double[count > 0 ? count : 1],
                                 std::default_delete<double[]>());
    std::vector<uint64_t> index(extent.size(), 0);
    for (size_t i = 0; i < count; ++i)
    {
        // index -> flat index in the global dataset
        size_t flat = 0;
        for (size_t d = 0; d < extent.size(); ++d)
        {
            flat = flat * global[d] + offset[d] + index[d];
        }
        data.get()[i] = valueAt(salt, flat);
        for (size_t d = extent.size(); d-- > 0;)
        {
            if (++index[d] < extent[d])
            {
                break;
            }
            index[d] = 0;
        }
    }
    return data;
}

Share particleShare(int r, int ranks)
{
    Share share;
    for (int k = 0; k <= r; ++k)
    {
        share.offset += share.count;
        share.count = k == ranks - 1 ? 0 : 7 + 3 * static_cast<uint64_t>(k);
    }
    return share;
}

uint64_t particleTotal(int ranks)
{
    Share const last = particleShare(ranks - 1, ranks);
    return last.offset + last.count;
}

uint64_t coveredElements(ChunkTable const& chunks)
{
    uint64_t total = 0;
    for (auto const& chunk : chunks)
    {
        uint64_t volume = 1;
        for (auto n : chunk.extent)
        {
            volume *= n;
        }
        total += volume;
    }
    return total;
}
} // namespace mpi_test
