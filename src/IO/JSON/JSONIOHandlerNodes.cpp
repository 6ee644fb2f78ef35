// The JSON backend: resolving nodes, groups (paths) and attributes.

#include "IO/JSON/AttributeCodec.hpp"
#include "IO/JSON/JSONErrors.hpp"
#include "IO/JSON/JSONIOHandlerImpl.hpp"
#include "openPMD/backend/Writable.hpp"

namespace openPMD
{
using namespace jsonio;

namespace
{
char const* kindName(JSONNode const& node)
{
    switch (node.kind)
    {
    case JSONNode::Kind::Group:
        return "a group";
    case JSONNode::Kind::Dataset:
        return "a dataset";
    case JSONNode::Kind::Verbatim:
        break;
    }
    return "no JSON object";
}

std::vector<std::string> joined(std::vector<std::string> base,
                                std::vector<std::string> const& more)
{
    base.insert(base.end(), more.begin(), more.end());
    return base;
}
} // namespace

void JSONIOHandlerImpl::checkName(Path const& path, std::string const& file)
{
    std::string const& name = path.back();
    if (name == "attributes" || (path.size() == 1 && name == "platform_byte_widths"))
    {
        throwUsageError(file, jsonPointer(path),
                        "'" + name +
                            "' is a reserved key of the JSON format and cannot name a "
                            "group or dataset");
    }
}

JSONNode& JSONIOHandlerImpl::ensureGroups(Located const& start, Path const& segments,
                                          Path& path)
{
    JSONNode* current = &start.node;
    for (auto const& segment : segments)
    {
        if (!current->isGroup())
        {
            throwUsageError(start.file.path(), jsonPointer(path),
                            std::string("cannot hold groups or datasets: this is ") +
                                kindName(*current));
        }
        path.push_back(segment);
        checkName(path, start.file.path());
        auto const found = current->children.find(segment);
        if (found == current->children.end())
        {
            current = &current->adopt(segment,
                                      std::make_unique<JSONNode>(JSONNode::Kind::Group));
            start.file.markChanged(*current);
        }
        else
        {
            current = found->second.get();
            start.file.ensureLoaded(*current);
        }
    }
    if (!current->isGroup())
    {
        throwUsageError(start.file.path(), jsonPointer(path),
                        std::string("expected a group, found ") + kindName(*current));
    }
    return *current;
}

JSONFilePosition& JSONIOHandlerImpl::positionOf(Writable* node, char const* role) const
{
    if (node == nullptr || !node->abstractFilePosition)
    {
        throw error::WrongAPIUsage(
            std::string("[JSON backend] ") + role +
            " has not been created or opened in a file (no file position)");
    }
    return static_cast<JSONFilePosition&>(*node->abstractFilePosition);
}

JSONFilePosition& JSONIOHandlerImpl::basePositionFor(Writable* node) const
{
    return node->parent != nullptr ? positionOf(node->parent, "the parent node")
                                   : positionOf(node, "the file root");
}

JSONIOHandlerImpl::Located JSONIOHandlerImpl::resolve(JSONFilePosition& position) const
{
    auto& file = *position.file;
    if (!file.isOpen())
    {
        throwUsageError(
            file.path(), jsonPointer(position.path),
            "the file is not open (it was closed or deleted; open it again first)");
    }
    JSONNode* node = descend(file, file.root(), position.path);
    if (node == nullptr)
    {
        throwReadError(error::AffectedObject::Group, error::Reason::NotFound, file.path(),
                       jsonPointer(position.path),
                       "the object no longer exists (was it deleted?)");
    }
    if (node->kind == JSONNode::Kind::Verbatim)
    {
        throw error::ReadError(error::AffectedObject::Group,
                               error::Reason::UnexpectedContent, backendName(),
                               node->problem);
    }
    return Located{file, position.path, *node};
}

JSONIOHandlerImpl::Located JSONIOHandlerImpl::resolve(Writable* node) const
{
    return resolve(positionOf(node, "the node"));
}

JSONNode* JSONIOHandlerImpl::descend(JSONFile& file, JSONNode& group,
                                     Path const& segments) const
{
    JSONNode* current = &group;
    for (auto const& segment : segments)
    {
        file.ensureLoaded(*current);
        auto const found = current->children.find(segment);
        if (found == current->children.end())
        {
            return nullptr;
        }
        current = found->second.get();
    }
    file.ensureLoaded(*current);
    return current;
}

void JSONIOHandlerImpl::setPosition(Writable* node, std::shared_ptr<JSONFile> file,
                                    Path path)
{
    node->abstractFilePosition =
        std::make_shared<JSONFilePosition>(std::move(file), std::move(path));
    node->written = true;
}

void JSONIOHandlerImpl::createPath(Writable* node,
                                   Parameter<Operation::CREATE_PATH> const& parameters)
{
    auto& base = basePositionFor(node);
    Path const segments = splitPath(parameters.path);
    auto const& filePath = base.file->path();
    requireWriteAccess(filePath, jsonPointer(joined(base.path, segments)));
    if (node->parent == nullptr && !segments.empty())
    {
        throwUsageError(filePath, "/",
                        "CREATE_PATH on a file root takes an empty path, got '" +
                            parameters.path + "'");
    }
    Located const start = resolve(base);
    Path path = start.path;
    ensureGroups(start, segments, path);
    setPosition(node, base.file, std::move(path));
}

void JSONIOHandlerImpl::closePath(Writable* node, Parameter<Operation::CLOSE_PATH> const&)
{
    if (node->abstractFilePosition)
    {
        auto& position = positionOf(node, "the group to close");
        if (position.file->isOpen())
        {
            position.file->releaseWhenStored(position.path);
        }
    }
}

void JSONIOHandlerImpl::openPath(Writable* node,
                                 Parameter<Operation::OPEN_PATH> const& parameters)
{
    auto& base = basePositionFor(node);
    Located const start = resolve(base);
    JSONNode* current = &start.node;
    Path path = start.path;
    for (auto const& segment : splitPath(parameters.path))
    {
        path.push_back(segment);
        auto const found = current->children.find(segment);
        if (found == current->children.end())
        {
            throwReadError(error::AffectedObject::Group, error::Reason::NotFound,
                           start.file.path(),
                           jsonPointer(joined(start.path, splitPath(parameters.path))),
                           "no such group (" + jsonPointer(path) + " is missing)");
        }
        current = found->second.get();
        start.file.ensureLoaded(*current);
        if (current->kind == JSONNode::Kind::Verbatim)
        {
            throw error::ReadError(error::AffectedObject::Group,
                                   error::Reason::UnexpectedContent, backendName(),
                                   current->problem);
        }
        if (!current->isGroup())
        {
            throwReadError(error::AffectedObject::Group, error::Reason::UnexpectedContent,
                           start.file.path(), jsonPointer(path),
                           "expected a group, found a dataset");
        }
    }
    setPosition(node, base.file, std::move(path));
}

void JSONIOHandlerImpl::deletePath(Writable* node,
                                   Parameter<Operation::DELETE_PATH> const& parameters)
{
    Located const here = resolve(node);
    Path segments = splitPath(parameters.path);
    requireWriteAccess(here.file.path(), jsonPointer(joined(here.path, segments)));
    if (segments.empty())
    {
        throwUsageError(here.file.path(), jsonPointer(here.path),
                        "DELETE_PATH needs a non-empty path");
    }
    std::string const last = segments.back();
    segments.pop_back();
    JSONNode* parent = descend(here.file, here.node, segments);
    auto const target = joined(here.path, splitPath(parameters.path));
    auto const found =
        parent == nullptr ? here.node.children.end() : parent->children.find(last);
    if (parent == nullptr || found == parent->children.end())
    {
        throwReadError(error::AffectedObject::Group, error::Reason::NotFound,
                       here.file.path(), jsonPointer(target),
                       "cannot delete: no such group");
    }
    if (!found->second->isGroup())
    {
        throwUsageError(here.file.path(), jsonPointer(target),
                        std::string("DELETE_PATH expected a group, found ") +
                            kindName(*found->second));
    }
    parent->children.erase(found);
    here.file.markChanged(*parent);
}

void JSONIOHandlerImpl::listPaths(Writable* node,
                                  Parameter<Operation::LIST_PATHS> const& parameters)
{
    Located const here = resolve(node);
    parameters.paths->clear();
    for (auto const& [name, child] : here.node.children)
    {
        if (child->isGroup())
        {
            parameters.paths->push_back(name);
        }
    }
}

void JSONIOHandlerImpl::requireAttributes(Located const& here) const
{
    if (!here.node.attributesProblem.empty())
    {
        throw error::ReadError(error::AffectedObject::Attribute,
                               error::Reason::UnexpectedContent, backendName(),
                               here.node.attributesProblem);
    }
}

void JSONIOHandlerImpl::deleteAttribute(
    Writable* node, Parameter<Operation::DELETE_ATT> const& parameters)
{
    Located const here = resolve(node);
    requireWriteAccess(here.file.path(),
                       jsonPointer(joined(here.path, {"attributes", parameters.name})));
    requireAttributes(here);
    if (here.node.attributes.erase(parameters.name) > 0)
    {
        here.file.markChanged(here.node);
    }
}

void JSONIOHandlerImpl::writeAttribute(Writable* node,
                                       Parameter<Operation::WRITE_ATT> const& parameters)
{
    Located const here = resolve(node);
    std::string const where =
        jsonPointer(joined(here.path, {"attributes", parameters.name}));
    requireWriteAccess(here.file.path(), where);
    requireAttributes(here);
    if (auto const reason = unwritableReason(parameters.value); !reason.empty())
    {
        throwUsageError(here.file.path(), where, reason);
    }
    auto& entry = here.node.attributes[parameters.name];
    // Frontends rewrite whole attribute sets: an unchanged value changes nothing.
    if (entry.value && entry.value->getResource() == parameters.value.getResource())
    {
        return;
    }
    entry = AttributeEntry{parameters.value, nullptr, {}};
    here.file.markChanged(here.node);
}

void JSONIOHandlerImpl::readAttribute(Writable* node,
                                      Parameter<Operation::READ_ATT> const& parameters)
{
    Located const here = resolve(node);
    requireAttributes(here);
    auto const found = here.node.attributes.find(parameters.name);
    if (found == here.node.attributes.end())
    {
        throwReadError(error::AffectedObject::Attribute, error::Reason::NotFound,
                       here.file.path(),
                       jsonPointer(joined(here.path, {"attributes", parameters.name})),
                       "no such attribute");
    }
    auto const& entry = found->second;
    if (!entry.value)
    {
        throw error::ReadError(error::AffectedObject::Attribute,
                               error::Reason::UnexpectedContent, backendName(),
                               entry.problem);
    }
    *parameters.dtype = entry.value->dtype;
    *parameters.resource = entry.value->getResource();
}

void JSONIOHandlerImpl::readAttributes(Writable* node,
                                       Parameter<Operation::READ_ATTS> const& parameters)
{
    Located const here = resolve(node);
    requireAttributes(here);
    parameters.attributes->clear();
    for (auto const& [name, entry] : here.node.attributes)
    {
        if (!entry.value)
        {
            throw error::ReadError(error::AffectedObject::Attribute,
                                   error::Reason::UnexpectedContent, backendName(),
                                   entry.problem);
        }
        parameters.attributes->emplace(name, *entry.value);
    }
}

void JSONIOHandlerImpl::listAttributes(Writable* node,
                                       Parameter<Operation::LIST_ATTS> const& parameters)
{
    Located const here = resolve(node);
    requireAttributes(here);
    parameters.attributes->clear();
    for (auto const& [name, entry] : here.node.attributes)
    {
        parameters.attributes->push_back(name);
    }
}
} // namespace openPMD
