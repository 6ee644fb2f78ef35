#include "Session.hpp"

#include <openPMD/IO/AbstractIOHandlerHelper.hpp>

namespace conformance
{
Session::Session(BackendUnderTest const& backend, std::string directory, Access access)
    : m_backend(backend), m_handler(createIOHandler(directory, access, backend.format))
{
}

std::string Session::fileName(std::string const& stem) const
{
    return stem + m_backend.extension;
}

Writable& Session::node(Writable* parent)
{
    m_nodes.push_back(std::make_unique<Writable>());
    m_nodes.back()->parent = parent;
    return *m_nodes.back();
}

void Session::flush()
{
    FlushParams params;
    params.flushLevel = FlushLevel::UserFlush;
    m_handler->flush(params).get();
}

Writable& Session::createFile(std::string const& stem)
{
    Writable& root = node();
    enqueue(root, Parameter<Operation::CREATE_FILE>{fileName(stem)});
    return root;
}

Writable& Session::openFile(std::string const& stem)
{
    Writable& root = node();
    enqueue(root, Parameter<Operation::OPEN_FILE>{fileName(stem)});
    return root;
}

void Session::closeFile(Writable& root)
{
    enqueue(root, Parameter<Operation::CLOSE_FILE>{});
}

std::shared_ptr<Parameter<Operation::CHECK_FILE>::FileExists>
Session::checkFile(std::string const& stem)
{
    Parameter<Operation::CHECK_FILE> check;
    check.name = fileName(stem);
    auto answer = check.fileExists;
    enqueue(node(), std::move(check));
    return answer;
}

void Session::deleteFile(Writable& target, std::string const& stem)
{
    enqueue(target, Parameter<Operation::DELETE_FILE>{fileName(stem)});
}

Writable& Session::createPath(Writable& parent, std::string const& path)
{
    Writable& group = node(&parent);
    enqueue(group, Parameter<Operation::CREATE_PATH>{path});
    return group;
}

Writable& Session::openPath(Writable& parent, std::string const& path)
{
    Writable& group = node(&parent);
    enqueue(group, Parameter<Operation::OPEN_PATH>{path});
    return group;
}

void Session::deletePath(Writable& group, std::string const& path)
{
    enqueue(group, Parameter<Operation::DELETE_PATH>{path});
}

std::shared_ptr<std::vector<std::string>> Session::listPaths(Writable& group)
{
    Parameter<Operation::LIST_PATHS> list;
    auto answer = list.paths;
    enqueue(group, std::move(list));
    return answer;
}

Writable& Session::createDataset(Writable& parent, std::string const& name,
                                 Datatype dtype, Extent const& extent,
                                 std::string const& options)
{
    Writable& dataset = node(&parent);
    enqueue(dataset, Parameter<Operation::CREATE_DATASET>{name, extent, dtype, options});
    return dataset;
}

OpenedDataset Session::openDataset(Writable& parent, std::string const& name)
{
    Writable& dataset = node(&parent);
    Parameter<Operation::OPEN_DATASET> open;
    open.name = name;
    OpenedDataset opened{dataset, open.dtype, open.extent};
    enqueue(dataset, std::move(open));
    return opened;
}

void Session::extendDataset(Writable& dataset, Extent const& extent)
{
    enqueue(dataset, Parameter<Operation::EXTEND_DATASET>{extent});
}

void Session::deleteDataset(Writable& group, std::string const& name)
{
    enqueue(group, Parameter<Operation::DELETE_DATASET>{name});
}

std::shared_ptr<std::vector<std::string>> Session::listDatasets(Writable& group)
{
    Parameter<Operation::LIST_DATASETS> list;
    auto answer = list.datasets;
    enqueue(group, std::move(list));
    return answer;
}

std::shared_ptr<ChunkTable> Session::availableChunks(Writable& dataset)
{
    Parameter<Operation::AVAILABLE_CHUNKS> chunks;
    auto answer = chunks.chunks;
    enqueue(dataset, std::move(chunks));
    return answer;
}

void Session::writeAttribute(Writable& target, std::string const& name, Attribute value)
{
    enqueue(target, Parameter<Operation::WRITE_ATT>{name, std::move(value)});
}

Parameter<Operation::READ_ATT> Session::readAttribute(Writable& target,
                                                      std::string const& name)
{
    Parameter<Operation::READ_ATT> read;
    read.name = name;
    enqueue(target, read); // the copy shares the output slots
    return read;
}

Parameter<Operation::READ_ATTS> Session::readAttributes(Writable& target)
{
    Parameter<Operation::READ_ATTS> read;
    enqueue(target, read);
    return read;
}

std::shared_ptr<std::vector<std::string>> Session::listAttributes(Writable& target)
{
    Parameter<Operation::LIST_ATTS> list;
    auto answer = list.attributes;
    enqueue(target, std::move(list));
    return answer;
}

void Session::deleteAttribute(Writable& target, std::string const& name)
{
    enqueue(target, Parameter<Operation::DELETE_ATT>{name});
}
} // namespace conformance
