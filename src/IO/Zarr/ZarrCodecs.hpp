#pragma once

// Chunk compression with the numcodecs ids and parameters zarr-python
// expects in .zarray's "compressor":
//   null                                             no compression
//   {"id": "zlib", "level": 1}                       zlib (needs zlib)
//   {"id": "zstd", "level": 1}                       Zstandard (needs libzstd)
//   {"id": "blosc", "cname": "lz4", "clevel": 5,
//    "shuffle": 1, "blocksize": 0}                   Blosc (needs libblosc)

#include "IO/Zarr/ZarrJson.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace openPMD::zarr
{
struct Compressor
{
    /** "" for none, else "zlib", "zstd" or "blosc". */
    std::string id;
    int level = 1;
    /** Blosc only. */
    std::string cname = "lz4";
    int shuffle = 1;
    int blocksize = 0;
};

/** The codec ids this build can use, e.g. "zlib, zstd, blosc". */
std::string availableCodecs();

/**
 * A compressor from the options: null, "none", a codec id ("zstd") or an
 * object with "id" and numcodecs parameters.
 * @throws error::BackendConfigSchema naming `location` and the problem, also
 *         for a codec this build lacks.
 */
Compressor compressorFromOptions(nlohmann::json const& spec,
                                 std::vector<std::string> const& location);

/**
 * The compressor of a .zarray document's "compressor" value.
 * @throws std::invalid_argument for an unknown or unavailable codec.
 */
Compressor compressorFromMetadata(Json const& value);

/** The "compressor" value for .zarray. */
std::string compressorMetadata(Compressor const&);

/** Compresses one chunk of `size` bytes; `typesize` is the element size (Blosc shuffle).
 */
std::vector<std::byte> encodeChunk(Compressor const&, std::byte const* raw,
                                   std::size_t size, std::size_t typesize);

/**
 * Decompresses one chunk that must hold `expectedSize` bytes.
 * @throws std::invalid_argument if it cannot be decoded or has another size.
 */
std::vector<std::byte> decodeChunk(Compressor const&, std::vector<std::byte> stored,
                                   std::size_t expectedSize);
} // namespace openPMD::zarr
