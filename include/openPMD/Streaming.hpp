#pragma once

namespace openPMD
{
/** Result of advancing a backend to its next step. */
enum class AdvanceStatus
{
    OK,
    /** No more steps will come. */
    OVER,
    /** The backend has no steps: all data is accessible at once (HDF5, JSON). */
    RANDOMACCESS
};

/** Which way to advance: open a step or close the current one. */
enum class AdvanceMode
{
    BEGINSTEP,
    ENDSTEP
};

/** Whether a step is currently open. */
enum class StepStatus
{
    DuringStep,
    NoStep
};
} // namespace openPMD
