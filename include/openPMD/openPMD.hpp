#pragma once

// The one header users include.

#include "openPMD/config.hpp"

#include "openPMD/ChunkInfo.hpp"
#include "openPMD/Dataset.hpp"
#include "openPMD/Datatype.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/IterationEncoding.hpp"
#include "openPMD/Streaming.hpp"
#include "openPMD/UnitDimension.hpp"
#include "openPMD/version.hpp"

#include "openPMD/auxiliary/Path.hpp"
#include "openPMD/backend/Attribute.hpp"
#include "openPMD/backend/Writable.hpp"

#include "openPMD/IO/AbstractFilePosition.hpp"
#include "openPMD/IO/AbstractIOHandler.hpp"
#include "openPMD/IO/AbstractIOHandlerHelper.hpp"
#include "openPMD/IO/AbstractIOHandlerImpl.hpp"
#include "openPMD/IO/Access.hpp"
#include "openPMD/IO/BackendRegistry.hpp"
#include "openPMD/IO/ChunkSelection.hpp"
#include "openPMD/IO/DummyIOHandler.hpp"
#include "openPMD/IO/FilenamePattern.hpp"
#include "openPMD/IO/FlushParams.hpp"
#include "openPMD/IO/Format.hpp"
#include "openPMD/IO/IOTask.hpp"
