#pragma once

#include "openPMD/IO/AbstractIOHandler.hpp"

namespace openPMD
{
/** A handler that stores nothing: flush() discards the queued tasks. */
class DummyIOHandler final : public AbstractIOHandler
{
public:
    DummyIOHandler(std::string directory, Access access);

    std::future<void> flush(FlushParams const& params = {}) override;
    std::string backendName() const override;
};
} // namespace openPMD
