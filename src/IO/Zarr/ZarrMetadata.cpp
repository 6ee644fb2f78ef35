#include "IO/Zarr/ZarrMetadata.hpp"
#include "IO/Zarr/ZarrDtype.hpp"

#include "openPMD/IO/ChunkSelection.hpp"

#include <algorithm>
#include <stdexcept>

namespace openPMD::zarr
{
namespace
{
Extent extentFrom(Json const& value, char const* field)
{
    if (!value.is_array())
        throw std::invalid_argument(std::string("\"") + field +
                                    "\" must be an array of integers");
    Extent result;
    for (auto const& v : value)
    {
        if (!v.is_number_unsigned())
            throw std::invalid_argument(std::string("\"") + field +
                                        "\" must hold non-negative integers, found " +
                                        v.dump());
        result.push_back(v.get<std::uint64_t>());
    }
    return result;
}

std::optional<std::vector<std::string>> stringsOf(ZarrNode const* node,
                                                  std::string const& name)
{
    if (node == nullptr)
        return std::nullopt;
    auto it = node->attributes.find(name);
    if (it == node->attributes.end() || !it->second.value)
        return std::nullopt;
    auto const& resource = it->second.value->getResource();
    if (auto const* v = std::get_if<std::vector<std::string>>(&resource))
        return *v;
    if (auto const* s = std::get_if<std::string>(&resource))
        return std::vector<std::string>{*s};
    return std::nullopt;
}

std::optional<std::vector<std::string>> labelsFrom(ZarrNode const* node, std::size_t rank)
{
    auto labels = stringsOf(node, "axisLabels");
    if (!labels || labels->size() != rank)
        return std::nullopt;
    auto order = stringsOf(node, "dataOrder");
    if (order && order->size() == 1 && order->front() == "F")
        std::reverse(labels->begin(), labels->end());
    return labels;
}
} // namespace

std::string groupDocument()
{
    return "{\n    \"zarr_format\": 2\n}";
}

std::string arrayDocument(ZarrArray const& a)
{
    return "{\n    \"chunks\": " + extentToString(a.chunks) +
           ",\n    \"compressor\": " + compressorMetadata(a.compressor) +
           ",\n    \"dimension_separator\": \"" + std::string(1, a.separator) +
           "\",\n    \"dtype\": " + quote(zarrDtypeOf(a.dtype)) +
           ",\n    \"fill_value\": " + a.fillValue.dump() +
           ",\n    \"filters\": null,\n    \"order\": \"C\",\n    \"shape\": " +
           extentToString(a.shape) + ",\n    \"zarr_format\": 2\n}";
}

void readArrayDocument(Json const& doc, ZarrArray& a)
{
    try
    {
        if (!doc.is_object())
            throw std::invalid_argument("expected a JSON object");
        if (doc.value("zarr_format", Json()) != Json(2))
            throw std::invalid_argument("expected \"zarr_format\": 2");
        a.shape = extentFrom(doc.value("shape", Json()), "shape");
        a.chunks = extentFrom(doc.value("chunks", Json()), "chunks");
        if (a.chunks.size() != a.shape.size())
            throw std::invalid_argument("\"chunks\" and \"shape\" differ in rank");
        if (std::find(a.chunks.begin(), a.chunks.end(), 0u) != a.chunks.end())
            throw std::invalid_argument("\"chunks\" must be positive");
        auto const dtype = doc.value("dtype", Json());
        if (!dtype.is_string())
            throw std::invalid_argument("expected a string as \"dtype\"");
        a.dtype = datatypeOfZarrDtype(dtype.get<std::string>());
        if (a.dtype == Datatype::UNDEFINED)
            throw std::invalid_argument(
                "unsupported dtype " + dtype.dump() +
                " (expected a little-endian integer, float or complex type)");
        a.compressor = compressorFromMetadata(doc.value("compressor", Json()));
        auto const filters = doc.value("filters", Json());
        if (!filters.is_null() && !(filters.is_array() && filters.empty()))
            throw std::invalid_argument("filters are not supported, found " +
                                        filters.dump());
        if (doc.value("order", Json("C")) != Json("C"))
            throw std::invalid_argument("only \"order\": \"C\" is supported");
        auto const separator = doc.value("dimension_separator", Json("."));
        if (separator != Json(".") && separator != Json("/"))
            throw std::invalid_argument("\"dimension_separator\" must be \".\" or \"/\"");
        a.separator = separator.get<std::string>()[0];
        a.fillValue = doc.value("fill_value", Json());
        a.fillBytes = fillElement(a.dtype, a.fillValue);
    }
    catch (std::exception const& e)
    {
        a.problem = e.what();
    }
}

std::vector<std::string> arrayDimensions(std::vector<std::string> const& segments,
                                         ZarrNode const& array, ZarrNode const* parent)
{
    auto const rank = array.array->shape.size();
    auto labels = labelsFrom(&array, rank);
    if (!labels)
        labels = labelsFrom(parent, rank);
    if (labels)
    {
        // xarray refuses a variable of rank > 1 named like one of its
        // dimensions, and E/x with axis x is the usual case.
        for (auto& label : *labels)
            if (parent != nullptr && parent->children.count(label) &&
                parent->children.at(label)->isArray())
                label += "_axis";
        return *labels;
    }
    // particles/<species>/<record>[/<component>]: all share the species' length
    auto const n = segments.size();
    for (std::size_t i = 0; rank == 1 && i + 2 < n; ++i)
    {
        if (segments[i] != "particles")
            continue;
        bool const patches = segments[i + 2] == "particlePatches";
        std::size_t const below = n - i - 2 - (patches ? 1 : 0); // record [+ component]
        if (below >= 1 && below <= 2)
            return {segments[i + 1] + (patches ? "_patches" : "_particles")};
    }
    std::vector<std::string> names;
    for (std::size_t d = 0; d < rank; ++d)
        names.push_back("dim_" + std::to_string(d));
    return names;
}

std::string documentKey(std::string const& nodePath, char const* document)
{
    return nodePath.empty() ? std::string(document) : nodePath + "/" + document;
}
} // namespace openPMD::zarr
