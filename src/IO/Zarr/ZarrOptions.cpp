#include "IO/Zarr/ZarrOptions.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"

#include <algorithm>

namespace openPMD::zarr
{
ZarrOptions ZarrOptions::parse(std::string const& zarrSection)
{
    ZarrOptions result;
    auto const options = auxiliary::parseOptions(zarrSection);
    auxiliary::reportUnknownKeys(options, {"store", "consolidated_metadata", "dataset"},
                                 "zarr");
    if (auto it = options.find("store"); it != options.end())
    {
        if (!it->is_object())
            throw error::BackendConfigSchema({"zarr", "store"}, "expected an object");
        result.store = it->dump();
    }
    if (auto it = options.find("consolidated_metadata"); it != options.end())
    {
        if (it->is_boolean())
            result.consolidatedMetadata = it->get<bool>() ? ConsolidatedPolicy::Amortized
                                                          : ConsolidatedPolicy::Never;
        else if (*it == "every_flush")
            result.consolidatedMetadata = ConsolidatedPolicy::EveryFlush;
        else
            throw error::BackendConfigSchema({"zarr", "consolidated_metadata"},
                                             "expected true, false or \"every_flush\"");
    }
    if (auto it = options.find("dataset"); it != options.end())
    {
        if (!it->is_object())
            throw error::BackendConfigSchema({"zarr", "dataset"}, "expected an object");
        auxiliary::reportUnknownKeys(*it, {"compressor", "chunk_bytes"}, "zarr.dataset");
        if (auto c = it->find("compressor"); c != it->end())
            result.compressor =
                compressorFromOptions(*c, {"zarr", "dataset", "compressor"});
        if (auto b = it->find("chunk_bytes"); b != it->end())
        {
            if (!b->is_number_unsigned() || b->get<std::uint64_t>() == 0)
                throw error::BackendConfigSchema({"zarr", "dataset", "chunk_bytes"},
                                                 "expected a positive integer");
            result.chunkBytes = b->get<std::uint64_t>();
        }
    }
    return result;
}

DatasetSettings parseDatasetOptions(std::string const& datasetOptions, std::size_t rank)
{
    DatasetSettings result;
    auto const options = auxiliary::parseOptions(datasetOptions);
    auto zarr = options.find("zarr");
    if (zarr == options.end())
        return result;
    if (!zarr->is_object())
        throw error::BackendConfigSchema({"zarr"},
                                         "expected an object in Dataset options");
    auxiliary::reportUnknownKeys(*zarr, {"dataset"}, "zarr");
    auto dataset = zarr->find("dataset");
    if (dataset == zarr->end())
        return result;
    if (!dataset->is_object())
        throw error::BackendConfigSchema({"zarr", "dataset"}, "expected an object");
    auxiliary::reportUnknownKeys(*dataset, {"chunks", "compressor"}, "zarr.dataset");
    if (auto c = dataset->find("compressor"); c != dataset->end())
        result.compressor = compressorFromOptions(*c, {"zarr", "dataset", "compressor"});
    if (auto c = dataset->find("chunks"); c != dataset->end())
    {
        std::string const expected = "expected an array of " + std::to_string(rank) +
                                     " positive integers (one per dimension)";
        if (!c->is_array() || c->size() != rank)
            throw error::BackendConfigSchema({"zarr", "dataset", "chunks"}, expected);
        Extent chunks;
        for (auto const& v : *c)
        {
            if (!v.is_number_unsigned() || v.get<std::uint64_t>() == 0)
                throw error::BackendConfigSchema({"zarr", "dataset", "chunks"}, expected);
            chunks.push_back(v.get<std::uint64_t>());
        }
        result.chunks = std::move(chunks);
    }
    return result;
}

Extent defaultChunks(Extent const& extent, std::size_t elementSize,
                     std::uint64_t targetBytes, std::uint64_t storeLimit)
{
    Extent chunks;
    for (auto e : extent)
        chunks.push_back(e == 0 ? 65536 : e);
    auto const limit = storeLimit == 0 ? targetBytes : std::min(targetBytes, storeLimit);
    auto bytes = [&]
    {
        long double n = static_cast<long double>(elementSize); // no overflow
        for (auto c : chunks)
            n *= static_cast<long double>(c);
        return n;
    };
    while (bytes() > static_cast<long double>(limit))
    {
        auto largest = std::max_element(chunks.begin(), chunks.end());
        if (*largest == 1)
            break;
        *largest = (*largest + 1) / 2;
    }
    return chunks;
}
} // namespace openPMD::zarr
