// Failures under MPI: an error on one rank is reported on every rank and
// hangs none; CHECK_FILE answers alike on every rank.
#include "MPITestSupport.hpp"

#include "openPMD/Error.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace mpi_test;

namespace
{
struct Target
{
    Format format;
    std::string file;
    std::string options;
};

/**
 * Every rank writes its 4 elements of a 1-D dataset, except rank 1, whose
 * write lies outside the dataset. Rank 1 gets its own error, the others an
 * error naming the failure elsewhere; nothing hangs, and rank 0's data is in
 * the file afterwards.
 */
void oneRankFails(Target const& target)
{
    SharedDirectory directory;
    uint64_t const n = static_cast<uint64_t>(size());
    uint64_t const r = static_cast<uint64_t>(rank());
    {
        Session s(directory.path(), Access::CREATE, target.format, MPI_COMM_WORLD,
                  target.options);
        auto& root = s.node();
        s.enqueue(root, Parameter<Operation::CREATE_FILE>{target.file});
        auto& data = s.node(&root);
        Parameter<Operation::CREATE_DATASET> create;
        create.name = "data";
        create.extent = {4 * n};
        create.dtype = Datatype::DOUBLE;
        s.enqueue(data, std::move(create));
        s.flush();

        Parameter<Operation::WRITE_DATASET> write;
        write.offset = {r == 1 ? 4 * n : 4 * r};
        write.extent = {4};
        write.dtype = Datatype::DOUBLE;
        write.data = block(7, {8 * n}, write.offset, write.extent);
        s.enqueue(data, std::move(write));
        if (r == 1)
        {
            REQUIRE_THROWS_AS(s.flush(), error::WrongAPIUsage);
        }
        else
        {
            REQUIRE_THROWS_AS(s.flush(), error::WriteError);
        }
        // The next flush is clean again on every rank.
        s.enqueue(root, Parameter<Operation::CLOSE_FILE>{});
        REQUIRE_NOTHROW(s.flush());
    }
    if (rank() == 0)
    {
        Session s(directory.path(), Access::READ_ONLY, target.format, MPI_COMM_NULL);
        auto& root = s.node();
        s.enqueue(root, Parameter<Operation::OPEN_FILE>{target.file});
        auto& data = s.node(&root);
        s.enqueue(data, Parameter<Operation::OPEN_DATASET>{"data"});
        std::shared_ptr<double> out(new double[4], std::default_delete<double[]>());
        Parameter<Operation::READ_DATASET> read;
        read.offset = {0};
        read.extent = {4};
        read.dtype = Datatype::DOUBLE;
        read.data = out;
        s.enqueue(data, std::move(read));
        s.flush();
        for (size_t i = 0; i < 4; ++i)
        {
            CHECK(out.get()[i] == valueAt(7, i));
        }
    }
    MPI_Barrier(MPI_COMM_WORLD);
}

void checkFileAgrees(Target const& target)
{
    SharedDirectory directory;
    Session s(directory.path(), Access::CREATE, target.format, MPI_COMM_WORLD,
              target.options);
    auto& root = s.node();
    s.enqueue(root, Parameter<Operation::CREATE_FILE>{target.file});
    s.enqueue(root, Parameter<Operation::CLOSE_FILE>{});
    s.flush();
    Parameter<Operation::CHECK_FILE> existing;
    existing.name = target.file;
    auto const existingAnswer = existing.fileExists;
    Parameter<Operation::CHECK_FILE> missing;
    missing.name = "missing" + target.file;
    auto const missingAnswer = missing.fileExists;
    auto& probe = s.node();
    s.enqueue(probe, std::move(existing));
    s.enqueue(probe, std::move(missing));
    s.flush();
    using FileExists = Parameter<Operation::CHECK_FILE>::FileExists;
    CHECK(*existingAnswer == FileExists::Yes);
    CHECK(*missingAnswer == FileExists::No);
}
} // namespace

TEST_CASE("JSON under MPI: a failing rank hangs nobody and every rank hears of it",
          "[json]")
{
    if (size() < 2)
    {
        WARN("needs 2 ranks");
        return;
    }
    oneRankFails(Target{Format::JSON, "errors.json", "{}"});
}

TEST_CASE("JSON under MPI: CHECK_FILE", "[json]")
{
    checkFileAgrees(Target{Format::JSON, "check.json", "{}"});
}

TEST_CASE("Zarr under MPI: a failing rank hangs nobody and every rank hears of it",
          "[zarr]")
{
    if (size() < 2)
    {
        WARN("needs 2 ranks");
        return;
    }
    oneRankFails(Target{Format::ZARR, "errors.zarr", "{}"});
}

TEST_CASE("Zarr under MPI: CHECK_FILE", "[zarr]")
{
    checkFileAgrees(Target{Format::ZARR, "check.zarr", "{}"});
}

#if openPMD_HAVE_HDF5
TEST_CASE("MPI_HDF5: a failing rank hangs nobody and every rank hears of it", "[hdf5]")
{
    if (size() < 2)
    {
        WARN("needs 2 ranks");
        return;
    }
    oneRankFails(Target{Format::HDF5, "independent.h5", "{}"});
    oneRankFails(Target{Format::HDF5, "collective.h5",
                        R"({"hdf5": {"independent_stores": false}})"});
}

TEST_CASE("MPI_HDF5: CHECK_FILE agrees on every rank", "[hdf5]")
{
    checkFileAgrees(Target{Format::HDF5, "check.h5", "{}"});
}

TEST_CASE("MPI_HDF5: options are checked", "[hdf5]")
{
    SharedDirectory directory;
    REQUIRE_THROWS_AS(Session(directory.path(), Access::CREATE, Format::HDF5,
                              MPI_COMM_WORLD, R"({"hdf5": {"independent_stores": 1}})"),
                      error::BackendConfigSchema);
    Session s(directory.path(), Access::CREATE, Format::HDF5, MPI_COMM_WORLD);
    REQUIRE_THROWS_AS(s.flush(R"({"hdf5": {"independent_stores": "no"}})"),
                      error::BackendConfigSchema);
}
#endif

TEST_CASE("JSON under MPI: a flush inside the caller's own exception handler succeeds",
          "[json]")
{
    SharedDirectory directory;
    uint64_t const r = static_cast<uint64_t>(rank());
    {
        Session s(directory.path(), Access::CREATE, Format::JSON, MPI_COMM_WORLD);
        auto& root = s.node();
        s.enqueue(root, Parameter<Operation::CREATE_FILE>{"handler.json"});
        auto& data = s.node(&root);
        Parameter<Operation::CREATE_DATASET> create;
        create.name = "data";
        create.extent = {static_cast<uint64_t>(size())};
        create.dtype = Datatype::DOUBLE;
        s.enqueue(data, std::move(create));
        Parameter<Operation::WRITE_DATASET> write;
        write.offset = {r};
        write.extent = {1};
        write.dtype = Datatype::DOUBLE;
        write.data = block(9, {static_cast<uint64_t>(size())}, {r}, {1});
        s.enqueue(data, std::move(write));
        s.enqueue(root, Parameter<Operation::CLOSE_FILE>{});
        try
        {
            throw std::runtime_error("the caller's own trouble");
        }
        catch (std::runtime_error const&)
        {
            // The caller's exception is current here: it is no failed task.
            REQUIRE_NOTHROW(s.flush());
        }
    }
    if (rank() == 0)
    {
        Session s(directory.path(), Access::READ_ONLY, Format::JSON, MPI_COMM_NULL);
        auto& root = s.node();
        s.enqueue(root, Parameter<Operation::OPEN_FILE>{"handler.json"});
        auto& data = s.node(&root);
        s.enqueue(data, Parameter<Operation::OPEN_DATASET>{"data"});
        auto const n = static_cast<size_t>(size());
        std::shared_ptr<double> out(new double[n], std::default_delete<double[]>());
        Parameter<Operation::READ_DATASET> read;
        read.offset = {0};
        read.extent = {n};
        read.dtype = Datatype::DOUBLE;
        read.data = out;
        s.enqueue(data, std::move(read));
        s.flush();
        for (size_t i = 0; i < n; ++i)
        {
            CHECK(out.get()[i] == valueAt(9, i));
        }
    }
    MPI_Barrier(MPI_COMM_WORLD);
}

#if openPMD_HAVE_HDF5
TEST_CASE("MPI_HDF5 collective: empty datasets and empty writes", "[hdf5]")
{
    SharedDirectory directory;
    Session s(directory.path(), Access::CREATE, Format::HDF5, MPI_COMM_WORLD,
              R"({"hdf5": {"independent_stores": false}})");
    auto& root = s.node();
    s.enqueue(root, Parameter<Operation::CREATE_FILE>{"empty.h5"});
    std::vector<Writable*> datasets;
    for (auto const& [name, extent] :
         std::vector<std::pair<std::string, Extent>>{{"none", {0}}, {"unwritten", {4}}})
    {
        auto& node = s.node(&root);
        Parameter<Operation::CREATE_DATASET> create;
        create.name = name;
        create.extent = extent;
        create.dtype = Datatype::DOUBLE;
        s.enqueue(node, std::move(create));
        datasets.push_back(&node);
    }
    // Every rank writes nothing, to both: no hang, no error.
    for (auto* node : datasets)
    {
        Parameter<Operation::WRITE_DATASET> write;
        write.offset = {0};
        write.extent = {0};
        write.dtype = Datatype::DOUBLE;
        s.enqueue(*node, std::move(write));
    }
    REQUIRE_NOTHROW(s.flush());
    s.enqueue(root, Parameter<Operation::CLOSE_FILE>{});
    REQUIRE_NOTHROW(s.flush());
}
#endif
