#pragma once

#include "IO/JSON/JSONNode.hpp"
#include "IO/JSON/TextSink.hpp"

namespace openPMD::jsonio
{
/**
 * Serializes a document tree the way openPMD-api 0.16 lays out its files:
 * compact single-line JSON, keys sorted, attributes under "attributes",
 * datasets as {"attributes", "data", "datatype"}, the root's
 * "platform_byte_widths", and a final newline.
 *
 * Serialization is organised per subtree (writeNode) so that unchanged
 * subtrees can later be emitted from a cache instead of re-serialized.
 */
class JSONWriter
{
public:
    explicit JSONWriter(TextSink& sink) : m_sink(sink) {}

    /** The whole document, root first, with the trailing newline. */
    void writeDocument(JSONNode const& root);
    /** One node (group, dataset or verbatim value) and everything below it. */
    void writeNode(JSONNode const& node, bool isRoot = false);

private:
    void writeAttributes(JSONNode const& node);
    void writePlatformByteWidths();

    TextSink& m_sink;
};
} // namespace openPMD::jsonio
