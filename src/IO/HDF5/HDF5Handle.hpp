#pragma once

#include <hdf5.h>

#include <utility>

namespace openPMD::hdf5
{
/**
 * Owns one HDF5 identifier (file, group, dataset, attribute, dataspace,
 * datatype, property list) and releases it when destroyed.
 *
 * Library constants such as H5T_NATIVE_INT or H5P_DEFAULT are never wrapped:
 * only ids that were opened or created by us and must be closed.
 */
class Handle
{
public:
    Handle() = default;
    explicit Handle(hid_t id) : m_id(id) {}
    ~Handle() { reset(); }

    Handle(Handle const&) = delete;
    Handle& operator=(Handle const&) = delete;
    Handle(Handle&& other) noexcept : m_id(std::exchange(other.m_id, H5I_INVALID_HID)) {}
    Handle& operator=(Handle&& other) noexcept
    {
        if (this != &other)
        {
            reset();
            m_id = std::exchange(other.m_id, H5I_INVALID_HID);
        }
        return *this;
    }

    hid_t get() const { return m_id; }
    bool valid() const { return m_id >= 0; }
    explicit operator bool() const { return valid(); }

    /**
     * Releases the id. Never throws: a failure here can only mean the id was
     * already invalid, and destructors must not throw.
     */
    void reset() noexcept
    {
        if (m_id >= 0)
        {
            // H5Idec_ref closes any kind of id once its count drops to zero.
            H5Idec_ref(m_id);
            m_id = H5I_INVALID_HID;
        }
    }

    /** Gives up ownership without closing. */
    hid_t release() noexcept { return std::exchange(m_id, H5I_INVALID_HID); }

private:
    hid_t m_id = H5I_INVALID_HID;
};
} // namespace openPMD::hdf5
