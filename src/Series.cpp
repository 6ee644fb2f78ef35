#include "openPMD/Series.hpp"
#include "IO/EnvironmentSelection.hpp"
#include "auxiliary/JSONOptions.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/AbstractIOHandlerHelper.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/IO/PluginLoader.hpp"
#include "openPMD/version.hpp"

#include <ctime>
#include <fmt/format.h>
#include <iostream>
#include <set>

namespace openPMD
{
namespace internal
{
std::string hostName(); // SeriesRankTable.cpp
} // namespace internal

namespace
{
std::string currentDate()
{
    std::time_t const now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buffer[64];
    std::strftime(buffer, sizeof(buffer), "%F %T %z", &local);
    return buffer;
}

IterationEncoding parseEncodingOption(nlohmann::json const& option)
{
    std::string const value = option.is_string() ? option.get<std::string>() : "";
    if (value == "file_based")
        return IterationEncoding::fileBased;
    if (value == "group_based")
        return IterationEncoding::groupBased;
    if (value == "variable_based")
        return IterationEncoding::variableBased;
    throw error::BackendConfigSchema(
        {"iteration_encoding"},
        fmt::format("{} is not one of file_based, group_based, variable_based",
                    option.dump()));
}

/**
 * The value of the option "durable" in `config`, if given.
 * @throws error::BackendConfigSchema if it is no boolean.
 */
std::optional<bool> durableOption(nlohmann::json const& config, std::string const& where)
{
    auto it = config.find("durable");
    if (it == config.end())
    {
        return std::nullopt;
    }
    if (!it->is_boolean())
    {
        throw error::BackendConfigSchema(
            {"durable"}, fmt::format("{}: 'durable' must be true or false, got {}", where,
                                     it->dump()));
    }
    return it->get<bool>();
}

/**
 * APPEND to an existing file: the descriptive root attributes (date,
 * software ...) of the file stay; only the structural ones are rewritten.
 */
void keepExistingRootAttributes(internal::SeriesData& s)
{
    Parameter<Operation::CHECK_FILE> check;
    check.name = s.seriesFilename();
    auto exists = check.fileExists;
    s.m_handler->enqueue(IOTask(&s.m_writable, std::move(check)));
    s.m_handler->flush(FlushParams{}).get();
    if (*exists == Parameter<Operation::CHECK_FILE>::FileExists::Yes)
    {
        for (char const* name :
             {"date", "software", "softwareVersion", "openPMDextension"})
        {
            s.m_attributes.erase(name);
            s.m_changedAttributes.erase(name);
        }
    }
}

bool endsWith(std::string const& s, std::string const& end)
{
    return s.size() >= end.size() &&
           s.compare(s.size() - end.size(), end.size(), end) == 0;
}

/**
 * The backend row; sets m_extension. Precedence: the `backend` option (the
 * Series' own, else OPENPMD_OPTIONS'), OPENPMD_BACKEND, the file extension.
 */
BackendRow const& chooseBackend(internal::SeriesData& s, std::string const& filepath,
                                std::string const& file, nlohmann::json const& config,
                                bool warnOnOverride)
{
    BackendRow const* row = BackendRegistry::findByFilename(file);
    if (row != nullptr)
    {
        s.m_extension = row->extensions.front();
        for (auto const& e : row->extensions)
        {
            if (endsWith(file, e))
            {
                s.m_extension = e;
            }
        }
    }
    if (auto it = config.find("backend"); it != config.end())
    {
        if (!it->is_string())
        {
            throw error::BackendConfigSchema(
                {"backend"}, fmt::format("options of Series '{}': the backend must be "
                                         "a name (a string), got {}",
                                         filepath, it->dump()));
        }
        auto const* chosen = BackendRegistry::findByName(it->get<std::string>());
        if (chosen == nullptr)
        {
            throw error::BackendConfigSchema(
                {"backend"}, fmt::format("unknown backend '{}'", it->get<std::string>()));
        }
        if (warnOnOverride && row != nullptr && chosen != row)
        {
            std::cerr << "[libopenPMD] Series '" << filepath << "': the backend option '"
                      << chosen->name << "' wins over the extension '" << s.m_extension
                      << "'\n";
        }
        row = chosen;
    }
    else if (auto const* redirected = internal::environmentBackend())
    {
        // The point of OPENPMD_BACKEND is to override the extension: no warning.
        row = redirected;
    }
    if (row != nullptr && s.m_extension.empty() && !row->extensions.empty())
    {
        s.m_extension = row->extensions.front();
    }
    if (row == nullptr)
    {
        throw error::WrongAPIUsage(fmt::format(
            "Series: no backend for the file '{}' (unknown extension; give one of "
            "the registered extensions or the 'backend' option)",
            filepath));
    }
    return *row;
}

/** The backend-independent options: encoding, rank table, deferred parsing. */
void applyOptions(internal::SeriesData& s, std::string const& filepath,
                  nlohmann::json const& config)
{
    s.m_encoding =
        s.m_pattern ? IterationEncoding::fileBased : IterationEncoding::groupBased;
    if (auto it = config.find("iteration_encoding"); it != config.end())
    {
        auto const requested = parseEncodingOption(*it);
        if ((requested == IterationEncoding::fileBased) != bool(s.m_pattern))
        {
            throw error::WrongAPIUsage(fmt::format(
                "Series '{}': iteration_encoding {} needs {} in the file name", filepath,
                it->get<std::string>(),
                requested == IterationEncoding::fileBased ? "%T" : "no %T"));
        }
        s.m_encoding = requested;
    }
    if (auto it = config.find("rank_table");
        it != config.end() && access::write(s.m_access))
    {
        std::string const method = it->is_string() ? it->get<std::string>() : "";
        if (method != "hostname" && method != "posix_hostname" &&
            method != "mpi_processor_name")
        {
            throw error::BackendConfigSchema(
                {"rank_table"},
                fmt::format("'{}' is not one of hostname, posix_hostname, "
                            "mpi_processor_name",
                            it->dump()));
        }
        if (s.m_pattern == std::nullopt)
        {
            s.m_rankTableToWrite = internal::hostName();
        }
    }
    if (auto it = config.find("defer_iteration_parsing"); it != config.end())
    {
        if (!it->is_boolean())
        {
            throw error::BackendConfigSchema(
                {"defer_iteration_parsing"},
                fmt::format("options of Series '{}': expected true or false, got {}",
                            filepath, it->dump()));
        }
        s.m_deferParsing = it->get<bool>();
    }
    s.m_durable = durableOption(config, fmt::format("options of Series '{}'", filepath))
                      .value_or(false);
}

/** The root attributes every new Series gets (facts: Series::initDefaults). */
void writeRootDefaults(internal::SeriesData& s)
{
    s.setAttributeInternal("openPMD", getStandard());
    s.setAttributeInternal("openPMDextension", 0u);
    s.setAttributeInternal("basePath", std::string("/data/%T/"));
    s.setAttributeInternal("date", currentDate());
    s.setAttributeInternal("software", std::string("openPMD-api"));
    s.setAttributeInternal("softwareVersion", getVersion());
    s.setAttributeInternal("iterationEncoding", std::string(encodingName(s.m_encoding)));
    s.setAttributeInternal("iterationFormat",
                           s.m_encoding == IterationEncoding::fileBased ? s.m_name
                           : s.m_encoding == IterationEncoding::groupBased
                               ? std::string("/data/%T/")
                               : std::string("/data"));
    if (s.m_encoding == IterationEncoding::variableBased)
    {
        s.setAttributeInternal("basePath", std::string("/data"));
    }
    if (s.m_access == Access::APPEND && s.m_encoding != IterationEncoding::fileBased)
    {
        keepExistingRootAttributes(s);
    }
}
} // namespace

namespace internal
{
void IterationsData::flushTree(SeriesData& series)
{
    if (series.m_encoding == IterationEncoding::groupBased &&
        access::write(series.m_access) &&
        (!m_container.empty() || !m_pendingDeletions.empty()))
    {
        // The "data" group and its own changes; iterations are flushed by
        // the Series from its set of dirty iterations.
        bool const subtree = m_dirtySubtree;
        m_dirtySubtree = false;
        AttributableData::flushTree(series);
        m_dirtySubtree = subtree;
    }
    m_dirtySelf = false;
}

void IterationsData::recordErasedChild(AttributableData& child)
{
    auto* series = seriesOrNull();
    if (series == nullptr || series->m_encoding != IterationEncoding::fileBased)
    {
        AttributableData::recordErasedChild(child);
        return;
    }
    auto& iteration = static_cast<IterationData&>(child);
    m_filesToDelete.push_back(iteration.m_filename.empty()
                                  ? series->iterationFilename(iteration.m_index)
                                  : iteration.m_filename);
    if (series->m_handler)
    {
        // The file's own nodes go away with the iteration: the backend
        // forgets them (and closes the file) before it is deleted.
        for (Writable* node : {&iteration.m_dataGroup, &iteration.m_fileRoot})
        {
            series->m_handler->enqueue(IOTask(node, Parameter<Operation::DEREGISTER>{}));
        }
    }
}

SeriesData::SeriesData() : m_iterations(std::make_shared<IterationsData>())
{
    m_iterations->linkTo(*this, "data");
}

SeriesData::~SeriesData()
{
    try
    {
        close();
    }
    catch (std::exception const& e)
    {
        std::cerr << "[libopenPMD] error while closing the Series '" << m_name
                  << "' (ignored in the destructor): " << e.what() << '\n';
    }
    catch (...)
    {
        std::cerr << "[libopenPMD] unknown error while closing the Series '" << m_name
                  << "'\n";
    }
    orphan(*m_iterations);
}

AbstractIOHandler& SeriesData::handler()
{
    if (m_closed || !m_handler)
    {
        throw error::WrongAPIUsage(fmt::format("the Series '{}' was closed", m_name));
    }
    return *m_handler;
}

std::string SeriesData::iterationFilename(std::uint64_t index) const
{
    if (!m_pattern)
    {
        return seriesFilename();
    }
    return m_pattern->filename(index, m_extension);
}

std::string SeriesData::seriesFilename() const
{
    return m_name + m_extension;
}

void SeriesData::writeRootAttributes(Writable& fileRoot)
{
    auto& h = handler();
    for (auto const& [name, value] : m_attributes)
    {
        Parameter<Operation::WRITE_ATT> param;
        param.name = name;
        param.value = value;
        h.enqueue(IOTask(&fileRoot, std::move(param)));
    }
}

void SeriesData::queueChanges(std::optional<std::uint64_t> only)
{
    auto& h = handler();
    bool const writing = access::write(m_access);
    if (writing && m_encoding == IterationEncoding::fileBased)
    {
        for (auto const& filename : m_iterations->m_filesToDelete)
        {
            h.enqueue(IOTask(&m_writable, Parameter<Operation::DELETE_FILE>{filename}));
        }
        m_iterations->m_filesToDelete.clear();
        propagateRootChanges();
    }
    if (writing && m_encoding != IterationEncoding::fileBased)
    {
        if (!m_inStorage)
        {
            h.enqueue(
                IOTask(&m_writable, Parameter<Operation::CREATE_FILE>{seriesFilename()}));
            m_inStorage = true;
        }
        flushAttributes(h);
        queueRankTable();
        if (m_iterations->m_dirtySelf)
        {
            m_iterations->flushTree(*this);
        }
    }
    m_dirtySelf = false;
    m_dirtySubtree = false;

    auto flushOne = [this](std::uint64_t index)
    {
        auto it = m_iterations->m_container.find(index);
        if (it == m_iterations->m_container.end())
        {
            return;
        }
        auto& data = static_cast<IterationData&>(getData(it->second));
        if (data.m_dirtySelf || data.m_dirtySubtree)
        {
            data.flushTree(*this);
        }
        if (data.m_fileOpen && !data.m_closed && access::write(m_access))
        {
            m_openIterationFiles.insert(index);
        }
    };
    if (only)
    {
        flushOne(*only);
        m_dirtyIterations.erase(*only);
    }
    else
    {
        for (auto index : m_dirtyIterations)
        {
            flushOne(index);
        }
        m_dirtyIterations.clear();
    }
    if (writing)
    {
        m_written = true;
    }
}

void SeriesData::propagateRootChanges()
{
    if (m_rootVersionPropagated == m_rootVersion)
    {
        return;
    }
    m_rootVersionPropagated = m_rootVersion;
    for (auto index = m_openIterationFiles.begin(); index != m_openIterationFiles.end();)
    {
        auto it = m_iterations->m_container.find(*index);
        auto* data = it == m_iterations->m_container.end()
                         ? nullptr
                         : &static_cast<IterationData&>(getData(it->second));
        if (data == nullptr || !data->m_fileOpen || data->m_closed)
        {
            index = m_openIterationFiles.erase(index);
            continue;
        }
        data->markDirty(); // flushTree rewrites the root attributes of its file
        ++index;
    }
}

FlushParams SeriesData::userFlushParams(std::string backendConfig) const
{
    FlushParams params;
    params.flushLevel = FlushLevel::UserFlush;
    params.durable = m_durable;
    // Most flush points carry no options: do not parse "{}" every time.
    if (!backendConfig.empty() && backendConfig != "{}")
    {
        auto const config = auxiliary::parseOptions(backendConfig);
        params.durable =
            durableOption(config, fmt::format("flush options of Series '{}{}' in '{}'",
                                              m_name, m_extension, m_directory))
                .value_or(m_durable);
    }
    params.backendConfig = std::move(backendConfig);
    return params;
}

void SeriesData::flush(FlushParams const& params, std::optional<std::uint64_t> only)
{
    queueChanges(only);
    runQueued(params);
}

void SeriesData::close()
{
    if (m_closed || !m_handler)
    {
        m_closed = true;
        return;
    }
    try
    {
        flush(userFlushParams());
        auto& h = handler();
        if (m_encoding == IterationEncoding::fileBased)
        {
            for (auto& entry : m_iterations->m_container)
            {
                auto& data = static_cast<IterationData&>(getData(entry.second));
                if (data.m_fileOpen)
                {
                    h.enqueue(
                        IOTask(&data.m_fileRoot, Parameter<Operation::CLOSE_FILE>{}));
                    data.m_fileOpen = false;
                }
            }
        }
        else if (m_inStorage)
        {
            h.enqueue(IOTask(&m_writable, Parameter<Operation::CLOSE_FILE>{}));
        }
        FlushParams closing;
        closing.durable = m_durable; // whatever closing writes is durable too
        h.flush(closing).get();
    }
    catch (...)
    {
        m_handler.reset();
        m_closed = true;
        throw;
    }
    m_handler.reset();
    m_closed = true;
}
} // namespace internal

Series::Series() : Attributable(nullptr), iterations(nullptr) {}

Series::Series(std::string const& filepath, Access access, std::string const& options)
    : Attributable(std::make_shared<internal::SeriesData>()),
      iterations(series().m_iterations)
{
    init(filepath, access, options);
}

internal::SeriesData& Series::series() const
{
    if (!m_attri)
    {
        throw error::WrongAPIUsage("Series: this handle is empty (default-constructed)");
    }
    return static_cast<internal::SeriesData&>(*m_attri);
}

void Series::init(std::string const& filepath, Access access, std::string const& options)
{
    auto& s = series();
    loadPluginsFromEnvironment();
    auto own = auxiliary::parseOptions(options);
    // Only a backend the program asked for itself is worth a warning.
    bool const ownBackendOption = own.contains("backend");
    auto config = internal::optionsWithEnvironment(std::move(own));
    std::set<std::string> known = {"backend",
                                   "iteration_encoding",
                                   "defer_iteration_parsing",
                                   "rank_table",
                                   "durable",
                                   "toml",
                                   "adios2"};
    for (auto const& row : BackendRegistry::rows())
    {
        known.insert(row.configKey); // plugins' sections too
    }
    auxiliary::reportUnknownKeys(config, known, "Series options");
    s.m_access = access;

    auto const slash = filepath.find_last_of('/');
    s.m_directory = slash == std::string::npos ? "." : filepath.substr(0, slash);
    std::string const file =
        slash == std::string::npos ? filepath : filepath.substr(slash + 1);
    if (file.empty())
    {
        throw error::WrongAPIUsage(
            fmt::format("Series: '{}' names no file (it ends in '/')", filepath));
    }
    s.m_format = chooseBackend(s, filepath, file, config, ownBackendOption).format;
    s.m_name = endsWith(file, s.m_extension)
                   ? file.substr(0, file.size() - s.m_extension.size())
                   : file;
    s.m_pattern = FilenamePattern::parse(s.m_name + s.m_extension);
    applyOptions(s, filepath, config);

    Access backendAccess = access;
    if (s.m_encoding == IterationEncoding::fileBased && access == Access::APPEND)
    {
        backendAccess = Access::CREATE; // each new file is created
    }
#if openPMD_HAVE_MPI
    if (s.m_comm)
    {
        s.m_handler = createIOHandler(s.m_directory, backendAccess, s.m_format, *s.m_comm,
                                      config.dump());
    }
    else
#endif
    {
        s.m_handler =
            createIOHandler(s.m_directory, backendAccess, s.m_format, config.dump());
    }
    s.m_handler->m_frontendAccess = access;

    if (access::writeOnly(access))
    {
        writeRootDefaults(s);
    }
    else if (access != Access::READ_LINEAR)
    {
        try
        {
            s.readBase();
        }
        catch (...)
        {
            // Nothing was opened for good: the destructor has nothing to close.
            s.m_handler.reset();
            s.m_closed = true;
            throw;
        }
    }
}

Series::operator bool() const
{
    return m_attri && !series().m_closed;
}

std::string Series::backend() const
{
    return series().handler().backendName();
}

void Series::flush(std::string backendConfig)
{
    series().flush(series().userFlushParams(std::move(backendConfig)));
}

void Series::close()
{
    if (m_attri)
    {
        series().close();
    }
}

WriteIterations Series::writeIterations()
{
    requireWritable("writeIterations");
    return WriteIterations(std::static_pointer_cast<internal::SeriesData>(m_attri));
}

ReadIterations Series::readIterations()
{
    parseBase();
    return ReadIterations(std::static_pointer_cast<internal::SeriesData>(m_attri));
}

void Series::parseBase()
{
    auto& s = series();
    if (s.m_access == Access::READ_LINEAR && !s.m_baseParsed)
    {
        s.readBase();
    }
}
} // namespace openPMD
