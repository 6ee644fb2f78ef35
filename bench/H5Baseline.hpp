#pragma once
// The raw-HDF5 baseline: the same data as openpmd_bench, written and read
// with the HDF5 C API directly, the simplest fast way (one contiguous dataset
// per component, one H5Dwrite/H5Dread of the whole buffer). It is the
// practical limit for libopenPMD's HDF5 backend.

#include "BenchSupport.hpp"

#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace bench::h5
{
/** Throws std::runtime_error naming `what` if `id` (or a status) is negative. */
hid_t check(hid_t id, std::string const& what);

/** Closes an HDF5 identifier on scope exit (any kind: file, group, dataset ...). */
class Id
{
public:
    explicit Id(hid_t id, std::string const& what) : m_id(check(id, what)) {}
    ~Id();
    Id(Id&& other) noexcept : m_id(other.m_id) { other.m_id = H5I_INVALID_HID; }
    Id(Id const&) = delete;
    Id& operator=(Id const&) = delete;
    Id& operator=(Id&&) = delete;
    hid_t get() const { return m_id; }

private:
    hid_t m_id;
};

/** Link creation list that creates missing parent groups. */
hid_t intermediateGroups();

/** Creates a contiguous double dataset `path` of `dims` and writes `data` whole. */
void writeDoubles(hid_t file, std::string const& path, std::vector<hsize_t> const& dims,
                  double const* data, hid_t transfer = H5P_DEFAULT);
/** Reads the whole double dataset `path` into `data`. */
void readDoubles(hid_t file, std::string const& path, double* data,
                 hid_t transfer = H5P_DEFAULT);

/** W3 with the groups, datasets and attributes libopenPMD writes. */
std::uint64_t runManySmall(Knobs const& knobs);
/** W7 with MPI-IO: one hyperslab per rank, collective transfers. */
std::uint64_t runParallel(Knobs const& knobs);
} // namespace bench::h5
