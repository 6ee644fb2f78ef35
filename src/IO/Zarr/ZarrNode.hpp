#pragma once

// The in-memory model of one open Zarr hierarchy: groups and arrays with
// their decoded attributes and array metadata, plus the chunks written since
// the last flush point. Nothing here touches the store.

#include "IO/Zarr/ZarrAttributes.hpp"
#include "IO/Zarr/ZarrCodecs.hpp"
#include "openPMD/Dataset.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace openPMD::zarr
{
using ChunkIndex = std::vector<std::uint64_t>;

struct ZarrArray
{
    Datatype dtype = Datatype::UNDEFINED;
    Extent shape;
    Extent chunks;
    Compressor compressor;
    Json fillValue;
    /** One element holding the fill value. */
    std::vector<std::byte> fillBytes;
    char separator = '.';
    /** Decoded chunks (full chunk shape) to be put at the next flush point. */
    std::map<ChunkIndex, std::vector<std::byte>> pending;
    /** True while the store's chunks under this path belong to a replaced array. */
    bool storeStale = false;
    /** Why a foreign .zarray cannot be used; reported when the array is opened. */
    std::string problem;

    std::size_t elementSize() const { return toBytes(dtype); }
    std::size_t chunkElements() const
    {
        std::size_t n = 1;
        for (auto c : chunks)
            n *= c;
        return n;
    }
};

struct ZarrNode
{
    std::map<std::string, std::unique_ptr<ZarrNode>> children;
    AttributeMap attributes;
    /** Why .zattrs could not be read (malformed JSON); reported when attributes are read.
     */
    std::string attributesProblem;
    /** Null for a group. */
    std::unique_ptr<ZarrArray> array;

    bool isArray() const { return array != nullptr; }
};
} // namespace openPMD::zarr
