// The MPI-parallel Series: the constructor and what it needs beyond the
// serial one. The rule that keeps the ranks in step (docs/parallel-io.md,
// "The frontend"): every metadata task comes from a call every rank makes
// (collective calls), so every rank queues the same metadata tasks in the
// same order; only storeChunk/loadChunk queue per-rank tasks.
#include "SeriesParallel.hpp"
#include "IO/EnvironmentSelection.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/Series.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace openPMD::internal
{
std::vector<std::string> directoryListing(SeriesData const& series)
{
    // One string: an error text, or the names each followed by a NUL.
    std::string listing;
    bool failed = false;
    if (auto const* row = BackendRegistry::find(series.m_format); row && row->listFiles)
    {
        // A backend that keeps its own files (e.g. in memory) lists them.
        try
        {
            for (auto const& name : row->listFiles(series.m_directory))
            {
                listing += name;
                listing += '\0';
            }
        }
        catch (std::exception const& e)
        {
            failed = true;
            listing = fmt::format("cannot list the directory '{}': {}",
                                  series.m_directory, e.what());
        }
    }
    else
    {
        std::error_code ec;
        std::filesystem::directory_iterator dir(series.m_directory, ec);
        if (ec)
        {
            failed = true;
            listing = fmt::format("cannot list the directory '{}': {}",
                                  series.m_directory, ec.message());
        }
        else
        {
            for (auto const& entry : dir)
            {
                listing += entry.path().filename().string();
                listing += '\0';
            }
        }
    }
#if openPMD_HAVE_MPI
    if (series.m_comm)
    {
        listing = parallel::broadcast(std::string(failed ? "E" : "L") + listing,
                                      *series.m_comm);
        failed = listing.front() == 'E';
        listing.erase(0, 1);
    }
#endif
    if (failed)
    {
        throw error::ReadError(error::AffectedObject::File, error::Reason::Inaccessible,
                               series.m_handler ? series.m_handler->backendName()
                                                : std::string("unknown"),
                               listing);
    }
    std::vector<std::string> names;
    for (size_t start = 0, end; (end = listing.find('\0', start)) != std::string::npos;
         start = end + 1)
    {
        names.push_back(listing.substr(start, end - start));
    }
    return names;
}
} // namespace openPMD::internal

#if openPMD_HAVE_MPI

namespace openPMD
{
namespace internal::parallel
{
std::shared_ptr<MPI_Comm const> duplicate(MPI_Comm comm)
{
    auto* own = new MPI_Comm(MPI_COMM_NULL);
    if (MPI_Comm_dup(comm, own) != MPI_SUCCESS)
    {
        delete own;
        throw error::WrongAPIUsage("Series: MPI_Comm_dup failed on the communicator "
                                   "given to the parallel Series");
    }
    return std::shared_ptr<MPI_Comm const>(own,
                                           [](MPI_Comm const* c)
                                           {
                                               int finalized = 0;
                                               MPI_Finalized(&finalized);
                                               if (!finalized)
                                               {
                                                   auto copy = *c;
                                                   MPI_Comm_free(&copy);
                                               }
                                               delete c;
                                           });
}

int rank(MPI_Comm comm)
{
    int r = 0;
    MPI_Comm_rank(comm, &r);
    return r;
}

std::string broadcast(std::string value, MPI_Comm comm)
{
    unsigned long long length = value.size();
    MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, 0, comm);
    value.resize(length);
    MPI_Bcast(value.data(), static_cast<int>(length), MPI_CHAR, 0, comm);
    return value;
}

std::vector<std::string> allgather(std::string const& value, MPI_Comm comm)
{
    int ranks = 1;
    MPI_Comm_size(comm, &ranks);
    int const length = static_cast<int>(value.size());
    std::vector<int> lengths(static_cast<size_t>(ranks));
    MPI_Allgather(&length, 1, MPI_INT, lengths.data(), 1, MPI_INT, comm);
    std::vector<int> displacements(static_cast<size_t>(ranks), 0);
    int total = 0;
    for (size_t r = 0; r < lengths.size(); ++r)
    {
        displacements[r] = total;
        total += lengths[r];
    }
    std::string all(static_cast<size_t>(total), '\0');
    MPI_Allgatherv(value.data(), length, MPI_CHAR, all.data(), lengths.data(),
                   displacements.data(), MPI_CHAR, comm);
    std::vector<std::string> result;
    result.reserve(lengths.size());
    for (size_t r = 0; r < lengths.size(); ++r)
    {
        result.push_back(all.substr(static_cast<size_t>(displacements[r]),
                                    static_cast<size_t>(lengths[r])));
    }
    return result;
}

std::string processorName()
{
    char name[MPI_MAX_PROCESSOR_NAME] = {};
    int length = 0;
    if (MPI_Get_processor_name(name, &length) != MPI_SUCCESS)
    {
        return "unknown";
    }
    return std::string(name, static_cast<size_t>(length));
}
} // namespace internal::parallel

namespace
{
/**
 * What differs between the ranks after the serial set-up and must not: the
 * "date" attribute (clocks tick between ranks) comes from rank 0; the rank
 * table row follows the rank_table method.
 */
void alignRanks(internal::SeriesData& s, std::string const& options)
{
    MPI_Comm const comm = *s.m_comm;
    if (auto it = s.m_attributes.find("date"); it != s.m_attributes.end() &&
                                               it->second.dtype == Datatype::STRING &&
                                               access::write(s.m_access))
    {
        s.setAttributeInternal(
            "date", internal::parallel::broadcast(it->second.get<std::string>(), comm));
    }
    if (s.m_rankTableToWrite)
    {
        auto const config =
            internal::optionsWithEnvironment(auxiliary::parseOptions(options));
        if (config.value("rank_table", "") == "mpi_processor_name")
        {
            s.m_rankTableToWrite = internal::parallel::processorName();
        }
    }
}

/**
 * Read modes: every iteration is parsed now, while every rank is here,
 * because MPI_HDF5 reads metadata collectively; a lazy read that one rank
 * triggers alone would wait for the others forever. The rank table is read
 * for the same reason. defer_iteration_parsing leaves the iterations to
 * Iteration::open(), which every rank must then call.
 */
void parseEagerly(internal::SeriesData& s)
{
    if (!access::read(s.m_access) || s.m_access == Access::READ_LINEAR)
    {
        return;
    }
    if (!s.m_deferParsing)
    {
        for (auto& entry : s.m_iterations->m_container)
        {
            internal::getData(entry.second).ensureLoaded();
        }
    }
    if (s.m_encoding != IterationEncoding::fileBased && !s.m_rankTable)
    {
        s.m_rankTable = s.readRankTable();
    }
}
} // namespace

Series::Series(std::string const& filepath, Access access, MPI_Comm comm,
               std::string const& options)
    : Attributable(std::make_shared<internal::SeriesData>()),
      iterations(series().m_iterations)
{
    auto& s = series();
    if (comm == MPI_COMM_NULL)
    {
        throw error::WrongAPIUsage(
            fmt::format("Series '{}': the communicator is MPI_COMM_NULL", filepath));
    }
    s.m_comm = internal::parallel::duplicate(comm);
    init(filepath, access, options);
    try
    {
        alignRanks(s, options);
        parseEagerly(s);
    }
    catch (...)
    {
        s.m_handler.reset();
        s.m_closed = true;
        throw;
    }
}
} // namespace openPMD
#endif
