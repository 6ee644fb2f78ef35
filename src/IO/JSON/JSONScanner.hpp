#pragma once

#include "IO/JSON/StoredText.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace openPMD::jsonio
{
struct ScannedObject;

/** One member of a scanned JSON object: its key and where its value lies. */
struct ScannedMember
{
    std::string key;
    /** Absolute position and length of the value's text. */
    std::uint64_t offset = 0;
    std::uint64_t length = 0;
    /** The value's first character: '{', '[', '"', a digit, 't', 'f', 'n', '-'. */
    char first = 0;
    /** An object with a "data" key whose value is an array (a dataset). */
    bool looksLikeDataset = false;
    /** The members of an object value, if the scan was asked to go this deep. */
    std::unique_ptr<ScannedObject> inner;
};

/** The members of an object and the length of its whole text. */
struct ScannedObject
{
    std::vector<ScannedMember> members;
    std::uint64_t length = 0;
};

/**
 * Finds the members of the JSON object whose text starts at `start` of
 * `text` without parsing their values: one pass over the bytes that tracks
 * strings and bracket nesting only, reading the file in blocks (the text is
 * never held whole). This is how a large file is opened without parsing the
 * content of every iteration, which is parsed when it is first used.
 *
 * The scan checks the structure (brackets, strings, separators between the
 * members), not the syntax inside the values: errors in a value surface when
 * that value is parsed. Structure errors are error::ReadError naming `file`,
 * `jsonPath` and the byte position.
 *
 * With `nestedLevels` > 0, the members of object members are found in the
 * same pass (ScannedMember::inner), that many levels down: opening a large
 * file then reads its bytes once, not once for the root and again for the
 * group that holds most of the text.
 */
ScannedObject scanObject(StoredText const& text, std::uint64_t start,
                         std::uint64_t fileSize, std::string const& file,
                         std::string const& jsonPath, unsigned nestedLevels = 0);
} // namespace openPMD::jsonio
