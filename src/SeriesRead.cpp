// The read path of a Series: the root and the list of iterations when the
// Series is opened, an iteration's content when it is first accessed.
// Reads are batched breadth-first: each level of the tree is one flush, and
// the attributes of each object are read with one READ_ATTS task.
#include "SeriesParallel.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/Series.hpp"
#include "openPMD/auxiliary/IterationIndex.hpp"
#include "openPMD/auxiliary/Path.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <functional>
#include <iostream>
#include <variant>

namespace openPMD::internal
{
namespace
{
/** Queues reads level by level; continuations queue the next level. */
class TreeReader
{
public:
    explicit TreeReader(SeriesData& series)
        : m_series(series), m_handler(series.handler())
    {
    }

    void run()
    {
        while (!m_next.empty())
        {
            m_series.runQueued(FlushParams{});
            auto current = std::move(m_next);
            m_next.clear();
            for (auto& continuation : current)
            {
                continuation();
            }
        }
    }

    template <Operation op>
    void enqueue(Writable& node, Parameter<op> param)
    {
        m_handler.enqueue(IOTask(&node, std::move(param)));
    }

    void then(std::function<void()> continuation)
    {
        m_next.push_back(std::move(continuation));
    }

    void readAttributes(AttributableData& node)
    {
        Parameter<Operation::READ_ATTS> param;
        auto out = param.attributes;
        enqueue(node.m_writable, std::move(param));
        then(
            [&node, out]
            {
                node.m_attributes = std::move(*out);
                node.m_changedAttributes.clear();
            });
    }

    /** A component: a dataset, or a group holding a constant. */
    void readComponent(RecordComponentData& comp, bool isDataset)
    {
        if (isDataset)
        {
            Parameter<Operation::OPEN_DATASET> open;
            open.name = comp.m_name;
            auto dtype = open.dtype;
            auto extent = open.extent;
            enqueue(comp.m_writable, std::move(open));
            then(
                [&comp, dtype, extent]
                {
                    requireDatasetType(comp, *dtype);
                    comp.m_dataset = Dataset(*dtype, *extent);
                });
        }
        else
        {
            enqueue(comp.m_writable, Parameter<Operation::OPEN_PATH>{comp.m_name});
            readAttributes(comp); // its continuation must run first
            then(
                [&comp]
                {
                    readConstant(comp);
                    checkComponent(comp);
                });
            return;
        }
        readAttributes(comp);
        then([&comp] { checkComponent(comp); });
    }

    /**
     * The standard requires unitSI on mesh and particle components; patch
     * components are read without it (openPMD-api 0.16 does the same).
     */
    static void checkComponent(RecordComponentData const& comp)
    {
        if (comp.m_requiresUnitSI && comp.m_attributes.count("unitSI") == 0)
        {
            throw error::ReadError(
                error::AffectedObject::Attribute, error::Reason::NotFound, std::nullopt,
                fmt::format("record component {} has no attribute unitSI, which the "
                            "openPMD standard requires",
                            comp.where()));
        }
        if (auto const* mesh = dynamic_cast<MeshData const*>(&comp))
        {
            checkGeometry(*mesh);
        }
    }

    /** Datasets (and constants) hold one of the 17 numeric types, or BOOL. */
    static void requireDatasetType(RecordComponentData const& comp, Datatype dtype)
    {
        bool const numeric =
            static_cast<std::size_t>(dtype) < std::variant_size_v<dataset_types>;
        if (!numeric && dtype != Datatype::BOOL)
        {
            throw error::ReadError(
                error::AffectedObject::Dataset, error::Reason::UnexpectedContent,
                std::nullopt,
                fmt::format("record component {} holds {}, which is no dataset type",
                            comp.where(), datatypeToString(dtype)));
        }
    }

    static void checkGeometry(MeshData const& mesh)
    {
        auto geometry = mesh.m_attributes.find("geometry");
        if (geometry == mesh.m_attributes.end() ||
            geometry->second.dtype != Datatype::STRING)
        {
            throw error::ReadError(
                error::AffectedObject::Attribute, error::Reason::UnexpectedContent,
                std::nullopt,
                fmt::format("mesh {} has no string attribute geometry, which the "
                            "openPMD standard requires",
                            mesh.where()));
        }
    }

    static void readConstant(RecordComponentData& comp)
    {
        auto value = comp.m_attributes.find("value");
        auto shape = comp.m_attributes.find("shape");
        if (value == comp.m_attributes.end() || shape == comp.m_attributes.end())
        {
            throw error::ReadError(
                error::AffectedObject::Group, error::Reason::UnexpectedContent,
                std::nullopt,
                fmt::format("{} is a group, but a record component must be a "
                            "dataset or a constant (attributes value and shape)",
                            comp.where()));
        }
        // Integer conversions wrap (as in openPMD-api): a negative entry
        // would become a huge extent, so it is rejected first.
        auto const signedShape = shape->second.getOptional<std::vector<double>>();
        bool const negative =
            signedShape && std::any_of(signedShape->begin(), signedShape->end(),
                                       [](double e) { return e < 0; });
        auto extent = negative ? std::nullopt : shape->second.getOptional<Extent>();
        if (!extent)
        {
            throw error::ReadError(
                error::AffectedObject::Attribute, error::Reason::UnexpectedContent,
                std::nullopt,
                fmt::format("constant {}: attribute shape ({}) is no list of extents "
                            "(non-negative integers)",
                            comp.where(), datatypeToString(shape->second.dtype)));
        }
        requireDatasetType(comp, value->second.dtype);
        comp.m_constant = true;
        comp.m_dataset = Dataset(value->second.dtype, std::move(*extent));
    }

    /** A record: a group of components, or a scalar record stored as a dataset. */
    void readRecord(RecordComponentData& record, bool isDataset)
    {
        if (isDataset)
        {
            record.becomeScalar();
            record.m_dirtySelf = false;
            readComponent(record, true);
            return;
        }
        enqueue(record.m_writable, Parameter<Operation::OPEN_PATH>{record.m_name});
        readAttributes(record);
        auto paths = listPaths(record);
        auto datasets = listDatasets(record);
        then(
            [this, &record, paths, datasets]
            {
                if (record.m_attributes.count("value") &&
                    record.m_attributes.count("shape"))
                {
                    record.becomeScalar();
                    record.m_dirtySelf = false;
                    readConstant(record);
                    checkComponent(record);
                    return;
                }
                if (auto const* mesh = dynamic_cast<MeshData const*>(&record))
                {
                    checkGeometry(*mesh);
                }
                for (auto const& name : *paths)
                {
                    readComponent(child(record, name), false);
                }
                for (auto const& name : *datasets)
                {
                    readComponent(child(record, name), true);
                }
            });
    }

    /** meshes/, a particle species, particlePatches/: a group of records. */
    void readRecordGroup(AttributableData& group, std::string const& storedName,
                         bool isSpecies)
    {
        enqueue(group.m_writable, Parameter<Operation::OPEN_PATH>{storedName});
        group.m_name = storedName; // e.g. a meshesPath other than "meshes"
        group.m_inStorage = true;
        readAttributes(group);
        auto paths = listPaths(group);
        auto datasets = listDatasets(group);
        then(
            [this, &group, paths, datasets, isSpecies]
            {
                for (auto const& name : *paths)
                {
                    if (isSpecies && name == "particlePatches")
                    {
                        auto& species = static_cast<ParticleSpeciesData&>(group);
                        readRecordGroup(*species.m_patches, name, false);
                        continue;
                    }
                    readRecord(child(group, name), false);
                }
                for (auto const& name : *datasets)
                {
                    readRecord(child(group, name), true);
                }
            });
    }

    void readSpeciesGroup(ContainerData<ParticleSpecies>& particles,
                          std::string const& storedName)
    {
        enqueue(particles.m_writable, Parameter<Operation::OPEN_PATH>{storedName});
        particles.m_name = storedName; // e.g. a particlesPath other than "particles"
        particles.m_inStorage = true;
        readAttributes(particles);
        auto paths = listPaths(particles);
        then(
            [this, &particles, paths]
            {
                for (auto const& name : *paths)
                {
                    auto* species = particles.readChild(name);
                    readRecordGroup(*species, name, true);
                }
            });
    }

    std::shared_ptr<std::vector<std::string>> listPaths(AttributableData& node)
    {
        Parameter<Operation::LIST_PATHS> param;
        auto out = param.paths;
        enqueue(node.m_writable, std::move(param));
        then([&node, out] { dropUnsafeNames(node, *out); });
        return out;
    }
    std::shared_ptr<std::vector<std::string>> listDatasets(AttributableData& node)
    {
        Parameter<Operation::LIST_DATASETS> param;
        auto out = param.datasets;
        enqueue(node.m_writable, std::move(param));
        then([&node, out] { dropUnsafeNames(node, *out); });
        return out;
    }

    /** Names from a file that could reach outside their parent are skipped. */
    static void dropUnsafeNames(AttributableData const& node,
                                std::vector<std::string>& names)
    {
        auto unsafe = [&node](std::string const& name)
        {
            char const* why = auxiliary::unsafeNameReason(name);
            if (why != nullptr)
            {
                std::cerr << "[libopenPMD] " << node.where() << ": skipping the entry '"
                          << name << "': " << why << '\n';
            }
            return why != nullptr;
        };
        names.erase(std::remove_if(names.begin(), names.end(), unsafe), names.end());
    }

private:
    static RecordComponentData& child(AttributableData& parent, std::string const& name)
    {
        auto* created = parent.readChild(name);
        if (created == nullptr)
        {
            throw error::Internal(
                fmt::format("'{}' cannot hold a child '{}'", parent.path(), name));
        }
        return static_cast<RecordComponentData&>(*created);
    }

    SeriesData& m_series;
    AbstractIOHandler& m_handler;
    std::vector<std::function<void()>> m_next;
};

std::string withoutSlashes(std::string path)
{
    while (!path.empty() && path.back() == '/')
    {
        path.pop_back();
    }
    while (!path.empty() && path.front() == '/')
    {
        path.erase(path.begin());
    }
    return path;
}

} // namespace

void SeriesData::checkRootAttributes(std::map<std::string, Attribute> const& attributes,
                                     std::string const& file)
{
    auto require = [&](char const* name) -> Attribute const&
    {
        auto it = attributes.find(name);
        if (it == attributes.end())
        {
            throw error::ReadError(
                error::AffectedObject::Attribute, error::Reason::NotFound,
                handler().backendName(),
                fmt::format("'{}' is not an openPMD file: the root attribute '{}' is "
                            "missing",
                            file, name));
        }
        return it->second;
    };
    auto const version = require("openPMD").getOptional<std::string>();
    if (!version || (*version != "1.0.0" && *version != "1.0.1" && *version != "1.1.0"))
    {
        throw error::ReadError(
            error::AffectedObject::Attribute, error::Reason::UnexpectedContent,
            handler().backendName(),
            fmt::format("'{}': openPMD version '{}' is not supported (1.0.0, 1.0.1, "
                        "1.1.0 are)",
                        file, version.value_or("<not a string>")));
    }
    if (!require("openPMDextension").getOptional<uint32_t>())
    {
        throw error::ReadError(error::AffectedObject::Attribute,
                               error::Reason::UnexpectedContent, handler().backendName(),
                               fmt::format("'{}': openPMDextension is not an unsigned "
                                           "integer",
                                           file));
    }
    require("basePath");
    require("iterationFormat");
    auto const encoding = require("iterationEncoding").getOptional<std::string>();
    if (!m_pattern)
    {
        if (encoding == std::string("variableBased"))
            m_encoding = IterationEncoding::variableBased;
        else // one file of a file-based series is laid out like a group-based one
            m_encoding = IterationEncoding::groupBased;
        m_oneFileOfFileBased = encoding == std::string("fileBased");
    }
    else if (encoding == std::string("variableBased"))
    {
        throw error::ReadError(
            error::AffectedObject::Attribute, error::Reason::UnexpectedContent,
            handler().backendName(),
            fmt::format("'{}' is variable-based but was opened with a file-based "
                        "pattern",
                        file));
    }
}

void SeriesData::readFileBasedBase()
{
    auto& h = handler();
    TreeReader reader(*this);
    // Shortest names first: of "data_7.h5" and "data_07.h5", which both
    // match iteration 7, the canonical one wins, whatever the listing order.
    auto filenames = directoryListing(*this);
    std::sort(filenames.begin(), filenames.end(),
              [](std::string const& a, std::string const& b)
              { return a.size() != b.size() ? a.size() < b.size() : a < b; });
    for (auto const& filename : filenames)
    {
        auto match = m_pattern->match(filename);
        if (!match || (!m_extension.empty() && match->extension != m_extension))
        {
            continue;
        }
        if (auto it = m_iterations->m_container.find(match->iteration);
            it != m_iterations->m_container.end())
        {
            std::cerr << "[libopenPMD] " << m_directory << ": skipping the file '"
                      << filename << "': '"
                      << static_cast<IterationData&>(getData(it->second)).m_filename
                      << "' holds iteration " << match->iteration << " already\n";
            continue;
        }
        auto* data = static_cast<IterationData*>(
            m_iterations->readChild(std::to_string(match->iteration)));
        data->m_index = match->iteration;
        data->m_filename = filename;
        data->m_parsed = false;
        data->m_inStorage = false;
        data->m_dataGroup.parent = &data->m_fileRoot;
        data->m_writable.parent = &data->m_dataGroup;
    }
    if (m_iterations->m_container.empty())
    {
        throw error::ReadError(error::AffectedObject::File, error::Reason::NotFound,
                               h.backendName(),
                               fmt::format("No matching iterations found: {}/{}",
                                           m_directory, m_name + m_extension));
    }
    // The series attributes are those of the first file.
    auto& first =
        static_cast<IterationData&>(getData(m_iterations->m_container.begin()->second));
    reader.enqueue(first.m_fileRoot, Parameter<Operation::OPEN_FILE>{first.m_filename});
    Parameter<Operation::READ_ATTS> atts;
    auto out = atts.attributes;
    reader.enqueue(first.m_fileRoot, std::move(atts));
    reader.then([] {});
    reader.run();
    first.m_fileOpen = true;
    checkRootAttributes(*out, first.m_filename);
    m_attributes = *out;
    m_encoding = IterationEncoding::fileBased;
    m_rootVersion = 0;
    for (auto& entry : m_iterations->m_container)
    {
        static_cast<IterationData&>(getData(entry.second)).m_rootVersionWritten = 0;
    }
}

void SeriesData::readBase()
{
    readRootAndIterationList();
    if (m_deferParsing || m_access == Access::READ_LINEAR)
    {
        return;
    }
    for (auto& entry : m_iterations->m_container)
    {
        auto& iteration = static_cast<IterationData&>(getData(entry.second));
        if (!iteration.m_parsed)
        {
            readIteration(iteration);
        }
    }
}

void SeriesData::readRootAndIterationList()
{
    m_baseParsed = true;
    TreeReader reader(*this);
    if (m_pattern)
    {
        readFileBasedBase();
        return;
    }

    reader.enqueue(m_writable, Parameter<Operation::OPEN_FILE>{seriesFilename()});
    reader.readAttributes(*this);
    auto rootGroups = reader.listPaths(*this);
    reader.run();
    m_inStorage = true; // only now is there a file to close
    checkRootAttributes(m_attributes, seriesFilename());
    if (std::find(rootGroups->begin(), rootGroups->end(), "data") == rootGroups->end())
    {
        return; // a Series without iterations
    }

    if (m_encoding == IterationEncoding::variableBased)
    {
        // The iterations' node is unused in this encoding: it reads the
        // snapshot index (a node the backend knows must outlive the file).
        reader.enqueue(m_iterations->m_writable, Parameter<Operation::OPEN_PATH>{"data"});
        Parameter<Operation::READ_ATT> snapshot;
        snapshot.name = "snapshot";
        auto value = snapshot.resource;
        reader.enqueue(m_iterations->m_writable, std::move(snapshot));
        reader.then([] {});
        reader.run();
        std::uint64_t const index = Attribute(*value).get<std::uint64_t>();
        auto* data =
            static_cast<IterationData*>(m_iterations->readChild(std::to_string(index)));
        data->m_index = index;
        data->m_writable.parent = &m_writable;
        data->m_inStorage = false; // opened again on first access
        data->m_parsed = false;
        return;
    }

    reader.enqueue(m_iterations->m_writable, Parameter<Operation::OPEN_PATH>{"data"});
    m_iterations->m_inStorage = true;
    auto names = reader.listPaths(*m_iterations);
    reader.then([] {});
    reader.run();
    // Canonical names ("7") first, so that they win over "07" for index 7.
    std::vector<std::string const*> ordered;
    for (auto const& name : *names)
    {
        if (auxiliary::isCanonicalIterationName(name))
        {
            ordered.push_back(&name);
        }
    }
    for (auto const& name : *names)
    {
        if (!auxiliary::isCanonicalIterationName(name))
        {
            ordered.push_back(&name);
        }
    }
    for (auto const* name : ordered)
    {
        auto const index = auxiliary::parseIterationIndex(*name);
        if (!index)
        {
            std::cerr << "[libopenPMD] " << m_directory << '/' << seriesFilename()
                      << ": skipping the group '/data/" << *name
                      << "', which is not an iteration (not a number of at most "
                         "2^64-1)\n";
            continue;
        }
        if (auto it = m_iterations->m_container.find(*index);
            it != m_iterations->m_container.end())
        {
            std::cerr << "[libopenPMD] " << m_directory << '/' << seriesFilename()
                      << ": skipping the group '/data/" << *name << "': '/data/"
                      << getData(it->second).m_name << "' is iteration " << *index
                      << " already\n";
            continue;
        }
        auto* data = static_cast<IterationData*>(m_iterations->readChild(*name));
        data->m_index = *index;
        data->m_writable.parent = &m_iterations->m_writable;
        data->m_inStorage = false; // opened on first access
        data->m_parsed = false;
    }
}

void SeriesData::readIteration(IterationData& iteration)
{
    iteration.m_parsing = true;
    try
    {
        TreeReader reader(*this);
        if (m_encoding == IterationEncoding::fileBased && !iteration.m_fileOpen)
        {
            reader.enqueue(iteration.m_fileRoot,
                           Parameter<Operation::OPEN_FILE>{iteration.m_filename});
            iteration.m_fileOpen = true;
        }
        if (m_encoding == IterationEncoding::fileBased)
        {
            reader.enqueue(iteration.m_dataGroup,
                           Parameter<Operation::OPEN_PATH>{"data"});
        }
        bool const variable = m_encoding == IterationEncoding::variableBased;
        reader.enqueue(iteration.m_writable, Parameter<Operation::OPEN_PATH>{
                                                 variable ? "data" : iteration.m_name});
        iteration.m_inStorage = true;
        reader.readAttributes(iteration);
        auto paths = reader.listPaths(iteration);
        reader.then(
            [this, &reader, &iteration, paths]
            {
                auto stored = [&](char const* attribute, char const* fallback)
                {
                    auto it = m_attributes.find(attribute);
                    if (it == m_attributes.end())
                    {
                        return withoutSlashes(fallback);
                    }
                    auto name = it->second.getOptional<std::string>();
                    if (!name)
                    {
                        throw error::ReadError(
                            error::AffectedObject::Attribute,
                            error::Reason::UnexpectedContent, std::nullopt,
                            fmt::format("{}: attribute {} is {}, expected a string",
                                        where(), attribute,
                                        datatypeToString(it->second.dtype)));
                    }
                    return withoutSlashes(*name);
                };
                std::string const meshes = stored("meshesPath", "meshes");
                std::string const particles = stored("particlesPath", "particles");
                for (auto const& name : *paths)
                {
                    if (name == meshes)
                    {
                        reader.readRecordGroup(*iteration.m_meshes, name, false);
                    }
                    else if (name == particles)
                    {
                        reader.readSpeciesGroup(*iteration.m_particles, name);
                    }
                }
            });
        reader.run();
    }
    catch (...)
    {
        iteration.m_parsing = false;
        if (!iteration.m_fileRoot.written)
        {
            // Its file did not open: the next access tries again (and
            // reports the same error) instead of using a file that is not open.
            iteration.m_fileOpen = false;
        }
        throw;
    }
    iteration.m_parsing = false;
    iteration.m_parsed = true;
    iteration.m_dirtySelf = false;
    iteration.m_changedAttributes.clear();
}
} // namespace openPMD::internal
