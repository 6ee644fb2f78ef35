#pragma once

#include "openPMD/Dataset.hpp"
#include "openPMD/Datatype.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace openPMD::jsonio
{
/** A chunk written by one rank, on its way to rank 0. */
struct PendingChunk
{
    /** Full path of the file. */
    std::string file;
    /** Keys from the document root to the dataset. */
    std::vector<std::string> path;
    Datatype dtype = Datatype::UNDEFINED;
    Offset offset;
    Extent extent;
    /** The user's buffer (local chunks) or a view into a received message. */
    std::shared_ptr<void const> data;
};

/**
 * What a rank sends to rank 0 at the end of a flush: whether a task of the
 * flush failed there (and why), and the chunks it wrote. Binary, native byte
 * order: all ranks of one job are assumed to share the architecture.
 */
struct RankReport
{
    bool failed = false;
    std::string failure;
    std::vector<PendingChunk> chunks;

    /** The wire form; chunk data is copied in (the one copy of the gather). */
    std::vector<unsigned char> encode() const;
    /**
     * Reads a message; chunk data then points into `message`, which the
     * chunks share ownership of.
     * @throws error::Internal if the message is malformed.
     */
    static RankReport decode(std::shared_ptr<std::vector<unsigned char> const> message);
};

/** Bytes of a dense chunk of `extent` elements of `dtype`. */
size_t chunkBytes(Datatype dtype, Extent const& extent);
} // namespace openPMD::jsonio
