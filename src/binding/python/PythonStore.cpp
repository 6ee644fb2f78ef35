// A Python object as a key-value store of the Zarr backend.
#include "PythonStore.hpp"
#include "ConnectorRegistration.hpp"

#include <openPMD/Error.hpp>

#include <algorithm>
#include <cstring>

namespace openPMD::python
{
namespace
{
/**
 * `prefix` without a UTF-8 sequence cut off at its end: Python keys are
 * str, and a byte prefix may end inside a character.
 */
std::string wholeCharacters(std::string const& prefix)
{
    auto lead = prefix.size();
    for (int back = 0; back < 4 && lead > 0; ++back)
    {
        auto const byte = static_cast<unsigned char>(prefix[lead - 1]);
        if ((byte & 0xC0u) != 0x80u)
        {
            std::size_t const length = byte < 0x80u    ? 1
                                       : byte >= 0xF0u ? 4
                                       : byte >= 0xE0u ? 3
                                                       : 2;
            return lead - 1 + length > prefix.size() ? prefix.substr(0, lead - 1)
                                                     : prefix;
        }
        --lead;
    }
    return prefix;
}

bool callable(py::handle object, char const* name)
{
    return py::hasattr(object, name) && PyCallable_Check(object.attr(name).ptr()) != 0;
}
} // namespace

PythonStore::PythonStore(py::object instance, std::string description,
                         std::string keyPrefix)
    : m_instance(std::move(instance)), m_description(std::move(description)),
      m_keyPrefix(std::move(keyPrefix))
{
    m_protocol = callable(m_instance, "get") && callable(m_instance, "put") &&
                 callable(m_instance, "erase") && callable(m_instance, "list");
    if (!m_protocol)
    {
        auto const mutableMapping =
            py::module_::import("collections.abc").attr("MutableMapping");
        if (!py::isinstance(m_instance, mutableMapping))
        {
            throw error::BackendConfigSchema(
                {"zarr", "store", "class"},
                m_description +
                    " is no store: it needs the methods get, put, erase and list, "
                    "or to be a collections.abc.MutableMapping");
        }
        return;
    }
    m_hasGetRange = callable(m_instance, "get_range");
    m_hasContains = callable(m_instance, "contains");
    m_hasEraseWithPrefix = callable(m_instance, "erase_with_prefix");
    m_hasSync = callable(m_instance, "sync");
}

PythonStore::~PythonStore()
{
    if (Py_IsInitialized() == 0)
    {
        m_instance.release();
        return;
    }
    py::gil_scoped_acquire gil;
    m_instance = py::object();
}

std::string PythonStore::describe() const
{
    return m_description;
}

void PythonStore::fail(char const* method, std::string const& key, bool reads,
                       std::string const& why) const
{
    std::string const message =
        m_description + ": " + method + "('" + m_keyPrefix + key + "') " + why;
    if (reads)
        throw error::ReadError(error::AffectedObject::Other, error::Reason::CannotRead,
                               "zarr", message);
    throw error::WriteError(error::AffectedObject::Other, "zarr", message);
}

template <typename Body>
auto PythonStore::call(char const* method, std::string const& key, bool reads,
                       Body&& body) -> decltype(body())
{
    py::gil_scoped_acquire gil;
    try
    {
        return body();
    }
    catch (py::error_already_set const& e)
    {
        fail(method, key, reads, "raised " + exceptionText(e));
    }
    catch (py::cast_error const& e)
    {
        fail(method, key, reads, std::string("returned the wrong type: ") + e.what());
    }
}

std::optional<std::vector<std::byte>>
PythonStore::bytesOf(py::handle value, char const* method, std::string const& key) const
{
    if (value.is_none())
        return std::nullopt;
    if (PyObject_CheckBuffer(value.ptr()) == 0)
    {
        fail(method, key, true,
             "returned " + py::repr(py::type::of(value)).cast<std::string>() +
                 ", expected bytes or None");
    }
    // PyBUF_SIMPLE: contiguous bytes, any item type.
    Py_buffer view{};
    if (PyObject_GetBuffer(value.ptr(), &view, PyBUF_SIMPLE) != 0)
        throw py::error_already_set();
    std::vector<std::byte> bytes(static_cast<std::size_t>(view.len));
    if (view.len > 0)
        std::memcpy(bytes.data(), view.buf, bytes.size());
    PyBuffer_Release(&view);
    return bytes;
}

std::optional<std::vector<std::byte>> PythonStore::get(std::string const& key)
{
    return call("get", key, true,
                [&]() -> std::optional<std::vector<std::byte>>
                {
                    py::str const fullKey(m_keyPrefix + key);
                    if (m_protocol)
                        return bytesOf(m_instance.attr("get")(fullKey), "get", key);
                    try
                    {
                        return bytesOf(m_instance[fullKey], "get", key);
                    }
                    catch (py::error_already_set const& e)
                    {
                        if (e.matches(PyExc_KeyError))
                            return std::nullopt;
                        throw;
                    }
                });
}

std::optional<std::vector<std::byte>>
PythonStore::getRange(std::string const& key, std::uint64_t offset, std::uint64_t length)
{
    if (!m_hasGetRange)
        return KeyValueStore::getRange(key, offset, length);
    return call("get_range", key, true,
                [&]()
                {
                    return bytesOf(
                        m_instance.attr("get_range")(m_keyPrefix + key, offset, length),
                        "get_range", key);
                });
}

void PythonStore::put(std::string const& key, void const* data, std::size_t size)
{
    call("put", key, false,
         [&]()
         {
             py::str const fullKey(m_keyPrefix + key);
             if (m_protocol)
             {
                 // Read-only view of the caller's bytes: no copy.
                 auto view =
                     py::memoryview::from_memory(data, static_cast<py::ssize_t>(size));
                 m_instance.attr("put")(fullKey, view);
                 view.attr("release")();
             }
             else
             {
                 m_instance[fullKey] = py::bytes(static_cast<char const*>(data), size);
             }
         });
}

bool PythonStore::erase(std::string const& key)
{
    return call("erase", key, false,
                [&]()
                {
                    py::str const fullKey(m_keyPrefix + key);
                    if (m_protocol)
                        return py::bool_(m_instance.attr("erase")(fullKey)).cast<bool>();
                    if (!m_instance.contains(fullKey))
                        return false;
                    if (PyObject_DelItem(m_instance.ptr(), fullKey.ptr()) != 0)
                        throw py::error_already_set();
                    return true;
                });
}

std::vector<std::string> PythonStore::list(std::string const& prefix)
{
    return call("list", prefix, true,
                [&]()
                {
                    std::string const fullPrefix = m_keyPrefix + prefix;
                    py::object keys =
                        m_protocol ? m_instance.attr("list")(wholeCharacters(fullPrefix))
                                   : py::object(py::iter(m_instance));
                    std::vector<std::string> result;
                    for (auto item : keys)
                    {
                        auto name = item.cast<std::string>();
                        if (name.compare(0, fullPrefix.size(), fullPrefix) == 0)
                            result.push_back(name.substr(m_keyPrefix.size()));
                    }
                    std::sort(result.begin(), result.end());
                    return result;
                });
}

bool PythonStore::contains(std::string const& key)
{
    if (m_protocol && !m_hasContains)
        return KeyValueStore::contains(key);
    return call(
        "contains", key, true,
        [&]()
        {
            py::str const fullKey(m_keyPrefix + key);
            if (m_protocol)
                return py::bool_(m_instance.attr("contains")(fullKey)).cast<bool>();
            return m_instance.contains(fullKey);
        });
}

void PythonStore::eraseWithPrefix(std::string const& prefix)
{
    if (!m_hasEraseWithPrefix)
        return KeyValueStore::eraseWithPrefix(prefix);
    call("erase_with_prefix", prefix, false,
         [&]() { m_instance.attr("erase_with_prefix")(m_keyPrefix + prefix); });
}

void PythonStore::sync()
{
    if (!m_hasSync)
        return;
    call("sync", "", false, [&]() { m_instance.attr("sync")(); });
}
} // namespace openPMD::python
