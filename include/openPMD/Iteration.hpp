#pragma once

#include "openPMD/Mesh.hpp"
#include "openPMD/ParticleSpecies.hpp"
#include "openPMD/backend/Attributable.hpp"
#include "openPMD/backend/Container.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>

namespace openPMD
{
class Series;

namespace internal
{
class IterationData : public AttributableData
{
public:
    IterationData();
    ~IterationData() override;

    std::shared_ptr<ContainerData<Mesh>> m_meshes;
    std::shared_ptr<ContainerData<ParticleSpecies>> m_particles;

    std::uint64_t m_index = 0;
    bool m_closed = false;
    /** False while the content waits to be read (lazy parsing). */
    bool m_parsed = true;
    bool m_parsing = false;

    /** File-based only: the iteration's own file and its "data" group. */
    Writable m_fileRoot;
    Writable m_dataGroup;
    /** File-based only: the file name (with extension). */
    std::string m_filename;
    bool m_fileOpen = false;
    /** A CLOSE_FILE of the own file is due (after a failed flush dropped it). */
    bool m_closeFilePending = false;
    /** Series root attributes version last written into the own file. */
    std::uint64_t m_rootVersionWritten = 0;

    void onLinked() override;
    void ensureLoaded() override;
    bool isClosedIteration() const override { return m_closed; }
    /** Also when listed in storage but not read yet (lazy parsing). */
    bool existsInStorage() const override { return m_inStorage || !m_parsed; }
    void flushTree(SeriesData& series) override;
    void forEachChild(std::function<void(AttributableData&)> const& visit) override;

    /**
     * Drop the content of a closed iteration whose tasks have run (meshes,
     * particles and everything below): queues DEREGISTER for every dropped
     * node that the backend knows (if `handler` is given), and marks the
     * nodes released so that handles the user still holds report their use
     * as an error. The iteration itself keeps its index, its own attributes
     * and its state.
     */
    void releaseContent(AbstractIOHandler* handler);

    /** Storage placement by encoding (file-based: own file). */
    void placeInStorage(SeriesData& series);

protected:
    void notifyParent() override;
    void flushChildren(SeriesData& series) override;
};
} // namespace internal

/** One snapshot of the simulation: meshes and particles at one time. */
class Iteration : public Attributable
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    template <typename T, typename Key, typename Map>
    friend class internal::ContainerData;
    friend class Series;
    friend class WriteIterations;
    friend class SeriesIterator;

public:
    Iteration(Iteration const&) = default;
    Iteration(Iteration&&) = default;
    Iteration& operator=(Iteration const&) = default;
    Iteration& operator=(Iteration&&) = default;

    template <typename T>
    T time() const
    {
        static_assert(std::is_floating_point_v<T>, "time is floating point");
        return attributeAs<T>("time");
    }
    template <typename T>
    Iteration& setTime(T time)
    {
        static_assert(std::is_floating_point_v<T>, "time is floating point");
        setAttribute("time", time);
        return *this;
    }
    template <typename T>
    T dt() const
    {
        static_assert(std::is_floating_point_v<T>, "dt is floating point");
        return attributeAs<T>("dt");
    }
    template <typename T>
    Iteration& setDt(T dt)
    {
        static_assert(std::is_floating_point_v<T>, "dt is floating point");
        setAttribute("dt", dt);
        return *this;
    }
    double timeUnitSI() const;
    Iteration& setTimeUnitSI(double);

    /**
     * Flush the iteration (if `flush`) and release its storage (file in
     * file-based encoding). A closed iteration cannot be reopened.
     * MPI: collective.
     */
    Iteration& close(bool flush = true);
    /** Open the iteration now (reads it in read modes). MPI: collective. */
    Iteration& open();
    bool closed() const;
    [[deprecated("use closed()")]] bool closedByWriter() const;

    Container<Mesh> meshes;
    Container<ParticleSpecies> particles;

protected:
    Iteration();
    explicit Iteration(std::shared_ptr<internal::IterationData>);
    internal::IterationData& it() const
    {
        return static_cast<internal::IterationData&>(*m_attri);
    }
};

/** An Iteration together with its index (from readIterations()/writeIterations()). */
class IndexedIteration : public Iteration
{
public:
    using index_t = std::uint64_t;
    IndexedIteration(Iteration const& iteration, index_t index)
        : Iteration(iteration), iterationIndex(index)
    {
    }
    index_t const iterationIndex;
};
} // namespace openPMD
