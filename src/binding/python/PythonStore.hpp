#pragma once

#include "Common.hpp"

#include <openPMD/IO/KeyValueStore.hpp>

#include <string>

namespace openPMD::python
{
/**
 * A key-value store written in Python (docs/zarr-backend.md, "Python
 * stores"): either an object with the store methods get, put, erase and
 * list (get_range, contains, erase_with_prefix and sync optional), or any
 * collections.abc.MutableMapping of str to bytes, such as zarr-python's
 * stores.
 *
 * The GIL is taken for each call and held nowhere else. A Python exception
 * becomes a ReadError or WriteError naming the class, the method, the key
 * and the exception's text. put() hands a protocol object a read-only
 * memoryview of the caller's bytes, valid during the call (no copy); a
 * mapping gets bytes, since it keeps what it is given.
 */
class PythonStore final : public KeyValueStore
{
public:
    /**
     * Needs the GIL. `keyPrefix` ("" or "name/") is put before every key,
     * so that one Python object can hold several hierarchies.
     * @throws error::BackendConfigSchema if `instance` is neither kind
     */
    PythonStore(py::object instance, std::string description, std::string keyPrefix);
    /** Releases the object with the GIL; leaks it if Python has finalized. */
    ~PythonStore() override;

    PythonStore(PythonStore const&) = delete;
    PythonStore& operator=(PythonStore const&) = delete;

    std::string describe() const override;
    std::optional<std::vector<std::byte>> get(std::string const& key) override;
    std::optional<std::vector<std::byte>>
    getRange(std::string const& key, std::uint64_t offset, std::uint64_t length) override;
    void put(std::string const& key, void const* data, std::size_t size) override;
    bool erase(std::string const& key) override;
    std::vector<std::string> list(std::string const& prefix) override;
    bool contains(std::string const& key) override;
    void eraseWithPrefix(std::string const& prefix) override;
    void sync() override;

private:
    /** Runs `body` with the GIL, translating Python exceptions. */
    template <typename Body>
    auto call(char const* method, std::string const& key, bool reads, Body&& body)
        -> decltype(body());
    [[noreturn]] void fail(char const* method, std::string const& key, bool reads,
                           std::string const& why) const;
    std::optional<std::vector<std::byte>> bytesOf(py::handle value, char const* method,
                                                  std::string const& key) const;

    py::object m_instance;
    std::string m_description;
    std::string m_keyPrefix;
    /** True: the store methods; false: a MutableMapping. */
    bool m_protocol = false;
    bool m_hasGetRange = false;
    bool m_hasContains = false;
    bool m_hasEraseWithPrefix = false;
    bool m_hasSync = false;
};
} // namespace openPMD::python
