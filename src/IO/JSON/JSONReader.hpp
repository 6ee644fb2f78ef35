#pragma once

#include "IO/JSON/JSONNode.hpp"

#include <memory>
#include <string>

namespace openPMD::jsonio
{
/**
 * Turns the text of a file into the document tree. Accepts what
 * openPMD-api writes: compact or pretty-printed, keys in any order, integer
 * literals for floating-point values, null for unwritten elements and NaN.
 *
 * An object is a dataset if its "data" key is an array, else a group. Only
 * a text that is no JSON, or whose top level is no object, fails here
 * (error::ReadError naming the file and the position); content that does
 * not fit the format is kept on the node it concerns (see JSONNode) and
 * reported when that node is used.
 *
 * @param file the file's path, for messages.
 */
std::unique_ptr<JSONNode> readDocument(std::string const& text, std::string const& file);

/**
 * Turns the text of one object below the root (at `jsonPath`) back into its
 * subtree, as readDocument() does for a whole file.
 */
std::unique_ptr<JSONNode> readSubtree(std::string const& text, std::string const& file,
                                      std::string const& jsonPath);
} // namespace openPMD::jsonio
