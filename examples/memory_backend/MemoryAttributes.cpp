// The attribute operations of the memory backend: attributes are kept as
// openPMD::Attribute values, so every one of the 38 types round-trips as is.
#include "MemoryIOHandlerImpl.hpp"

#include <openPMD/Error.hpp>

namespace memory_backend
{
using namespace openPMD;

void MemoryIOHandlerImpl::deleteAttribute(
    Writable* node, Parameter<Operation::DELETE_ATT> const& parameters)
{
    requireWriteAccess(error::AffectedObject::Attribute, "delete",
                       "attribute '" + parameters.name + "' of " + describe(node));
    // A missing attribute is not an error (IOTask.hpp).
    objectOf(node).attributes.erase(parameters.name);
}

void MemoryIOHandlerImpl::writeAttribute(
    Writable* node, Parameter<Operation::WRITE_ATT> const& parameters)
{
    requireWriteAccess(error::AffectedObject::Attribute, "write",
                       "attribute '" + parameters.name + "' of " + describe(node));
    // Replaces any earlier value whatever its type or size.
    objectOf(node).attributes.insert_or_assign(parameters.name, parameters.value);
}

void MemoryIOHandlerImpl::readAttribute(Writable* node,
                                        Parameter<Operation::READ_ATT> const& parameters)
{
    auto const& attributes = objectOf(node).attributes;
    auto it = attributes.find(parameters.name);
    if (it == attributes.end())
    {
        throw error::ReadError(
            error::AffectedObject::Attribute, error::Reason::NotFound, backendName(),
            "no attribute '" + parameters.name + "' at " + describe(node));
    }
    *parameters.dtype = it->second.dtype;
    *parameters.resource = it->second.getResource();
}

void MemoryIOHandlerImpl::readAttributes(
    Writable* node, Parameter<Operation::READ_ATTS> const& parameters)
{
    // One lookup for the whole set instead of the default LIST_ATTS + READ_ATT each.
    *parameters.attributes = objectOf(node).attributes;
}

void MemoryIOHandlerImpl::listAttributes(
    Writable* node, Parameter<Operation::LIST_ATTS> const& parameters)
{
    parameters.attributes->clear();
    for (auto const& [name, value] : objectOf(node).attributes)
    {
        parameters.attributes->push_back(name);
    }
}
} // namespace memory_backend
