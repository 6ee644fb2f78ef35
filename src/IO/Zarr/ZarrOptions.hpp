#pragma once

// Options of the Zarr backend (docs/zarr-backend.md, "Options"):
//   Series:  {"zarr": {"store": {"type": "directory"|"memory"|..., ...},
//                      "consolidated_metadata": true | false | "every_flush",
//                      "dataset": {"compressor": ..., "chunk_bytes": 1048576}}}
//   Dataset: {"zarr": {"dataset": {"chunks": [...], "compressor": ...}}}

#include "IO/Zarr/ZarrCodecs.hpp"
#include "openPMD/Dataset.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace openPMD::zarr
{
/** When .zmetadata is written (docs/zarr-backend.md, "Consolidated metadata"). */
enum class ConsolidatedPolicy
{
    /** Never written (a stale one is removed); never read. */
    Never,
    /** At flush points while cheap, else removed until it is; always at close. */
    Amortized,
    /** At every flush point that changes metadata, whatever it costs. */
    EveryFlush
};

struct ZarrOptions
{
    /** The `store` section as inline JSON, for StoreRegistry::open. */
    std::string store = "{}";
    ConsolidatedPolicy consolidatedMetadata = ConsolidatedPolicy::Amortized;
    Compressor compressor;
    /** Target size of a default chunk before compression. */
    std::uint64_t chunkBytes = 1u << 20;

    /** @throws error::BackendConfigSchema for ill-typed values. */
    static ZarrOptions parse(std::string const& zarrSection);
};

struct DatasetSettings
{
    std::optional<Extent> chunks;
    std::optional<Compressor> compressor;
};

/** The zarr part of Dataset::options. @throws error::BackendConfigSchema */
DatasetSettings parseDatasetOptions(std::string const& datasetOptions, std::size_t rank);

/**
 * The default chunk shape: the extent (a zero dimension counts as 65536:
 * the dataset will grow), the largest dimension halved until a chunk holds
 * at most `targetBytes` (and at most `storeLimit` bytes, if not 0).
 */
Extent defaultChunks(Extent const& extent, std::size_t elementSize,
                     std::uint64_t targetBytes, std::uint64_t storeLimit);
} // namespace openPMD::zarr
