// Registers the memory backend at run time, then writes a file and reads it
// back through createIOHandler, the way the frontend drives any backend:
// enqueue IOTasks on Writable nodes, flush, read the output slots.
#include "MemoryBackend.hpp"

#include <openPMD/IO/AbstractIOHandler.hpp>
#include <openPMD/IO/AbstractIOHandlerHelper.hpp>
#include <openPMD/IO/IOTask.hpp>
#include <openPMD/backend/Writable.hpp>

#include <iostream>
#include <memory>
#include <vector>

using namespace openPMD;

namespace
{
std::string const directory = "memory_backend_example";
std::string const fileName = std::string("diagnostics") + memory_backend::extension;

void write(Format format, std::vector<double> const& values)
{
    // Nodes first: they must outlive every task that names them.
    Writable root, mesh, component;
    mesh.parent = &root;
    component.parent = &mesh;

    auto handler = createIOHandler(directory, Access::CREATE, format);
    handler->enqueue(IOTask(&root, Parameter<Operation::CREATE_FILE>{fileName}));
    handler->enqueue(IOTask(&mesh, Parameter<Operation::CREATE_PATH>{"data/0/meshes/E"}));
    handler->enqueue(
        IOTask(&mesh, Parameter<Operation::WRITE_ATT>{
                          "axisLabels", std::vector<std::string>{"y", "x"}}));

    Parameter<Operation::CREATE_DATASET> create;
    create.name = "x";
    create.extent = {2, 3};
    create.dtype = Datatype::DOUBLE;
    handler->enqueue(IOTask(&component, create));

    // The buffer is shared, not copied: the backend reads it during flush.
    auto buffer = std::make_shared<std::vector<double>>(values);
    Parameter<Operation::WRITE_DATASET> store;
    store.offset = {0, 0};
    store.extent = {2, 3};
    store.dtype = Datatype::DOUBLE;
    store.data = std::shared_ptr<void const>(buffer, buffer->data());
    handler->enqueue(IOTask(&component, store));

    handler->enqueue(IOTask(&root, Parameter<Operation::CLOSE_FILE>{}));
    handler->flush().get(); // nothing touched storage before this line
}

bool readAndCompare(Format format, std::vector<double> const& expected)
{
    Writable root, mesh, component;
    mesh.parent = &root;
    component.parent = &mesh;

    auto handler = createIOHandler(directory, Access::READ_ONLY, format);
    handler->enqueue(IOTask(&root, Parameter<Operation::OPEN_FILE>{fileName}));
    handler->enqueue(IOTask(&mesh, Parameter<Operation::OPEN_PATH>{"data/0/meshes/E"}));
    Parameter<Operation::READ_ATT> labels;
    labels.name = "axisLabels";
    handler->enqueue(IOTask(&mesh, labels));
    Parameter<Operation::OPEN_DATASET> open;
    open.name = "x";
    handler->enqueue(IOTask(&component, open));
    handler->flush().get();

    // Output slots are filled now; read the data with the extent just learned.
    auto buffer = std::make_shared<std::vector<double>>(expected.size());
    Parameter<Operation::READ_DATASET> load;
    load.offset = {0, 0};
    load.extent = *open.extent;
    load.dtype = *open.dtype;
    load.data = std::shared_ptr<void>(buffer, buffer->data());
    handler->enqueue(IOTask(&component, load));
    handler->enqueue(IOTask(&root, Parameter<Operation::CLOSE_FILE>{}));
    handler->flush().get();

    auto const axisLabels = std::get<std::vector<std::string>>(*labels.resource);
    std::cout << "backend " << handler->backendName() << ", dataset x of type "
              << *open.dtype << ", axisLabels " << axisLabels.at(0) << ","
              << axisLabels.at(1) << ", values";
    for (double v : *buffer)
    {
        std::cout << ' ' << v;
    }
    std::cout << '\n';
    return *buffer == expected && axisLabels == std::vector<std::string>{"y", "x"};
}
} // namespace

int main()
{
    Format const format = memory_backend::registerMemoryBackend();
    // From now on the extension selects the backend, as ".json" selects JSON.
    if (determineFormat(fileName) != format)
    {
        std::cerr << "determineFormat(\"" << fileName
                  << "\") did not select the memory backend\n";
        return 1;
    }
    std::vector<double> const values{1.5, 2.5, 3.5, 4.5, 5.5, 6.5};
    try
    {
        write(format, values);
        if (!readAndCompare(format, values))
        {
            std::cerr << "read back other values than were written\n";
            return 1;
        }
    }
    catch (std::exception const& e)
    {
        std::cerr << "failed: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
