#include "IO/HDF5/HDF5Links.hpp"

#include <algorithm>

namespace openPMD::hdf5
{
namespace
{
/** The type of the object at a hard link's address (no name lookup). */
H5O_type_t typeAtAddress(hid_t group, ObjectAddress const& address)
{
    Handle const object = openAtAddress(group, address);
    switch (object ? H5Iget_type(object.get()) : H5I_BADID)
    {
    case H5I_GROUP:
        return H5O_TYPE_GROUP;
    case H5I_DATASET:
        return H5O_TYPE_DATASET;
    default:
        return H5O_TYPE_UNKNOWN;
    }
}

ObjectAddress addressOf(H5L_info_t const& info)
{
#if H5_VERSION_GE(1, 12, 0)
    return info.u.token;
#else
    return info.u.address;
#endif
}

herr_t collectMember(hid_t group, char const* name, H5L_info_t const* info, void* data)
{
    auto& members = *static_cast<Members*>(data);
    if (info->type == H5L_TYPE_EXTERNAL)
    {
        // Following it would open another file behind the caller's back.
        return 0;
    }
    bool const hard = info->type == H5L_TYPE_HARD;
    switch (hard ? typeAtAddress(group, addressOf(*info)) : objectTypeAt(group, name))
    {
    case H5O_TYPE_GROUP:
        members.groups.emplace_back(name);
        break;
    case H5O_TYPE_DATASET:
        members.datasets.emplace_back(name);
        break;
    default:
        return 0;
    }
    if (hard)
    {
        members.addresses.emplace(name, addressOf(*info));
    }
    return 0;
}
} // namespace

std::string joinSegments(std::vector<std::string> const& segments)
{
    std::string joined;
    for (auto const& segment : segments)
    {
        if (!joined.empty())
        {
            joined += '/';
        }
        joined += segment;
    }
    return joined;
}

std::string appendPath(std::string const& base, std::string const& relative)
{
    if (relative.empty())
    {
        return base;
    }
    return base == "/" ? "/" + relative : base + "/" + relative;
}

bool linkExists(hid_t location, std::vector<std::string> const& segments,
                Site const& site)
{
    std::string prefix;
    for (auto const& segment : segments)
    {
        prefix += (prefix.empty() ? "" : "/") + segment;
        if (checkStatus(H5Lexists(location, prefix.c_str(), H5P_DEFAULT), site,
                        "cannot look up links below") == 0)
        {
            return false;
        }
    }
    return true;
}

H5O_type_t objectTypeAt(hid_t location, std::string const& relative)
{
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    herr_t const status = H5Oget_info_by_name3(location, relative.c_str(), &info,
                                               H5O_INFO_BASIC, H5P_DEFAULT);
#else
    H5O_info_t info;
    herr_t const status = H5Oget_info_by_name2(location, relative.c_str(), &info,
                                               H5O_INFO_BASIC, H5P_DEFAULT);
#endif
    if (status < 0)
    {
        H5Eclear2(H5E_DEFAULT);
        return H5O_TYPE_UNKNOWN;
    }
    return info.type;
}

Handle openAtAddress(hid_t location, ObjectAddress const& address)
{
#if H5_VERSION_GE(1, 12, 0)
    return Handle(attemptId(H5Oopen_by_token(location, address)));
#else
    return Handle(attemptId(H5Oopen_by_addr(location, address)));
#endif
}

Handle openIfKind(hid_t location, std::string const& relative, H5I_type_t kind)
{
    Handle object(attemptId(H5Oopen(location, relative.c_str(), H5P_DEFAULT)));
    if (object && H5Iget_type(object.get()) != kind)
    {
        object.reset();
    }
    return object;
}

Members listMembers(hid_t group, Site const& site)
{
    Members members;
    checkStatus(
        H5Literate(group, H5_INDEX_NAME, H5_ITER_INC, nullptr, collectMember, &members),
        site, "cannot list the members of");
    std::sort(members.groups.begin(), members.groups.end());
    std::sort(members.datasets.begin(), members.datasets.end());
    return members;
}
} // namespace openPMD::hdf5
