#pragma once

#include "openPMD/IO/AbstractFilePosition.hpp"

#include <memory>

namespace openPMD
{
/**
 * One node of the storage tree: a file root, a group or a dataset.
 *
 * Every frontend object owns exactly one Writable. IOTasks name the node they
 * act on by a Writable pointer; backends use it as a key and walk `parent` to
 * find the file a node belongs to.
 *
 * Contract between frontend and backends:
 *  - `parent` is set by the frontend before any task on this node runs; a
 *    node whose parent is null is a file root (it gets CREATE_FILE/OPEN_FILE);
 *  - `abstractFilePosition` and `written` are set by the backend when it
 *    creates or opens the node (CREATE_* / OPEN_* tasks); CLOSE_FILE resets
 *    the file's root, and nodes below it must be opened again after the file
 *    is reopened (see Parameter<CLOSE_FILE>);
 *  - the frontend keeps a Writable alive while tasks naming it are queued,
 *    except for DEREGISTER, whose Writable may already be gone.
 */
class Writable
{
public:
    /** @param frontendObject opaque back-pointer to the owning frontend object. */
    explicit Writable(void* frontendObject = nullptr) : frontendObject(frontendObject) {}

    Writable(Writable const&) = delete;
    Writable& operator=(Writable const&) = delete;
    Writable(Writable&&) = delete;
    Writable& operator=(Writable&&) = delete;
    ~Writable() = default;

    /** The node this one sits in; null for a file root. */
    Writable* parent = nullptr;
    /** The backend's handle on this node; null until created or opened. */
    std::shared_ptr<AbstractFilePosition> abstractFilePosition;
    /** Whether the node exists in storage (set by the backend). */
    bool written = false;
    /** The frontend object that owns this node; opaque to backends. */
    void* frontendObject = nullptr;

    /** True if `ancestor` is this node or one of its parents. */
    bool isDescendantOf(Writable const* ancestor) const;
};
} // namespace openPMD
