#include "SeriesListing.hpp"
#include "AttributeJSON.hpp"

#include <openPMD/openPMD.hpp>

#include <sstream>

namespace openPMD::tools
{
namespace
{
nlohmann::json attributesOf(Attributable const& object)
{
    auto result = nlohmann::json::object();
    for (auto const& name : object.attributes())
    {
        auto const attribute = object.getAttribute(name);
        result[name] = {{"type", datatypeToString(attribute.dtype)},
                        {"value", attributeValueToJSON(attribute)}};
    }
    return result;
}

nlohmann::json chunksOf(BaseRecordComponent& component)
{
    auto result = nlohmann::json::array();
    for (auto const& chunk : component.availableChunks())
    {
        result.push_back({{"offset", chunk.offset},
                          {"extent", chunk.extent},
                          {"source", chunk.sourceID}});
    }
    return result;
}

nlohmann::json componentOf(RecordComponent& component, ListingOptions const& options)
{
    nlohmann::json result = {{"datatype", datatypeToString(component.getDatatype())},
                             {"shape", component.getExtent()},
                             {"constant", component.constant()}};
    if (options.attributes)
        result["attributes"] = attributesOf(component);
    if (options.chunks && !component.constant())
        result["chunks"] = chunksOf(component);
    return result;
}

/** A record: its components, or, if scalar, the one component's fields. */
template <typename Record>
nlohmann::json recordOf(Record& record, ListingOptions const& options)
{
    nlohmann::json result;
    if (record.scalar())
    {
        result = componentOf(record.begin()->second, options);
        result["scalar"] = true;
        return result; // its attributes are the component's
    }
    result["scalar"] = false;
    result["components"] = nlohmann::json::object();
    for (auto& [name, component] : record)
    {
        result["components"][name] = componentOf(component, options);
    }
    if (options.attributes)
        result["attributes"] = attributesOf(record);
    return result;
}

nlohmann::json iterationOf(Iteration& iteration, ListingOptions const& options)
{
    nlohmann::json result = {{"meshes", nlohmann::json::object()},
                             {"particles", nlohmann::json::object()}};
    for (auto& [name, mesh] : iteration.meshes)
    {
        result["meshes"][name] = recordOf(mesh, options);
    }
    for (auto& [name, species] : iteration.particles)
    {
        nlohmann::json entry = {{"records", nlohmann::json::object()}};
        std::uint64_t count = 0;
        for (auto& [recordName, record] : species)
        {
            entry["records"][recordName] = recordOf(record, options);
            if (count == 0 && !record.empty())
            {
                auto const extent = record.begin()->second.getExtent();
                count = extent.empty() ? 0 : extent[0];
            }
        }
        entry["count"] = count;
        if (!species.particlePatches.empty())
        {
            nlohmann::json patches = {{"count", species.particlePatches.numPatches()},
                                      {"records", nlohmann::json::object()}};
            for (auto& [patchName, patchRecord] : species.particlePatches)
                patches["records"][patchName] = recordOf(patchRecord, options);
            if (options.attributes)
                patches["attributes"] = attributesOf(species.particlePatches);
            entry["particlePatches"] = std::move(patches);
        }
        if (options.attributes)
            entry["attributes"] = attributesOf(species);
        result["particles"][name] = std::move(entry);
    }
    if (options.attributes)
        result["attributes"] = attributesOf(iteration);
    return result;
}

std::string optionalString(Attributable const& object, char const* name)
{
    if (!object.containsAttribute(name))
        return "unknown";
    try
    {
        return object.getAttribute(name).get<std::string>();
    }
    catch (Error const&)
    {
        return "(not a string)";
    }
}

std::string shapeText(nlohmann::json const& shape)
{
    std::string text;
    for (auto const& n : shape)
    {
        text += (text.empty() ? "" : "x") + std::to_string(n.get<std::uint64_t>());
    }
    return text.empty() ? "0" : text;
}

void printAttributes(std::ostream& out, nlohmann::json const& object, int indent)
{
    if (!object.contains("attributes"))
        return;
    for (auto const& [name, attribute] : object["attributes"].items())
    {
        std::string value = attribute["value"].dump();
        if (value.size() > 100)
            value = value.substr(0, 97) + "...";
        out << std::string(static_cast<std::size_t>(indent), ' ') << '@' << name << " ("
            << attribute["type"].get<std::string>() << ") = " << value << '\n';
    }
}

void printComponent(std::ostream& out, std::string const& name,
                    nlohmann::json const& component, int indent)
{
    out << std::string(static_cast<std::size_t>(indent), ' ') << name << ": "
        << component["datatype"].get<std::string>() << ' '
        << shapeText(component["shape"])
        << (component["constant"].get<bool>() ? " (constant)" : "") << '\n';
    printAttributes(out, component, indent + 2);
    if (component.contains("chunks"))
    {
        for (auto const& chunk : component["chunks"])
        {
            out << std::string(static_cast<std::size_t>(indent + 2), ' ')
                << "chunk offset " << chunk["offset"].dump() << " extent "
                << chunk["extent"].dump() << " from " << chunk["source"] << '\n';
        }
    }
}

void printRecord(std::ostream& out, std::string const& kind, std::string const& name,
                 nlohmann::json const& record, int indent)
{
    if (record["scalar"].get<bool>())
    {
        printComponent(out, kind + name, record, indent);
        return;
    }
    out << std::string(static_cast<std::size_t>(indent), ' ') << kind << name << '\n';
    printAttributes(out, record, indent + 2);
    for (auto const& [component, value] : record["components"].items())
    {
        printComponent(out, component, value, indent + 2);
    }
}
} // namespace

SeriesListing::SeriesListing(Series& series, ListingOptions const& options)
{
    m_json["series"] = {{"name", series.name()},
                        {"backend", series.backend()},
                        {"openPMD", series.openPMD()},
                        {"openPMDextension", series.openPMDextension()},
                        {"iterationEncoding",
                         [&]
                         {
                             std::ostringstream s;
                             s << series.iterationEncoding();
                             return s.str();
                         }()},
                        {"author", optionalString(series, "author")},
                        {"date", optionalString(series, "date")},
                        {"machine", optionalString(series, "machine")},
                        {"software", optionalString(series, "software")},
                        {"softwareVersion", optionalString(series, "softwareVersion")}};
    if (options.attributes)
        m_json["series"]["attributes"] = attributesOf(series);

    auto all = nlohmann::json::array();
    for (auto const& entry : series.iterations)
        all.push_back(entry.first);
    m_json["allIterations"] = all;

    m_json["iterations"] = nlohmann::json::array();
    for (auto& [index, iteration] : series.iterations)
    {
        if (!options.iterations.contains(index))
            continue;
        nlohmann::json entry;
        try
        {
            entry = iterationOf(iteration, options);
        }
        catch (Error const& e)
        {
            entry = {{"error", e.what()}};
            ++m_errors;
        }
        entry["index"] = index;
        m_json["iterations"].push_back(std::move(entry));
    }
}

void SeriesListing::printText(std::ostream& out) const
{
    auto const& s = m_json["series"];
    out << "openPMD series: " << s["name"].get<std::string>() << '\n'
        << "openPMD standard: " << s["openPMD"].get<std::string>() << '\n'
        << "openPMD extensions: " << s["openPMDextension"] << "\n\n"
        << "data author: " << s["author"].get<std::string>() << '\n'
        << "data created: " << s["date"].get<std::string>() << '\n'
        << "data backend: " << s["backend"].get<std::string>() << '\n'
        << "generating machine: " << s["machine"].get<std::string>() << '\n'
        << "generating software: " << s["software"].get<std::string>()
        << " (version: " << s["softwareVersion"].get<std::string>() << ")\n";
    printAttributes(out, s, 2);
    out << "\nnumber of iterations: " << m_json["allIterations"].size() << " ("
        << s["iterationEncoding"].get<std::string>() << ")\n";
    if (!m_json["allIterations"].empty())
    {
        out << "  all iterations:";
        for (auto const& index : m_json["allIterations"])
            out << ' ' << index;
        out << '\n';
    }
    for (auto const& iteration : m_json["iterations"])
    {
        out << "\niteration " << iteration["index"] << '\n';
        if (iteration.contains("error"))
        {
            out << "  cannot be read: " << iteration["error"].get<std::string>() << '\n';
            continue;
        }
        printAttributes(out, iteration, 2);
        for (auto const& [name, mesh] : iteration["meshes"].items())
        {
            printRecord(out, "mesh ", name, mesh, 2);
        }
        for (auto const& [name, species] : iteration["particles"].items())
        {
            out << "  species " << name << ": " << species["count"] << " particles\n";
            printAttributes(out, species, 4);
            for (auto const& [recordName, record] : species["records"].items())
            {
                printRecord(out, "", recordName, record, 4);
            }
            if (species.contains("particlePatches"))
            {
                auto const& patches = species["particlePatches"];
                out << "    particlePatches: " << patches["count"] << " patches\n";
                printAttributes(out, patches, 6);
                for (auto const& [patchName, record] : patches["records"].items())
                    printRecord(out, "", patchName, record, 6);
            }
        }
    }
}
} // namespace openPMD::tools
