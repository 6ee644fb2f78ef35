#pragma once

#include "openPMD/ChunkInfo.hpp"
#include "openPMD/Dataset.hpp"
#include "openPMD/Datatype.hpp"
#include "openPMD/Streaming.hpp"
#include "openPMD/backend/Attribute.hpp"

#include <cstdint>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace openPMD
{
class Writable;

/**
 * Every operation a backend performs. The order equals the index of the
 * matching Parameter<> in IOTask::Parameters (checked at compile time).
 */
enum class Operation
{
    CREATE_FILE,
    CHECK_FILE,
    OPEN_FILE,
    CLOSE_FILE,
    DELETE_FILE,

    CREATE_PATH,
    CLOSE_PATH,
    OPEN_PATH,
    DELETE_PATH,
    LIST_PATHS,

    CREATE_DATASET,
    EXTEND_DATASET,
    OPEN_DATASET,
    DELETE_DATASET,
    WRITE_DATASET,
    READ_DATASET,
    LIST_DATASETS,
    GET_BUFFER_VIEW,

    DELETE_ATT,
    WRITE_ATT,
    READ_ATT,
    READ_ATTS,
    LIST_ATTS,

    ADVANCE,
    AVAILABLE_CHUNKS,
    DEREGISTER
};

/** The enumerator spelling, e.g. "WRITE_DATASET". */
char const* operationToString(Operation);
std::ostream& operator<<(std::ostream&, Operation);

/**
 * The arguments of one operation. Inputs are plain values; outputs are
 * std::shared_ptr slots that the caller keeps a copy of and the backend fills
 * during flush.
 *
 * Conventions for every operation:
 *  - "the node" is the Writable the task names;
 *  - names and paths are relative to the node's parent (for *_PATH,
 *    *_DATASET) or to the handler's directory (for *_FILE); a path may hold
 *    several '/'-separated segments, never a leading '/';
 *  - a backend that lacks an operation throws
 *    error::OperationUnsupportedInBackend (the default implementation);
 *  - failures throw an openPMD::Error subclass whose message names the
 *    file, the object path and what was expected.
 */
template <Operation>
struct Parameter;

/**
 * Create a new file and make the node its root. `name` is the file name
 * relative to the handler's directory, with extension. Existing files are
 * replaced (CREATE) or opened for appending (APPEND, where the backend
 * supports it). Sets the node's file position and written = true.
 */
template <>
struct Parameter<Operation::CREATE_FILE>
{
    std::string name;
};

/**
 * Does the file `name` exist? Answers in `fileExists`. Touches nothing.
 * Backends that store files must answer Yes or No; DontKnow (the default)
 * is for backends that cannot tell.
 */
template <>
struct Parameter<Operation::CHECK_FILE>
{
    enum class FileExists
    {
        DontKnow,
        Yes,
        No
    };
    std::string name;
    std::shared_ptr<FileExists> fileExists = std::make_shared<FileExists>();
};

/**
 * Open the existing file `name` and make the node its root. A missing file
 * is error::ReadError(File, NotFound). Sets file position and written = true.
 */
template <>
struct Parameter<Operation::OPEN_FILE>
{
    std::string name;
};

/**
 * Persist and close the file whose root is the node, and forget it: the root
 * loses its file position (written = false). Nodes below it must be opened
 * again (OPEN_PATH / OPEN_DATASET) after the file is reopened with OPEN_FILE
 * before tasks may name them; a backend may reset them at CLOSE_FILE but need
 * not (it cannot always reach them: the frontend may have destroyed some).
 */
template <>
struct Parameter<Operation::CLOSE_FILE>
{
};

/**
 * Delete the file `name`. The node is usually the file's root; if the file
 * is open, it is closed first. A missing file is
 * error::ReadError(File, NotFound).
 */
template <>
struct Parameter<Operation::DELETE_FILE>
{
    std::string name;
};

/**
 * Create the group `path` below the parent node (intermediate groups too) and
 * make the node refer to it. An existing group is reused. A node without a
 * parent refers to the file root itself (path must be empty then).
 */
template <>
struct Parameter<Operation::CREATE_PATH>
{
    std::string path;
};

/** The frontend is done with the group for now: backends may release handles. */
template <>
struct Parameter<Operation::CLOSE_PATH>
{
};

/**
 * Make the node refer to the existing group `path` below the parent node.
 * A missing group is error::ReadError(Group, NotFound).
 */
template <>
struct Parameter<Operation::OPEN_PATH>
{
    std::string path;
};

/** Delete the group `path` below the node, with all it contains. */
template <>
struct Parameter<Operation::DELETE_PATH>
{
    std::string path;
};

/** Names of the groups directly in the node's group, sorted. */
template <>
struct Parameter<Operation::LIST_PATHS>
{
    std::shared_ptr<std::vector<std::string>> paths =
        std::make_shared<std::vector<std::string>>();
};

/**
 * Create the dataset `name` below the parent node and make the node refer to
 * it. `options` is the dataset's JSON option string (Dataset::options).
 * An existing dataset of that name is replaced. Unwritten elements read back
 * as zero (or as the backend documents).
 */
template <>
struct Parameter<Operation::CREATE_DATASET>
{
    std::string name;
    Extent extent;
    Datatype dtype = Datatype::UNDEFINED;
    std::string options = "{}";
};

/** Grow the node's dataset to `extent` (same rank, no dimension shrinks). */
template <>
struct Parameter<Operation::EXTEND_DATASET>
{
    Extent extent;
};

/**
 * Make the node refer to the existing dataset `name`; report its type and
 * extent. A missing dataset is error::ReadError(Dataset, NotFound).
 */
template <>
struct Parameter<Operation::OPEN_DATASET>
{
    std::string name;
    std::shared_ptr<Datatype> dtype = std::make_shared<Datatype>(Datatype::UNDEFINED);
    std::shared_ptr<Extent> extent = std::make_shared<Extent>();
};

/** Delete the dataset `name` below the node. */
template <>
struct Parameter<Operation::DELETE_DATASET>
{
    std::string name;
};

/**
 * Write the hyperslab (offset, extent) of the node's dataset from `data`,
 * a dense row-major buffer of `dtype` (same kind and size as the dataset's
 * type, else an error). A hyperslab outside the dataset, of the wrong rank,
 * or a write in a read-only mode is an error that leaves storage unchanged.
 * The buffer is the user's own memory: backends must not keep it past the
 * flush and must not modify it.
 */
template <>
struct Parameter<Operation::WRITE_DATASET>
{
    Offset offset;
    Extent extent;
    Datatype dtype = Datatype::UNDEFINED;
    std::shared_ptr<void const> data;
};

/**
 * Read the hyperslab (offset, extent) of the node's dataset into `data`, a
 * dense row-major buffer of `dtype` (same kind and size as the dataset's type).
 */
template <>
struct Parameter<Operation::READ_DATASET>
{
    Offset offset;
    Extent extent;
    Datatype dtype = Datatype::UNDEFINED;
    std::shared_ptr<void> data;
};

/** Names of the datasets directly in the node's group, sorted. */
template <>
struct Parameter<Operation::LIST_DATASETS>
{
    std::shared_ptr<std::vector<std::string>> datasets =
        std::make_shared<std::vector<std::string>>();
};

/**
 * Ask for a backend-owned buffer to write the hyperslab (offset, extent) of
 * the node's dataset into (span API, no copy at flush). The dataset exists
 * (the frontend creates it first, in a FlushLevel::SkeletonOnly flush).
 *
 * A backend that offers one sets backendManagedBuffer, `ptr` (a dense
 * row-major buffer of `dtype` for the hyperslab) and a `viewIndex` of its
 * choice; from then on the hyperslab counts as written. The frontend fills
 * the buffer and, at the next flush point, sends the request again with
 * `update` = true (same node, selection and viewIndex): the answer is the
 * buffer's current address (a backend may move it, e.g. when the dataset is
 * extended) and tells the backend that the content is final, to be persisted
 * by that flush. The address may change at any later flush; the frontend
 * asks again (update) before it uses a view after one.
 *
 * A backend without such buffers (the default), or that cannot give one for
 * this selection, leaves backendManagedBuffer false; the frontend then falls
 * back to a buffer of its own written with WRITE_DATASET.
 */
template <>
struct Parameter<Operation::GET_BUFFER_VIEW>
{
    Offset offset;
    Extent extent;
    Datatype dtype = Datatype::UNDEFINED;
    /** True to re-query the pointer of an earlier view (viewIndex). */
    bool update = false;
    struct OutParameters
    {
        bool backendManagedBuffer = false;
        unsigned viewIndex = 0;
        void* ptr = nullptr;
    };
    std::shared_ptr<OutParameters> out = std::make_shared<OutParameters>();
};

/** Delete the attribute `name` of the node. A missing attribute is not an error. */
template <>
struct Parameter<Operation::DELETE_ATT>
{
    std::string name;
};

/**
 * Set the attribute `name` of the node to `value`, replacing any earlier
 * value whatever its type or size (nothing is truncated).
 */
template <>
struct Parameter<Operation::WRITE_ATT>
{
    std::string name;
    Attribute value = Attribute(0);
};

/**
 * Read the attribute `name` of the node. A missing attribute is
 * error::ReadError(Attribute, NotFound).
 */
template <>
struct Parameter<Operation::READ_ATT>
{
    std::string name;
    std::shared_ptr<Datatype> dtype = std::make_shared<Datatype>(Datatype::UNDEFINED);
    std::shared_ptr<Attribute::resource> resource =
        std::make_shared<Attribute::resource>();
};

/**
 * Read all attributes of the node in one task (one round trip for the whole
 * attribute set). The default implementation combines LIST_ATTS and READ_ATT.
 */
template <>
struct Parameter<Operation::READ_ATTS>
{
    std::shared_ptr<std::map<std::string, Attribute>> attributes =
        std::make_shared<std::map<std::string, Attribute>>();
};

/** Names of the node's attributes, sorted. */
template <>
struct Parameter<Operation::LIST_ATTS>
{
    std::shared_ptr<std::vector<std::string>> attributes =
        std::make_shared<std::vector<std::string>>();
};

/**
 * Begin or end a step of the file whose root is the node. Backends without
 * steps answer RANDOMACCESS (the default implementation).
 */
template <>
struct Parameter<Operation::ADVANCE>
{
    AdvanceMode mode = AdvanceMode::BEGINSTEP;
    std::shared_ptr<AdvanceStatus> status =
        std::make_shared<AdvanceStatus>(AdvanceStatus::OK);
};

/**
 * The chunks of the node's dataset that exist in storage. A backend that
 * cannot tell reports the whole extent as one chunk.
 */
template <>
struct Parameter<Operation::AVAILABLE_CHUNKS>
{
    std::shared_ptr<ChunkTable> chunks = std::make_shared<ChunkTable>();
};

/**
 * The frontend object owning the node is going away: forget everything kept
 * for it. The Writable may already be destroyed: use the pointer only as a
 * key, never dereference it.
 */
template <>
struct Parameter<Operation::DEREGISTER>
{
};

/** One queued operation: the node it acts on and its parameters. */
class IOTask
{
public:
    using Parameters = std::variant<
        Parameter<Operation::CREATE_FILE>, Parameter<Operation::CHECK_FILE>,
        Parameter<Operation::OPEN_FILE>, Parameter<Operation::CLOSE_FILE>,
        Parameter<Operation::DELETE_FILE>, Parameter<Operation::CREATE_PATH>,
        Parameter<Operation::CLOSE_PATH>, Parameter<Operation::OPEN_PATH>,
        Parameter<Operation::DELETE_PATH>, Parameter<Operation::LIST_PATHS>,
        Parameter<Operation::CREATE_DATASET>, Parameter<Operation::EXTEND_DATASET>,
        Parameter<Operation::OPEN_DATASET>, Parameter<Operation::DELETE_DATASET>,
        Parameter<Operation::WRITE_DATASET>, Parameter<Operation::READ_DATASET>,
        Parameter<Operation::LIST_DATASETS>, Parameter<Operation::GET_BUFFER_VIEW>,
        Parameter<Operation::DELETE_ATT>, Parameter<Operation::WRITE_ATT>,
        Parameter<Operation::READ_ATT>, Parameter<Operation::READ_ATTS>,
        Parameter<Operation::LIST_ATTS>, Parameter<Operation::ADVANCE>,
        Parameter<Operation::AVAILABLE_CHUNKS>, Parameter<Operation::DEREGISTER>>;

    template <Operation op>
    IOTask(Writable* writable_in, Parameter<op> parameter_in)
        : writable(writable_in), parameter(std::move(parameter_in))
    {
        static_assert(std::is_same_v<
                          std::variant_alternative_t<static_cast<size_t>(op), Parameters>,
                          Parameter<op>>,
                      "Operation order and IOTask::Parameters order differ");
    }

    Operation operation() const { return static_cast<Operation>(parameter.index()); }

    Writable* writable;
    Parameters parameter;
};
} // namespace openPMD
