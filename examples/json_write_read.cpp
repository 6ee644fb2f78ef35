// The main job until the frontend (Series, Iteration, Mesh ...) exists: write a
// small group-based openPMD series as JSON with IOTasks only, reopen it read-only,
// list and read everything back, print it, and fail if anything differs.
//
// Usage: json_write_read [output directory]   (default: current directory)
// Writes <output directory>/json_write_read.json; exits 0 only if every group,
// dataset, attribute and value read back equals what was written.

#include <openPMD/openPMD.hpp>

#include <array>
#include <complex>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace
{
using namespace openPMD;

using Attributes = std::map<std::string, Attribute>;

/** A dataset as it is (or should be) in the file: type, extent, raw row-major values. */
struct DatasetNode
{
    Datatype dtype = Datatype::UNDEFINED;
    Extent extent;
    std::shared_ptr<std::vector<unsigned char>> bytes =
        std::make_shared<std::vector<unsigned char>>();
    Attributes attributes;
};

/** A group with its attributes, subgroups and datasets, keyed by name. */
struct GroupNode
{
    Attributes attributes;
    std::map<std::string, GroupNode> groups;
    std::map<std::string, DatasetNode> datasets;
};

std::uint64_t numberOfElements(Extent const& extent)
{
    return std::accumulate(extent.begin(), extent.end(), std::uint64_t{1},
                           std::multiplies<>());
}

template <typename T>
DatasetNode makeDataset(Extent extent, std::vector<T> const& values,
                        Attributes attributes)
{
    DatasetNode node;
    node.dtype = determineDatatype<T>();
    node.extent = std::move(extent);
    node.bytes->resize(values.size() * sizeof(T));
    std::memcpy(node.bytes->data(), values.data(), node.bytes->size());
    node.attributes = std::move(attributes);
    return node;
}

std::string localDate()
{
    std::time_t const now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[64];
    std::strftime(buffer, sizeof(buffer), "%F %T %z", &local);
    return buffer;
}

/** /data/100/meshes/E: a 2-D electric field with components x and y. */
GroupNode electricField()
{
    GroupNode mesh;
    mesh.attributes = {
        {"geometry", std::string("cartesian")},
        {"dataOrder", std::string("C")},
        {"axisLabels", std::vector<std::string>{"y", "x"}},
        {"gridSpacing", std::vector<double>{0.5, 0.25}},
        {"gridGlobalOffset", std::vector<double>{0.0, -1.5}},
        {"gridUnitSI", 1.0e-6},
        // V/m = kg m s^-3 A^-1, in the order L, M, T, I, theta, N, J
        {"unitDimension", std::array<double, 7>{1., 1., -3., -1., 0., 0., 0.}},
        {"timeOffset", 0.0f}};
    mesh.datasets["x"] = makeDataset<double>(
        {2, 3}, {1.5, 2.0, 3.0, -4.25, 5.0, 6.125},
        {{"position", std::vector<double>{0.0, 0.5}}, {"unitSI", 1.0}});
    mesh.datasets["y"] = makeDataset<double>(
        {2, 3}, {0.0, -1.0, 1.0e10, 7.5, 1.0e-10, -0.5},
        {{"position", std::vector<double>{0.5, 0.0}}, {"unitSI", 1.0}});
    return mesh;
}

/** /data/100/particles/electrons: positions, and a constant positionOffset. */
GroupNode electrons()
{
    Attributes const lengthRecord = {
        {"unitDimension", std::array<double, 7>{1., 0., 0., 0., 0., 0., 0.}},
        {"timeOffset", 0.0f}};
    GroupNode species;
    GroupNode& position = species.groups["position"];
    position.attributes = lengthRecord;
    position.datasets["x"] =
        makeDataset<double>({4}, {0.0, 0.25, 0.5, 0.75}, {{"unitSI", 1.0e-6}});

    // A constant component is a group holding the value and the shape.
    GroupNode& offset = species.groups["positionOffset"];
    offset.attributes = lengthRecord;
    offset.groups["x"].attributes = {
        {"value", 0.0}, {"shape", Extent{4}}, {"unitSI", 1.0e-6}};
    return species;
}

/** The whole series as it must be on disk. */
GroupNode expectedSeries()
{
    GroupNode root;
    root.attributes = {{"openPMD", getStandard()},
                       {"openPMDextension", std::uint32_t(0)},
                       {"basePath", std::string("/data/%T/")},
                       {"iterationEncoding", std::string("groupBased")},
                       {"iterationFormat", std::string("/data/%T/")},
                       {"meshesPath", std::string("meshes/")},
                       {"particlesPath", std::string("particles/")},
                       {"date", localDate()},
                       {"software", std::string("libopenPMD examples/json_write_read")},
                       {"softwareVersion", getVersion()}};
    GroupNode& iteration = root.groups["data"].groups["100"];
    iteration.attributes = {{"time", 50.0}, {"dt", 0.5}, {"timeUnitSI", 1.0e-15}};
    iteration.groups["meshes"].groups["E"] = electricField();
    iteration.groups["particles"].groups["electrons"] = electrons();
    return root;
}

/** Owns the Writables of one handler: tasks point to them until the flush. */
class Nodes
{
public:
    Writable& root() { return m_nodes.emplace_back(); }
    Writable& childOf(Writable& parent)
    {
        Writable& child = m_nodes.emplace_back();
        child.parent = &parent;
        return child;
    }

private:
    // A deque never moves its elements when it grows.
    std::deque<Writable> m_nodes;
};

void flush(AbstractIOHandler& handler)
{
    FlushParams params;
    params.flushLevel = FlushLevel::UserFlush;
    handler.flush(params).get();
}

void writeAttributes(AbstractIOHandler& handler, Writable& node,
                     Attributes const& attributes)
{
    for (auto const& [name, value] : attributes)
    {
        handler.enqueue(IOTask(&node, Parameter<Operation::WRITE_ATT>{name, value}));
    }
}

/** Creates the dataset and writes it one slab of the first dimension at a time. */
void writeDataset(AbstractIOHandler& handler, Writable& node, std::string const& name,
                  DatasetNode const& dataset)
{
    handler.enqueue(IOTask(&node, Parameter<Operation::CREATE_DATASET>{
                                      name, dataset.extent, dataset.dtype}));
    Extent slab = dataset.extent;
    slab[0] = 1;
    std::size_t const slabBytes = numberOfElements(slab) * toBytes(dataset.dtype);
    for (std::uint64_t row = 0; row < dataset.extent[0]; ++row)
    {
        Offset offset(dataset.extent.size(), 0);
        offset[0] = row;
        // Points into the buffer without copying it; shares its ownership.
        std::shared_ptr<void const> data(dataset.bytes,
                                         dataset.bytes->data() + row * slabBytes);
        handler.enqueue(IOTask(&node, Parameter<Operation::WRITE_DATASET>{
                                          offset, slab, dataset.dtype, data}));
    }
    writeAttributes(handler, node, dataset.attributes);
}

void writeGroup(AbstractIOHandler& handler, Nodes& nodes, Writable& node,
                GroupNode const& group)
{
    writeAttributes(handler, node, group.attributes);
    for (auto const& [name, child] : group.groups)
    {
        Writable& childNode = nodes.childOf(node);
        handler.enqueue(IOTask(&childNode, Parameter<Operation::CREATE_PATH>{name}));
        writeGroup(handler, nodes, childNode, child);
    }
    for (auto const& [name, dataset] : group.datasets)
    {
        writeDataset(handler, nodes.childOf(node), name, dataset);
    }
}

void writeSeries(std::string const& directory, std::string const& file,
                 GroupNode const& series)
{
    Nodes nodes; // outlives the handler, which may look at its nodes until the end
    auto handler = createIOHandler(directory, Access::CREATE, Format::JSON);
    Writable& root = nodes.root();
    handler->enqueue(IOTask(&root, Parameter<Operation::CREATE_FILE>{file}));
    writeGroup(*handler, nodes, root, series);
    flush(*handler);
    handler->enqueue(IOTask(&root, Parameter<Operation::CLOSE_FILE>{}));
    flush(*handler);
}

DatasetNode readDataset(AbstractIOHandler& handler, Writable& node,
                        std::string const& name)
{
    Parameter<Operation::OPEN_DATASET> open{name};
    Parameter<Operation::READ_ATTS> attributes;
    handler.enqueue(IOTask(&node, open));
    handler.enqueue(IOTask(&node, attributes));
    flush(handler);

    DatasetNode dataset;
    dataset.dtype = *open.dtype;
    dataset.extent = *open.extent;
    dataset.attributes = *attributes.attributes;
    dataset.bytes->resize(numberOfElements(dataset.extent) * toBytes(dataset.dtype));
    Parameter<Operation::READ_DATASET> read;
    read.offset = Offset(dataset.extent.size(), 0);
    read.extent = dataset.extent;
    read.dtype = dataset.dtype;
    read.data = std::shared_ptr<void>(dataset.bytes, dataset.bytes->data());
    handler.enqueue(IOTask(&node, read));
    flush(handler);
    return dataset;
}

/** Lists and reads the group of `node` (already opened) and everything below it. */
GroupNode readGroup(AbstractIOHandler& handler, Nodes& nodes, Writable& node)
{
    Parameter<Operation::READ_ATTS> attributes;
    Parameter<Operation::LIST_PATHS> paths;
    Parameter<Operation::LIST_DATASETS> datasets;
    handler.enqueue(IOTask(&node, attributes));
    handler.enqueue(IOTask(&node, paths));
    handler.enqueue(IOTask(&node, datasets));
    flush(handler);

    GroupNode group;
    group.attributes = *attributes.attributes;
    for (auto const& name : *paths.paths)
    {
        Writable& child = nodes.childOf(node);
        handler.enqueue(IOTask(&child, Parameter<Operation::OPEN_PATH>{name}));
        group.groups[name] = readGroup(handler, nodes, child);
    }
    for (auto const& name : *datasets.datasets)
    {
        group.datasets[name] = readDataset(handler, nodes.childOf(node), name);
    }
    return group;
}

GroupNode readSeries(std::string const& directory, std::string const& file)
{
    Nodes nodes; // outlives the handler, which may look at its nodes until the end
    auto handler = createIOHandler(directory, Access::READ_ONLY, Format::JSON);
    Writable& root = nodes.root();
    handler->enqueue(IOTask(&root, Parameter<Operation::OPEN_FILE>{file}));
    GroupNode series = readGroup(*handler, nodes, root);
    handler->enqueue(IOTask(&root, Parameter<Operation::CLOSE_FILE>{}));
    flush(*handler);
    return series;
}

// ---- printing ----------------------------------------------------------------

template <typename T>
struct IsComplex : std::false_type
{
};
template <typename T>
struct IsComplex<std::complex<T>> : std::true_type
{
};

template <typename T>
void printValue(std::ostream& out, T const& value)
{
    if constexpr (std::is_same_v<T, std::string>)
    {
        out << '"' << value << '"';
    }
    else if constexpr (std::is_same_v<T, bool>)
    {
        out << (value ? "true" : "false");
    }
    else if constexpr (std::is_same_v<T, char> || std::is_same_v<T, signed char> ||
                       std::is_same_v<T, unsigned char>)
    {
        out << static_cast<int>(value);
    }
    else if constexpr (std::is_arithmetic_v<T>)
    {
        out << value;
    }
    else if constexpr (IsComplex<T>::value)
    {
        out << '(' << value.real() << ',' << value.imag() << ')';
    }
    else // vectors and std::array
    {
        out << '[';
        char const* separator = "";
        for (auto const& element : value)
        {
            out << separator;
            printValue(out, element);
            separator = ", ";
        }
        out << ']';
    }
}

struct PrintDatasetValues
{
    template <typename T>
    static void call(std::ostream& out, DatasetNode const& dataset)
    {
        std::vector<T> values(numberOfElements(dataset.extent));
        std::memcpy(values.data(), dataset.bytes->data(), values.size() * sizeof(T));
        printValue(out, values);
    }
};

void printAttributes(std::ostream& out, Attributes const& attributes,
                     std::string const& indent)
{
    for (auto const& [name, attribute] : attributes)
    {
        out << indent << "@" << name << " (" << attribute.dtype << ") = ";
        std::visit([&out](auto const& value) { printValue(out, value); },
                   attribute.getResource());
        out << '\n';
    }
}

void printGroup(std::ostream& out, GroupNode const& group, std::string const& path)
{
    out << path << '\n';
    printAttributes(out, group.attributes, "    ");
    for (auto const& [name, dataset] : group.datasets)
    {
        out << path << name << "  " << dataset.dtype << ' ';
        printValue(out, dataset.extent);
        out << " = ";
        switchDatasetType<PrintDatasetValues>(dataset.dtype, out, dataset);
        out << '\n';
        printAttributes(out, dataset.attributes, "    ");
    }
    for (auto const& [name, child] : group.groups)
    {
        printGroup(out, child, path + name + "/");
    }
}

// ---- comparison --------------------------------------------------------------

/** Collects every difference between what was written and what was read. */
class Comparison
{
public:
    void attributes(std::string const& path, Attributes const& wrote,
                    Attributes const& read)
    {
        keys(path + "@", wrote, read);
        for (auto const& [name, value] : wrote)
        {
            auto found = read.find(name);
            if (found == read.end())
            {
                continue;
            }
            if (found->second.dtype != value.dtype)
            {
                differ(path + "@" + name, "datatype", value.dtype, found->second.dtype);
            }
            else if (found->second.getResource() != value.getResource())
            {
                m_differences.push_back(path + "@" + name + ": value differs");
            }
        }
    }

    void dataset(std::string const& path, DatasetNode const& wrote,
                 DatasetNode const& read)
    {
        attributes(path, wrote.attributes, read.attributes);
        if (read.dtype != wrote.dtype)
        {
            differ(path, "datatype", wrote.dtype, read.dtype);
        }
        else if (read.extent != wrote.extent)
        {
            m_differences.push_back(path + ": extent differs");
        }
        else if (*read.bytes != *wrote.bytes)
        {
            m_differences.push_back(path + ": values differ");
        }
    }

    void group(std::string const& path, GroupNode const& wrote, GroupNode const& read)
    {
        attributes(path, wrote.attributes, read.attributes);
        keys(path, wrote.groups, read.groups, "/");
        keys(path, wrote.datasets, read.datasets);
        for (auto const& [name, child] : wrote.groups)
        {
            if (auto found = read.groups.find(name); found != read.groups.end())
            {
                group(path + name + "/", child, found->second);
            }
        }
        for (auto const& [name, child] : wrote.datasets)
        {
            if (auto found = read.datasets.find(name); found != read.datasets.end())
            {
                dataset(path + name, child, found->second);
            }
        }
    }

    std::vector<std::string> const& differences() const { return m_differences; }

private:
    template <typename Map>
    void keys(std::string const& prefix, Map const& wrote, Map const& read,
              std::string const& suffix = "")
    {
        for (auto const& entry : wrote)
        {
            if (read.count(entry.first) == 0)
            {
                m_differences.push_back(prefix + entry.first + suffix + ": missing");
            }
        }
        for (auto const& entry : read)
        {
            if (wrote.count(entry.first) == 0)
            {
                m_differences.push_back(prefix + entry.first + suffix + ": unexpected");
            }
        }
    }

    void differ(std::string const& path, char const* what, Datatype wrote, Datatype read)
    {
        std::ostringstream message;
        message << path << ": " << what << " " << read << ", expected " << wrote;
        m_differences.push_back(message.str());
    }

    std::vector<std::string> m_differences;
};
} // namespace

int main(int argc, char** argv)
{
    std::string const directory = argc > 1 ? argv[1] : ".";
    std::string const file = "json_write_read.json";
    try
    {
        std::filesystem::create_directories(directory);
        GroupNode const written = expectedSeries();
        writeSeries(directory, file, written);
        // Reading goes through a new handler, so it sees only what reached the disk.
        auto const path = std::filesystem::path(directory) / file;
        if (!std::filesystem::is_regular_file(path))
        {
            std::cerr << "json_write_read: " << path << " was not written\n";
            return 1;
        }
        std::cout << "wrote " << path.string() << " (" << std::filesystem::file_size(path)
                  << " bytes)\n";

        GroupNode const read = readSeries(directory, file);
        std::cout << "read back:\n";
        printGroup(std::cout, read, "/");

        Comparison comparison;
        comparison.group("/", written, read);
        if (!comparison.differences().empty())
        {
            std::cerr << "json_write_read: " << comparison.differences().size()
                      << " difference(s) between what was written and what was read:\n";
            for (auto const& difference : comparison.differences())
            {
                std::cerr << "  " << difference << '\n';
            }
            return 1;
        }
        std::cout << "json_write_read: everything read back equals what was written\n";
        return 0;
    }
    catch (std::exception const& e)
    {
        std::cerr << "json_write_read: " << e.what() << '\n';
        return 1;
    }
}
