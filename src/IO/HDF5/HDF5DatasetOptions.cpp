#include "IO/HDF5/HDF5DatasetOptions.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fmt/format.h>

namespace openPMD::hdf5
{
namespace
{
constexpr hsize_t maxChunkBytes = hsize_t(1) << 20;
constexpr hsize_t minResizableChunkBytes = hsize_t(64) << 10;

std::string lowercase(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

[[noreturn]] void schemaError(std::string const& location, std::string const& what)
{
    std::vector<std::string> path;
    size_t start = 0;
    while (start <= location.size())
    {
        size_t const dot = location.find('.', start);
        path.push_back(location.substr(start, dot - start));
        if (dot == std::string::npos)
        {
            break;
        }
        start = dot + 1;
    }
    throw error::BackendConfigSchema(std::move(path),
                                     fmt::format("HDF5 option '{}': {}", location, what));
}

ChunkSpec parseChunks(nlohmann::json const& value, std::string const& location)
{
    ChunkSpec spec;
    if (value.is_string())
    {
        std::string const mode = lowercase(value.get<std::string>());
        if (mode == "auto")
        {
            spec.mode = ChunkSpec::Mode::Auto;
            return spec;
        }
        if (mode == "none")
        {
            spec.mode = ChunkSpec::Mode::None;
            return spec;
        }
    }
    else if (value.is_array() && !value.empty())
    {
        spec.mode = ChunkSpec::Mode::Explicit;
        for (auto const& size : value)
        {
            if (!size.is_number_integer() || size.get<long long>() <= 0)
            {
                schemaError(location, "chunk sizes must be positive integers");
            }
            spec.sizes.push_back(size.get<hsize_t>());
        }
        return spec;
    }
    schemaError(
        location,
        fmt::format("expected \"auto\", \"none\" or a list of chunk sizes, got {}",
                    value.dump()));
}

unsigned parseUnsigned(nlohmann::json const& value, std::string const& location,
                       unsigned lowest, unsigned highest)
{
    if (!value.is_number_integer() || value.get<long long>() < lowest ||
        value.get<long long>() > highest)
    {
        schemaError(location, fmt::format("expected an integer from {} to {}, got {}",
                                          lowest, highest, value.dump()));
    }
    return value.get<unsigned>();
}

bool parseBool(nlohmann::json const& value, std::string const& location)
{
    if (!value.is_boolean())
    {
        schemaError(location,
                    fmt::format("expected true or false, got {}", value.dump()));
    }
    return value.get<bool>();
}

void parseSzip(nlohmann::json const& value, std::string const& location,
               CompressionSpec& spec)
{
    auxiliary::reportUnknownKeys(value, {"type", "shuffle", "pixels_per_block", "coding"},
                                 location);
    if (value.contains("pixels_per_block"))
    {
        spec.pixelsPerBlock = parseUnsigned(value["pixels_per_block"],
                                            location + ".pixels_per_block", 2, 32);
        if (spec.pixelsPerBlock % 2 != 0)
        {
            schemaError(location + ".pixels_per_block", "must be even");
        }
    }
    if (value.contains("coding"))
    {
        auto const& coding = value["coding"];
        std::string const name =
            coding.is_string() ? lowercase(coding.get<std::string>()) : "";
        if (name != "nn" && name != "ec")
        {
            schemaError(location + ".coding",
                        fmt::format("expected \"nn\" or \"ec\", got {}", coding.dump()));
        }
        spec.entropyCoding = name == "ec";
    }
}

CompressionSpec parseCompression(nlohmann::json const& value, std::string const& location)
{
    if (!value.is_object() || !value.contains("type") || !value["type"].is_string())
    {
        schemaError(
            location,
            fmt::format(
                "expected {{\"type\": \"deflate\" | \"szip\" | \"none\", ...}}, got {}",
                value.dump()));
    }
    CompressionSpec spec;
    std::string const type = lowercase(value["type"].get<std::string>());
    if (type == "none")
    {
        auxiliary::reportUnknownKeys(value, {"type"}, location);
        return spec;
    }
    if (type == "deflate" || type == "zlib" || type == "gzip")
    {
        spec.type = CompressionSpec::Type::Deflate;
        auxiliary::reportUnknownKeys(value, {"type", "level", "shuffle"}, location);
        if (value.contains("level"))
        {
            spec.level = parseUnsigned(value["level"], location + ".level", 1, 9);
        }
    }
    else if (type == "szip")
    {
        spec.type = CompressionSpec::Type::Szip;
        parseSzip(value, location, spec);
    }
    else
    {
        schemaError(
            location + ".type",
            fmt::format("unknown compression '{}' (available: deflate, szip, none)",
                        type));
    }
    if (value.contains("shuffle"))
    {
        spec.shuffle = parseBool(value["shuffle"], location + ".shuffle");
    }
    return spec;
}

void checkFilterAvailable(H5Z_filter_t filter, char const* name)
{
    if (H5Zfilter_avail(filter) <= 0)
    {
        throw error::OperationUnsupportedInBackend(
            "HDF5", fmt::format("the HDF5 library in use has no {} filter", name));
    }
}
} // namespace

DatasetConfig DatasetConfig::parse(nlohmann::json const& section,
                                   std::string const& location)
{
    DatasetConfig config;
    if (section.is_null())
    {
        return config;
    }
    if (!section.is_object())
    {
        schemaError(location, fmt::format("expected an object, got {}", section.dump()));
    }
    auxiliary::reportUnknownKeys(section, {"chunks", "compression", "checksum"},
                                 location);
    if (section.contains("chunks"))
    {
        config.chunks = parseChunks(section["chunks"], location + ".chunks");
    }
    if (section.contains("compression"))
    {
        config.compression =
            parseCompression(section["compression"], location + ".compression");
    }
    if (section.contains("checksum"))
    {
        config.checksum = parseBool(section["checksum"], location + ".checksum");
    }
    return config;
}

std::optional<ChunkSpec> DatasetConfig::chunksFromEnvironment()
{
    char const* value = std::getenv("OPENPMD_HDF5_CHUNKS");
    if (value == nullptr || *value == '\0')
    {
        return std::nullopt;
    }
    return parseChunks(nlohmann::json(std::string(value)), "OPENPMD_HDF5_CHUNKS");
}

DatasetConfig DatasetConfig::overlaidWith(DatasetConfig const& top) const
{
    DatasetConfig result = *this;
    if (top.chunks)
    {
        result.chunks = top.chunks;
    }
    if (top.compression)
    {
        result.compression = top.compression;
    }
    if (top.checksum)
    {
        result.checksum = top.checksum;
    }
    return result;
}

DatasetRequest DatasetRequest::parse(std::string const& options,
                                     std::string const& datasetPath)
{
    std::string const location = fmt::format("options of dataset '{}'", datasetPath);
    nlohmann::json const parsed = auxiliary::parseOptions(options);
    // Other backends' sections are theirs to check.
    auxiliary::reportUnknownKeys(parsed, {"resizable", "hdf5", "json", "toml", "adios2"},
                                 location);
    DatasetRequest request;
    if (parsed.contains("resizable"))
    {
        request.resizable = parseBool(parsed["resizable"], "resizable");
    }
    if (parsed.contains("hdf5"))
    {
        auto const& hdf5 = parsed["hdf5"];
        if (!hdf5.is_object())
        {
            schemaError("hdf5", fmt::format("expected an object, got {}", hdf5.dump()));
        }
        auxiliary::reportUnknownKeys(hdf5, {"dataset"}, location + ": hdf5");
        if (hdf5.contains("dataset"))
        {
            request.config = DatasetConfig::parse(hdf5["dataset"], "hdf5.dataset");
        }
    }
    return request;
}

DatasetLayout DatasetLayout::plan(DatasetConfig const& config, bool resizable,
                                  Extent const& extent, size_t elementSize,
                                  std::string const& datasetPath)
{
    DatasetLayout layout;
    layout.resizable = resizable;
    layout.compression = config.compression.value_or(CompressionSpec{});
    layout.checksum = config.checksum.value_or(false);
    bool const compressed = layout.compression.type != CompressionSpec::Type::None;
    bool const needsChunks = resizable || compressed || layout.checksum;
    auto const where = [&](char const* key)
    { return fmt::format("hdf5.dataset.{} (dataset '{}')", key, datasetPath); };

    ChunkSpec::Mode const mode =
        config.chunks ? config.chunks->mode : ChunkSpec::Mode::None;
    bool const explicitNone = config.chunks && mode == ChunkSpec::Mode::None;
    if (explicitNone && needsChunks)
    {
        schemaError(
            where("chunks"),
            "\"none\" (contiguous) cannot be combined with resizable, compression or "
            "checksum: HDF5 needs chunks for those");
    }
    layout.chunked = needsChunks || (config.chunks && mode != ChunkSpec::Mode::None);
    if (layout.chunked && extent.empty())
    {
        schemaError(
            where("chunks"),
            "a scalar (rank 0) dataset cannot be chunked, resizable or compressed");
    }
    if (!layout.chunked)
    {
        return layout;
    }
    if (mode == ChunkSpec::Mode::Explicit)
    {
        auto const& sizes = config.chunks->sizes;
        if (sizes.size() != extent.size())
        {
            schemaError(where("chunks"),
                        fmt::format("{} chunk sizes given for a dataset of rank {}",
                                    sizes.size(), extent.size()));
        }
        for (size_t d = 0; d < sizes.size() && !resizable; ++d)
        {
            if (sizes[d] > std::max<hsize_t>(extent[d], 1))
            {
                schemaError(where("chunks"),
                            fmt::format("chunk size {} exceeds the extent {} of "
                                        "dimension {} of a dataset "
                                        "that is not resizable",
                                        sizes[d], extent[d], d));
            }
        }
        layout.chunkSizes = sizes;
    }
    else
    {
        layout.chunkSizes = autoChunkSizes(extent, elementSize, resizable);
    }
    return layout;
}

Handle DatasetLayout::makeCreationList(Site const& site) const
{
    if (!chunked)
    {
        // HDF5 takes a fast path for H5P_DEFAULT; an empty list of our own
        // costs as much as the rest of creating a small dataset.
        return Handle();
    }
    Handle list(checkId(H5Pcreate(H5P_DATASET_CREATE), site,
                        "cannot create a property list for"));
    checkStatus(
        H5Pset_chunk(list.get(), static_cast<int>(chunkSizes.size()), chunkSizes.data()),
        site, "cannot set the chunk sizes of");
    if (compression.type != CompressionSpec::Type::None && compression.shuffle)
    {
        checkFilterAvailable(H5Z_FILTER_SHUFFLE, "shuffle");
        checkStatus(H5Pset_shuffle(list.get()), site, "cannot set the shuffle filter of");
    }
    if (compression.type == CompressionSpec::Type::Deflate)
    {
        checkFilterAvailable(H5Z_FILTER_DEFLATE, "deflate");
        checkStatus(H5Pset_deflate(list.get(), compression.level), site,
                    "cannot set the deflate filter of");
    }
    else if (compression.type == CompressionSpec::Type::Szip)
    {
        checkFilterAvailable(H5Z_FILTER_SZIP, "szip");
        unsigned const mask =
            compression.entropyCoding ? H5_SZIP_EC_OPTION_MASK : H5_SZIP_NN_OPTION_MASK;
        checkStatus(H5Pset_szip(list.get(), mask, compression.pixelsPerBlock), site,
                    "cannot set the szip filter of");
    }
    if (checksum)
    {
        checkFilterAvailable(H5Z_FILTER_FLETCHER32, "fletcher32");
        checkStatus(H5Pset_fletcher32(list.get()), site,
                    "cannot set the checksum filter of");
    }
    return list;
}

std::vector<hsize_t> autoChunkSizes(Extent const& extent, size_t elementSize,
                                    bool resizable)
{
    std::vector<hsize_t> sizes(extent.size());
    std::transform(extent.begin(), extent.end(), sizes.begin(),
                   [](std::uint64_t e) { return std::max<hsize_t>(e, 1); });
    auto const bytes = [&]()
    {
        hsize_t total = elementSize;
        for (hsize_t s : sizes)
        {
            total *= s;
        }
        return total;
    };
    while (bytes() > maxChunkBytes)
    {
        auto longest = std::max_element(sizes.begin(), sizes.end());
        if (*longest == 1)
        {
            break;
        }
        *longest = (*longest + 1) / 2;
    }
    if (resizable && !sizes.empty())
    {
        while (bytes() < minResizableChunkBytes)
        {
            sizes[0] *= 2;
        }
    }
    return sizes;
}
} // namespace openPMD::hdf5
