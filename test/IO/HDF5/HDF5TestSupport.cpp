#include "HDF5TestSupport.hpp"

#include <hdf5.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>

namespace hdf5_test
{
namespace fs = std::filesystem;

ScratchDirectory::ScratchDirectory()
{
    static std::atomic<int> counter{0};
    m_path =
        fs::temp_directory_path() / ("openpmd-hdf5-test-" + std::to_string(::getpid()) +
                                     "-" + std::to_string(counter++));
    fs::remove_all(m_path);
    fs::create_directories(m_path);
}

ScratchDirectory::~ScratchDirectory()
{
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
}

Session::Session(fs::path const& directory, Access access, std::string options)
    : m_handler(createIOHandler(directory.string(), access, Format::HDF5, options))
{
}

void Session::flush(FlushLevel level, bool durable)
{
    FlushParams params;
    params.flushLevel = level;
    params.durable = durable;
    m_handler->flush(params).get();
}

void Session::createFile(Writable& root, std::string const& name)
{
    Parameter<Operation::CREATE_FILE> p;
    p.name = name;
    run(&root, p);
}

void Session::openFile(Writable& root, std::string const& name)
{
    Parameter<Operation::OPEN_FILE> p;
    p.name = name;
    run(&root, p);
}

void Session::closeFile(Writable& root)
{
    run(&root, Parameter<Operation::CLOSE_FILE>{});
}

void Session::createPath(Writable& node, Writable& parent, std::string const& path)
{
    node.parent = &parent;
    Parameter<Operation::CREATE_PATH> p;
    p.path = path;
    run(&node, p);
}

void Session::openPath(Writable& node, Writable& parent, std::string const& path)
{
    node.parent = &parent;
    Parameter<Operation::OPEN_PATH> p;
    p.path = path;
    run(&node, p);
}

void Session::createDataset(Writable& node, Writable& parent, std::string const& name,
                            Datatype dtype, Extent extent, std::string options)
{
    node.parent = &parent;
    Parameter<Operation::CREATE_DATASET> p;
    p.name = name;
    p.dtype = dtype;
    p.extent = std::move(extent);
    p.options = std::move(options);
    run(&node, p);
}

std::pair<Datatype, Extent> Session::openDataset(Writable& node, Writable& parent,
                                                 std::string const& name)
{
    node.parent = &parent;
    Parameter<Operation::OPEN_DATASET> p;
    p.name = name;
    run(&node, p);
    return {*p.dtype, *p.extent};
}

void Session::writeAttribute(Writable& node, std::string const& name, Attribute value)
{
    Parameter<Operation::WRITE_ATT> p;
    p.name = name;
    p.value = std::move(value);
    run(&node, p);
}

Attribute Session::readAttribute(Writable& node, std::string const& name)
{
    Parameter<Operation::READ_ATT> p;
    p.name = name;
    run(&node, p);
    return Attribute(*p.resource);
}

StderrCapture::StderrCapture()
{
    std::fflush(stderr);
    m_saved = ::dup(2);
    int const target = ::open((m_directory.path() / "stderr.txt").c_str(),
                              O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (m_saved < 0 || target < 0 || ::dup2(target, 2) < 0)
    {
        throw std::runtime_error("cannot redirect stderr");
    }
    ::close(target);
}

StderrCapture::~StderrCapture()
{
    text();
}

std::string StderrCapture::text()
{
    if (!m_done)
    {
        std::fflush(stderr);
        ::dup2(m_saved, 2);
        ::close(m_saved);
        m_done = true;
        std::ifstream in(m_directory.path() / "stderr.txt");
        std::ostringstream content;
        content << in.rdbuf();
        m_text = content.str();
    }
    return m_text;
}

Writable* destroyKeepingKey(std::unique_ptr<Writable>& node)
{
    Writable* const key = node.get();
    node.reset();
    return key;
}

long openHDF5Objects()
{
    return static_cast<long>(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL));
}

long openFileObjects()
{
    return static_cast<long>(H5Fget_obj_count(
        H5F_OBJ_ALL, H5F_OBJ_FILE | H5F_OBJ_GROUP | H5F_OBJ_DATASET | H5F_OBJ_ATTR));
}

int runPython(std::string const& script, std::string const& arguments,
              std::string const& environment)
{
    std::string const command =
        environment + " /usr/bin/python3 " + script + " " + arguments;
    int const status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
} // namespace hdf5_test
