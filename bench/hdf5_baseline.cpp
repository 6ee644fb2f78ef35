// The raw-HDF5 baseline of W1, W2, W3 and W7 (see H5Baseline.hpp).
// Usage: hdf5_baseline --workload W1|W2|W3|W7 [size knobs as openpmd_bench].
// Prints the same phase lines as openpmd_bench with backend=h5raw.
#include "BenchSupport.hpp"
#include "H5Baseline.hpp"

#include <array>
#include <cstring>
#include <exception>
#include <iostream>
#include <memory>
#include <stdexcept>

namespace bench::h5
{
hid_t check(hid_t id, std::string const& what)
{
    if (id < 0)
    {
        throw std::runtime_error("HDF5 failed: " + what);
    }
    return id;
}

Id::~Id()
{
    if (m_id < 0)
    {
        return;
    }
    switch (H5Iget_type(m_id))
    {
    case H5I_FILE:
        H5Fclose(m_id);
        break;
    case H5I_GROUP:
        H5Gclose(m_id);
        break;
    case H5I_DATASET:
        H5Dclose(m_id);
        break;
    case H5I_ATTR:
        H5Aclose(m_id);
        break;
    case H5I_DATASPACE:
        H5Sclose(m_id);
        break;
    case H5I_DATATYPE:
        H5Tclose(m_id);
        break;
    case H5I_GENPROP_LST:
        H5Pclose(m_id);
        break;
    default:
        break;
    }
}

hid_t intermediateGroups()
{
    static hid_t const list = []
    {
        hid_t l = check(H5Pcreate(H5P_LINK_CREATE), "link creation list");
        check(H5Pset_create_intermediate_group(l, 1), "intermediate groups");
        return l;
    }();
    return list;
}

void writeDoubles(hid_t file, std::string const& path, std::vector<hsize_t> const& dims,
                  double const* data, hid_t transfer)
{
    Id space(H5Screate_simple(int(dims.size()), dims.data(), nullptr),
             "dataspace of " + path);
    Id dataset(H5Dcreate2(file, path.c_str(), H5T_NATIVE_DOUBLE, space.get(),
                          intermediateGroups(), H5P_DEFAULT, H5P_DEFAULT),
               "create " + path);
    check(H5Dwrite(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, transfer, data),
          "write " + path);
}

void readDoubles(hid_t file, std::string const& path, double* data, hid_t transfer)
{
    Id dataset(H5Dopen2(file, path.c_str(), H5P_DEFAULT), "open " + path);
    check(H5Dread(dataset.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, transfer, data),
          "read " + path);
}

namespace
{
/** W1 and W2: `paths.size()` datasets of `dims`, stream `streamBase + i`. */
std::uint64_t writeThenRead(Knobs const& knobs, std::string const& workload,
                            std::string const& file,
                            std::vector<std::string> const& paths,
                            std::vector<hsize_t> const& dims, std::uint64_t streamBase,
                            std::string const& extra)
{
    std::uint64_t count = 1;
    for (auto d : dims)
    {
        count *= d;
    }
    std::uint64_t const bytes = paths.size() * count * sizeof(double);
    PhaseMeter meter;
    {
        std::vector<std::unique_ptr<double[]>> data;
        for (std::size_t c = 0; c < paths.size(); ++c)
        {
            data.emplace_back(new double[count]);
            fill(data.back().get(), count, streamBase + c);
        }
        meter.start();
        {
            Id f(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                 "create " + file);
            for (std::size_t c = 0; c < paths.size(); ++c)
            {
                writeDoubles(f.get(), paths[c], dims, data[c].get());
            }
        }
        if (knobs.durable)
        {
            syncFile(file);
        }
        printPhase(workload, "h5raw", "write", meter.finish(bytes), extra);
    }
    std::vector<std::unique_ptr<double[]>> data;
    for (std::size_t c = 0; c < paths.size(); ++c)
    {
        data.emplace_back(new double[count]);
        std::memset(data.back().get(), 0, count * sizeof(double));
    }
    meter.start();
    {
        Id f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open " + file);
        for (std::size_t c = 0; c < paths.size(); ++c)
        {
            readDoubles(f.get(), paths[c], data[c].get());
        }
    }
    printPhase(workload, "h5raw", "read", meter.finish(bytes), extra);
    std::uint64_t wrong = 0;
    for (std::size_t c = 0; c < paths.size(); ++c)
    {
        wrong += mismatches(data[c].get(), count, streamBase + c);
    }
    return wrong;
}

std::uint64_t runBigMesh(Knobs const& knobs)
{
    hsize_t const n = knobs.N;
    std::string const base = "/data/0/meshes/E/";
    return writeThenRead(knobs, "W1", knobs.dir + "/w1_raw.h5",
                         {base + "x", base + "y", base + "z"}, {n, n, n}, 0,
                         "N=" + std::to_string(n));
}

std::uint64_t runParticles(Knobs const& knobs)
{
    std::string const base = "/data/0/particles/electrons/";
    std::vector<std::string> paths;
    for (char const* record : {"position/", "momentum/"})
    {
        for (char const* axis : {"x", "y", "z"})
        {
            paths.push_back(base + record + axis);
        }
    }
    paths.push_back(base + "weighting");
    return writeThenRead(knobs, "W2", knobs.dir + "/w2_raw.h5", paths, {knobs.P}, 10,
                         "P=" + std::to_string(knobs.P));
}

std::uint64_t runWorkload(Knobs const& knobs)
{
    if (knobs.workload == "W1")
        return runBigMesh(knobs);
    if (knobs.workload == "W2")
        return runParticles(knobs);
    if (knobs.workload == "W3")
        return runManySmall(knobs);
    if (knobs.workload == "W7")
        return runParallel(knobs);
    throw std::invalid_argument("the baseline has W1, W2, W3 and W7, not '" +
                                knobs.workload + "'");
}

int run(Knobs const& knobs)
{
    try
    {
        makeDirectory(knobs.dir);
        return report(runWorkload(knobs), knobs.workload + " (h5raw)");
    }
    catch (std::invalid_argument const& e)
    {
        std::cerr << "hdf5_baseline: " << e.what() << "\n";
        return 2;
    }
    catch (std::exception const& e)
    {
        std::cerr << "hdf5_baseline: " << knobs.workload << " failed: " << e.what()
                  << "\n";
        return 3;
    }
}
} // namespace
} // namespace bench::h5

int main(int argc, char** argv)
{
    bench::Knobs const knobs = bench::parseKnobs(argc, argv, "hdf5_baseline");
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
#ifdef H5_HAVE_PARALLEL
    bool const parallel = knobs.workload == "W7";
    if (parallel)
    {
        MPI_Init(&argc, &argv);
    }
#endif
    int status = bench::h5::run(knobs);
#ifdef H5_HAVE_PARALLEL
    if (parallel)
    {
        int worst = status;
        MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
        status = worst;
        MPI_Finalize();
    }
#endif
    if (!knobs.keep)
    {
        bench::removeFiles(knobs.dir, "w" + knobs.workload.substr(1) + "_raw");
    }
    return status;
}
