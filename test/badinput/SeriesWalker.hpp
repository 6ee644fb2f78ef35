#pragma once

// Reads everything of a Series through the public API: every attribute of
// every object, every iteration, mesh, species, record, component and patch,
// and every dataset's content. Shared by walk_series (the bad-input corpus)
// and the fuzz targets in test/fuzz.

#include <openPMD/openPMD.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <vector>

namespace openPMD::badinput
{
/**
 * Walks a Series. Every openPMD::Error a step raises goes to `onError` and
 * the walk goes on; any other exception escapes.
 */
class SeriesWalker
{
public:
    using ErrorHandler = std::function<void(Error const&)>;

    explicit SeriesWalker(ErrorHandler onError) : m_onError(std::move(onError)) {}

    /** Opens `path` read-only and reads all of it. */
    void walk(std::string const& path, std::string const& options = "{}")
    {
        step(
            [&]
            {
                Series series(path, Access::READ_ONLY, options);
                walkSeries(series);
            });
    }

private:
    ErrorHandler m_onError;

    /** Runs one step; an openPMD::Error is reported and the walk goes on. */
    void step(std::function<void()> const& what)
    {
        try
        {
            what();
        }
        catch (Error const& e)
        {
            m_onError(e);
        }
    }

    /**
     * Runs a probe that may fail on good input too (a conversion a reader
     * tries, an optional attribute): only foreign exceptions escape it.
     */
    static void probe(std::function<void()> const& what)
    {
        try
        {
            what();
        }
        catch (Error const&)
        {
        }
    }

    void readAttributes(Attributable& object)
    {
        for (auto const& name : object.attributes())
        {
            step(
                [&]
                {
                    Attribute const value = object.getAttribute(name);
                    std::visit([](auto const&) {}, value.getResource());
                    // Conversions a reader asks for.
                    probe([&] { (void)value.get<double>(); });
                    probe([&] { (void)value.get<std::vector<double>>(); });
                    probe([&] { (void)value.get<std::string>(); });
                    probe([&] { (void)value.get<std::vector<std::string>>(); });
                    probe([&] { (void)value.get<std::uint64_t>(); });
                });
        }
    }

    void readComponent(Series& series, RecordComponent component)
    {
        readAttributes(component);
        step([&] { (void)component.unitSI(); });
        step([&] { (void)component.getDatatype(); });
        step([&] { (void)component.getExtent(); });
        step([&] { (void)component.getDimensionality(); });
        step([&] { (void)component.constant(); });
        step([&] { (void)component.empty(); });
        step([&] { (void)component.availableChunks(); });
        step(
            [&]
            {
                auto data = component.loadChunkVariant();
                series.flush();
            });
    }

    template <typename BaseRecordT>
    void readRecord(Series& series, BaseRecordT record)
    {
        readAttributes(record);
        step([&] { (void)record.unitDimension(); });
        if constexpr (!std::is_same_v<BaseRecordT, PatchRecord>)
        {
            step([&] { (void)record.template timeOffset<double>(); });
        }
        for (auto& entry : record)
        {
            readComponent(series, entry.second);
        }
    }

    void readMesh(Series& series, Mesh mesh)
    {
        readRecord(series, mesh);
        step([&] { (void)mesh.geometry(); });
        probe([&] { (void)mesh.geometryParameters(); });
        step([&] { (void)mesh.dataOrder(); });
        step([&] { (void)mesh.axisLabels(); });
        step([&] { (void)mesh.gridSpacing<double>(); });
        step([&] { (void)mesh.gridGlobalOffset(); });
        step([&] { (void)mesh.gridUnitSI(); });
        for (auto& entry : mesh)
        {
            step([&] { (void)entry.second.position<double>(); });
        }
    }

    void readIteration(Series& series, Iteration iteration)
    {
        step([&] { iteration.open(); });
        readAttributes(iteration);
        step([&] { (void)iteration.time<double>(); });
        step([&] { (void)iteration.dt<double>(); });
        step([&] { (void)iteration.timeUnitSI(); });
        step(
            [&]
            {
                readAttributes(iteration.meshes);
                for (auto& mesh : iteration.meshes)
                {
                    step([&] { readMesh(series, mesh.second); });
                }
            });
        step(
            [&]
            {
                readAttributes(iteration.particles);
                for (auto& species : iteration.particles)
                {
                    step(
                        [&]
                        {
                            ParticleSpecies s = species.second;
                            readAttributes(s);
                            for (auto& record : s)
                            {
                                step([&] { readRecord(series, record.second); });
                            }
                            step([&] { (void)s.particlePatches.numPatches(); });
                            for (auto& patch : s.particlePatches)
                            {
                                step([&] { readRecord(series, patch.second); });
                            }
                        });
                }
            });
        step([&] { iteration.close(); });
    }

    void walkSeries(Series& series)
    {
        readAttributes(series);
        step([&] { (void)series.openPMD(); });
        step([&] { (void)series.basePath(); });
        step([&] { (void)series.iterationEncoding(); });
        step([&] { (void)series.meshesPath(); });
        step([&] { (void)series.particlesPath(); });
        for (auto& entry : series.iterations)
        {
            step([&] { readIteration(series, entry.second); });
        }
        step([&] { series.close(); });
    }
};
} // namespace openPMD::badinput
