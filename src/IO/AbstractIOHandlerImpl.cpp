#include "openPMD/IO/AbstractIOHandlerImpl.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/backend/Writable.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <iostream>
#include <new>

namespace openPMD
{
namespace
{
bool isReadOperation(Operation op)
{
    switch (op)
    {
    case Operation::CHECK_FILE:
    case Operation::OPEN_FILE:
    case Operation::OPEN_PATH:
    case Operation::LIST_PATHS:
    case Operation::OPEN_DATASET:
    case Operation::READ_DATASET:
    case Operation::LIST_DATASETS:
    case Operation::READ_ATT:
    case Operation::READ_ATTS:
    case Operation::LIST_ATTS:
    case Operation::AVAILABLE_CHUNKS:
        return true;
    default:
        return false;
    }
}

/**
 * Drops the tasks that depend on a failed task (failure policy, point 2),
 * appending them to `dropped` if given.
 */
void dropDependentTasks(std::queue<IOTask>& work, Writable const* failedNode,
                        std::vector<IOTask>* dropped)
{
    std::queue<IOTask> kept;
    while (!work.empty())
    {
        IOTask& task = work.front();
        // DEREGISTER nodes may be gone already: never walk them, always keep.
        bool const dependent = task.operation() != Operation::DEREGISTER &&
                               task.writable != nullptr &&
                               task.writable->isDescendantOf(failedNode);
        if (!dependent)
        {
            kept.push(std::move(task));
        }
        else if (dropped != nullptr)
        {
            dropped->push_back(std::move(task));
        }
        work.pop();
    }
    work = std::move(kept);
}
} // namespace

AbstractIOHandlerImpl::AbstractIOHandlerImpl(std::string directory, Access access)
    : m_directory(std::move(directory)), m_access(access)
{
    char const* verbose = std::getenv("OPENPMD_VERBOSE");
    m_verbose = verbose != nullptr && std::string(verbose) != "0";
}

AbstractIOHandlerImpl::~AbstractIOHandlerImpl() = default;

std::future<void> AbstractIOHandlerImpl::flush(std::queue<IOTask>& work,
                                               FlushParams const& params,
                                               std::vector<IOTask>* dropped)
{
    beginFlush(params);
    while (!work.empty())
    {
        try
        {
            run(work.front());
        }
        catch (...)
        {
            Writable* const failedNode = work.front().writable;
            Operation const op = work.front().operation();
            if (dropped != nullptr)
            {
                dropped->push_back(std::move(work.front()));
            }
            work.pop();
            dropDependentTasks(work, failedNode, dropped);
            try
            {
                endFlush(params);
            }
            catch (...)
            {
                // The task's own error is the one worth reporting.
            }
            try
            {
                throw;
            }
            catch (Error const&)
            {
                throw;
            }
            catch (std::exception const& e)
            {
                std::string what =
                    fmt::format("backend {} failed on {}: {}", backendName(),
                                operationToString(op), e.what());
                if (isReadOperation(op))
                {
                    throw error::ReadError(error::AffectedObject::Other,
                                           error::Reason::Other, backendName(),
                                           std::move(what));
                }
                throw error::WriteError(error::AffectedObject::Other, backendName(),
                                        std::move(what));
            }
        }
        work.pop();
    }
    try
    {
        endFlush(params);
    }
    catch (Error const&)
    {
        throw;
    }
    catch (std::exception const& e)
    {
        throw error::WriteError(
            error::AffectedObject::File, backendName(),
            fmt::format("backend {} failed to persist at the end of a flush: {}",
                        backendName(), e.what()));
    }
    std::promise<void> done;
    done.set_value();
    return done.get_future();
}

void AbstractIOHandlerImpl::run(IOTask& task)
{
    Writable* node = task.writable;
    if (m_verbose)
    {
        std::cerr << "[libopenPMD " << backendName() << "] "
                  << operationToString(task.operation()) << " on node "
                  << static_cast<void const*>(node) << '\n';
    }
    // One overload per Parameter type: a missing one fails to compile.
    struct Dispatch
    {
        AbstractIOHandlerImpl& impl;
        Writable* node;
        // clang-format off
        void operator()(Parameter<Operation::CREATE_FILE>& p) { impl.createFile(node, p); }
        void operator()(Parameter<Operation::CHECK_FILE>& p) { impl.checkFile(node, p); }
        void operator()(Parameter<Operation::OPEN_FILE>& p) { impl.openFile(node, p); }
        void operator()(Parameter<Operation::CLOSE_FILE>& p) { impl.closeFile(node, p); }
        void operator()(Parameter<Operation::DELETE_FILE>& p) { impl.deleteFile(node, p); }
        void operator()(Parameter<Operation::CREATE_PATH>& p) { impl.createPath(node, p); }
        void operator()(Parameter<Operation::CLOSE_PATH>& p) { impl.closePath(node, p); }
        void operator()(Parameter<Operation::OPEN_PATH>& p) { impl.openPath(node, p); }
        void operator()(Parameter<Operation::DELETE_PATH>& p) { impl.deletePath(node, p); }
        void operator()(Parameter<Operation::LIST_PATHS>& p) { impl.listPaths(node, p); }
        void operator()(Parameter<Operation::CREATE_DATASET>& p) { impl.createDataset(node, p); }
        void operator()(Parameter<Operation::EXTEND_DATASET>& p) { impl.extendDataset(node, p); }
        void operator()(Parameter<Operation::OPEN_DATASET>& p) { impl.openDataset(node, p); }
        void operator()(Parameter<Operation::DELETE_DATASET>& p) { impl.deleteDataset(node, p); }
        void operator()(Parameter<Operation::WRITE_DATASET>& p) { impl.writeDataset(node, p); }
        void operator()(Parameter<Operation::READ_DATASET>& p) { impl.readDataset(node, p); }
        void operator()(Parameter<Operation::LIST_DATASETS>& p) { impl.listDatasets(node, p); }
        void operator()(Parameter<Operation::GET_BUFFER_VIEW>& p) { impl.getBufferView(node, p); }
        void operator()(Parameter<Operation::DELETE_ATT>& p) { impl.deleteAttribute(node, p); }
        void operator()(Parameter<Operation::WRITE_ATT>& p) { impl.writeAttribute(node, p); }
        void operator()(Parameter<Operation::READ_ATT>& p) { impl.readAttribute(node, p); }
        void operator()(Parameter<Operation::READ_ATTS>& p) { impl.readAttributes(node, p); }
        void operator()(Parameter<Operation::LIST_ATTS>& p) { impl.listAttributes(node, p); }
        void operator()(Parameter<Operation::ADVANCE>& p) { impl.advance(node, p); }
        void operator()(Parameter<Operation::AVAILABLE_CHUNKS>& p) { impl.availableChunks(node, p); }
        void operator()(Parameter<Operation::DEREGISTER>& p) { impl.deregister(node, p); }
        // clang-format on
    };
    std::visit(Dispatch{*this, node}, task.parameter);
}

void AbstractIOHandlerImpl::beginFlush(FlushParams const&) {}
void AbstractIOHandlerImpl::endFlush(FlushParams const&) {}

void AbstractIOHandlerImpl::unsupported(Operation operation) const
{
    throw error::OperationUnsupportedInBackend(
        backendName(),
        fmt::format("operation {} is not implemented", operationToString(operation)));
}

// clang-format off
void AbstractIOHandlerImpl::createFile(Writable*, Parameter<Operation::CREATE_FILE> const&) { unsupported(Operation::CREATE_FILE); }
void AbstractIOHandlerImpl::openFile(Writable*, Parameter<Operation::OPEN_FILE> const&) { unsupported(Operation::OPEN_FILE); }
void AbstractIOHandlerImpl::closeFile(Writable*, Parameter<Operation::CLOSE_FILE> const&) { unsupported(Operation::CLOSE_FILE); }
void AbstractIOHandlerImpl::deleteFile(Writable*, Parameter<Operation::DELETE_FILE> const&) { unsupported(Operation::DELETE_FILE); }
void AbstractIOHandlerImpl::createPath(Writable*, Parameter<Operation::CREATE_PATH> const&) { unsupported(Operation::CREATE_PATH); }
void AbstractIOHandlerImpl::openPath(Writable*, Parameter<Operation::OPEN_PATH> const&) { unsupported(Operation::OPEN_PATH); }
void AbstractIOHandlerImpl::deletePath(Writable*, Parameter<Operation::DELETE_PATH> const&) { unsupported(Operation::DELETE_PATH); }
void AbstractIOHandlerImpl::listPaths(Writable*, Parameter<Operation::LIST_PATHS> const&) { unsupported(Operation::LIST_PATHS); }
void AbstractIOHandlerImpl::createDataset(Writable*, Parameter<Operation::CREATE_DATASET> const&) { unsupported(Operation::CREATE_DATASET); }
void AbstractIOHandlerImpl::extendDataset(Writable*, Parameter<Operation::EXTEND_DATASET> const&) { unsupported(Operation::EXTEND_DATASET); }
void AbstractIOHandlerImpl::openDataset(Writable*, Parameter<Operation::OPEN_DATASET> const&) { unsupported(Operation::OPEN_DATASET); }
void AbstractIOHandlerImpl::deleteDataset(Writable*, Parameter<Operation::DELETE_DATASET> const&) { unsupported(Operation::DELETE_DATASET); }
void AbstractIOHandlerImpl::writeDataset(Writable*, Parameter<Operation::WRITE_DATASET> const&) { unsupported(Operation::WRITE_DATASET); }
void AbstractIOHandlerImpl::readDataset(Writable*, Parameter<Operation::READ_DATASET> const&) { unsupported(Operation::READ_DATASET); }
void AbstractIOHandlerImpl::listDatasets(Writable*, Parameter<Operation::LIST_DATASETS> const&) { unsupported(Operation::LIST_DATASETS); }
void AbstractIOHandlerImpl::deleteAttribute(Writable*, Parameter<Operation::DELETE_ATT> const&) { unsupported(Operation::DELETE_ATT); }
void AbstractIOHandlerImpl::writeAttribute(Writable*, Parameter<Operation::WRITE_ATT> const&) { unsupported(Operation::WRITE_ATT); }
void AbstractIOHandlerImpl::readAttribute(Writable*, Parameter<Operation::READ_ATT> const&) { unsupported(Operation::READ_ATT); }
void AbstractIOHandlerImpl::listAttributes(Writable*, Parameter<Operation::LIST_ATTS> const&) { unsupported(Operation::LIST_ATTS); }
void AbstractIOHandlerImpl::availableChunks(Writable*, Parameter<Operation::AVAILABLE_CHUNKS> const&) { unsupported(Operation::AVAILABLE_CHUNKS); }
// clang-format on

void AbstractIOHandlerImpl::checkFile(Writable*,
                                      Parameter<Operation::CHECK_FILE> const& parameters)
{
    *parameters.fileExists = Parameter<Operation::CHECK_FILE>::FileExists::DontKnow;
}

void AbstractIOHandlerImpl::closePath(Writable*, Parameter<Operation::CLOSE_PATH> const&)
{
}

void AbstractIOHandlerImpl::getBufferView(
    Writable*, Parameter<Operation::GET_BUFFER_VIEW> const& parameters)
{
    parameters.out->backendManagedBuffer = false;
}

void AbstractIOHandlerImpl::readAttributes(
    Writable* node, Parameter<Operation::READ_ATTS> const& parameters)
{
    Parameter<Operation::LIST_ATTS> list;
    listAttributes(node, list);
    parameters.attributes->clear();
    for (auto const& name : *list.attributes)
    {
        Parameter<Operation::READ_ATT> read;
        read.name = name;
        readAttribute(node, read);
        parameters.attributes->emplace(name, Attribute(std::move(*read.resource)));
    }
}

void AbstractIOHandlerImpl::advance(Writable*,
                                    Parameter<Operation::ADVANCE> const& parameters)
{
    *parameters.status = AdvanceStatus::RANDOMACCESS;
}

void AbstractIOHandlerImpl::deregister(Writable*, Parameter<Operation::DEREGISTER> const&)
{
}
} // namespace openPMD
