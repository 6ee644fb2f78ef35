#include "ChunkPlan.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace openPMD::tools
{
namespace
{
void split(ChunkInfo const& chunk, std::size_t dim, std::size_t elementSize,
           std::size_t budget, std::vector<ChunkInfo>& pieces)
{
    auto const& extent = chunk.extent;
    if (dim >= extent.size())
    {
        pieces.push_back(chunk);
        return;
    }
    // Bytes of one index of `dim` (the slab of all faster dimensions).
    std::size_t slab = elementSize;
    for (std::size_t d = dim + 1; d < extent.size(); ++d)
        slab *= static_cast<std::size_t>(extent[d]);
    if (slab * static_cast<std::size_t>(extent[dim]) <= budget)
    {
        pieces.push_back(chunk);
        return;
    }
    std::uint64_t const perPiece =
        std::max<std::uint64_t>(1, budget / std::max<std::size_t>(slab, 1));
    for (std::uint64_t start = 0; start < extent[dim]; start += perPiece)
    {
        ChunkInfo piece = chunk;
        piece.offset[dim] = chunk.offset[dim] + start;
        piece.extent[dim] = std::min<std::uint64_t>(perPiece, extent[dim] - start);
        if (slab > budget)
            split(piece, dim + 1, elementSize, budget,
                  pieces); // one index, split further
        else
            pieces.push_back(piece);
    }
}
} // namespace

std::vector<ChunkInfo> splitToBudget(ChunkInfo const& chunk, std::size_t elementSize,
                                     std::size_t budgetBytes)
{
    std::vector<ChunkInfo> pieces;
    for (auto n : chunk.extent)
    {
        if (n == 0)
            return pieces; // nothing to copy
    }
    split(chunk, 0, elementSize, std::max<std::size_t>(budgetBytes, 1), pieces);
    return pieces;
}

std::uint64_t elementCount(Extent const& extent)
{
    std::uint64_t n = 1;
    for (auto e : extent)
        n *= e;
    return n;
}

std::size_t parseByteSize(std::string const& text)
{
    std::size_t used = 0;
    double number = 0;
    try
    {
        number = std::stod(text, &used);
    }
    catch (std::exception const&)
    {
        throw std::invalid_argument("'" + text + "' is not a size (e.g. 256MiB)");
    }
    std::string unit = text.substr(used);
    double factor = 1;
    if (!unit.empty())
    {
        char const prefix =
            static_cast<char>(std::toupper(static_cast<unsigned char>(unit[0])));
        std::string const rest = unit.substr(1);
        bool const binary = rest == "iB" || rest == "" || rest == "i";
        bool const decimal = rest == "B";
        int power = std::string("KMGT").find(prefix) == std::string::npos
                        ? -1
                        : static_cast<int>(std::string("KMGT").find(prefix)) + 1;
        if (unit == "B")
            power = 0;
        if (power < 0 || !(binary || decimal || unit == "B"))
            throw std::invalid_argument("'" + text +
                                        "': unknown unit (use B, k/KiB, M/MiB, G/GiB, "
                                        "T/TiB, or KB/MB/GB/TB)");
        factor = std::pow(decimal ? 1000.0 : 1024.0, power);
    }
    double const bytes = number * factor;
    if (!(bytes >= 1) || bytes > 1e18)
        throw std::invalid_argument("'" + text + "': expected a size of at least 1 byte");
    return static_cast<std::size_t>(bytes);
}
} // namespace openPMD::tools
