// The attribute operations of the connector bridge: values in the exact
// forms of the protocol (AttributeConversion.hpp), with the Datatype's name.
#include "AttributeConversion.hpp"
#include "ConnectorFilePosition.hpp"
#include "ConnectorIOHandlerImpl.hpp"

namespace openPMD::python
{
using error::AffectedObject;

void ConnectorIOHandlerImpl::deleteAttribute(
    Writable* node, Parameter<Operation::DELETE_ATT> const& parameters)
{
    auto const& position = positionOf(node);
    if (access::readOnly(m_access))
    {
        // The message is built only here: this check runs for every attribute.
        requireWriteAccess(AffectedObject::Attribute,
                           "delete attribute '" + parameters.name + "' of", position.file,
                           position.path);
    }
    call({"delete_attribute", position.file, position.path, AffectedObject::Attribute,
          false},
         [&]
         { method("delete_attribute")(position.file, position.path, parameters.name); });
}

void ConnectorIOHandlerImpl::writeAttribute(
    Writable* node, Parameter<Operation::WRITE_ATT> const& parameters)
{
    auto const& position = positionOf(node);
    if (access::readOnly(m_access))
    {
        // The message is built only here: this check runs for every attribute.
        requireWriteAccess(AffectedObject::Attribute,
                           "write attribute '" + parameters.name + "' of", position.file,
                           position.path);
    }
    call({"write_attribute", position.file, position.path, AffectedObject::Attribute,
          false},
         [&]
         {
             method("write_attribute")(position.file, position.path, parameters.name,
                                       datatypeToString(parameters.value.dtype),
                                       toConnectorValue(parameters.value));
         });
}

void ConnectorIOHandlerImpl::readAttribute(
    Writable* node, Parameter<Operation::READ_ATT> const& parameters)
{
    auto const& position = positionOf(node);
    call(
        {"read_attribute", position.file, position.path, AffectedObject::Attribute, true},
        [&]
        {
            py::object const result =
                method("read_attribute")(position.file, position.path, parameters.name);
            if (!py::isinstance<py::tuple>(result) || py::len(result) != 2 ||
                !py::isinstance<py::str>(result[py::int_(0)]))
            {
                throw py::type_error("expected a tuple (dtype name, value), got " +
                                     py::repr(result).cast<std::string>());
            }
            auto const name = result[py::int_(0)].cast<std::string>();
            Datatype dtype = Datatype::UNDEFINED;
            for (Datatype known : openPMD_Datatypes())
            {
                if (datatypeToString(known) == name)
                {
                    dtype = known;
                }
            }
            if (dtype == Datatype::UNDEFINED)
            {
                throw py::type_error("expected the name of an attribute datatype, got '" +
                                     name + "' for attribute '" + parameters.name + "'");
            }
            Attribute value = fromConnectorValue(dtype, result[py::int_(1)]);
            *parameters.dtype = dtype;
            *parameters.resource = value.getResource();
        });
}

void ConnectorIOHandlerImpl::listAttributes(
    Writable* node, Parameter<Operation::LIST_ATTS> const& parameters)
{
    auto const& position = positionOf(node);
    *parameters.attributes =
        call({"list_attributes", position.file, position.path, AffectedObject::Attribute,
              true},
             [&]
             {
                 return method("list_attributes")(position.file, position.path)
                     .cast<std::vector<std::string>>();
             });
}
} // namespace openPMD::python
