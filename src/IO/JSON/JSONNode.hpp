#pragma once

#include "IO/JSON/AttributeEntry.hpp"
#include "IO/JSON/DatasetBuffer.hpp"
#include "IO/JSON/RawJSON.hpp"

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace openPMD::jsonio
{
/**
 * One object of the document: a group, a dataset, or a value in a group's
 * place that is no object (kept verbatim).
 *
 * Content that a file holds but that cannot be decoded is not an error of
 * the whole file: it is kept as read (and written back unchanged) and
 * reported with a full message when an operation needs it. So one bad
 * dataset or attribute does not make the rest of a file unreadable.
 */
class JSONNode
{
public:
    enum class Kind
    {
        Group,
        Dataset,
        /** Not a JSON object: neither group nor dataset (see `verbatimValue`). */
        Verbatim
    };

    explicit JSONNode(Kind kind_in) : kind(kind_in) {}

    Kind kind;

    /** Attributes by name (sorted, as they are written). */
    std::map<std::string, AttributeEntry> attributes;
    /** Set if the "attributes" key holds no object; the key is then kept in `verbatim`.
     */
    std::string attributesProblem;

    /** Groups and datasets of a group, by name. */
    std::map<std::string, std::unique_ptr<JSONNode>> children;

    /** Content of a dataset; null if it could not be decoded (see `problem`). */
    std::unique_ptr<DatasetBuffer> dataset;

    /** Keys of this object kept as read, written back unchanged. */
    std::map<std::string, RawJSON> verbatim;
    /** The whole value of a Verbatim node. */
    std::unique_ptr<RawJSON> verbatimValue;
    /** Why a Verbatim node or a dataset's content is unusable (a full error message). */
    std::string problem;

    bool isGroup() const { return kind == Kind::Group; }
    bool isDataset() const { return kind == Kind::Dataset; }
};
} // namespace openPMD::jsonio
