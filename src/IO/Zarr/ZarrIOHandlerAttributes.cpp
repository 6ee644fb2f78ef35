// The Zarr backend: attributes (kept in the model, written as .zattrs).

#include "IO/Zarr/ZarrIOHandlerImpl.hpp"
#include "IO/Zarr/ZarrPaths.hpp"
#include "openPMD/backend/Writable.hpp"

namespace openPMD
{
using error::AffectedObject;
using error::Reason;

namespace
{
void requireReadable(zarr::ZarrNode const& node, std::string const& backend)
{
    if (!node.attributesProblem.empty())
        throw error::ReadError(AffectedObject::Attribute, Reason::UnexpectedContent,
                               backend, node.attributesProblem);
}
} // namespace

void ZarrIOHandlerImpl::deleteAttribute(Writable* node,
                                        Parameter<Operation::DELETE_ATT> const& p)
{
    auto& found = nodeOf(node);
    requireWriteAccess(AffectedObject::Attribute,
                       "delete attribute '" + p.name + "' of " + describe(node));
    if (found.attributes.erase(p.name) > 0)
        hierarchyOf(node).markAttributes(positionOf(node).path);
}

void ZarrIOHandlerImpl::writeAttribute(Writable* node,
                                       Parameter<Operation::WRITE_ATT> const& p)
{
    auto& found = nodeOf(node);
    requireWriteAccess(AffectedObject::Attribute,
                       "write attribute '" + p.name + "' of " + describe(node));
    if (zarr::isReservedAttributeName(p.name))
        throw error::WrongAPIUsage("Zarr backend: attribute name '" + p.name + "' of " +
                                   describe(node) +
                                   " is reserved by the Zarr backend (xarray dimensions "
                                   "and kept types)");
    try
    {
        zarr::quote(p.name);
        zarr::encodeAttributeValue(p.value);
    }
    catch (std::invalid_argument const& e)
    {
        throw error::WrongAPIUsage("Zarr backend: cannot write attribute '" + p.name +
                                   "' of " + describe(node) + ": " + e.what() +
                                   " (.zattrs is JSON text, which must be UTF-8)");
    }
    auto& hierarchy = hierarchyOf(node);
    auto const& path = positionOf(node).path;
    found.attributes[p.name] = zarr::AttributeEntry{p.value, {}};
    hierarchy.markAttributes(path);
    // The xarray dimensions of the arrays of a mesh follow its axis labels.
    if (!found.isArray() && (p.name == "axisLabels" || p.name == "dataOrder"))
        for (auto const& [name, child] : found.children)
            if (child->isArray())
                hierarchy.markAttributes(zarr::childPath(path, name));
}

void ZarrIOHandlerImpl::readAttribute(Writable* node,
                                      Parameter<Operation::READ_ATT> const& p)
{
    auto const& found = nodeOf(node);
    requireReadable(found, backendName());
    auto it = found.attributes.find(p.name);
    if (it == found.attributes.end())
        throw error::ReadError(AffectedObject::Attribute, Reason::NotFound, backendName(),
                               "attribute '" + p.name + "' of " + describe(node) +
                                   " does not exist");
    if (!it->second.value)
        throw error::ReadError(AffectedObject::Attribute, Reason::UnexpectedContent,
                               backendName(),
                               "attribute '" + p.name + "' of " + describe(node) +
                                   " cannot be read: " + it->second.problem);
    *p.dtype = it->second.value->dtype;
    *p.resource = it->second.value->getResource();
}

void ZarrIOHandlerImpl::readAttributes(Writable* node,
                                       Parameter<Operation::READ_ATTS> const& p)
{
    auto const& found = nodeOf(node);
    requireReadable(found, backendName());
    p.attributes->clear();
    for (auto const& [name, entry] : found.attributes)
    {
        if (!entry.value)
            throw error::ReadError(AffectedObject::Attribute, Reason::UnexpectedContent,
                                   backendName(),
                                   "attribute '" + name + "' of " + describe(node) +
                                       " cannot be read: " + entry.problem);
        p.attributes->emplace(name, *entry.value);
    }
}

void ZarrIOHandlerImpl::listAttributes(Writable* node,
                                       Parameter<Operation::LIST_ATTS> const& p)
{
    auto const& found = nodeOf(node);
    requireReadable(found, backendName());
    p.attributes->clear();
    for (auto const& [name, entry] : found.attributes)
        p.attributes->push_back(name);
}
} // namespace openPMD
