#pragma once

#include "openPMD/Dataset.hpp"
#include "openPMD/Datatype.hpp"
#include "openPMD/Span.hpp"
#include "openPMD/auxiliary/UniquePtr.hpp"
#include "openPMD/backend/BaseRecordComponent.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace openPMD
{
template <typename T_elem>
class BaseRecord;
template <typename T, typename Key, typename Map>
class Container;
namespace internal
{
template <typename T_elem>
class BaseRecordData;
template <typename T, typename Key, typename Map>
class ContainerData;
} // namespace internal

namespace traits
{
/** std::vector and std::array: contiguous containers storeChunk accepts. */
template <typename T>
struct IsContiguousContainer : std::false_type
{
};
template <typename T, typename A>
struct IsContiguousContainer<std::vector<T, A>> : std::true_type
{
};
template <typename T, std::size_t N>
struct IsContiguousContainer<std::array<T, N>> : std::true_type
{
};
} // namespace traits

namespace detail
{
template <typename T>
struct SharedPtrOf
{
    using type = std::shared_ptr<T>;
};
/** shared_ptr of each dataset type, for loadChunkVariant(). */
template <typename... Ts>
struct SharedPtrVariant;
template <typename... Ts>
struct SharedPtrVariant<std::variant<Ts...>>
{
    using type = std::variant<std::shared_ptr<Ts>...>;
};
} // namespace detail

using shared_ptr_dataset_types = detail::SharedPtrVariant<dataset_types>::type;

/**
 * One component of a record: an n-dimensional dataset (or a constant).
 *
 * Chunk IO is checked at once (rank, bounds, type) and performed at the next
 * flush point: storeChunk keeps the caller's buffer (no copy) until then,
 * loadChunk fills the buffer then.
 *
 * MPI: resetDataset, makeConstant, makeEmpty and every attribute setter are
 * collective (same arguments on every rank); storeChunk and loadChunk are
 * each rank's own (any number of chunks, or none).
 */
class RecordComponent : public BaseRecordComponent
{
    template <typename T, typename Key, typename Map>
    friend class Container;
    template <typename T_elem>
    friend class BaseRecord;
    template <typename T_elem>
    friend class internal::BaseRecordData;

public:
    enum class Allocation
    {
        USER,
        API,
        AUTO
    };

    using DataType = internal::RecordComponentData;

    /** The key of a record's only component when the record is scalar. */
    static constexpr char const* SCALAR = "\vScalar";

    RecordComponent& setUnitSI(double);

    /**
     * Declare type and extent. Called again after the first flush it extends
     * the dataset (same rank, same type, no dimension shrinks; UNDEFINED
     * keeps the type). MPI: collective.
     */
    virtual RecordComponent& resetDataset(Dataset);

    uint8_t getDimensionality() const;
    Extent getExtent() const;

    /** One value for the whole extent (before the first flush). MPI: collective. */
    template <typename T>
    RecordComponent& makeConstant(T value)
    {
        return makeConstantImpl(Attribute(std::move(value)));
    }
    /** A dataset with zero extent in `dimensions` dimensions. */
    template <typename T>
    RecordComponent& makeEmpty(uint8_t dimensions)
    {
        return makeEmpty(determineDatatype<T>(), dimensions);
    }
    RecordComponent& makeEmpty(Datatype, uint8_t dimensions);
    /** Whether the extent has a zero. */
    bool empty() const;

    // ---- loading -------------------------------------------------------
    template <typename T>
    std::shared_ptr<T> loadChunk(Offset offset = {0u}, Extent extent = {-1u})
    {
        size_t const n = loadBufferElements(offset, extent, sizeof(T));
        std::shared_ptr<T> data;
        try
        {
            data.reset(new T[n == 0 ? 1 : n], [](T* p) { delete[] p; });
        }
        catch (std::bad_alloc const&)
        {
            throwLoadBufferTooLarge(n, sizeof(T));
        }
        loadChunk(data, std::move(offset), std::move(extent));
        return data;
    }
    shared_ptr_dataset_types loadChunkVariant(Offset offset = {0u},
                                              Extent extent = {-1u});
    template <typename T>
    void loadChunk(std::shared_ptr<T> data, Offset offset, Extent extent)
    {
        static_assert(!std::is_const_v<T>, "loadChunk needs a writable buffer");
        Datatype const dtype = determineDatatype<T>();
        size_t const n = prepareLoad(dtype, offset, extent);
        if (constant())
        {
            T const value = attributeAs<T>("value");
            for (size_t i = 0; i < n; ++i)
            {
                data.get()[i] = value;
            }
            return;
        }
        loadChunkImpl(std::static_pointer_cast<void>(data), dtype, std::move(offset),
                      std::move(extent));
    }
    template <typename T>
    void loadChunk(std::shared_ptr<T[]> data, Offset offset, Extent extent)
    {
        loadChunk(std::shared_ptr<T>(data, data.get()), std::move(offset),
                  std::move(extent));
    }
    /** `data` must stay valid until the next flush point. */
    template <typename T>
    void loadChunkRaw(T* data, Offset offset, Extent extent)
    {
        loadChunk(std::shared_ptr<T>(data, [](T*) {}), std::move(offset),
                  std::move(extent));
    }

    // ---- storing -------------------------------------------------------
    template <typename T>
    void storeChunk(std::shared_ptr<T> data, Offset offset, Extent extent)
    {
        using Value = std::remove_const_t<T>;
        storeChunkImpl(std::static_pointer_cast<void const>(data),
                       determineDatatype<Value>(), std::move(offset), std::move(extent));
    }
    template <typename T>
    void storeChunk(std::shared_ptr<T[]> data, Offset offset, Extent extent)
    {
        storeChunk(std::shared_ptr<T>(data, data.get()), std::move(offset),
                   std::move(extent));
    }
    template <typename T, typename Del>
    void storeChunk(std::unique_ptr<T, Del> data, Offset offset, Extent extent)
    {
        using Value = std::remove_extent_t<T>;
        Value* raw = data.get();
        std::shared_ptr<T> owner(std::move(data));
        storeChunk(std::shared_ptr<Value>(owner, raw), std::move(offset),
                   std::move(extent));
    }
    /** `data` must stay valid and unchanged until the next flush point. */
    template <typename T>
    void storeChunkRaw(T* data, Offset offset, Extent extent)
    {
        storeChunk(std::shared_ptr<T const>(data, [](T const*) {}), std::move(offset),
                   std::move(extent));
    }
    /**
     * Store from a std::vector or std::array, which must stay valid and
     * unchanged until the next flush point. Its size must equal the extent.
     */
    template <typename Cont>
    std::enable_if_t<traits::IsContiguousContainer<Cont>::value>
    storeChunk(Cont& data, Offset offset = {0u}, Extent extent = {-1u})
    {
        size_t const n = resolvedSize(offset, extent);
        checkContainerSize(data.size(), n);
        storeChunkRaw(data.data(), std::move(offset), std::move(extent));
    }
    /**
     * Span API: a buffer to fill before the next flush point. It is the
     * backend's own memory where the backend offers it (no copy at the
     * flush); else it comes from `createBuffer(size)`, which returns a
     * std::shared_ptr<T>, and is written at the flush like storeChunk.
     */
    template <typename T, typename F>
    DynamicMemoryView<T> storeChunk(Offset offset, Extent extent, F&& createBuffer)
    {
        Datatype const dtype = determineDatatype<T>();
        size_t const n = checkStore(dtype, offset, extent);
        if (auto address = backendBufferView(dtype, offset, extent))
        {
            return DynamicMemoryView<T>(std::move(address), n);
        }
        std::shared_ptr<T> buffer = createBuffer(n);
        storeChunk(buffer, std::move(offset), std::move(extent));
        return DynamicMemoryView<T>(std::move(buffer), n);
    }
    template <typename T>
    DynamicMemoryView<T> storeChunk(Offset offset, Extent extent)
    {
        return storeChunk<T>(std::move(offset), std::move(extent),
                             [](size_t n) {
                                 return std::shared_ptr<T>(new T[n == 0 ? 1 : n],
                                                           [](T* p) { delete[] p; });
                             });
    }

    /** Calls Visitor::call<T>(*this, args...) with T the dataset's type. */
    template <typename Visitor, typename... Args>
    auto visit(Args&&... args)
    {
        return switchDatasetType<VisitAction<Visitor>>(getDatatype(), *this,
                                                       std::forward<Args>(args)...);
    }

protected:
    RecordComponent();
    explicit RecordComponent(std::shared_ptr<internal::RecordComponentData>);

    RecordComponent& makeConstantImpl(Attribute value);
    void storeChunkImpl(std::shared_ptr<void const> data, Datatype, Offset, Extent);
    /**
     * The checks of every store (writable, no constant, type, rank, bounds);
     * completes offset and extent; returns the element count.
     */
    size_t checkStore(Datatype, Offset& offset, Extent& extent);
    /**
     * Span API: asks the backend for a view of the (checked) selection.
     * Returns the function that yields its current address, or an empty
     * function if the backend offers none (then the caller falls back).
     */
    std::function<void*()> backendBufferView(Datatype, Offset const& offset,
                                             Extent const& extent);
    void loadChunkImpl(std::shared_ptr<void> data, Datatype, Offset, Extent);
    /** Checks and completes offset/extent ({0u}, {-1u}); returns the element count. */
    size_t resolvedSize(Offset& offset, Extent& extent) const;
    /**
     * resolvedSize() for a buffer the library allocates: the extent may come
     * from a file, so a buffer larger than this machine's memory is an error
     * (error::ReadError) rather than a std::bad_alloc.
     */
    size_t loadBufferElements(Offset& offset, Extent& extent, size_t elementSize) const;
    [[noreturn]] void throwLoadBufferTooLarge(size_t elements, size_t elementSize) const;
    size_t prepareLoad(Datatype, Offset& offset, Extent& extent) const;
    void checkContainerSize(size_t have, size_t need) const;

private:
    template <typename Visitor>
    struct VisitAction
    {
        template <typename T, typename... Args>
        static auto call(RecordComponent& rc, Args&&... args)
        {
            return Visitor::template call<T>(rc, std::forward<Args>(args)...);
        }
    };
};
} // namespace openPMD
