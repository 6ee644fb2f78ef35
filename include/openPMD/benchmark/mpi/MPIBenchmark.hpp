#pragma once

#include "openPMD/config.hpp"
#if openPMD_HAVE_MPI

#include "openPMD/Datatype.hpp"
#include "openPMD/Series.hpp"
#include "openPMD/benchmark/mpi/BlockSlicer.hpp"
#include "openPMD/benchmark/mpi/DatasetFiller.hpp"
#include "openPMD/benchmark/mpi/MPIBenchmarkReport.hpp"

#include <mpi.h>

#include <algorithm>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

namespace openPMD
{
/**
 * Times writing and then reading one dataset per iteration, in parallel,
 * for several configurations (options string, file extension, number of
 * ranks, datatype, iterations). The dataset of `totalExtent` is divided
 * among the ranks by a BlockSlicer; its content comes from the
 * DatasetFillerProvider (e.g. SimpleDatasetFillerProvider), which is asked
 * for a DatasetFiller<T> of each configured datatype.
 *
 * Each configuration writes the Series `<basePath>.<extension>` (mesh "id",
 * one iteration per repetition) and reads it back.
 */
template <typename DatasetFillerProvider>
class MPIBenchmark
{
public:
    using extentT = Extent::value_type;
    MPI_Comm communicator = MPI_COMM_WORLD;
    Extent totalExtent;
    std::shared_ptr<BlockSlicer> m_blockSlicer;
    DatasetFillerProvider m_dfp;

    MPIBenchmark(std::string basePath, Extent tExtent,
                 std::shared_ptr<BlockSlicer> blockSlicer, DatasetFillerProvider dfp,
                 MPI_Comm comm = MPI_COMM_WORLD)
        : communicator{comm}, totalExtent{std::move(tExtent)},
          m_blockSlicer{std::move(blockSlicer)}, m_dfp{std::move(dfp)},
          m_basePath{std::move(basePath)}
    {
        if (!m_blockSlicer)
        {
            throw std::runtime_error("MPIBenchmark: the block slicer must not be null");
        }
    }

    /** A configuration run by the first `threadSize` ranks (the others idle). */
    void addConfiguration(std::string jsonConfig, std::string backend, Datatype dt,
                          Series::IterationIndex_t iterations, int threadSize)
    {
        m_configurations.emplace_back(std::move(jsonConfig), std::move(backend),
                                      threadSize, dt, iterations);
    }

    /** A configuration run by every rank of the communicator. */
    void addConfiguration(std::string jsonConfig, std::string backend, Datatype dt,
                          Series::IterationIndex_t iterations)
    {
        int size = 1;
        MPI_Comm_size(communicator, &size);
        addConfiguration(std::move(jsonConfig), std::move(backend), dt, iterations, size);
    }

    void resetConfigurations() { m_configurations.clear(); }

    /**
     * Runs every configuration (collective). The report holds the durations
     * on `rootThread`; production of the data is not counted.
     */
    template <typename Clock>
    MPIBenchmarkReport<typename Clock::duration> runBenchmark(int rootThread = 0)
    {
        MPIBenchmarkReport<typename Clock::duration> report{communicator};
        std::set<Datatype> datatypes;
        for (auto const& configuration : m_configurations)
        {
            datatypes.insert(std::get<3>(configuration));
        }
        for (Datatype dt : datatypes)
        {
            switchDatasetType<Run<Clock>>(dt, *this, report, rootThread);
        }
        return report;
    }

private:
    std::string m_basePath;
    /** (options, extension, ranks, datatype, iterations). */
    std::vector<
        std::tuple<std::string, std::string, int, Datatype, Series::IterationIndex_t>>
        m_configurations;

    std::string seriesPath(std::string const& extension) const
    {
        return m_basePath + "." + extension;
    }

    template <typename Clock>
    struct Run
    {
        static constexpr char const* errorMsg = "MPIBenchmark";

        template <typename T>
        static void call(MPIBenchmark& benchmark,
                         MPIBenchmarkReport<typename Clock::duration>& report,
                         int rootThread)
        {
            Datatype const dt = determineDatatype<T>();
            auto filler = benchmark.m_dfp.template operator()<T>();
            for (auto const& [options, extension, threadSize, configured, iterations] :
                 benchmark.m_configurations)
            {
                if (configured != dt)
                {
                    continue;
                }
                int rank = 0;
                int size = 1;
                MPI_Comm_rank(benchmark.communicator, &rank);
                MPI_Comm_size(benchmark.communicator, &size);
                auto block = benchmark.m_blockSlicer->sliceBlock(
                    benchmark.totalExtent, std::min(threadSize, size), rank);
                extentT elements = 1;
                for (auto e : block.second)
                {
                    elements *= e;
                }
                filler->setNumberOfItems(elements);
                auto const write = benchmark.template timeWrite<Clock, T>(
                    options, extension, block, *filler, iterations);
                auto const read =
                    benchmark.template timeRead<Clock, T>(extension, block, iterations);
                report.addReport(rootThread, options, extension, threadSize, dt,
                                 iterations, std::make_pair(write, read));
            }
        }
    };

    static bool isEmpty(Extent const& extent)
    {
        return std::any_of(extent.begin(), extent.end(), [](auto e) { return e == 0; });
    }

    template <typename Clock, typename T>
    typename Clock::duration
    timeWrite(std::string const& options, std::string const& extension,
              std::pair<Offset, Extent> const& block, DatasetFiller<T>& filler,
              Series::IterationIndex_t iterations)
    {
        MPI_Barrier(communicator);
        auto const start = Clock::now();
        typename Clock::duration producing{};
        {
            Series series(seriesPath(extension), Access::CREATE, communicator, options);
            for (Series::IterationIndex_t i = 0; i < iterations; ++i)
            {
                // Producing the data is not part of writing it.
                auto const beforeProducing = Clock::now();
                std::shared_ptr<T> data = filler.produceData();
                producing += Clock::now() - beforeProducing;
                auto id = series.iterations[i].meshes["id"][MeshRecordComponent::SCALAR];
                id.resetDataset(Dataset(determineDatatype<T>(), totalExtent));
                if (!isEmpty(block.second))
                {
                    id.storeChunk(data, block.first, block.second);
                }
                series.flush();
            }
            series.close();
        }
        MPI_Barrier(communicator);
        return Clock::now() - start - producing;
    }

    template <typename Clock, typename T>
    typename Clock::duration timeRead(std::string const& extension,
                                      std::pair<Offset, Extent> const& block,
                                      Series::IterationIndex_t iterations)
    {
        MPI_Barrier(communicator);
        auto const start = Clock::now();
        {
            Series series(seriesPath(extension), Access::READ_ONLY, communicator);
            for (Series::IterationIndex_t i = 0; i < iterations; ++i)
            {
                auto id = series.iterations[i].meshes["id"][MeshRecordComponent::SCALAR];
                std::shared_ptr<T> chunk;
                if (!isEmpty(block.second))
                {
                    chunk = id.template loadChunk<T>(block.first, block.second);
                }
                series.flush();
            }
            series.close();
        }
        MPI_Barrier(communicator);
        return Clock::now() - start;
    }
};
} // namespace openPMD
#endif
