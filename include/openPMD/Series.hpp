#pragma once

#include "openPMD/ChunkInfo.hpp"
#include "openPMD/IO/Access.hpp"
#include "openPMD/IO/FilenamePattern.hpp"
#include "openPMD/IO/FlushParams.hpp"
#include "openPMD/IO/Format.hpp"
#include "openPMD/Iteration.hpp"
#include "openPMD/IterationEncoding.hpp"
#include "openPMD/ReadIterations.hpp"
#include "openPMD/WriteIterations.hpp"
#include "openPMD/backend/Attributable.hpp"
#include "openPMD/backend/Container.hpp"
#include "openPMD/config.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#if openPMD_HAVE_MPI
#include <mpi.h>
#endif

namespace openPMD
{
class AbstractIOHandler;

namespace internal
{
class IterationsData : public ContainerData<Iteration, std::uint64_t>
{
public:
    IterationsData() { m_adoptsEntries = false; }
    /** Group-based: the "data" group; the Series flushes the dirty iterations. */
    void flushTree(SeriesData& series) override;
    /** File-based: an erased iteration's file is deleted (and closed first). */
    void recordErasedChild(AttributableData& child) override;

    /** File-based: files of erased iterations, deleted at the next flush. */
    std::vector<std::string> m_filesToDelete;
};

class SeriesData : public AttributableData
{
public:
    SeriesData();
    /** Flushes and closes; never throws (errors are printed to stderr). */
    ~SeriesData() override;

    std::unique_ptr<AbstractIOHandler> m_handler;
    std::shared_ptr<IterationsData> m_iterations;

    /** File name without directory and extension (a pattern if file-based). */
    std::string m_name;
    /** Extension with dot, e.g. ".json". */
    std::string m_extension;
    std::string m_directory;
    Format m_format = Format::DUMMY;
    std::optional<FilenamePattern> m_pattern;
    /** How the iterations are laid out in storage (see m_oneFileOfFileBased). */
    IterationEncoding m_encoding = IterationEncoding::groupBased;
    /**
     * One file of a file-based series opened by its own name (no %T): its
     * iterations are stored like group-based ones (under /data in this one
     * file, which is also where new ones go), but iterationEncoding()
     * reports fileBased, as the file says (as openPMD-api 0.16 does).
     */
    bool m_oneFileOfFileBased = false;
    Access m_access = Access::CREATE;
    /**
     * Option defer_iteration_parsing (default true): an iteration's content
     * is read when it is opened or first accessed. false reads every
     * iteration when the Series is opened (random-access read modes), so
     * that errors surface there.
     */
    bool m_deferParsing = true;
    /** Option "durable": every user flush point fsyncs what it wrote. */
    bool m_durable = false;
    bool m_closed = false;
    /** Something was flushed: name and encoding are fixed now. */
    bool m_written = false;
    /** READ_LINEAR: the root and the iteration list were read. */
    bool m_baseParsed = false;

    /** Iterations with unflushed changes (flushing never scans all iterations). */
    std::set<std::uint64_t> m_dirtyIterations;
    /** Increases whenever a root attribute changes (file-based rewrites). */
    std::uint64_t m_rootVersion = 1;
    /** writeIterations(): the iteration currently open. */
    std::optional<std::uint64_t> m_currentWriteIteration;

    /** The dataset /rankTable (one row per writing rank). */
    Writable m_rankTableNode;
    /** This process's row, to be written at the next flush. */
    std::optional<std::string> m_rankTableToWrite;
    /** What was written or read (cached). */
    std::optional<chunk_assignment::RankMeta> m_rankTable;

    /**
     * File-based: iterations whose file was created and is still open, and
     * the root version last pushed into them. A changed root attribute marks
     * them all dirty at once, so that every rank rewrites the same files at
     * the same flush (not only where a storeChunk happened to visit them).
     */
    std::set<std::uint64_t> m_openIterationFiles;
    std::uint64_t m_rootVersionPropagated = 0;
    /** Mark the open iteration files dirty if a root attribute changed. */
    void propagateRootChanges();

#if openPMD_HAVE_MPI
    /** MPI Series: the frontend's own duplicate of the communicator (null if serial). */
    std::shared_ptr<MPI_Comm const> m_comm;
#endif

    /** Queue the creation and writing of /rankTable. */
    void queueRankTable();
    /** Read /rankTable (an empty table if there is none). */
    chunk_assignment::RankMeta readRankTable();

    SeriesData* asSeries() override
    {
        return this;
    }
    void onAttributeChanged(std::string const& /*key*/) override
    {
        ++m_rootVersion;
    }

    /** @throws error::WrongAPIUsage once closed. */
    AbstractIOHandler& handler();

    /**
     * The parameters of a user flush point: `backendConfig` is the per-flush
     * option string; its key "durable" (a boolean) overrides the Series option.
     * @throws error::BackendConfigSchema if "durable" is no boolean.
     */
    FlushParams userFlushParams(std::string backendConfig = "{}") const;
    /** Queue what changed (all dirty iterations, or only `only`) and run it. */
    void flush(FlushParams const& params, std::optional<std::uint64_t> only = {});
    /**
     * Run the queued tasks. If that fails, what the dropped tasks would have
     * written becomes dirty again (a later flush retries it), then the error
     * is rethrown. (SeriesFlushing.cpp)
     */
    void runQueued(FlushParams const& params);
    /** Mark the handler's dropped tasks as still to do. */
    void restoreDroppedTasks();
    /**
     * Queue like queueChanges(), but only the structure (groups, datasets,
     * attributes): chunk IO stays pending (span API, SkeletonOnly flushes).
     */
    void queueSkeleton(std::optional<std::uint64_t> only);

    /** Set while queueSkeleton() runs. */
    bool m_skeletonOnly = false;
    /** Nodes queueSkeleton() left with pending chunk IO. */
    std::vector<AttributableData*> m_keptDirty;
    /** Closed iterations whose content is dropped after their tasks ran. */
    std::vector<std::uint64_t> m_closedToRelease;
    /**
     * Release the content of the closed iterations whose tasks have run.
     * @return whether DEREGISTER tasks were queued for the released nodes.
     */
    bool releaseClosedIterations();
    /** Counts runQueued(): a span buffer's address holds while it is unchanged. */
    std::uint64_t m_flushCount = 0;
    /** Queue the changes of the root and of iteration `index`. */
    void queueChanges(std::optional<std::uint64_t> only);
    void close();

    /** File name of iteration `index` (file-based) with extension. */
    std::string iterationFilename(std::uint64_t index) const;
    /** The file of a group- or variable-based Series, with extension. */
    std::string seriesFilename() const;
    /** Root attributes into a file root (file-based iteration files). */
    void writeRootAttributes(Writable& fileRoot);

    /**
     * Read the root attributes and the list of iterations; with
     * defer_iteration_parsing false (not READ_LINEAR) every iteration too.
     */
    void readBase();
    /** readBase() without the eager parsing of the iterations. */
    void readRootAndIterationList();
    /** readBase() of a file-based Series: list the files, read the first. */
    void readFileBasedBase();
    /** Read the content of one iteration (lazily, on first access). */
    void readIteration(IterationData& iteration);
    /** Check the root attributes read from storage. */
    void checkRootAttributes(std::map<std::string, Attribute> const& attributes,
                             std::string const& file);
};
} // namespace internal

/**
 * The root of an openPMD data set: a series of iterations in one file
 * (group- or variable-based) or in one file per iteration (file-based).
 *
 * Flush points, the only places that touch storage: flush(), close(),
 * Iteration::close(), the destruction of the last handle, and reads the
 * library documents (construction in read modes, first access of an
 * iteration, availableChunks()).
 */
class Series : public Attributable
{
public:
    using IterationIndex_t = std::uint64_t;
    using IterationsContainer_t = Container<Iteration, IterationIndex_t>;

    /** An empty handle: operator bool() is false. */
    Series();
    /**
     * @param filepath directory and file name; %T or %0NT in the name selects
     *        file-based encoding; the extension selects the backend
     * @param options inline JSON (starting with '{'), TOML, or "@file"
     */
    Series(std::string const& filepath, Access access, std::string const& options = "{}");
#if openPMD_HAVE_MPI
    /**
     * Parallel Series over `comm`. Collective: every rank calls it (read
     * modes read every iteration here unless defer_iteration_parsing).
     * Which calls are collective: docs/parallel-io.md.
     */
    Series(std::string const& filepath, Access access, MPI_Comm comm,
           std::string const& options = "{}");
#endif

    IterationsContainer_t iterations;

    /** True for a Series that is open. */
    operator bool() const;

    std::string openPMD() const;
    Series& setOpenPMD(std::string const&);
    uint32_t openPMDextension() const;
    Series& setOpenPMDextension(uint32_t);
    std::string basePath() const;
    Series& setBasePath(std::string const&);
    std::string meshesPath() const;
    Series& setMeshesPath(std::string const&);
    std::string particlesPath() const;
    Series& setParticlesPath(std::string const&);
    std::string author() const;
    Series& setAuthor(std::string const&);
    std::string software() const;
    Series& setSoftware(std::string const& name,
                        std::string const& version = "unspecified");
    std::string softwareVersion() const;
    [[deprecated("use setSoftware(name, version)")]] Series&
    setSoftwareVersion(std::string const&);
    std::string date() const;
    Series& setDate(std::string const&);
    std::string softwareDependencies() const;
    Series& setSoftwareDependencies(std::string const&);
    std::string machine() const;
    Series& setMachine(std::string const&);
    IterationEncoding iterationEncoding() const;
    /** Before the first flush only. */
    Series& setIterationEncoding(IterationEncoding);
    std::string iterationFormat() const;
    Series& setIterationFormat(std::string const&);
    /** The file name without extension (a pattern if file-based). */
    std::string name() const;
    Series& setName(std::string const&);
    /** "JSON", "HDF5", ... */
    std::string backend() const;

    /**
     * The table written by setRankTable() (or the rank_table option): per
     * writing rank, where it ran. Reads /rankTable in read modes; empty if
     * there is none. `collective` matters only for MPI Series: true is a
     * collective call returning every rank's row; false before the table is
     * written returns this rank's row only.
     */
    chunk_assignment::RankMeta rankTable(bool collective = false);
    /**
     * This process's row of the rank table (written at the next flush).
     * MPI: collective.
     */
    Series& setRankTable(std::string const& myRankInfo);

    /** A flush point: writes (and reads) everything pending. MPI: collective. */
    void flush(std::string backendConfig = "{}");
    /**
     * Iterate the iterations one after the other (opened and closed for you).
     * MPI: collective.
     */
    ReadIterations readIterations();
    /** READ_LINEAR: read the root and the list of iterations now. */
    void parseBase();
    /** Write iterations one after the other (the previous is closed for you). */
    WriteIterations writeIterations();
    /**
     * Flush and release the backend; the handle becomes false.
     * MPI: collective (so is the destruction of the last handle).
     */
    void close();

private:
    internal::SeriesData& series() const;
    void init(std::string const& filepath, Access access, std::string const& options);
    std::string stringAttribute(char const* name) const;
};
} // namespace openPMD
