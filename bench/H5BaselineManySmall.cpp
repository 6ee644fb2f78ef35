// W3 baseline: K iterations in one file with the groups, datasets and
// openPMD attributes (names, types, shapes) that libopenPMD writes for W3,
// as `h5dump -A` shows them; read back with every attribute of every object
// read as well, since the library reads them too.
#include "H5Baseline.hpp"

#include <array>
#include <cstring>
#include <ctime>
#include <stdexcept>

namespace bench::h5
{
namespace
{
std::uint64_t const meshEdge = 16;
std::uint64_t const meshCount = meshEdge * meshEdge * meshEdge;
std::uint64_t const particleCount = 1000;
int const componentCount = 13;

std::uint64_t componentSize(int component)
{
    return component < 6 ? meshCount : particleCount;
}

/** Same streams as the library benchmark's W3. */
std::uint64_t streamOf(std::uint64_t k, int component)
{
    return 1000 + k * componentCount + static_cast<std::uint64_t>(component);
}

// Attributes as libopenPMD stores them: fixed-length NUL-terminated strings,
// native numbers, 1-D vectors.
void attribute(hid_t object, char const* name, hid_t type, hid_t space, void const* value)
{
    Id attr(H5Acreate2(object, name, type, space, H5P_DEFAULT, H5P_DEFAULT),
            std::string("attribute ") + name);
    check(H5Awrite(attr.get(), type, value), std::string("write attribute ") + name);
}

void scalar(hid_t object, char const* name, hid_t type, void const* value)
{
    Id space(H5Screate(H5S_SCALAR), "scalar space");
    attribute(object, name, type, space.get(), value);
}

void doubleAttr(hid_t object, char const* name, double value)
{
    scalar(object, name, H5T_NATIVE_DOUBLE, &value);
}

void floatAttr(hid_t object, char const* name, float value)
{
    scalar(object, name, H5T_NATIVE_FLOAT, &value);
}

void doublesAttr(hid_t object, char const* name, std::vector<double> const& values)
{
    hsize_t const size = values.size();
    Id space(H5Screate_simple(1, &size, nullptr), "vector space");
    attribute(object, name, H5T_NATIVE_DOUBLE, space.get(), values.data());
}

/** Fixed-length strings of the longest one's size (+1 for NUL). */
hid_t stringType(std::size_t length)
{
    hid_t type = check(H5Tcopy(H5T_C_S1), "string type");
    check(H5Tset_size(type, length + 1), "string size");
    check(H5Tset_strpad(type, H5T_STR_NULLTERM), "string padding");
    return type;
}

void stringAttr(hid_t object, char const* name, std::string const& value)
{
    Id type(stringType(value.size()), "string type");
    scalar(object, name, type.get(), value.c_str());
}

void stringsAttr(hid_t object, char const* name, std::vector<std::string> const& values)
{
    std::size_t longest = 0;
    for (auto const& v : values)
    {
        longest = std::max(longest, v.size());
    }
    std::vector<char> packed(values.size() * (longest + 1), '\0');
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        std::memcpy(packed.data() + i * (longest + 1), values[i].data(),
                    values[i].size());
    }
    Id type(stringType(longest), "string type");
    hsize_t const size = values.size();
    Id space(H5Screate_simple(1, &size, nullptr), "vector space");
    attribute(object, name, type.get(), space.get(), packed.data());
}

Id group(hid_t parent, char const* name)
{
    return Id(H5Gcreate2(parent, name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
              std::string("group ") + name);
}

/** A contiguous double dataset `name` under `parent`, written whole. */
Id dataset(hid_t parent, char const* name, std::vector<hsize_t> const& dims,
           double const* data)
{
    Id space(H5Screate_simple(int(dims.size()), dims.data(), nullptr), "dataspace");
    Id set(H5Dcreate2(parent, name, H5T_NATIVE_DOUBLE, space.get(), H5P_DEFAULT,
                      H5P_DEFAULT, H5P_DEFAULT),
           std::string("dataset ") + name);
    check(H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, data),
          std::string("write ") + name);
    return set;
}

std::array<char const*, 3> const xyz = {"x", "y", "z"};
std::vector<double> const noUnit(7, 0.0);
std::vector<double> const lengthUnit = {1, 0, 0, 0, 0, 0, 0};

void writeRoot(hid_t file)
{
    stringAttr(file, "openPMD", "1.1.0");
    unsigned const extension = 0;
    scalar(file, "openPMDextension", H5T_NATIVE_UINT, &extension);
    stringAttr(file, "basePath", "/data/%T/");
    stringAttr(file, "iterationEncoding", "groupBased");
    stringAttr(file, "iterationFormat", "/data/%T/");
    stringAttr(file, "meshesPath", "meshes/");
    stringAttr(file, "particlesPath", "particles/");
    stringAttr(file, "software", "openPMD-api");
    stringAttr(file, "softwareVersion", "0.16.0");
    char date[64];
    std::time_t const now = std::time(nullptr);
    std::strftime(date, sizeof date, "%F %T %z", std::localtime(&now));
    stringAttr(file, "date", date);
}

void writeMesh(hid_t meshes, char const* name,
               std::vector<std::vector<double>> const& data, int first)
{
    Id mesh = group(meshes, name);
    stringAttr(mesh.get(), "geometry", "cartesian");
    stringAttr(mesh.get(), "dataOrder", "C");
    stringsAttr(mesh.get(), "axisLabels", {"x"});
    doublesAttr(mesh.get(), "gridSpacing", {1.0});
    doublesAttr(mesh.get(), "gridGlobalOffset", {0.0});
    doubleAttr(mesh.get(), "gridUnitSI", 1.0);
    doublesAttr(mesh.get(), "unitDimension", noUnit);
    floatAttr(mesh.get(), "timeOffset", 0.0f);
    for (int c = 0; c < 3; ++c)
    {
        Id set = dataset(mesh.get(), xyz[c], {meshEdge, meshEdge, meshEdge},
                         data[first + c].data());
        doublesAttr(set.get(), "position", {0.0});
        doubleAttr(set.get(), "unitSI", 1.0);
    }
}

void recordAttributes(hid_t record, std::vector<double> const& unitDimension)
{
    doublesAttr(record, "unitDimension", unitDimension);
    floatAttr(record, "timeOffset", 0.0f);
}

void writeIteration(hid_t data, std::uint64_t k,
                    std::vector<std::vector<double>> const& buffers)
{
    Id iteration = group(data, std::to_string(k).c_str());
    doubleAttr(iteration.get(), "time", 0.0);
    doubleAttr(iteration.get(), "dt", 1.0);
    doubleAttr(iteration.get(), "timeUnitSI", 1.0);
    {
        Id meshes = group(iteration.get(), "meshes");
        writeMesh(meshes.get(), "E", buffers, 0);
        writeMesh(meshes.get(), "B", buffers, 3);
    }
    Id particles = group(iteration.get(), "particles");
    Id species = group(particles.get(), "e");
    int c = 6;
    for (char const* name : {"position", "momentum"})
    {
        Id record = group(species.get(), name);
        recordAttributes(record.get(), c == 6 ? lengthUnit : noUnit);
        for (int axis = 0; axis < 3; ++axis, ++c)
        {
            Id set = dataset(record.get(), xyz[axis], {particleCount}, buffers[c].data());
            doubleAttr(set.get(), "unitSI", 1.0);
        }
    }
    Id weighting =
        dataset(species.get(), "weighting", {particleCount}, buffers[c].data());
    recordAttributes(weighting.get(), noUnit);
    doubleAttr(weighting.get(), "unitSI", 1.0);
}

/** Reads every attribute of `object` (into a scratch buffer, in its file type). */
void readAttributes(hid_t object)
{
    auto readOne = [](hid_t location, char const* name, H5A_info_t const*,
                      void*) -> herr_t
    {
        hid_t attr = H5Aopen(location, name, H5P_DEFAULT);
        hid_t type = H5Aget_type(attr);
        hid_t space = H5Aget_space(attr);
        std::vector<char> scratch(
            H5Tget_size(type) *
            std::max<hssize_t>(1, H5Sget_simple_extent_npoints(space)));
        herr_t const status = H5Aread(attr, type, scratch.data());
        H5Sclose(space);
        H5Tclose(type);
        H5Aclose(attr);
        return status;
    };
    hsize_t index = 0;
    check(H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, &index, readOne, nullptr),
          "read attributes");
}

Id openGroup(hid_t parent, char const* name)
{
    Id g(H5Gopen2(parent, name, H5P_DEFAULT), std::string("open group ") + name);
    readAttributes(g.get());
    return g;
}

void readDataset(hid_t parent, char const* name, double* out)
{
    Id set(H5Dopen2(parent, name, H5P_DEFAULT), std::string("open ") + name);
    readAttributes(set.get());
    check(H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out),
          std::string("read ") + name);
}

void readIteration(hid_t data, std::uint64_t k, std::vector<std::vector<double>>& buffers)
{
    Id iteration = openGroup(data, std::to_string(k).c_str());
    {
        Id meshes = openGroup(iteration.get(), "meshes");
        int c = 0;
        for (char const* name : {"E", "B"})
        {
            Id mesh = openGroup(meshes.get(), name);
            for (int axis = 0; axis < 3; ++axis, ++c)
            {
                readDataset(mesh.get(), xyz[axis], buffers[c].data());
            }
        }
    }
    Id particles = openGroup(iteration.get(), "particles");
    Id species = openGroup(particles.get(), "e");
    int c = 6;
    for (char const* name : {"position", "momentum"})
    {
        Id record = openGroup(species.get(), name);
        for (int axis = 0; axis < 3; ++axis, ++c)
        {
            readDataset(record.get(), xyz[axis], buffers[c].data());
        }
    }
    readDataset(species.get(), "weighting", buffers[c].data());
}

/** Number of links in group `data` (the library lists the iterations too). */
hsize_t countLinks(hid_t data)
{
    H5G_info_t info{};
    check(H5Gget_info(data, &info), "list /data");
    return info.nlinks;
}
using Buffers = std::vector<std::vector<double>>;
std::uint64_t const bytesPerIteration =
    (6 * meshCount + 7 * particleCount) * sizeof(double);

void writeManySmall(Knobs const& knobs, std::string const& file, std::uint64_t iterations,
                    Buffers& buffers, std::string const& extra)
{
    PhaseMeter meter;
    meter.start();
    {
        Id f(H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
             "create " + file);
        writeRoot(f.get());
        Id data = group(f.get(), "data");
        for (std::uint64_t k = 0; k < iterations; ++k)
        {
            meter.pause();
            for (int c = 0; c < componentCount; ++c)
            {
                fill(buffers[c].data(), componentSize(c), streamOf(k, c));
            }
            meter.resume();
            writeIteration(data.get(), k, buffers);
        }
    }
    if (knobs.durable)
    {
        syncFile(file);
    }
    printPhase("W3", "h5raw", "write", meter.finish(iterations * bytesPerIteration),
               extra);
}

std::uint64_t readManySmall(std::string const& file, std::uint64_t iterations,
                            Buffers& buffers, std::string const& extra)
{
    std::uint64_t wrong = 0;
    PhaseMeter meter;
    meter.start();
    {
        Id f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), "open " + file);
        readAttributes(f.get());
        Id data = openGroup(f.get(), "data");
        if (countLinks(data.get()) != iterations)
        {
            throw std::runtime_error("W3 baseline: wrong number of iterations in " +
                                     file);
        }
        for (std::uint64_t k = 0; k < iterations; ++k)
        {
            readIteration(data.get(), k, buffers);
            meter.pause();
            for (int c = 0; c < componentCount; ++c)
            {
                wrong += mismatches(buffers[c].data(), componentSize(c), streamOf(k, c));
                std::memset(buffers[c].data(), 0, componentSize(c) * sizeof(double));
            }
            meter.resume();
        }
    }
    printPhase("W3", "h5raw", "read", meter.finish(iterations * bytesPerIteration),
               extra);
    return wrong;
}
} // namespace

std::uint64_t runManySmall(Knobs const& knobs)
{
    std::uint64_t wrong = 0;
    for (std::uint64_t iterations : iterationCounts(knobs, {1000}))
    {
        std::string const file =
            knobs.dir + "/w3_raw_" + std::to_string(iterations) + ".h5";
        std::string const extra = "K=" + std::to_string(iterations);
        Buffers buffers;
        for (int c = 0; c < componentCount; ++c)
        {
            buffers.emplace_back(componentSize(c));
        }
        writeManySmall(knobs, file, iterations, buffers, extra);
        wrong += readManySmall(file, iterations, buffers, extra);
    }
    return wrong;
}

} // namespace bench::h5
