// The dataset operations of the connector bridge: chunks are passed as numpy
// views over the task's buffers, without copying.
#include "ConnectorFilePosition.hpp"
#include "ConnectorIOHandlerImpl.hpp"
#include "ConnectorPaths.hpp"
#include "Numpy.hpp"

namespace openPMD::python
{
using error::AffectedObject;
using error::Reason;

namespace
{
/** The 17 scalar types come first in Datatype (its order is part of the API). */
bool isDatasetType(Datatype dtype)
{
    return static_cast<int>(dtype) <= static_cast<int>(Datatype::CLONG_DOUBLE);
}

bool hasElements(Extent const& extent)
{
    for (auto e : extent)
    {
        if (e == 0)
        {
            return false;
        }
    }
    return true;
}

py::tuple toTuple(std::vector<std::uint64_t> const& values)
{
    py::tuple tuple(values.size());
    for (std::size_t i = 0; i < values.size(); ++i)
    {
        tuple[i] = py::int_(values[i]);
    }
    return tuple;
}

std::vector<std::uint64_t> toVector(py::handle sequence, char const* what)
{
    if (!py::isinstance<py::sequence>(sequence) || py::isinstance<py::str>(sequence))
    {
        throw py::type_error(std::string("expected ") + what +
                             " as a tuple of ints, got " +
                             py::repr(sequence).cast<std::string>());
    }
    std::vector<std::uint64_t> result;
    for (auto element : sequence)
    {
        if (!py::isinstance<py::int_>(element) && !py::hasattr(element, "__index__"))
        {
            throw py::type_error(std::string("expected ") + what +
                                 " as a tuple of ints, got " +
                                 py::repr(sequence).cast<std::string>());
        }
        result.push_back(element.cast<std::uint64_t>());
    }
    return result;
}

/**
 * A numpy array over `data` (not owning it, not copying it) of the shape
 * `extent` and the numpy dtype of `dtype`; read-only unless `writable`.
 */
py::array viewOf(Datatype dtype, Extent const& extent, void const* data, bool writable)
{
    std::vector<py::ssize_t> shape(extent.begin(), extent.end());
    py::array view;
    if (data == nullptr)
    {
        // Only for boxes without elements: numpy allocates nothing.
        view = py::array(dtypeOf(dtype), shape);
    }
    else
    {
        // The capsule is the base the view refers to; it frees nothing.
        py::capsule const base(data);
        view = py::array(dtypeOf(dtype), shape, std::vector<py::ssize_t>{}, data, base);
    }
    if (!writable)
    {
        // What ndarray.setflags(write=False) does, without a Python call
        // (this runs for every chunk).
        py::detail::array_proxy(view.ptr())->flags &=
            ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
    }
    return view;
}
} // namespace

void ConnectorIOHandlerImpl::createDataset(
    Writable* node, Parameter<Operation::CREATE_DATASET> const& parameters)
{
    if (node->parent == nullptr || isEmptyPath(parameters.name))
    {
        throw error::WrongAPIUsage("connector " + m_name + ": CREATE_DATASET '" +
                                   parameters.name +
                                   "' needs a node with a parent and a non-empty name");
    }
    auto const& parent = positionOf(node->parent);
    std::string path = joinPath(parent.path, parameters.name);
    requireWriteAccess(AffectedObject::Dataset, "create dataset", parent.file, path);
    if (!isDatasetType(parameters.dtype))
    {
        throw error::WriteError(AffectedObject::Dataset, m_name,
                                "cannot create dataset '" + path + "' in file '" +
                                    parent.file + "' of type " +
                                    datatypeToString(parameters.dtype) +
                                    ": expected one of the 17 scalar numeric types");
    }
    for (auto extent : parameters.extent)
    {
        if (extent == Dataset::JOINED_DIMENSION)
        {
            throw error::OperationUnsupportedInBackend(
                m_name, "joined dimensions (dataset '" + path + "' in file '" +
                            parent.file + "')");
        }
    }
    py::gil_scoped_acquire gil;
    py::object options;
    try
    {
        py::object const all = py::module_::import("json").attr("loads")(
            parameters.options.empty() ? std::string("{}") : parameters.options);
        if (!py::isinstance<py::dict>(all))
        {
            throw py::type_error("not a JSON object");
        }
        options = all.attr("get")(m_name, py::dict());
    }
    catch (std::exception const& e)
    {
        throw error::BackendConfigSchema(
            {m_name}, "the options of dataset '" + path + "' in file '" + parent.file +
                          "' are not a JSON object: " + e.what());
    }
    call({"create_dataset", parent.file, path, AffectedObject::Dataset, false},
         [&]
         {
             method("create_dataset")(parent.file, path,
                                      datatypeToString(parameters.dtype),
                                      toTuple(parameters.extent), options);
         });
    options = py::object();
    bind(node, parent.file, std::move(path));
}

void ConnectorIOHandlerImpl::extendDataset(
    Writable* node, Parameter<Operation::EXTEND_DATASET> const& parameters)
{
    auto const& position = positionOf(node);
    requireWriteAccess(AffectedObject::Dataset, "extend dataset", position.file,
                       position.path);
    for (auto extent : parameters.extent)
    {
        if (extent == Dataset::JOINED_DIMENSION)
        {
            throw error::OperationUnsupportedInBackend(
                m_name, "joined dimensions (dataset '" + position.path + "' in file '" +
                            position.file + "')");
        }
    }
    call({"extend_dataset", position.file, position.path, AffectedObject::Dataset, false},
         [&] {
             method("extend_dataset")(position.file, position.path,
                                      toTuple(parameters.extent));
         });
}

void ConnectorIOHandlerImpl::openDataset(
    Writable* node, Parameter<Operation::OPEN_DATASET> const& parameters)
{
    if (node->parent == nullptr || isEmptyPath(parameters.name))
    {
        throw error::WrongAPIUsage("connector " + m_name + ": OPEN_DATASET '" +
                                   parameters.name +
                                   "' needs a node with a parent and a non-empty name");
    }
    auto const& parent = positionOf(node->parent);
    std::string path = joinPath(parent.path, parameters.name);
    call({"dataset_info", parent.file, path, AffectedObject::Dataset, true},
         [&]
         {
             py::object const info = method("dataset_info")(parent.file, path);
             if (!py::isinstance<py::tuple>(info) || py::len(info) != 2 ||
                 !py::isinstance<py::str>(info[py::int_(0)]))
             {
                 throw py::type_error("expected a tuple (dtype name, extent), got " +
                                      py::repr(info).cast<std::string>());
             }
             auto const name = info[py::int_(0)].cast<std::string>();
             Datatype dtype = Datatype::UNDEFINED;
             for (Datatype known : openPMD_Datatypes())
             {
                 if (datatypeToString(known) == name)
                 {
                     dtype = known;
                 }
             }
             if (!isDatasetType(dtype))
             {
                 throw py::type_error("expected the name of a dataset datatype "
                                      "(one of the 17 scalar numeric types), got '" +
                                      name + "'");
             }
             *parameters.extent = toVector(info[py::int_(1)], "the extent");
             *parameters.dtype = dtype;
         });
    bind(node, parent.file, std::move(path));
}

void ConnectorIOHandlerImpl::deleteDataset(
    Writable* node, Parameter<Operation::DELETE_DATASET> const& parameters)
{
    auto const& position = positionOf(node);
    if (isEmptyPath(parameters.name))
    {
        throw error::WrongAPIUsage("connector " + m_name + ": DELETE_DATASET below '" +
                                   position.path + "' needs a non-empty name");
    }
    std::string const path = joinPath(position.path, parameters.name);
    requireWriteAccess(AffectedObject::Dataset, "delete dataset", position.file, path);
    call({"delete_dataset", position.file, path, AffectedObject::Dataset, false},
         [&] { method("delete_dataset")(position.file, path); });
}

void ConnectorIOHandlerImpl::writeDataset(
    Writable* node, Parameter<Operation::WRITE_DATASET> const& parameters)
{
    // A rank's own task: with collective flushes its failure waits for the
    // end of the flush (deferredIfCollective).
    deferredIfCollective(
        [&]
        {
            auto const& position = positionOf(node);
            requireWriteAccess(AffectedObject::Dataset, "write to dataset", position.file,
                               position.path);
            if (!parameters.data && hasElements(parameters.extent))
            {
                throw error::WrongAPIUsage("connector " + m_name + ": cannot write to '" +
                                           position.path + "' in file '" + position.file +
                                           "': expected a data buffer");
            }
            if (!isDatasetType(parameters.dtype))
            {
                throw error::WrongAPIUsage("connector " + m_name + ": cannot write " +
                                           datatypeToString(parameters.dtype) +
                                           " data to '" + position.path +
                                           "': not a dataset datatype");
            }
            call({"write_chunk", position.file, position.path, AffectedObject::Dataset,
                  false},
                 [&]
                 {
                     py::array view = viewOf(parameters.dtype, parameters.extent,
                                             parameters.data.get(), false);
                     method("write_chunk")(position.file, position.path,
                                           toTuple(parameters.offset),
                                           toTuple(parameters.extent), view);
                     if (view.ref_count() > 1)
                     {
                         throw py::type_error(
                             "it kept a reference to `data`, a view of a "
                             "buffer valid only during the call");
                     }
                 });
        });
}

void ConnectorIOHandlerImpl::readDataset(
    Writable* node, Parameter<Operation::READ_DATASET> const& parameters)
{
    // A rank's own task: with collective flushes its failure waits for the
    // end of the flush (deferredIfCollective).
    deferredIfCollective(
        [&]
        {
            auto const& position = positionOf(node);
            if (!parameters.data && hasElements(parameters.extent))
            {
                throw error::WrongAPIUsage(
                    "connector " + m_name + ": cannot read from '" + position.path +
                    "' in file '" + position.file + "': expected a data buffer");
            }
            if (!isDatasetType(parameters.dtype))
            {
                throw error::WrongAPIUsage(
                    "connector " + m_name + ": cannot read '" + position.path + "' as " +
                    datatypeToString(parameters.dtype) + ": not a dataset datatype");
            }
            call({"read_chunk", position.file, position.path, AffectedObject::Dataset,
                  true},
                 [&]
                 {
                     py::array view = viewOf(parameters.dtype, parameters.extent,
                                             parameters.data.get(), true);
                     method("read_chunk")(position.file, position.path,
                                          toTuple(parameters.offset),
                                          toTuple(parameters.extent), view);
                     if (view.ref_count() > 1)
                     {
                         throw py::type_error("it kept a reference to `out`, a view of a "
                                              "buffer valid only during the call");
                     }
                 });
        });
}

void ConnectorIOHandlerImpl::listDatasets(
    Writable* node, Parameter<Operation::LIST_DATASETS> const& parameters)
{
    auto const& position = positionOf(node);
    *parameters.datasets =
        call({"list_datasets", position.file, position.path, AffectedObject::Group, true},
             [&]
             {
                 return method("list_datasets")(position.file, position.path)
                     .cast<std::vector<std::string>>();
             });
}

void ConnectorIOHandlerImpl::availableChunks(
    Writable* node, Parameter<Operation::AVAILABLE_CHUNKS> const& parameters)
{
    auto const& position = positionOf(node);
    *parameters.chunks = call(
        {"available_chunks", position.file, position.path, AffectedObject::Dataset, true},
        [&]
        {
            ChunkTable table;
            py::object const chunks =
                method("available_chunks")(position.file, position.path);
            for (auto chunk : chunks)
            {
                if (!py::isinstance<py::sequence>(chunk) || py::len(chunk) != 2)
                {
                    throw py::type_error("expected a list of (offset, extent), got " +
                                         py::repr(chunks).cast<std::string>());
                }
                auto const box = py::reinterpret_borrow<py::sequence>(chunk);
                table.emplace_back(toVector(box[0], "an offset"),
                                   toVector(box[1], "an extent"));
            }
            return table;
        });
}
} // namespace openPMD::python
