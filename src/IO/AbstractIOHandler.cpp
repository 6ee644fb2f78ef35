#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/AbstractIOHandlerImpl.hpp"

#include <utility>

namespace openPMD
{
AbstractIOHandler::AbstractIOHandler(std::string directory_in, Access access)
    : directory(std::move(directory_in)), m_backendAccess(access),
      m_frontendAccess(access)
{
}

AbstractIOHandler::~AbstractIOHandler() = default;

void AbstractIOHandler::enqueue(IOTask task)
{
    m_work.push(std::move(task));
}

ImplIOHandler::ImplIOHandler(std::string directory_in, Access access,
                             std::unique_ptr<AbstractIOHandlerImpl> impl)
    : AbstractIOHandler(std::move(directory_in), access), m_impl(std::move(impl))
{
}

ImplIOHandler::~ImplIOHandler() = default;

std::future<void> ImplIOHandler::flush(FlushParams const& params)
{
    m_droppedTasks.clear();
    return m_impl->flush(m_work, params, &m_droppedTasks);
}

std::string ImplIOHandler::backendName() const
{
    return m_impl->backendName();
}
} // namespace openPMD
