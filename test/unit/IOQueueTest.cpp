#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

using namespace openPMD;

namespace
{
/** Records every task it runs; fails on the paths it is told to. */
class RecordingImpl : public AbstractIOHandlerImpl
{
public:
    RecordingImpl() : AbstractIOHandlerImpl(".", Access::CREATE) {}

    std::vector<std::string> log;
    std::string failWithOpenPMDError;
    std::string failWithStdError;
    int endFlushes = 0;
    bool failToPersist = false;

    std::string backendName() const override { return "Recording"; }

protected:
    void endFlush(FlushParams const&) override
    {
        ++endFlushes;
        if (failToPersist)
        {
            throw std::runtime_error("no space left");
        }
    }

    void createFile(Writable* w, Parameter<Operation::CREATE_FILE> const& p) override
    {
        record("CREATE_FILE " + p.name);
        w->written = true;
    }
    void createPath(Writable* w, Parameter<Operation::CREATE_PATH> const& p) override
    {
        if (p.path == failWithOpenPMDError)
        {
            throw error::WriteError(error::AffectedObject::Group, backendName(), p.path);
        }
        if (p.path == failWithStdError)
        {
            throw std::runtime_error("disk on fire at " + p.path);
        }
        record("CREATE_PATH " + p.path);
        w->written = true;
    }
    void writeAttribute(Writable*, Parameter<Operation::WRITE_ATT> const& p) override
    {
        record("WRITE_ATT " + p.name);
    }
    void listAttributes(Writable*, Parameter<Operation::LIST_ATTS> const& p) override
    {
        record("LIST_ATTS");
        *p.attributes = {"a", "b"};
    }
    void readAttribute(Writable*, Parameter<Operation::READ_ATT> const& p) override
    {
        if (p.name == failWithStdError)
        {
            throw std::runtime_error("cannot read " + p.name);
        }
        record("READ_ATT " + p.name);
        *p.resource = p.name == "a" ? Attribute::resource(1.5)
                                    : Attribute::resource(std::string("bee"));
        *p.dtype = static_cast<Datatype>(p.resource->index());
    }
    void deregister(Writable*, Parameter<Operation::DEREGISTER> const&) override
    {
        record("DEREGISTER");
    }

private:
    void record(std::string entry) { log.push_back(std::move(entry)); }
};

struct Fixture
{
    RecordingImpl* impl = new RecordingImpl();
    ImplIOHandler handler{".", Access::CREATE,
                          std::unique_ptr<AbstractIOHandlerImpl>(impl)};
    Writable root, group, child, other;

    Fixture()
    {
        group.parent = &root;
        child.parent = &group;
        other.parent = &root;
    }

    void createPath(Writable* w, std::string path)
    {
        handler.enqueue(IOTask(w, Parameter<Operation::CREATE_PATH>{std::move(path)}));
    }
    void writeAttribute(Writable* w, std::string name)
    {
        Parameter<Operation::WRITE_ATT> p;
        p.name = std::move(name);
        p.value = Attribute(1);
        handler.enqueue(IOTask(w, std::move(p)));
    }
};
} // namespace

TEST_CASE("IOTask knows its operation", "[queue]")
{
    Writable w;
    IOTask task(&w, Parameter<Operation::READ_ATTS>{});
    CHECK(task.operation() == Operation::READ_ATTS);
    CHECK(task.writable == &w);
    CHECK(std::string(operationToString(Operation::WRITE_DATASET)) == "WRITE_DATASET");
    CHECK(std::string(operationToString(Operation::DEREGISTER)) == "DEREGISTER");
}

TEST_CASE("nothing runs before flush, then tasks run in FIFO order", "[queue]")
{
    Fixture f;
    f.handler.enqueue(IOTask(&f.root, Parameter<Operation::CREATE_FILE>{"f.rec"}));
    f.createPath(&f.group, "data");
    f.writeAttribute(&f.group, "x");
    f.createPath(&f.child, "child");
    f.writeAttribute(&f.root, "y");
    CHECK(f.impl->log.empty());
    CHECK(f.handler.m_work.size() == 5);

    auto done = f.handler.flush();
    CHECK(done.valid());
    CHECK(f.handler.m_work.empty());
    CHECK(f.impl->log == std::vector<std::string>{"CREATE_FILE f.rec", "CREATE_PATH data",
                                                  "WRITE_ATT x", "CREATE_PATH child",
                                                  "WRITE_ATT y"});
    CHECK(f.root.written);
    CHECK(f.group.written);
    CHECK(f.impl->endFlushes == 1);
}

TEST_CASE("a failed task drops its dependents and keeps unrelated tasks", "[queue]")
{
    Fixture f;
    f.impl->failWithOpenPMDError = "data";
    f.createPath(&f.other, "other"); // before the failure: runs
    f.createPath(&f.group, "data");  // fails
    f.writeAttribute(&f.group, "x"); // same node: dropped
    f.createPath(&f.child, "child"); // below it: dropped
    f.writeAttribute(&f.other, "o"); // unrelated: kept
    f.handler.enqueue(IOTask(&f.child, Parameter<Operation::DEREGISTER>{})); // kept

    CHECK_THROWS_AS(f.handler.flush(), error::WriteError);
    CHECK(f.impl->log == std::vector<std::string>{"CREATE_PATH other"});
    // What succeeded before the failure is persisted.
    CHECK(f.impl->endFlushes == 1);
    REQUIRE(f.handler.m_work.size() == 2);

    f.impl->failWithOpenPMDError.clear();
    f.handler.flush();
    CHECK(f.impl->log ==
          std::vector<std::string>{"CREATE_PATH other", "WRITE_ATT o", "DEREGISTER"});
    CHECK_FALSE(f.group.written);
    CHECK(f.handler.m_work.empty());
}

TEST_CASE("foreign exceptions reach the caller as openPMD errors", "[queue]")
{
    Fixture f;
    f.impl->failWithStdError = "data";
    f.createPath(&f.group, "data");
    try
    {
        f.handler.flush();
        FAIL("expected an error");
    }
    catch (error::WriteError const& e)
    {
        CHECK(e.backend == std::optional<std::string>("Recording"));
        CHECK_THAT(e.what(), Catch::Contains("CREATE_PATH"));
        CHECK_THAT(e.what(), Catch::Contains("disk on fire at data"));
    }

    f.impl->failWithStdError = "b";
    f.handler.enqueue(IOTask(&f.root, Parameter<Operation::READ_ATTS>{}));
    CHECK_THROWS_AS(f.handler.flush(), error::ReadError);
}

TEST_CASE("a failure to persist at the end of a flush is a WriteError", "[queue]")
{
    Fixture f;
    f.impl->failToPersist = true;
    f.writeAttribute(&f.group, "x");
    try
    {
        f.handler.flush();
        FAIL("expected an error");
    }
    catch (error::WriteError const& e)
    {
        CHECK_THAT(e.what(), Catch::Contains("no space left"));
        CHECK_THAT(e.what(), Catch::Contains("Recording"));
    }
}

TEST_CASE("operations a backend lacks throw OperationUnsupportedInBackend", "[queue]")
{
    Fixture f;
    Parameter<Operation::WRITE_DATASET> write;
    f.handler.enqueue(IOTask(&f.group, std::move(write)));
    try
    {
        f.handler.flush();
        FAIL("expected an error");
    }
    catch (error::OperationUnsupportedInBackend const& e)
    {
        CHECK(e.backend == "Recording");
        CHECK_THAT(e.what(), Catch::Contains("WRITE_DATASET"));
    }
}

TEST_CASE("default implementations of optional operations", "[queue]")
{
    Fixture f;
    Parameter<Operation::READ_ATTS> readAll;
    Parameter<Operation::CHECK_FILE> check;
    *check.fileExists = Parameter<Operation::CHECK_FILE>::FileExists::Yes;
    Parameter<Operation::ADVANCE> advance;
    Parameter<Operation::GET_BUFFER_VIEW> view;
    view.out->backendManagedBuffer = true;
    auto attributes = readAll.attributes;
    auto exists = check.fileExists;
    auto status = advance.status;
    auto out = view.out;
    f.handler.enqueue(IOTask(&f.root, std::move(readAll)));
    f.handler.enqueue(IOTask(&f.root, std::move(check)));
    f.handler.enqueue(IOTask(&f.root, std::move(advance)));
    f.handler.enqueue(IOTask(&f.root, std::move(view)));
    f.handler.enqueue(IOTask(&f.root, Parameter<Operation::CLOSE_PATH>{}));
    f.handler.flush();

    REQUIRE(attributes->size() == 2);
    CHECK(attributes->at("a").get<double>() == 1.5);
    CHECK(attributes->at("b").get<std::string>() == "bee");
    CHECK(*exists == Parameter<Operation::CHECK_FILE>::FileExists::DontKnow);
    CHECK(*status == AdvanceStatus::RANDOMACCESS);
    CHECK_FALSE(out->backendManagedBuffer);
}

TEST_CASE("the dummy handler discards its tasks", "[queue]")
{
    DummyIOHandler dummy(".", Access::CREATE);
    Writable w;
    dummy.enqueue(IOTask(&w, Parameter<Operation::CREATE_FILE>{"x"}));
    dummy.flush();
    CHECK(dummy.m_work.empty());
    CHECK_FALSE(w.written);
    CHECK(dummy.backendName() == "Dummy");
}
