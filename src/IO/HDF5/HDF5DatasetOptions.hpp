#pragma once

#include "IO/HDF5/HDF5Error.hpp"
#include "IO/HDF5/HDF5Handle.hpp"
#include "openPMD/Dataset.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace openPMD::hdf5
{
/** `chunks`: "auto", "none" or explicit sizes. */
struct ChunkSpec
{
    enum class Mode
    {
        Auto,
        None,
        Explicit
    };
    Mode mode = Mode::Auto;
    std::vector<hsize_t> sizes;
};

/** `compression`: {"type": "deflate"|"szip"|"none", ...}. */
struct CompressionSpec
{
    enum class Type
    {
        None,
        Deflate,
        Szip
    };
    Type type = Type::None;
    /** deflate level, 1 (fast) to 9 (small). */
    unsigned level = 1;
    /** Byte shuffle before compressing (helps floats a lot). */
    bool shuffle = true;
    /** szip: pixels per block (even, 2..32). */
    unsigned pixelsPerBlock = 16;
    /** szip: entropy coding ("ec") instead of nearest neighbour ("nn"). */
    bool entropyCoding = false;
};

/**
 * The `dataset` section of the HDF5 options, with every key optional so that
 * a dataset's own options can be laid over the handler-wide ones.
 */
struct DatasetConfig
{
    std::optional<ChunkSpec> chunks;
    std::optional<CompressionSpec> compression;
    /** Fletcher-32 checksum filter. */
    std::optional<bool> checksum;

    /**
     * Reads a `dataset` section; unknown keys are reported.
     * @param location where the section sits, for messages ("hdf5.dataset").
     * @throws error::BackendConfigSchema for values of the wrong form.
     */
    static DatasetConfig parse(nlohmann::json const& section,
                               std::string const& location);

    /** Default chunking from OPENPMD_HDF5_CHUNKS (auto|none); empty if unset. */
    static std::optional<ChunkSpec> chunksFromEnvironment();

    /** This config with every key that `top` sets replaced by `top`'s value. */
    DatasetConfig overlaidWith(DatasetConfig const& top) const;
};

/** What a dataset's options string asks for (Dataset::options). */
struct DatasetRequest
{
    bool resizable = false;
    DatasetConfig config;

    /**
     * Parses the options string: top-level `resizable` and the `hdf5` section
     * (`hdf5.dataset`); other backends' sections are ignored, other keys
     * reported.
     */
    static DatasetRequest parse(std::string const& options,
                                std::string const& datasetPath);
};

/** The storage layout chosen for one new dataset. */
struct DatasetLayout
{
    bool chunked = false;
    std::vector<hsize_t> chunkSizes;
    bool resizable = false;
    CompressionSpec compression;
    bool checksum = false;

    /**
     * Decides the layout: contiguous unless chunks are asked for or needed
     * (resizable, compressed or checksummed datasets must be chunked).
     * @throws error::BackendConfigSchema if the options contradict each
     *         other or the extent (e.g. chunks "none" with resizable).
     */
    static DatasetLayout plan(DatasetConfig const& config, bool resizable,
                              Extent const& extent, size_t elementSize,
                              std::string const& datasetPath);

    /**
     * The dataset creation property list of this layout; an invalid Handle
     * for the contiguous layout, which is HDF5's default (pass H5P_DEFAULT).
     */
    Handle makeCreationList(Site const& site) const;
};

/**
 * Chunk sizes for a dataset of `extent`: the whole dataset, halved along its
 * longest dimension until a chunk holds at most 1 MiB (HDF5's default chunk
 * cache); for resizable datasets grown along the first dimension to at
 * least 64 KiB, since they are expected to grow.
 */
std::vector<hsize_t> autoChunkSizes(Extent const& extent, size_t elementSize,
                                    bool resizable);
} // namespace openPMD::hdf5
