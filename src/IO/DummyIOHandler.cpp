#include "openPMD/IO/DummyIOHandler.hpp"

namespace openPMD
{
DummyIOHandler::DummyIOHandler(std::string directory_in, Access access)
    : AbstractIOHandler(std::move(directory_in), access)
{
}

std::future<void> DummyIOHandler::flush(FlushParams const&)
{
    m_work = {};
    std::promise<void> done;
    done.set_value();
    return done.get_future();
}

std::string DummyIOHandler::backendName() const
{
    return "Dummy";
}
} // namespace openPMD
