#pragma once

// openPMD-api spelling of the header.
#include "openPMD/helper/ListSeries.hpp"
