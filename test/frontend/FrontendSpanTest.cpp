// Span-based storeChunk: a view into the backend's memory where the backend
// offers one (GET_BUFFER_VIEW), else a library buffer written at the flush.
#include "RecordingBackend.hpp"
#include "TestedExtensions.hpp"

#include <openPMD/IO/AbstractIOHandler.hpp>
#include <openPMD/IO/AbstractIOHandlerHelper.hpp>
#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <numeric>

using namespace openPMD;
using frontendtest::countLog;
using frontendtest::freshDir;

namespace
{
std::shared_ptr<memtest::Node> meshNode(std::string const& path, std::string const& name)
{
    return memtest::file(path)
        ->children.at("data")
        ->children.at("0")
        ->children.at("meshes")
        ->children.at(name);
}

template <typename T>
std::vector<T> storedValues(std::shared_ptr<memtest::Node> const& node)
{
    std::vector<T> values(node->bytes.size() / sizeof(T));
    std::memcpy(values.data(), node->bytes.data(), node->bytes.size());
    return values;
}
} // namespace

TEST_CASE("span store: the backend's view is filled in place", "[frontend][span]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_span_view") + "/s.memtest";
    Series s(path, Access::CREATE);
    auto it = s.iterations[0];
    // A pending normal store must wait for the flush point.
    auto other = it.meshes["other"];
    other.resetDataset(Dataset(Datatype::DOUBLE, {1}));
    auto pending = std::make_shared<double>(3.5);
    other.storeChunk(pending, {0}, {1});

    auto rho = it.meshes["rho"];
    rho.resetDataset(Dataset(Datatype::INT, {4}));
    memtest::log().clear();
    auto view = rho.storeChunk<int>({1}, {3});
    CHECK(countLog("CREATE_DATASET rho") == 1); // the structure exists now
    CHECK(countLog("GET_BUFFER_VIEW new") == 1);
    CHECK(countLog("WRITE_DATASET") == 0); // no chunk IO before the flush point
    auto span = view.currentBuffer();
    REQUIRE(span.size() == 3);
    // The span is the backend's memory, not a copy.
    auto stored = meshNode(path, "rho");
    CHECK(static_cast<void*>(span.data()) ==
          static_cast<void*>(stored->bytes.data() + sizeof(int)));
    std::iota(span.begin(), span.end(), 10);

    memtest::log().clear();
    s.flush();
    CHECK(countLog("GET_BUFFER_VIEW update") == 1); // the commit of the view
    CHECK(countLog("WRITE_DATASET") == 1);          // "other" only
    CHECK(storedValues<int>(stored) == std::vector<int>{0, 10, 11, 12});
    CHECK(storedValues<double>(meshNode(path, "other")) == std::vector<double>{3.5});

    // After a flush the address is asked for again (a backend may move it).
    memtest::log().clear();
    auto again = view.currentBuffer();
    CHECK(countLog("GET_BUFFER_VIEW update") == 1);
    again[0] = 20;
    s.flush();
    CHECK(storedValues<int>(stored) == std::vector<int>{0, 20, 11, 12});
}

TEST_CASE("span store: without a view, a library buffer is written at the flush",
          "[frontend][span]")
{
    memtest::registerBackend();
    std::string const path = freshDir("frontend_span_fallback") + "/s.memtest";
    Series s(path, Access::CREATE);
    auto E = s.iterations[0].meshes["E"]["x"];
    E.resetDataset(Dataset(Datatype::FLOAT, {2, 2})); // memtest: views for 1-D only
    memtest::log().clear();
    size_t allocated = 0;
    auto view = E.storeChunk<float>({0, 0}, {2, 2},
                                    [&allocated](size_t n)
                                    {
                                        allocated = n;
                                        return std::shared_ptr<float>(
                                            new float[n], [](float* p) { delete[] p; });
                                    });
    CHECK(countLog("GET_BUFFER_VIEW new") == 1);
    CHECK(allocated == 4); // the user's allocator made the fallback buffer
    auto span = view.currentBuffer();
    std::iota(span.begin(), span.end(), 1.f);
    memtest::log().clear();
    s.flush();
    CHECK(countLog("WRITE_DATASET") == 1);
    CHECK(countLog("GET_BUFFER_VIEW") == 0);
    auto stored = memtest::file(path)
                      ->children.at("data")
                      ->children.at("0")
                      ->children.at("meshes")
                      ->children.at("E")
                      ->children.at("x");
    CHECK(storedValues<float>(stored) == std::vector<float>{1.f, 2.f, 3.f, 4.f});
}

TEST_CASE("JSON gives views for contiguous selections only", "[frontend][span]")
{
    std::string const dir = freshDir("frontend_span_json");
    auto handler = createIOHandler(dir, Access::CREATE, Format::JSON);
    Writable file, dataset;
    dataset.parent = &file;
    handler->enqueue(IOTask(&file, Parameter<Operation::CREATE_FILE>{"v.json"}));
    Parameter<Operation::CREATE_DATASET> create;
    create.name = "d";
    create.extent = {3, 2};
    create.dtype = Datatype::INT;
    handler->enqueue(IOTask(&dataset, create));
    auto ask = [&](Offset offset, Extent extent, bool update)
    {
        Parameter<Operation::GET_BUFFER_VIEW> view;
        view.offset = std::move(offset);
        view.extent = std::move(extent);
        view.dtype = Datatype::INT;
        view.update = update;
        auto out = view.out;
        handler->enqueue(IOTask(&dataset, std::move(view)));
        FlushParams skeleton;
        skeleton.flushLevel = FlushLevel::SkeletonOnly;
        handler->flush(skeleton).get();
        return *out;
    };
    auto rows = ask({1, 0}, {2, 2}, false); // rows 1 and 2: one run of the buffer
    REQUIRE(rows.backendManagedBuffer);
    int* data = static_cast<int*>(rows.ptr);
    for (int i = 0; i < 4; ++i)
        data[i] = 100 + i;
    CHECK_FALSE(ask({0, 1}, {3, 1}, false).backendManagedBuffer); // a column
    CHECK_FALSE(ask({0, 0}, {0, 2}, false).backendManagedBuffer); // nothing
    CHECK_THROWS_AS(ask({2, 0}, {2, 2}, false), openPMD::Error);  // out of bounds
    CHECK(ask({1, 0}, {2, 2}, true).ptr == rows.ptr);             // the commit
    handler->enqueue(IOTask(&file, Parameter<Operation::CLOSE_FILE>{}));
    handler->flush(FlushParams{}).get();

    auto reader = createIOHandler(dir, Access::READ_ONLY, Format::JSON);
    Writable rfile, rdataset;
    rdataset.parent = &rfile;
    reader->enqueue(IOTask(&rfile, Parameter<Operation::OPEN_FILE>{"v.json"}));
    reader->enqueue(IOTask(&rdataset, Parameter<Operation::OPEN_DATASET>{"d"}));
    auto values = std::shared_ptr<int>(new int[4], [](int* p) { delete[] p; });
    Parameter<Operation::READ_DATASET> read;
    read.offset = {1, 0};
    read.extent = {2, 2};
    read.dtype = Datatype::INT;
    read.data = values;
    reader->enqueue(IOTask(&rdataset, read));
    reader->flush(FlushParams{}).get();
    CHECK(std::vector<int>(values.get(), values.get() + 4) ==
          std::vector<int>{100, 101, 102, 103});
}

TEST_CASE("span store round trip on every backend, view and fallback",
          "[frontend][span][backends]")
{
    for (auto const& ext : frontendtest::testedExtensions())
    {
        INFO("extension " << ext);
        std::string const path =
            freshDir("frontend_span_round_trip_" + ext) + "/s." + ext;
        {
            Series s(path, Access::CREATE);
            auto it = s.iterations[0];
            auto line = it.meshes["line"];
            line.resetDataset(Dataset(Datatype::DOUBLE, {5}));
            auto head = line.storeChunk<double>({0}, {2});
            auto tail = line.storeChunk<double>({2}, {3});
            auto grid = it.meshes["grid"];
            grid.resetDataset(Dataset(Datatype::INT, {3, 3}));
            auto block = grid.storeChunk<int>({1, 1}, {2, 2}); // not contiguous
            auto h = head.currentBuffer();
            auto t = tail.currentBuffer();
            auto b = block.currentBuffer();
            std::iota(h.begin(), h.end(), 0.5);
            std::iota(t.begin(), t.end(), 2.5);
            std::iota(b.begin(), b.end(), 1);
            s.flush();
        }
        Series r(path, Access::READ_ONLY);
        auto line = r.iterations[0].meshes["line"].loadChunk<double>();
        auto block = r.iterations[0].meshes["grid"].loadChunk<int>({1, 1}, {2, 2});
        r.flush();
        CHECK(std::vector<double>(line.get(), line.get() + 5) ==
              std::vector<double>{0.5, 1.5, 2.5, 3.5, 4.5});
        CHECK(std::vector<int>(block.get(), block.get() + 4) ==
              std::vector<int>{1, 2, 3, 4});
    }
}
