// W7 baseline: W1 and W2 with MPI-IO, each rank one hyperslab (a slab of
// planes along the first axis, or a range of particles), collective transfers.
#include "H5Baseline.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace bench::h5
{
#ifdef H5_HAVE_PARALLEL
namespace
{
struct Slab
{
    hsize_t first = 0;
    hsize_t count = 0;
};

Slab slabOf(hsize_t total, int rank, int ranks)
{
    hsize_t const base = total / hsize_t(ranks);
    hsize_t const rest = total % hsize_t(ranks);
    hsize_t const r = hsize_t(rank);
    return Slab{r * base + std::min(r, rest), base + (r < rest ? 1 : 0)};
}

void printCollective(std::string const& phase, PhaseResult result,
                     std::string const& extra)
{
    double local[3] = {result.seconds, result.peakRssMiB, result.cpuSeconds};
    double global[3] = {0, 0, 0};
    MPI_Reduce(local, global, 3, MPI_DOUBLE, MPI_MAX, 0, MPI_COMM_WORLD);
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank == 0)
    {
        result.seconds = global[0];
        result.peakRssMiB = global[1];
        result.cpuSeconds = global[2];
        printPhase("W7", "h5raw", phase, result, extra);
    }
}

/** One phase's datasets: global dims, this rank's hyperslab, streams. */
struct SlabJob
{
    std::string phase;
    std::string file;
    std::vector<std::string> paths;
    std::uint64_t streamBase;
    std::vector<hsize_t> dims;
    std::vector<hsize_t> offset;
    std::vector<hsize_t> extent;
    std::uint64_t first; // global index of the slab's first element
    std::uint64_t count; // elements of the slab
};

/** Collective transfers: `transfer` list; file access through MPI-IO. */
struct MpiLists
{
    Id access{H5Pcreate(H5P_FILE_ACCESS), "file access list"};
    Id transfer{H5Pcreate(H5P_DATASET_XFER), "transfer list"};
    MpiLists()
    {
        check(H5Pset_fapl_mpio(access.get(), MPI_COMM_WORLD, MPI_INFO_NULL),
              "MPI-IO driver");
        check(H5Pset_dxpl_mpio(transfer.get(), H5FD_MPIO_COLLECTIVE),
              "collective transfer");
    }
};

/** Writes (`data` const) or reads each dataset's hyperslab of this rank. */
void transferSlabs(hid_t file, SlabJob const& job,
                   std::vector<std::unique_ptr<double[]>>& data, hid_t transfer,
                   bool write)
{
    int const rank = int(job.dims.size());
    Id memory(H5Screate_simple(rank, job.extent.data(), nullptr), "memory space");
    for (std::size_t c = 0; c < job.paths.size(); ++c)
    {
        std::string const& path = job.paths[c];
        hid_t dataset = -1;
        if (write)
        {
            Id space(H5Screate_simple(rank, job.dims.data(), nullptr),
                     "space of " + path);
            dataset = check(H5Dcreate2(file, path.c_str(), H5T_NATIVE_DOUBLE, space.get(),
                                       intermediateGroups(), H5P_DEFAULT, H5P_DEFAULT),
                            "create " + path);
        }
        else
        {
            dataset = check(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "open " + path);
        }
        Id ds(dataset, path);
        Id fileSpace(H5Dget_space(ds.get()), "file space of " + path);
        check(H5Sselect_hyperslab(fileSpace.get(), H5S_SELECT_SET, job.offset.data(),
                                  nullptr, job.extent.data(), nullptr),
              "hyperslab of " + path);
        if (write)
        {
            check(H5Dwrite(ds.get(), H5T_NATIVE_DOUBLE, memory.get(), fileSpace.get(),
                           transfer, data[c].get()),
                  "write " + path);
        }
        else
        {
            check(H5Dread(ds.get(), H5T_NATIVE_DOUBLE, memory.get(), fileSpace.get(),
                          transfer, data[c].get()),
                  "read " + path);
        }
    }
}

std::uint64_t runSlabJob(SlabJob const& job, Knobs const& knobs, std::string const& extra)
{
    std::uint64_t totalBytes = sizeof(double) * job.paths.size();
    for (auto d : job.dims)
    {
        totalBytes *= d;
    }
    std::vector<std::unique_ptr<double[]>> data;
    for (std::size_t c = 0; c < job.paths.size(); ++c)
    {
        data.emplace_back(new double[job.count]);
        fill(data.back().get(), job.count, job.streamBase + c, job.first);
    }
    MpiLists lists;
    PhaseMeter meter;
    MPI_Barrier(MPI_COMM_WORLD);
    meter.start();
    {
        Id file(
            H5Fcreate(job.file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, lists.access.get()),
            "create " + job.file);
        transferSlabs(file.get(), job, data, lists.transfer.get(), true);
    }
    int rank = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (knobs.durable && rank == 0)
    {
        syncFile(job.file);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    printCollective(job.phase + "_write", meter.finish(totalBytes), extra);
    for (auto& buffer : data)
    {
        std::memset(buffer.get(), 0, job.count * sizeof(double));
    }
    MPI_Barrier(MPI_COMM_WORLD);
    meter.start();
    {
        Id file(H5Fopen(job.file.c_str(), H5F_ACC_RDONLY, lists.access.get()),
                "open " + job.file);
        transferSlabs(file.get(), job, data, lists.transfer.get(), false);
    }
    MPI_Barrier(MPI_COMM_WORLD);
    printCollective(job.phase + "_read", meter.finish(totalBytes), extra);
    std::uint64_t wrong = 0;
    for (std::size_t c = 0; c < job.paths.size(); ++c)
    {
        wrong += mismatches(data[c].get(), job.count, job.streamBase + c, job.first);
    }
    return wrong;
}
} // namespace

std::uint64_t runParallel(Knobs const& knobs)
{
    int rank = 0;
    int ranks = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    hsize_t const n = knobs.N;
    std::string const extra = "R=" + std::to_string(ranks);

    Slab const planes = slabOf(n, rank, ranks);
    std::string const mesh = "/data/0/meshes/E/";
    SlabJob meshJob{"mesh",
                    knobs.dir + "/w7_raw_mesh.h5",
                    {mesh + "x", mesh + "y", mesh + "z"},
                    0,
                    {n, n, n},
                    {planes.first, 0, 0},
                    {planes.count, n, n},
                    planes.first * n * n,
                    planes.count * n * n};
    std::uint64_t wrong = runSlabJob(meshJob, knobs, extra + " N=" + std::to_string(n));

    Slab const range = slabOf(knobs.P, rank, ranks);
    std::string const species = "/data/0/particles/electrons/";
    std::vector<std::string> paths;
    for (char const* record : {"position/", "momentum/"})
    {
        for (char const* axis : {"x", "y", "z"})
        {
            paths.push_back(species + record + axis);
        }
    }
    paths.push_back(species + "weighting");
    SlabJob particleJob{"particles",   knobs.dir + "/w7_raw_particles.h5",
                        paths,         10,
                        {knobs.P},     {range.first},
                        {range.count}, range.first,
                        range.count};
    wrong += runSlabJob(particleJob, knobs, extra + " P=" + std::to_string(knobs.P));

    std::uint64_t total = 0;
    MPI_Allreduce(&wrong, &total, 1, MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
    return total;
}
#else
std::uint64_t runParallel(Knobs const&)
{
    throw std::runtime_error("W7 needs the parallel (MPI) flavour of HDF5");
}
#endif
} // namespace bench::h5
