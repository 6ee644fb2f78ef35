#pragma once

// What the Zarr backend stores into: a flat map from keys to byte strings.
// Layout, chunking, types and MPI coordination live in the backend above, so
// a store is a thin adapter to a directory, memory, an object store or a
// Python object. docs/zarr-backend.md lists the stores and their options.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace openPMD
{
/**
 * A key-value store of one Zarr hierarchy (one openPMD file).
 *
 * Keys are relative, '/'-separated paths without a leading '/', e.g.
 * "data/100/meshes/E/x/.zarray" or "data/100/meshes/E/x/0.0". They never
 * contain "." or ".." components, NUL or an empty component: the backend
 * checks every key before it reaches a store.
 *
 * Errors: a store throws error::ReadError or error::WriteError whose
 * description names the store (describe()), the key and the cause. A
 * missing key is not an error for get(), getRange() and erase().
 *
 * Thread safety: one store object is used by one thread at a time.
 */
class KeyValueStore
{
public:
    virtual ~KeyValueStore() = default;

    /** E.g. "directory /scratch/run.zarr" or "rados pool=sim ns=run1". */
    virtual std::string describe() const = 0;

    /** The whole value, or nullopt if the key does not exist. */
    virtual std::optional<std::vector<std::byte>> get(std::string const& key) = 0;

    /**
     * Bytes [offset, offset + length) of a value, shorter if the value ends
     * before; nullopt if the key does not exist. The default reads the whole
     * value.
     */
    virtual std::optional<std::vector<std::byte>>
    getRange(std::string const& key, std::uint64_t offset, std::uint64_t length);

    /**
     * Creates or replaces a value. After put() returns, a get() of the key
     * sees either the old value or the new one in full, never a mix (stores
     * on files write to a temporary name and rename).
     */
    virtual void put(std::string const& key, void const* data, std::size_t size) = 0;

    /** Removes a key; false if it did not exist. */
    virtual bool erase(std::string const& key) = 0;

    /**
     * Every key that starts with `prefix` (prefix "" lists the store), in
     * ascending byte order. "a/b" lists "a/b/c" and "a/bc" alike: add the
     * '/' to list one group's subtree.
     */
    virtual std::vector<std::string> list(std::string const& prefix) = 0;

    /** Removes every key that starts with `prefix`; the default lists, then erases. */
    virtual void eraseWithPrefix(std::string const& prefix);

    /** Whether the key exists; the default calls get(). */
    virtual bool contains(std::string const& key);

    /**
     * Makes every put() and erase() so far durable (a flush point of the
     * Series). Stores whose writes are durable when they return do nothing.
     */
    virtual void sync();

    /**
     * Largest value put() accepts, in bytes; 0 if unlimited. The backend
     * chooses chunk shapes below it and refuses, with a clear error, a
     * single chunk that cannot fit.
     */
    virtual std::uint64_t maxValueSize() const;
};
} // namespace openPMD
