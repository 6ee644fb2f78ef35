#pragma once

#include <cstdint>
#include <set>
#include <string>

namespace openPMD::tools
{
/**
 * What openpmd-pipe --resume needs: the iterations a conversion completed,
 * in a file beside the output (OUT.pipe-progress). A line per completed
 * iteration is appended and synced after the iteration was closed in the
 * output, so a killed conversion leaves a true list. It is removed when the
 * conversion ends well.
 */
class PipeProgress
{
public:
    PipeProgress(std::string const& outputSeries, std::string const& inputSeries);

    /** Whether the file exists (a conversion was stopped). */
    bool exists() const;
    /**
     * The iterations it lists.
     * @throws std::runtime_error if it belongs to another input or is damaged
     */
    std::set<std::uint64_t> completed() const;

    /** Starts a new list (truncates). */
    void start();
    void markCompleted(std::uint64_t index);
    void remove();

    std::string const& path() const { return m_path; }

private:
    std::string m_path;
    std::string m_header;
};
} // namespace openPMD::tools
