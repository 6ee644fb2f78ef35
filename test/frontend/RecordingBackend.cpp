#include "RecordingBackend.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>

namespace memtest
{
using namespace openPMD;

namespace
{
std::map<std::string, std::shared_ptr<Node>>& files()
{
    static std::map<std::string, std::shared_ptr<Node>> all;
    return all;
}

std::string& failurePrefix()
{
    static std::string prefix;
    return prefix;
}

struct Position : AbstractFilePosition
{
    std::shared_ptr<Node> node;
    explicit Position(std::shared_ptr<Node> n) : node(std::move(n)) {}
};

std::shared_ptr<Node> nodeOf(Writable* w)
{
    auto pos = std::dynamic_pointer_cast<Position>(w->abstractFilePosition);
    if (!pos)
    {
        throw error::Internal("memtest: node used before it was created or opened");
    }
    return pos->node;
}

void setNode(Writable* w, std::shared_ptr<Node> node)
{
    w->abstractFilePosition = std::make_shared<Position>(std::move(node));
    w->written = true;
}

std::shared_ptr<Node> walk(std::shared_ptr<Node> node, std::string const& path,
                           bool create)
{
    size_t start = 0;
    while (start < path.size())
    {
        size_t end = path.find('/', start);
        if (end == std::string::npos)
            end = path.size();
        std::string const part = path.substr(start, end - start);
        start = end + 1;
        if (part.empty())
            continue;
        auto& child = node->children[part];
        if (!child)
        {
            if (!create)
            {
                node->children.erase(part);
                throw error::ReadError(error::AffectedObject::Group,
                                       error::Reason::NotFound, "MEMTEST",
                                       "no group " + path);
            }
            child = std::make_shared<Node>();
        }
        node = child;
    }
    return node;
}

size_t count(Extent const& e)
{
    size_t n = 1;
    for (auto x : e)
        n *= x;
    return n;
}

/** Copies a hyperslab between the dense dataset and a dense chunk buffer. */
void copySlab(Node& ds, Offset const& off, Extent const& ext, char* chunk, bool toDataset)
{
    size_t const elem = toBytes(ds.dtype);
    size_t const rank = ext.size();
    size_t const n = count(ext);
    std::vector<uint64_t> idx(rank, 0);
    for (size_t i = 0; i < n; ++i)
    {
        size_t flat = 0;
        for (size_t d = 0; d < rank; ++d)
            flat = flat * ds.extent[d] + off[d] + idx[d];
        char* target = ds.bytes.data() + flat * elem;
        if (toDataset)
            std::memcpy(target, chunk + i * elem, elem);
        else
            std::memcpy(chunk + i * elem, target, elem);
        for (size_t d = rank; d-- > 0;)
        {
            if (++idx[d] < ext[d])
                break;
            idx[d] = 0;
        }
    }
}

class Impl : public AbstractIOHandlerImpl
{
public:
    using AbstractIOHandlerImpl::AbstractIOHandlerImpl;
    std::string backendName() const override { return "MEMTEST"; }

protected:
    void beginFlush(FlushParams const& params) override { flushes().push_back(params); }
    std::string full(std::string const& name) const { return m_directory + "/" + name; }
    void note(char const* op, std::string const& what)
    {
        std::string entry = std::string(op) + " " + what;
        if (!failurePrefix().empty() && entry.rfind(failurePrefix(), 0) == 0)
        {
            throw error::WriteError(error::AffectedObject::Other, "MEMTEST",
                                    "injected failure on " + entry);
        }
        log().push_back(std::move(entry));
    }

    void createFile(Writable* w, Parameter<Operation::CREATE_FILE> const& p) override
    {
        note("CREATE_FILE", p.name);
        auto& f = files()[full(p.name)];
        if (!f || m_access == Access::CREATE)
            f = std::make_shared<Node>();
        std::ofstream(full(p.name)) << "memtest\n"; // so that directory listings see it
        setNode(w, f);
    }
    void checkFile(Writable*, Parameter<Operation::CHECK_FILE> const& p) override
    {
        *p.fileExists = files().count(full(p.name))
                            ? Parameter<Operation::CHECK_FILE>::FileExists::Yes
                            : Parameter<Operation::CHECK_FILE>::FileExists::No;
    }
    void openFile(Writable* w, Parameter<Operation::OPEN_FILE> const& p) override
    {
        note("OPEN_FILE", p.name);
        auto it = files().find(full(p.name));
        if (it == files().end())
            throw error::ReadError(error::AffectedObject::File, error::Reason::NotFound,
                                   "MEMTEST", "no file " + full(p.name));
        setNode(w, it->second);
    }
    void deleteFile(Writable*, Parameter<Operation::DELETE_FILE> const& p) override
    {
        note("DELETE_FILE", p.name);
        if (files().erase(full(p.name)) == 0)
            throw error::ReadError(error::AffectedObject::File, error::Reason::NotFound,
                                   "MEMTEST", "no file " + full(p.name));
        std::filesystem::remove(full(p.name)); // the listing stand-in
    }
    void closeFile(Writable* w, Parameter<Operation::CLOSE_FILE> const&) override
    {
        note("CLOSE_FILE", "");
        w->abstractFilePosition.reset();
        w->written = false;
    }
    void createPath(Writable* w, Parameter<Operation::CREATE_PATH> const& p) override
    {
        note("CREATE_PATH", p.path);
        setNode(w, walk(nodeOf(w->parent), p.path, true));
    }
    void openPath(Writable* w, Parameter<Operation::OPEN_PATH> const& p) override
    {
        note("OPEN_PATH", p.path);
        setNode(w, walk(nodeOf(w->parent), p.path, false));
    }
    void closePath(Writable*, Parameter<Operation::CLOSE_PATH> const&) override
    {
        note("CLOSE_PATH", "");
    }
    void deletePath(Writable* w, Parameter<Operation::DELETE_PATH> const& p) override
    {
        note("DELETE_PATH", p.path);
        nodeOf(w)->children.erase(p.path);
    }
    void deleteDataset(Writable* w,
                       Parameter<Operation::DELETE_DATASET> const& p) override
    {
        note("DELETE_DATASET", p.name);
        nodeOf(w)->children.erase(p.name);
    }
    void listPaths(Writable* w, Parameter<Operation::LIST_PATHS> const& p) override
    {
        note("LIST_PATHS", "");
        p.paths->clear();
        for (auto const& [name, child] : nodeOf(w)->children)
            if (!child->isDataset)
                p.paths->push_back(name);
    }
    void listDatasets(Writable* w, Parameter<Operation::LIST_DATASETS> const& p) override
    {
        note("LIST_DATASETS", "");
        p.datasets->clear();
        for (auto const& [name, child] : nodeOf(w)->children)
            if (child->isDataset)
                p.datasets->push_back(name);
    }
    void createDataset(Writable* w,
                       Parameter<Operation::CREATE_DATASET> const& p) override
    {
        note("CREATE_DATASET", p.name);
        auto node = walk(nodeOf(w->parent), p.name, true);
        node->isDataset = true;
        node->dtype = p.dtype;
        node->extent = p.extent;
        node->bytes.assign(count(p.extent) * toBytes(p.dtype), 0);
        setNode(w, node);
    }
    void extendDataset(Writable* w,
                       Parameter<Operation::EXTEND_DATASET> const& p) override
    {
        note("EXTEND_DATASET", "");
        auto node = nodeOf(w);
        Node grown;
        grown.dtype = node->dtype;
        grown.extent = p.extent;
        grown.bytes.assign(count(p.extent) * toBytes(node->dtype), 0);
        copySlab(grown, Offset(p.extent.size(), 0), node->extent, node->bytes.data(),
                 true);
        node->extent = p.extent;
        node->bytes = std::move(grown.bytes);
    }
    void openDataset(Writable* w, Parameter<Operation::OPEN_DATASET> const& p) override
    {
        note("OPEN_DATASET", p.name);
        auto node = walk(nodeOf(w->parent), p.name, false);
        *p.dtype = node->dtype;
        *p.extent = node->extent;
        setNode(w, node);
    }
    void writeDataset(Writable* w, Parameter<Operation::WRITE_DATASET> const& p) override
    {
        note("WRITE_DATASET", "");
        auto node = nodeOf(w);
        copySlab(*node, p.offset, p.extent,
                 const_cast<char*>(static_cast<char const*>(p.data.get())), true);
    }
    void readDataset(Writable* w, Parameter<Operation::READ_DATASET> const& p) override
    {
        note("READ_DATASET", "");
        auto node = nodeOf(w);
        copySlab(*node, p.offset, p.extent, static_cast<char*>(p.data.get()), false);
    }
    /** Views into the dataset's bytes, for one-dimensional datasets only. */
    void getBufferView(Writable* w,
                       Parameter<Operation::GET_BUFFER_VIEW> const& p) override
    {
        note("GET_BUFFER_VIEW", p.update ? "update" : "new");
        auto node = nodeOf(w);
        p.out->backendManagedBuffer = node->extent.size() == 1;
        if (p.out->backendManagedBuffer)
        {
            p.out->ptr = node->bytes.data() + p.offset[0] * toBytes(node->dtype);
        }
    }
    void writeAttribute(Writable* w, Parameter<Operation::WRITE_ATT> const& p) override
    {
        note("WRITE_ATT", p.name);
        nodeOf(w)->attributes.insert_or_assign(p.name, p.value);
    }
    void deleteAttribute(Writable* w, Parameter<Operation::DELETE_ATT> const& p) override
    {
        note("DELETE_ATT", p.name);
        nodeOf(w)->attributes.erase(p.name);
    }
    void readAttribute(Writable* w, Parameter<Operation::READ_ATT> const& p) override
    {
        note("READ_ATT", p.name);
        auto const& atts = nodeOf(w)->attributes;
        auto it = atts.find(p.name);
        if (it == atts.end())
            throw error::ReadError(error::AffectedObject::Attribute,
                                   error::Reason::NotFound, "MEMTEST", p.name);
        *p.dtype = it->second.dtype;
        *p.resource = it->second.getResource();
    }
    void readAttributes(Writable* w, Parameter<Operation::READ_ATTS> const& p) override
    {
        note("READ_ATTS", "");
        *p.attributes = nodeOf(w)->attributes;
    }
    void listAttributes(Writable* w, Parameter<Operation::LIST_ATTS> const& p) override
    {
        note("LIST_ATTS", "");
        p.attributes->clear();
        for (auto const& entry : nodeOf(w)->attributes)
            p.attributes->push_back(entry.first);
    }
    void availableChunks(Writable* w,
                         Parameter<Operation::AVAILABLE_CHUNKS> const& p) override
    {
        note("AVAILABLE_CHUNKS", "");
        auto node = nodeOf(w);
        p.chunks->assign(1,
                         WrittenChunkInfo(Offset(node->extent.size(), 0), node->extent));
    }
    void deregister(Writable*, Parameter<Operation::DEREGISTER> const&) override
    {
        note("DEREGISTER", "");
    }
};
} // namespace

std::vector<std::string>& log()
{
    static std::vector<std::string> entries;
    return entries;
}

std::vector<FlushParams>& flushes()
{
    static std::vector<FlushParams> all;
    return all;
}

std::shared_ptr<Node> file(std::string const& path)
{
    auto it = files().find(path);
    return it == files().end() ? nullptr : it->second;
}

void failOn(std::string prefix)
{
    failurePrefix() = std::move(prefix);
}

void putFile(std::string const& path, std::shared_ptr<Node> root)
{
    files()[path] = std::move(root);
}

std::string registerBackend()
{
    static bool done = false;
    if (!done)
    {
        BackendRow row;
        row.name = "MEMTEST";
        row.configKey = "memtest";
        row.extensions = {".memtest"};
        row.available = true;
        row.create =
            [](BackendArguments const& args) -> std::unique_ptr<AbstractIOHandler>
        {
            return std::make_unique<ImplIOHandler>(
                args.directory, args.access,
                std::make_unique<Impl>(args.directory, args.access));
        };
        BackendRegistry::registerBackend(std::move(row));
        done = true;
    }
    return "memtest";
}
} // namespace memtest
