#pragma once

// Helpers for the JSON backend tests: a scratch directory, a handler driven
// through IOTasks, file access and exception capture.

#include "IO/JSON/JSONIOHandlerImpl.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/AbstractIOHandlerHelper.hpp"
#include "openPMD/backend/Writable.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <unistd.h>

namespace openPMD::test
{
namespace fs = std::filesystem;

/** A fresh directory, removed at the end of the test. */
class ScratchDirectory
{
public:
    explicit ScratchDirectory(std::string const& name)
    {
        static int counter = 0;
        path = fs::temp_directory_path() /
               ("libopenpmd-json-" + name + "-" + std::to_string(::getpid()) + "-" +
                std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~ScratchDirectory()
    {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    ScratchDirectory(ScratchDirectory const&) = delete;
    ScratchDirectory& operator=(ScratchDirectory const&) = delete;

    std::string file(std::string const& name) const { return (path / name).string(); }
    std::string dir() const { return path.string(); }

    fs::path path;
};

/** A JSON handler driven task by task, as the frontend would. */
class Handler
{
public:
    Handler(std::string const& directory, Access access,
            std::string const& options = "{}")
        : m_handler(createIOHandler(directory, access, Format::JSON, options))
    {
    }

    template <Operation op>
    void enqueue(Writable* node, Parameter<op> parameters)
    {
        m_handler->enqueue(IOTask(node, std::move(parameters)));
    }

    /** Enqueues one task and flushes. */
    template <Operation op>
    void run(Writable* node, Parameter<op> parameters)
    {
        enqueue(node, std::move(parameters));
        flush();
    }

    void flush(FlushLevel level = FlushLevel::UserFlush, bool durable = false)
    {
        FlushParams params;
        params.flushLevel = level;
        params.durable = durable;
        m_handler->flush(params).get();
    }

    JSONIOHandlerImpl& impl()
    {
        return static_cast<JSONIOHandlerImpl&>(
            static_cast<ImplIOHandler&>(*m_handler).impl());
    }

    AbstractIOHandler& handler() { return *m_handler; }

    // Shorthands for common tasks (each flushes).
    void createFile(Writable& root, std::string const& name)
    {
        Parameter<Operation::CREATE_FILE> p;
        p.name = name;
        run(&root, p);
    }
    void openFile(Writable& root, std::string const& name)
    {
        Parameter<Operation::OPEN_FILE> p;
        p.name = name;
        run(&root, p);
    }
    void closeFile(Writable& root) { run(&root, Parameter<Operation::CLOSE_FILE>{}); }
    void createPath(Writable& node, std::string const& path)
    {
        Parameter<Operation::CREATE_PATH> p;
        p.path = path;
        run(&node, p);
    }
    void openPath(Writable& node, std::string const& path)
    {
        Parameter<Operation::OPEN_PATH> p;
        p.path = path;
        run(&node, p);
    }
    void createDataset(Writable& node, std::string const& name, Datatype dtype,
                       Extent extent, std::string const& options = "{}")
    {
        Parameter<Operation::CREATE_DATASET> p;
        p.name = name;
        p.dtype = dtype;
        p.extent = std::move(extent);
        p.options = options;
        run(&node, p);
    }
    /** Returns (dtype, extent). */
    std::pair<Datatype, Extent> openDataset(Writable& node, std::string const& name)
    {
        Parameter<Operation::OPEN_DATASET> p;
        p.name = name;
        run(&node, p);
        return {*p.dtype, *p.extent};
    }
    template <typename T>
    void write(Writable& node, Offset offset, Extent extent,
               std::shared_ptr<T const> data)
    {
        Parameter<Operation::WRITE_DATASET> p;
        p.offset = std::move(offset);
        p.extent = std::move(extent);
        p.dtype = determineDatatype<T>();
        p.data = std::static_pointer_cast<void const>(data);
        run(&node, p);
    }
    template <typename T>
    std::vector<T> read(Writable& node, Offset offset, Extent extent)
    {
        size_t count = 1;
        for (auto n : extent)
        {
            count *= n;
        }
        auto buffer = std::shared_ptr<T>(new T[count](), [](T* p) { delete[] p; });
        Parameter<Operation::READ_DATASET> p;
        p.offset = std::move(offset);
        p.extent = std::move(extent);
        p.dtype = determineDatatype<T>();
        p.data = std::static_pointer_cast<void>(buffer);
        run(&node, p);
        return std::vector<T>(buffer.get(), buffer.get() + count);
    }
    void writeAttribute(Writable& node, std::string const& name, Attribute value)
    {
        Parameter<Operation::WRITE_ATT> p;
        p.name = name;
        p.value = std::move(value);
        run(&node, p);
    }
    Attribute readAttribute(Writable& node, std::string const& name)
    {
        Parameter<Operation::READ_ATT> p;
        p.name = name;
        run(&node, p);
        Attribute result(*p.resource);
        REQUIRE(result.dtype == *p.dtype);
        return result;
    }
    ChunkTable availableChunks(Writable& node)
    {
        Parameter<Operation::AVAILABLE_CHUNKS> p;
        run(&node, p);
        return *p.chunks;
    }

private:
    std::unique_ptr<AbstractIOHandler> m_handler;
};

/** A buffer for WRITE_DATASET owning a copy of `values`. */
template <typename T>
std::shared_ptr<T const> share(std::vector<T> values)
{
    auto owned = std::make_shared<std::vector<T>>(std::move(values));
    return std::shared_ptr<T const>(owned, owned->data());
}

inline std::string readText(std::string const& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void writeText(std::string const& path, std::string const& text)
{
    std::ofstream out(path, std::ios::binary);
    out << text;
}

/** Runs `f` and returns the exception of type E it throws; fails if it throws none. */
template <typename E, typename F>
E captureError(F&& f)
{
    try
    {
        f();
    }
    catch (E const& e)
    {
        return e;
    }
    FAIL("expected an exception, none was thrown");
    throw std::logic_error("unreachable");
}

/** Catches what is written to std::cerr while alive. */
class CaptureStderr
{
public:
    CaptureStderr() : m_old(std::cerr.rdbuf(m_text.rdbuf())) {}
    ~CaptureStderr() { std::cerr.rdbuf(m_old); }
    std::string text() const { return m_text.str(); }

private:
    std::ostringstream m_text;
    std::streambuf* m_old;
};

/** A file root and a chain of child nodes, kept alive together. */
struct Nodes
{
    Writable root;
    Writable a{};
    Writable b{};
    Writable c{};
    Nodes()
    {
        a.parent = &root;
        b.parent = &a;
        c.parent = &b;
    }
};
} // namespace openPMD::test
