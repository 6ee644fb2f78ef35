#pragma once

#include "Common.hpp"

#include <string>
#include <vector>

namespace openPMD::python
{
/** Whether the Series of `object` was opened read-only (false if unknown). */
bool inReadOnlySeries(Attributable const& object);

/** Raises openpmd_api.NoSuchKeyError (a KeyError and an IndexError). */
[[noreturn]] void raiseNoSuchKey(std::string const& message);

/**
 * Dict-like access for a C++ map-like class (Container, records):
 * obj[key] (creating the entry in write modes, NoSuchKeyError, both a
 * KeyError and an IndexError, for a missing key in read modes), `in`, len(), iteration
 * over the keys, keys(), values(), items() and del obj[key]. Returned objects are handles
 * sharing the state.
 */
template <typename Map, typename Class>
void addMapping(Class& cls)
{
    using Key = typename Map::key_type;
    using Value = typename Map::mapped_type;
    auto const get = [](Map& map, Key const& key) -> Value
    {
        if (!map.contains(key) && inReadOnlySeries(map))
        {
            raiseNoSuchKey(py::repr(py::cast(key)).template cast<std::string>() +
                           " does not exist in this container of a read-only Series");
        }
        return map[key];
    };
    auto const keys = [](Map& map)
    {
        std::vector<Key> result;
        for (auto const& entry : map)
        {
            result.push_back(entry.first);
        }
        return result;
    };
    cls.def("__getitem__", get, py::arg("key"))
        .def(
            "__contains__", [](Map& map, Key const& key) { return map.contains(key); },
            py::arg("key"))
        .def(
            "__contains__", [](Map&, py::handle) { return false; }, py::arg("key"))
        .def("__len__", [](Map& map) { return map.size(); })
        .def("__iter__", [keys](Map& map) { return py::iter(py::cast(keys(map))); })
        .def("keys", keys)
        .def("values",
             [](Map& map)
             {
                 std::vector<Value> result;
                 for (auto const& entry : map)
                 {
                     result.push_back(entry.second);
                 }
                 return result;
             })
        .def("items",
             [](Map& map)
             {
                 std::vector<std::pair<Key, Value>> result;
                 for (auto const& entry : map)
                 {
                     result.emplace_back(entry.first, entry.second);
                 }
                 return result;
             })
        .def(
            "__delitem__",
            [](Map& map, Key const& key)
            {
                if (map.erase(key) == 0)
                {
                    throw py::key_error(
                        py::repr(py::cast(key)).template cast<std::string>());
                }
            },
            py::arg("key"));
}
} // namespace openPMD::python
