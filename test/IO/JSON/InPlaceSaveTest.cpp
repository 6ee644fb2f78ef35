// Saving by patching the end of the file in place: the result equals a full
// rewrite, and a save that fails or is cut short (a crash) leaves the last
// saved state readable, through the journal beside the file.

#include "IO/JSON/FileUpdate.hpp"
#include "IO/JSON/SaveJournal.hpp"
#include "JSONTestSupport.hpp"

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

using namespace openPMD;
using namespace openPMD::test;
using jsonio::FileUpdate;
using jsonio::SaveJournal;

namespace
{
constexpr size_t smallElements = 12;

std::vector<double> valuesOf(size_t k, size_t elements)
{
    std::vector<double> values(elements);
    for (size_t i = 0; i < elements; ++i)
    {
        values[i] = 1000.0 * double(k) + double(i) + 0.25;
    }
    return values;
}

ino_t inodeOf(std::string const& path)
{
    struct stat info;
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_ino;
}

/** Writes a group-based file iteration by iteration, as the frontend does. */
class SeriesWriter
{
public:
    SeriesWriter(std::string const& directory, std::string const& name,
                 Access access = Access::CREATE)
        : h(directory, access)
    {
        data.parent = &root;
        if (access == Access::CREATE)
        {
            h.createFile(root, name);
            h.writeAttribute(root, "openPMD", std::string("1.1.0"));
            h.createPath(data, "data");
        }
        else
        {
            h.openFile(root, name);
            h.openPath(data, "data");
        }
    }

    /**
     * Iteration `k` (an attribute and a dataset), flushed once (`durable`
     * if asked); closed if `close`.
     */
    void add(size_t k, size_t elements, bool close, bool durable = false)
    {
        auto& iteration = node(&data);
        auto& dataset = node(&iteration);
        h.enqueue(&iteration, Parameter<Operation::CREATE_PATH>{std::to_string(k)});
        h.enqueue(&iteration,
                  Parameter<Operation::WRITE_ATT>{"time", Attribute(0.5 * k)});
        Parameter<Operation::CREATE_DATASET> create;
        create.name = "rho";
        create.dtype = Datatype::DOUBLE;
        create.extent = {elements};
        h.enqueue(&dataset, create);
        Parameter<Operation::WRITE_DATASET> write;
        write.offset = {0};
        write.extent = {elements};
        write.dtype = Datatype::DOUBLE;
        auto const values = share(valuesOf(k, elements));
        write.data = std::static_pointer_cast<void const>(values);
        h.enqueue(&dataset, write);
        if (close)
        {
            h.enqueue(&iteration, Parameter<Operation::CLOSE_PATH>{});
        }
        h.flush(FlushLevel::UserFlush, durable);
    }

    /** Changes iteration `k` (written earlier, maybe closed) by a new attribute. */
    void changeLate(size_t k)
    {
        auto& iteration = node(&data);
        h.openPath(iteration, std::to_string(k));
        h.writeAttribute(iteration, "late", 7);
    }

    Writable& node(Writable* parent)
    {
        auto& created = *m_nodes.emplace_back(std::make_unique<Writable>());
        created.parent = parent;
        return created;
    }

    Handler h;
    Writable root, data;

private:
    std::vector<std::unique_ptr<Writable>> m_nodes;
};

/**
 * Reads `name` with a fresh handler in `access` and checks that it holds
 * exactly iterations 0 .. iterations-1, every value as written.
 */
void checkIterations(ScratchDirectory const& scratch, std::string const& name,
                     size_t iterations, size_t elements,
                     Access access = Access::READ_ONLY)
{
    Handler h(scratch.dir(), access);
    Writable root, data;
    data.parent = &root;
    h.openFile(root, name);
    h.openPath(data, "data");
    REQUIRE(h.readAttribute(root, "openPMD").get<std::string>() == "1.1.0");
    Parameter<Operation::LIST_PATHS> list;
    h.run(&data, list);
    std::vector<std::string> expected;
    for (size_t k = 0; k < iterations; ++k)
    {
        expected.push_back(std::to_string(k));
    }
    std::sort(expected.begin(), expected.end());
    REQUIRE(*list.paths == expected);
    for (size_t k = 0; k < iterations; ++k)
    {
        Writable iteration, dataset;
        iteration.parent = &data;
        dataset.parent = &iteration;
        h.openPath(iteration, std::to_string(k));
        REQUIRE(h.readAttribute(iteration, "time").get<double>() == 0.5 * double(k));
        REQUIRE(h.openDataset(dataset, "rho").second == Extent{elements});
        REQUIRE(h.read<double>(dataset, {0}, {elements}) == valuesOf(k, elements));
    }
}

nlohmann::json parsed(std::string const& path)
{
    return nlohmann::json::parse(readText(path));
}

/** Restores the file size limit and SIGXFSZ when it goes. */
class FileSizeLimit
{
public:
    explicit FileSizeLimit(rlim_t limit)
    {
        ::getrlimit(RLIMIT_FSIZE, &m_old);
        m_oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit lowered = m_old;
        lowered.rlim_cur = limit;
        REQUIRE(::setrlimit(RLIMIT_FSIZE, &lowered) == 0);
    }
    ~FileSizeLimit()
    {
        ::setrlimit(RLIMIT_FSIZE, &m_old);
        std::signal(SIGXFSZ, m_oldHandler);
    }

private:
    rlimit m_old{};
    void (*m_oldHandler)(int) = nullptr;
};
} // namespace

TEST_CASE("iterations saved one by one are patched in place and equal a single save",
          "[json][inplace]")
{
    ScratchDirectory scratch("inplace-append");
    std::string const path = scratch.file("steps.json");
    std::string const journal = SaveJournal::pathFor(path);
    constexpr size_t iterations = 25;
    {
        SeriesWriter steps(scratch.dir(), "steps.json");
        steps.add(0, smallElements, true);
        auto const inode = inodeOf(path);
        for (size_t k = 1; k < iterations; ++k)
        {
            auto const before = fs::file_size(path);
            steps.add(k, smallElements, true, k % 2 == 1); // durable saves too
            REQUIRE(fs::file_size(path) > before);
            REQUIRE_FALSE(fs::exists(journal));
        }
        // Patched every time, never replaced.
        REQUIRE(inodeOf(path) == inode);
    }
    {
        SeriesWriter once(scratch.dir(), "once.json");
        for (size_t k = 0; k < iterations; ++k)
        {
            once.add(k, smallElements, false);
        }
    }
    REQUIRE(parsed(path) == parsed(scratch.file("once.json")));
    std::string const text = readText(path);
    REQUIRE(text.back() == '\n');
    REQUIRE(text.find('\n') == text.size() - 1);
    checkIterations(scratch, "steps.json", iterations, smallElements);
}

TEST_CASE("a save that fails midway leaves the last saved state", "[json][inplace]")
{
    ScratchDirectory scratch("inplace-fail");
    std::string const path = scratch.file("f.json");
    SeriesWriter writer(scratch.dir(), "f.json");
    for (size_t k = 0; k < 5; ++k)
    {
        writer.add(k, smallElements, true);
    }
    std::string const saved = readText(path);
    {
        // The file may grow by 40 bytes: the new iteration is cut off midway.
        FileSizeLimit limit(saved.size() + 40);
        auto const e =
            captureError<error::WriteError>([&] { writer.add(5, smallElements, true); });
        REQUIRE(e.affectedObject == error::AffectedObject::File);
        REQUIRE_THAT(e.what(), Catch::Contains(path));
    }
    REQUIRE(readText(path) == saved);
    REQUIRE_FALSE(fs::exists(SaveJournal::pathFor(path)));
    checkIterations(scratch, "f.json", 5, smallElements);

    // Nothing was lost in memory: the next flush saves iteration 5 too.
    writer.h.flush();
    checkIterations(scratch, "f.json", 6, smallElements);
}

TEST_CASE("a save cut short by a crash is undone when the file is opened",
          "[json][inplace]")
{
    for (char const* crashAt : {"journal", "tail", "written"})
    {
        DYNAMIC_SECTION("crash after step " << crashAt)
        {
            ScratchDirectory scratch("inplace-crash");
            std::string const path = scratch.file("c.json");
            std::string const journal = SaveJournal::pathFor(path);
            pid_t const child = ::fork();
            REQUIRE(child >= 0);
            if (child == 0)
            {
                // Three iterations saved, the fourth torn: the process dies there.
                try
                {
                    SeriesWriter writer(scratch.dir(), "c.json");
                    for (size_t k = 0; k < 3; ++k)
                    {
                        writer.add(k, smallElements, true);
                    }
                    FileUpdate::testHook() = [crashAt](char const* step)
                    {
                        if (std::strcmp(step, crashAt) == 0)
                        {
                            ::_exit(0);
                        }
                    };
                    writer.add(3, smallElements, true);
                }
                catch (...)
                {
                }
                ::_exit(3); // the save was not in place or did not reach the step
            }
            int status = 0;
            REQUIRE(::waitpid(child, &status, 0) == child);
            REQUIRE(WIFEXITED(status));
            REQUIRE(WEXITSTATUS(status) == 0);
            REQUIRE(fs::exists(journal));
            std::string const torn = readText(path);

            // Read-only: the state before the torn save, the file left as it is.
            checkIterations(scratch, "c.json", 3, smallElements);
            REQUIRE(readText(path) == torn);
            REQUIRE(fs::exists(journal));

            // Read-write: repaired on opening, then usable as ever.
            {
                SeriesWriter writer(scratch.dir(), "c.json", Access::READ_WRITE);
                REQUIRE_FALSE(fs::exists(journal));
                REQUIRE_NOTHROW(parsed(path));
                checkIterations(scratch, "c.json", 3, smallElements);
                writer.add(3, smallElements, true);
                writer.add(4, smallElements, true);
            }
            checkIterations(scratch, "c.json", 5, smallElements);
            REQUIRE_FALSE(fs::exists(journal));
        }
    }
}

TEST_CASE("a journal that is cut short or belongs to another file is ignored",
          "[json][inplace]")
{
    ScratchDirectory scratch("inplace-bad-journal");
    std::string const path = scratch.file("j.json");
    std::string const journal = SaveJournal::pathFor(path);
    {
        SeriesWriter writer(scratch.dir(), "j.json");
        writer.add(0, smallElements, true);
        writer.add(1, smallElements, true);
    }
    std::string const saved = readText(path);

    SECTION("cut short: the crash came before the file was touched")
    {
        writeText(journal, "OPMDJSJ1 and then nothing");
    }
    SECTION("of another file: a journal left beside a file replaced since")
    {
        SaveJournal other;
        other.device = 1;
        other.inode = inodeOf(path) + 1;
        other.offset = 10;
        other.oldTail = "garbage that must not be applied";
        other.write(path, false);
    }
    checkIterations(scratch, "j.json", 2, smallElements);
    REQUIRE(fs::exists(journal));
    checkIterations(scratch, "j.json", 2, smallElements, Access::READ_WRITE);
    REQUIRE(readText(path) == saved);
    REQUIRE_FALSE(fs::exists(journal));
}

TEST_CASE("a change before the end of the file is saved right", "[json][inplace]")
{
    ScratchDirectory scratch("inplace-fallback");
    // Small iterations: what follows iteration 0 is rewritten in place.
    // Large ones: more than FileUpdate::maxTail follows, the file is replaced.
    for (size_t elements : {smallElements, size_t(60000)})
    {
        DYNAMIC_SECTION(elements << " elements per iteration")
        {
            std::string const path = scratch.file("late.json");
            constexpr size_t iterations = 6;
            ino_t inodeBefore = 0;
            {
                SeriesWriter steps(scratch.dir(), "late.json");
                for (size_t k = 0; k < iterations; ++k)
                {
                    steps.add(k, elements, true);
                }
                inodeBefore = inodeOf(path);
                steps.changeLate(0);
                steps.h.flush();
                bool const replaced = inodeOf(path) != inodeBefore;
                REQUIRE(replaced == (elements != smallElements));
                // A change of the root's attributes comes first in the file.
                steps.h.writeAttribute(steps.root, "author", std::string("x"));
            }
            {
                SeriesWriter once(scratch.dir(), "once.json");
                for (size_t k = 0; k < iterations; ++k)
                {
                    once.add(k, elements, false);
                }
                once.changeLate(0);
                once.h.writeAttribute(once.root, "author", std::string("x"));
            }
            REQUIRE(parsed(path) == parsed(scratch.file("once.json")));
            checkIterations(scratch, "late.json", iterations, elements);
            Handler h(scratch.dir(), Access::READ_ONLY);
            Writable root, iteration;
            iteration.parent = &root;
            h.openFile(root, "late.json");
            h.openPath(iteration, "data/0");
            REQUIRE(h.readAttribute(iteration, "late").get<int>() == 7);
            REQUIRE(h.readAttribute(root, "author").get<std::string>() == "x");
            REQUIRE_FALSE(fs::exists(SaveJournal::pathFor(path)));
        }
    }
}
