#include "IO/JSON/JSONReader.hpp"
#include "IO/JSON/AttributeCodec.hpp"
#include "IO/JSON/DataCodec.hpp"
#include "IO/JSON/JSONErrors.hpp"

namespace openPMD::jsonio
{
namespace
{
std::string pointerOf(std::string const& path)
{
    return path.empty() ? "/" : path;
}

bool looksLikeDataset(RawJSON const& object)
{
    auto const data = object.find("data");
    return data != object.end() && data->is_array();
}

class TreeBuilder
{
public:
    explicit TreeBuilder(std::string const& file) : m_file(file) {}

    std::unique_ptr<JSONNode> convert(RawJSON value, std::string const& path, bool isRoot)
    {
        if (!value.is_object())
        {
            auto node = std::make_unique<JSONNode>(JSONNode::Kind::Verbatim);
            node->problem =
                locate(m_file, pointerOf(path),
                       "expected a JSON object (a group or a dataset), found " +
                           describe(value));
            node->verbatimValue = std::make_unique<RawJSON>(std::move(value));
            return node;
        }
        bool const dataset = !isRoot && looksLikeDataset(value);
        auto node = std::make_unique<JSONNode>(dataset ? JSONNode::Kind::Dataset
                                                       : JSONNode::Kind::Group);
        // Parsed as a whole: where each member lies in the text is not known.
        node->membersPlaced = false;
        auto& object = value.get_ref<RawJSON::object_t&>();
        if (dataset)
        {
            readDatasetContent(*node, object, path);
        }
        for (auto& [key, child] : object)
        {
            if (key == "attributes")
            {
                readAttributes(*node, std::move(child), path);
            }
            else if (isRoot && key == "platform_byte_widths")
            {
                // Describes the last writer only; written anew on save.
            }
            else if (dataset)
            {
                // Keys a dataset does not know are kept as they are.
                node->verbatim.emplace(key, std::move(child));
            }
            else
            {
                node->adopt(key, convert(std::move(child), path + "/" + key, false));
            }
        }
        return node;
    }

private:
    void readAttributes(JSONNode& node, RawJSON attributes, std::string const& path)
    {
        if (!attributes.is_object())
        {
            node.attributesProblem =
                locate(m_file, path + "/attributes",
                       "expected an object holding the attributes, found " +
                           describe(attributes));
            node.verbatim.emplace("attributes", std::move(attributes));
            return;
        }
        for (auto& [name, raw] : attributes.get_ref<RawJSON::object_t&>())
        {
            AttributeEntry entry;
            std::string const attributePath = path + "/attributes/" + name;
            try
            {
                entry.value = decodeAttribute(raw, attributePath);
            }
            catch (ContentError const& e)
            {
                entry.problem = locate(m_file, e.jsonPath, e.what);
                entry.undecoded = std::make_shared<RawJSON>(std::move(raw));
            }
            node.attributes.emplace(name, std::move(entry));
        }
    }

    /**
     * Decodes "datatype", "data" and "extent" and removes them from
     * `object`; if they do not decode they move to node.verbatim.
     */
    void readDatasetContent(JSONNode& node, RawJSON::object_t& object,
                            std::string const& path)
    {
        auto const extent = object.find("extent");
        try
        {
            Datatype const dtype = datasetType(object, path);
            node.dataset =
                decodeData(object.at("data"), dtype,
                           extent == object.end() ? nullptr : &extent->second, path);
        }
        catch (ContentError const& e)
        {
            node.problem = locate(m_file, e.jsonPath, e.what);
            for (char const* key : {"data", "datatype", "extent"})
            {
                auto const found = object.find(key);
                if (found != object.end())
                {
                    node.verbatim.emplace(key, std::move(found->second));
                }
            }
        }
        object.erase("data");
        object.erase("datatype");
        object.erase("extent");
    }

    static Datatype datasetType(RawJSON::object_t const& object, std::string const& path)
    {
        auto const tag = object.find("datatype");
        if (tag == object.end() || !tag->second.is_string())
        {
            throw ContentError{
                path + "/datatype",
                "a dataset needs a datatype tag (a string such as \"DOUBLE\")"};
        }
        auto const& text = tag->second.get_ref<std::string const&>();
        Datatype const dtype = datatypeOfTag(text);
        if (dtype == Datatype::UNDEFINED)
        {
            throw ContentError{
                path + "/datatype",
                "unknown datatype tag \"" + text +
                    "\" (expected a dataset type name such as DOUBLE or CFLOAT)"};
        }
        if (!DatasetBuffer::isDatasetType(dtype))
        {
            throw ContentError{
                path + "/datatype",
                "the datatype " + text +
                    " is not a dataset type (expected a number type such as DOUBLE)"};
        }
        return dtype;
    }

    std::string const& m_file;
};
} // namespace

std::unique_ptr<JSONNode> readDocument(std::string const& text, std::string const& file)
{
    JSONSyntaxError syntax;
    auto parsed = parseRawJSON(text, syntax);
    if (!parsed)
    {
        throwReadError(error::AffectedObject::File, error::Reason::UnexpectedContent,
                       file, "",
                       "not valid JSON at line " + std::to_string(syntax.line) +
                           ", column " + std::to_string(syntax.column) + " (byte " +
                           std::to_string(syntax.byte) + "): " + syntax.message);
    }
    if (!parsed->is_object())
    {
        throwReadError(
            error::AffectedObject::File, error::Reason::UnexpectedContent, file, "/",
            "expected a JSON object at the top level, found " + describe(*parsed));
    }
    return TreeBuilder(file).convert(std::move(*parsed), "", true);
}

std::unique_ptr<JSONNode> readSubtree(std::string const& text, std::string const& file,
                                      std::string const& jsonPath)
{
    JSONSyntaxError syntax;
    auto parsed = parseRawJSON(text, syntax);
    if (!parsed)
    {
        throwReadError(error::AffectedObject::Group, error::Reason::UnexpectedContent,
                       file, jsonPath,
                       "the text stored for this object is no valid JSON (byte " +
                           std::to_string(syntax.byte) + "): " + syntax.message);
    }
    return TreeBuilder(file).convert(std::move(*parsed), jsonPath == "/" ? "" : jsonPath,
                                     false);
}
} // namespace openPMD::jsonio
