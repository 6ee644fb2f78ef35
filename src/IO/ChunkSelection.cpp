#include "openPMD/IO/ChunkSelection.hpp"

namespace openPMD
{
std::string extentToString(Extent const& extent)
{
    std::string text = "[";
    for (size_t d = 0; d < extent.size(); ++d)
    {
        text += (d == 0 ? "" : ", ") + std::to_string(extent[d]);
    }
    return text + "]";
}

namespace
{
std::string describe(Offset const& offset, Extent const& extent)
{
    return "the selection (offset " + extentToString(offset) + ", extent " +
           extentToString(extent) + ")";
}
} // namespace

std::string selectionProblem(Offset const& offset, Extent const& extent,
                             Extent const& datasetExtent)
{
    // Called once per chunk: text is built only when there is a problem.
    if (offset.size() != datasetExtent.size() || extent.size() != datasetExtent.size())
    {
        return describe(offset, extent) + " does not have the rank " +
               std::to_string(datasetExtent.size()) + " of the dataset";
    }
    for (size_t d = 0; d < datasetExtent.size(); ++d)
    {
        // Written so that offset + extent cannot overflow.
        if (offset[d] > datasetExtent[d] || extent[d] > datasetExtent[d] - offset[d])
        {
            return describe(offset, extent) + " reaches outside the dataset extent " +
                   extentToString(datasetExtent) + " in dimension " + std::to_string(d);
        }
    }
    return {};
}
} // namespace openPMD
