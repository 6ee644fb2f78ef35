// The connector bridge: construction, errors, flushes, files and groups.
#include "ConnectorIOHandlerImpl.hpp"
#include "ConnectorFilePosition.hpp"
#include "ConnectorPaths.hpp"

#include <filesystem>
#include <iostream>

namespace openPMD::python
{
using error::AffectedObject;
using error::Reason;

ConnectorIOHandlerImpl::ConnectorIOHandlerImpl(std::string directory, Access access,
                                               std::string name, py::object connector,
                                               std::unique_ptr<ConnectorRanks> ranks)
    : AbstractIOHandlerImpl(std::move(directory), access), m_name(std::move(name)),
      m_ranks(ranks ? std::move(ranks) : std::make_unique<ConnectorRanks>())
{
    py::gil_scoped_acquire gil;
    m_connector = std::move(connector);
    m_className =
        py::str(m_connector.get_type().attr("__qualname__")).cast<std::string>();
}

ConnectorIOHandlerImpl::~ConnectorIOHandlerImpl()
{
    if (Py_IsInitialized() == 0)
    {
        // The interpreter is gone: the objects cannot be released any more.
        for (auto& entry : m_methods)
        {
            entry.second.release();
        }
        m_connector.release();
        return;
    }
    py::gil_scoped_acquire gil;
    for (auto const& [file, nodes] : m_openFiles)
    {
        try
        {
            method("close_file")(file);
        }
        catch (std::exception const& e)
        {
            std::cerr << "[libopenPMD " << m_name << "] close_file('" << file
                      << "') failed while the handler was destroyed: " << e.what()
                      << '\n';
        }
    }
    m_methods.clear();
    m_connector = py::object();
}

// ------------------------------------------------------------------- errors

py::object const& ConnectorIOHandlerImpl::method(char const* name) const
{
    auto found = m_methods.find(name);
    if (found == m_methods.end())
    {
        found = m_methods.emplace(name, m_connector.attr(name)).first;
    }
    return found->second;
}

std::string ConnectorIOHandlerImpl::describeCall(Call const& what) const
{
    std::string text = m_className + "." + what.method + "(";
    if (!what.file.empty())
    {
        text += "'" + std::string(what.file) + "'";
        if (!what.path.empty())
        {
            text += ", '" + std::string(what.path) + "'";
        }
    }
    return text + ")";
}

void ConnectorIOHandlerImpl::throwTranslated(Call const& what,
                                             py::error_already_set& e) const
{
    bool const fileNotFound = e.matches(PyExc_FileNotFoundError);
    bool const keyError = e.matches(PyExc_KeyError);
    std::string text;
    if (keyError)
    {
        // str(KeyError) adds quotes: the message is args[0].
        py::tuple const args = e.value().attr("args");
        text = args.empty() ? std::string() : py::str(args[0]).cast<std::string>();
    }
    else
    {
        text = py::str(e.value()).cast<std::string>();
    }
    std::string const type = py::str(e.type().attr("__name__")).cast<std::string>();
    std::string const message = "connector " + m_name + ": " + describeCall(what) +
                                " raised " + type + ": " + text;
    if (fileNotFound || keyError)
    {
        throw error::ReadError(fileNotFound ? AffectedObject::File : what.object,
                               Reason::NotFound, m_name, message);
    }
    if (what.reads)
    {
        throw error::ReadError(what.object, Reason::Other, m_name, message);
    }
    throw error::WriteError(what.object, m_name, message);
}

void ConnectorIOHandlerImpl::throwProtocolViolation(Call const& what,
                                                    std::string const& why) const
{
    std::string const message = "connector " + m_name + ": " + describeCall(what) +
                                " broke the connector protocol: " + why;
    if (what.reads)
    {
        throw error::ReadError(what.object, Reason::UnexpectedContent, m_name, message);
    }
    throw error::WriteError(what.object, m_name, message);
}

// -------------------------------------------------------------- bookkeeping

void ConnectorIOHandlerImpl::requireWriteAccess(AffectedObject object,
                                                std::string const& what,
                                                std::string const& file,
                                                std::string const& path) const
{
    if (access::readOnly(m_access))
    {
        throw error::WriteError(object, m_name,
                                std::string("cannot ") + what + " '" + path +
                                    "' in file '" + file +
                                    "': the Series was opened read-only, expected a "
                                    "writing access mode");
    }
}

std::string ConnectorIOHandlerImpl::fileOf(std::string const& name) const
{
    // "out/x", "out//x" and "./out/../out/x" name the same file.
    return (std::filesystem::path(m_directory) / name).lexically_normal().string();
}

void ConnectorIOHandlerImpl::bind(Writable* node, std::string const& file,
                                  std::string path)
{
    if (auto const* old =
            dynamic_cast<ConnectorFilePosition const*>(node->abstractFilePosition.get());
        old != nullptr && old->file != file)
    {
        if (auto it = m_openFiles.find(old->file); it != m_openFiles.end())
        {
            it->second.erase(node);
        }
    }
    node->abstractFilePosition =
        std::make_shared<ConnectorFilePosition>(file, std::move(path));
    node->written = true;
    m_openFiles.at(file).insert(node);
}

void ConnectorIOHandlerImpl::forget(std::string const& file)
{
    auto it = m_openFiles.find(file);
    if (it == m_openFiles.end())
    {
        return;
    }
    for (Writable* node : it->second)
    {
        node->abstractFilePosition.reset();
        node->written = false;
    }
    m_openFiles.erase(it);
}

ConnectorFilePosition const& ConnectorIOHandlerImpl::positionOf(Writable* node) const
{
    auto const* position = node == nullptr ? nullptr
                                           : dynamic_cast<ConnectorFilePosition const*>(
                                                 node->abstractFilePosition.get());
    if (position == nullptr)
    {
        throw error::WrongAPIUsage(
            "connector " + m_name +
            ": the node was never created or opened, or its file was closed; expected "
            "a node with a file position");
    }
    return *position;
}

// ------------------------------------------------------------------ flushes

void ConnectorIOHandlerImpl::beginFlush(FlushParams const&)
{
    m_deferredFailure = nullptr;
    // The flush may run inside a handler of the caller's own exception;
    // endFlush must not take that one for a failed task.
    m_exceptionBeforeFlush = std::current_exception();
    call({"begin_flush", "", "", AffectedObject::File, false},
         [&] { method("begin_flush")(); });
}

void ConnectorIOHandlerImpl::endFlush(FlushParams const&)
{
    // Called from the drain's error handler if a task threw.
    std::exception_ptr const current = std::current_exception();
    bool const taskFailed = current != nullptr && current != m_exceptionBeforeFlush;
    m_exceptionBeforeFlush = nullptr;
    std::exception_ptr failure = std::exchange(m_deferredFailure, nullptr);
    try
    {
        call({"end_flush", "", "", AffectedObject::File, false},
             [&] { method("end_flush")(); });
    }
    catch (...)
    {
        if (!failure)
        {
            failure = std::current_exception();
        }
    }
    if (collectiveFlushes())
    {
        // Every rank ends the flush here: none starts the next one before
        // the others have persisted this one.
        int const failedRanks = m_ranks->finishFlush(failure != nullptr || taskFailed);
        if (!failure && !taskFailed && failedRanks > 0)
        {
            throw error::WriteError(
                AffectedObject::Other, m_name,
                "connector " + m_name + ": the flush failed on " +
                    std::to_string(failedRanks) + " of " +
                    std::to_string(m_ranks->size()) +
                    " ranks (their errors name them); this rank's part is persisted");
        }
    }
    if (failure)
    {
        std::rethrow_exception(failure);
    }
}

bool ConnectorIOHandlerImpl::collectiveFlushes() const
{
    return m_ranks->size() > 1 && !access::readOnly(m_access);
}

void ConnectorIOHandlerImpl::afterRankZero(char const* method, std::string const& file,
                                           std::function<void()> const& action)
{
    if (!m_ranks->afterRankZero(action))
    {
        throw error::WriteError(AffectedObject::File, m_name,
                                "connector " + m_name + ": " + method + "('" + file +
                                    "') failed on rank 0, so rank " +
                                    std::to_string(m_ranks->rank()) + " did not run it");
    }
}

// -------------------------------------------------------------------- files

void ConnectorIOHandlerImpl::createFile(
    Writable* node, Parameter<Operation::CREATE_FILE> const& parameters)
{
    std::string const file = fileOf(parameters.name);
    requireWriteAccess(AffectedObject::File, "create", file, "/");
    afterRankZero("create_file", file,
                  [&]
                  {
                      call({"create_file", file, "", AffectedObject::File, false},
                           [&]
                           {
                               if (m_access == Access::APPEND &&
                                   method("file_exists")(file).cast<bool>())
                               {
                                   method("open_file")(file);
                               }
                               else
                               {
                                   method("create_file")(file);
                               }
                           });
                  });
    forget(file); // nodes bound to a replaced file must not reach the new one
    m_openFiles[file];
    bind(node, file, "/");
}

void ConnectorIOHandlerImpl::checkFile(Writable*,
                                       Parameter<Operation::CHECK_FILE> const& parameters)
{
    using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;
    std::string const file = fileOf(parameters.name);
    bool const exists = call({"file_exists", file, "", AffectedObject::File, true},
                             [&] { return method("file_exists")(file).cast<bool>(); });
    *parameters.fileExists = exists ? FileExists::Yes : FileExists::No;
}

void ConnectorIOHandlerImpl::openFile(Writable* node,
                                      Parameter<Operation::OPEN_FILE> const& parameters)
{
    std::string const file = fileOf(parameters.name);
    call({"open_file", file, "", AffectedObject::File, true},
         [&] { method("open_file")(file); });
    m_openFiles[file];
    bind(node, file, "/");
}

void ConnectorIOHandlerImpl::closeFile(Writable* node,
                                       Parameter<Operation::CLOSE_FILE> const&)
{
    // Copy: forget() destroys the position holding the name.
    std::string const file = positionOf(node).file;
    call({"close_file", file, "", AffectedObject::File, false},
         [&] { method("close_file")(file); });
    forget(file);
}

void ConnectorIOHandlerImpl::deleteFile(
    Writable*, Parameter<Operation::DELETE_FILE> const& parameters)
{
    std::string const file = fileOf(parameters.name);
    requireWriteAccess(AffectedObject::File, "delete", file, "/");
    forget(file);
    afterRankZero("delete_file", file,
                  [&]
                  {
                      call({"delete_file", file, "", AffectedObject::File, false},
                           [&] { method("delete_file")(file); });
                  });
}

void ConnectorIOHandlerImpl::deregister(Writable* node,
                                        Parameter<Operation::DEREGISTER> const&)
{
    // The Writable may be gone: use the pointer as a key only.
    for (auto& [file, nodes] : m_openFiles)
    {
        nodes.erase(node);
    }
}

// ------------------------------------------------------------------- groups

bool ConnectorIOHandlerImpl::isFileRoot(Writable* node, std::string const& path,
                                        char const* operation)
{
    if (node->parent != nullptr)
    {
        return false;
    }
    // A file root already refers to its group.
    if (!isEmptyPath(path))
    {
        throw error::WrongAPIUsage("connector " + m_name + ": " + operation + " '" +
                                   path +
                                   "' on a node without parent; expected an empty path");
    }
    positionOf(node);
    return true;
}

void ConnectorIOHandlerImpl::createPath(
    Writable* node, Parameter<Operation::CREATE_PATH> const& parameters)
{
    if (isFileRoot(node, parameters.path, "CREATE_PATH"))
    {
        return;
    }
    auto const& parent = positionOf(node->parent);
    std::string path = joinPath(parent.path, parameters.path);
    requireWriteAccess(AffectedObject::Group, "create group", parent.file, path);
    call({"create_group", parent.file, path, AffectedObject::Group, false},
         [&] { method("create_group")(parent.file, path); });
    bind(node, parent.file, std::move(path));
}

void ConnectorIOHandlerImpl::openPath(Writable* node,
                                      Parameter<Operation::OPEN_PATH> const& parameters)
{
    if (isFileRoot(node, parameters.path, "OPEN_PATH"))
    {
        return;
    }
    auto const& parent = positionOf(node->parent);
    std::string path = joinPath(parent.path, parameters.path);
    Call const what{"group_exists", parent.file, path, AffectedObject::Group, true};
    bool const exists = call(
        what, [&] { return method("group_exists")(parent.file, path).cast<bool>(); });
    if (!exists)
    {
        throw error::ReadError(AffectedObject::Group, Reason::NotFound, m_name,
                               "connector " + m_name + ": no group '" + path +
                                   "' in file '" + parent.file +
                                   "' (group_exists answered False)");
    }
    bind(node, parent.file, std::move(path));
}

void ConnectorIOHandlerImpl::deletePath(
    Writable* node, Parameter<Operation::DELETE_PATH> const& parameters)
{
    auto const& position = positionOf(node);
    std::string const path = joinPath(position.path, parameters.path);
    if (isEmptyPath(parameters.path))
    {
        throw error::WrongAPIUsage("connector " + m_name + ": DELETE_PATH below '" +
                                   position.path + "' needs a non-empty path");
    }
    requireWriteAccess(AffectedObject::Group, "delete group", position.file, path);
    call({"delete_group", position.file, path, AffectedObject::Group, false},
         [&] { method("delete_group")(position.file, path); });
}

void ConnectorIOHandlerImpl::listPaths(Writable* node,
                                       Parameter<Operation::LIST_PATHS> const& parameters)
{
    auto const& position = positionOf(node);
    *parameters.paths =
        call({"list_groups", position.file, position.path, AffectedObject::Group, true},
             [&]
             {
                 return method("list_groups")(position.file, position.path)
                     .cast<std::vector<std::string>>();
             });
}
} // namespace openPMD::python
