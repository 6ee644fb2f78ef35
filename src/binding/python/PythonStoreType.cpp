// {"zarr": {"store": {"type": "python", "class": "module:Class", "args": {...}}}}
// (docs/zarr-backend.md, "Python stores").
#include "PythonStoreType.hpp"
#include "ConnectorRegistration.hpp"
#include "PythonStore.hpp"

#include <openPMD/Error.hpp>
#include <openPMD/IO/StoreRegistry.hpp>

#include <nlohmann/json.hpp>

namespace openPMD::python
{
namespace
{
using json = nlohmann::json;

[[noreturn]] void badOption(std::string const& key, std::string const& why)
{
    std::vector<std::string> location{"zarr", "store"};
    if (!key.empty())
        location.push_back(key);
    throw error::BackendConfigSchema(location, "python store: " + why);
}

struct StoreOptions
{
    std::string module;
    std::string qualifiedName;
    json args = json::object();
};

StoreOptions parseOptions(std::string const& text)
{
    json options;
    try
    {
        options = json::parse(text);
    }
    catch (json::exception const& e)
    {
        badOption("", std::string("options are not JSON: ") + e.what());
    }
    StoreOptions result;
    for (auto const& [key, value] : options.items())
    {
        if (key == "type")
            continue;
        if (key == "class" && value.is_string())
        {
            auto const name = value.get<std::string>();
            auto const colon = name.find(':');
            if (colon == std::string::npos || colon == 0 || colon + 1 == name.size())
                badOption("class",
                          "expected \"package.module:ClassName\", got \"" + name + "\"");
            result.module = name.substr(0, colon);
            result.qualifiedName = name.substr(colon + 1);
        }
        else if (key == "args" && value.is_object())
            result.args = value;
        else if (key == "class" || key == "args")
            badOption(key, key == "class" ? "expected a string \"module:Class\""
                                          : "expected an object of keyword arguments");
        else
            badOption(key, "unknown key (known: type, class, args)");
    }
    if (result.module.empty())
        badOption("class", "missing: name the store class as \"module:Class\"");
    return result;
}

/** Replaces {path} and {name} in every string of `value`; true if any did. */
bool substitutePlaceholders(json& value, std::string const& path, std::string const& name)
{
    bool used = false;
    if (value.is_string())
    {
        auto text = value.get<std::string>();
        for (auto const& [placeholder, replacement] :
             {std::pair<std::string, std::string>{"{path}", path}, {"{name}", name}})
        {
            for (auto at = text.find(placeholder); at != std::string::npos;
                 at = text.find(placeholder, at + replacement.size()))
            {
                text.replace(at, placeholder.size(), replacement);
                used = true;
            }
        }
        value = text;
    }
    else if (value.is_structured())
    {
        for (auto& element : value)
            used = substitutePlaceholders(element, path, name) || used;
    }
    return used;
}

py::object importClass(StoreOptions const& options)
{
    py::object object = py::module_::import(options.module.c_str());
    std::string::size_type begin = 0;
    while (begin <= options.qualifiedName.size())
    {
        auto end = options.qualifiedName.find('.', begin);
        end = end == std::string::npos ? options.qualifiedName.size() : end;
        object = object.attr(options.qualifiedName.substr(begin, end - begin).c_str());
        begin = end + 1;
    }
    return object;
}

std::unique_ptr<KeyValueStore> openStore(StoreArguments const& arguments)
{
    auto options = parseOptions(arguments.options);
    auto const slash = arguments.path.find_last_of('/');
    std::string const name =
        slash == std::string::npos ? arguments.path : arguments.path.substr(slash + 1);
    // Without a placeholder, one Python object may serve several hierarchies
    // (the files of a file-based series): each gets its name as key prefix.
    bool const perHierarchy = substitutePlaceholders(options.args, arguments.path, name);
    std::string const className = options.module + ":" + options.qualifiedName;
    std::string const description = "python store " + className;

    py::gil_scoped_acquire gil;
    py::object instance;
    try
    {
        py::object cls = importClass(options);
        py::dict kwargs = py::module_::import("json").attr("loads")(options.args.dump());
        instance = cls(**kwargs);
    }
    catch (py::error_already_set const& e)
    {
        std::string const message =
            description + " for " + arguments.path +
            ": cannot import or construct it: " + exceptionText(e);
        if (e.matches(PyExc_ImportError) || e.matches(PyExc_AttributeError) ||
            e.matches(PyExc_TypeError) || e.matches(PyExc_ValueError))
            badOption("class", message);
        throw error::ReadError(error::AffectedObject::File, error::Reason::Inaccessible,
                               "zarr", message);
    }
    return std::make_unique<PythonStore>(std::move(instance), description,
                                         perHierarchy ? std::string() : name + "/");
}
} // namespace

void registerPythonStoreType(std::function<void()> ensureInterpreter)
{
    if (StoreRegistry::find("python") != nullptr)
        return;
    StoreType type;
    type.name = "python";
    type.description = "a Python object with the store methods, or a MutableMapping";
    type.open = [ensureInterpreter](StoreArguments const& arguments)
    {
        if (ensureInterpreter)
            ensureInterpreter();
        return openStore(arguments);
    };
    try
    {
        StoreRegistry::registerStoreType(std::move(type));
    }
    catch (error::WrongAPIUsage const&)
    {
        // Registered meanwhile by the other of module and plugin: that is fine.
        if (StoreRegistry::find("python") == nullptr)
            throw;
    }
}
} // namespace openPMD::python
