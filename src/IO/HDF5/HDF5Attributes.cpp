#include "IO/HDF5/HDF5Attributes.hpp"
#include "openPMD/Error.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <fmt/format.h>
#include <type_traits>

namespace openPMD::hdf5
{
namespace
{
template <typename T>
struct IsVector : std::false_type
{
};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type
{
};

/** What H5Acreate/H5Awrite need for one value: type, space and bytes. */
struct PreparedValue
{
    Handle ownedType;
    hid_t type = H5I_INVALID_HID;
    Handle space;
    std::vector<char> bytes;
    void const* data = nullptr;
};

Handle makeSpace(std::optional<hsize_t> length, Site const& site)
{
    if (!length)
    {
        return Handle(
            checkId(H5Screate(H5S_SCALAR), site, "cannot create a dataspace for"));
    }
    hsize_t const dims[1] = {*length};
    return Handle(checkId(H5Screate_simple(1, dims, nullptr), site,
                          "cannot create a dataspace for"));
}

PreparedValue prepareStrings(std::vector<std::string> const& strings, Site const& site)
{
    size_t longest = 0;
    for (auto const& s : strings)
    {
        longest = std::max(longest, s.size());
    }
    size_t const size = longest + 1;
    PreparedValue prepared;
    prepared.ownedType = makeStringType(size);
    prepared.type = prepared.ownedType.get();
    prepared.space = makeSpace(strings.size(), site);
    prepared.bytes.assign(std::max<size_t>(strings.size() * size, 1), '\0');
    for (size_t i = 0; i < strings.size(); ++i)
    {
        std::copy(strings[i].begin(), strings[i].end(),
                  prepared.bytes.begin() + i * size);
    }
    prepared.data = prepared.bytes.data();
    return prepared;
}

PreparedValue prepare(Attribute const& value, TypeTable const& types, Site const& site)
{
    return std::visit(
        [&](auto const& held) -> PreparedValue
        {
            using T = std::decay_t<decltype(held)>;
            PreparedValue prepared;
            if constexpr (std::is_same_v<T, std::string>)
            {
                prepared.ownedType = makeStringType(held.size() + 1);
                prepared.type = prepared.ownedType.get();
                prepared.space = makeSpace(std::nullopt, site);
                prepared.data = held.c_str();
            }
            else if constexpr (std::is_same_v<T, std::vector<std::string>>)
            {
                prepared = prepareStrings(held, site);
            }
            else if constexpr (std::is_same_v<T, bool>)
            {
                prepared.type = types.boolType();
                prepared.space = makeSpace(std::nullopt, site);
                prepared.bytes = {static_cast<char>(held ? 1 : 0)};
                prepared.data = prepared.bytes.data();
            }
            else if constexpr (IsVector<T>::value ||
                               std::is_same_v<T, std::array<double, 7>>)
            {
                prepared.type = types.elementType(determineDatatype<T>());
                prepared.space = makeSpace(held.size(), site);
                // HDF5 refuses a null buffer even for zero elements.
                static char const empty = 0;
                prepared.data = held.empty() ? static_cast<void const*>(&empty)
                                             : static_cast<void const*>(held.data());
            }
            else
            {
                prepared.type = types.elementType(determineDatatype<T>());
                prepared.space = makeSpace(std::nullopt, site);
                prepared.data = &held;
            }
            return prepared;
        },
        value.getResource());
}

/** True if the existing attribute has exactly the type and shape of `prepared`. */
bool sameLayout(hid_t attribute, PreparedValue const& prepared, Site const& site)
{
    Handle const type(checkId(H5Aget_type(attribute), site, "cannot get the type of"));
    Handle const space(checkId(H5Aget_space(attribute), site, "cannot get the shape of"));
    return checkStatus(H5Tequal(type.get(), prepared.type), site,
                       "cannot compare types of") > 0 &&
           checkStatus(H5Sextent_equal(space.get(), prepared.space.get()), site,
                       "cannot compare shapes of") > 0;
}

struct ReadNumeric
{
    template <typename T>
    static Attribute call(hid_t attribute, hid_t memoryType, bool scalar, size_t count,
                          Site const& site)
    {
        if (scalar)
        {
            T value{};
            checkStatus(H5Aread(attribute, memoryType, &value), site,
                        "cannot read attribute of");
            return Attribute(value);
        }
        std::vector<T> values(count);
        if (count > 0)
        {
            checkStatus(H5Aread(attribute, memoryType, values.data()), site,
                        "cannot read attribute of");
        }
        return Attribute(std::move(values));
    }
};

std::string trimmed(char const* begin, size_t size, H5T_str_t padding)
{
    char const pad = padding == H5T_STR_SPACEPAD ? ' ' : '\0';
    while (size > 0 && (begin[size - 1] == pad || begin[size - 1] == '\0'))
    {
        --size;
    }
    return std::string(begin, size);
}

std::vector<std::string> readStrings(hid_t attribute, hid_t fileType, hid_t space,
                                     size_t count, Site const& site)
{
    Handle const memoryType(checkId(H5Tcopy(fileType), site, "cannot copy the type of"));
    std::vector<std::string> result;
    result.reserve(count);
    if (isVariableString(fileType))
    {
        std::vector<char*> pointers(std::max<size_t>(count, 1), nullptr);
        checkStatus(H5Aread(attribute, memoryType.get(), pointers.data()), site,
                    "cannot read the strings of");
        for (size_t i = 0; i < count; ++i)
        {
            result.emplace_back(pointers[i] != nullptr ? pointers[i] : "");
        }
        // The memory belongs to HDF5's allocator: give it back there.
#if H5_VERSION_GE(1, 12, 0)
        herr_t const reclaimed =
            H5Treclaim(memoryType.get(), space, H5P_DEFAULT, pointers.data());
#else
        herr_t const reclaimed =
            H5Dvlen_reclaim(memoryType.get(), space, H5P_DEFAULT, pointers.data());
#endif
        checkStatus(reclaimed, site, "cannot release the strings read from");
        return result;
    }
    size_t const size = H5Tget_size(fileType);
    H5T_str_t const padding = H5Tget_strpad(fileType);
    if (size == 0 || padding == H5T_STR_ERROR)
    {
        raiseFromStack(site, "cannot get the string type of");
    }
    std::vector<char> bytes(std::max<size_t>(count * size, 1));
    checkStatus(H5Aread(attribute, memoryType.get(), bytes.data()), site,
                "cannot read the strings of");
    for (size_t i = 0; i < count; ++i)
    {
        result.push_back(trimmed(bytes.data() + i * size, size, padding));
    }
    return result;
}

Attribute readBools(hid_t attribute, hid_t boolType, bool scalar, size_t count,
                    Site const& site)
{
    std::vector<std::int8_t> values(std::max<size_t>(count, 1));
    checkStatus(H5Aread(attribute, boolType, values.data()), site,
                "cannot read attribute of");
    if (scalar)
    {
        return Attribute(values[0] != 0);
    }
    // There is no vector-of-bool Datatype: booleans become 0/1 bytes.
    std::vector<unsigned char> bytes(count);
    std::transform(values.begin(), values.begin() + static_cast<long>(count),
                   bytes.begin(),
                   [](std::int8_t v) { return static_cast<unsigned char>(v != 0); });
    return Attribute(std::move(bytes));
}

herr_t collectName(hid_t, char const* name, H5A_info_t const*, void* data)
{
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
}
} // namespace

void writeAttribute(hid_t object, bool objectCreated, std::string const& name,
                    Attribute const& value, TypeTable const& types, Site const& site)
{
    PreparedValue const prepared = prepare(value, types, site);
    if (objectCreated)
    {
        // Usually new on a new object: create first, look only if refused.
        Handle const attribute(
            attemptId(H5Acreate2(object, name.c_str(), prepared.type,
                                 prepared.space.get(), H5P_DEFAULT, H5P_DEFAULT)));
        if (attribute)
        {
            if (H5Awrite(attribute.get(), prepared.type, prepared.data) < 0)
            {
                raiseFromStack(site, fmt::format("cannot write attribute '{}' of", name));
            }
            return;
        }
    }
    std::string const what = fmt::format("cannot write attribute '{}' of", name);
    if (checkStatus(H5Aexists(object, name.c_str()), site, what) > 0)
    {
        Handle attribute(checkId(H5Aopen(object, name.c_str(), H5P_DEFAULT), site, what));
        if (sameLayout(attribute.get(), prepared, site))
        {
            checkStatus(H5Awrite(attribute.get(), prepared.type, prepared.data), site,
                        what);
            return;
        }
        // Another type or size: recreate rather than truncate or convert.
        attribute.reset();
        checkStatus(H5Adelete(object, name.c_str()), site, what);
    }
    Handle const attribute(
        checkId(H5Acreate2(object, name.c_str(), prepared.type, prepared.space.get(),
                           H5P_DEFAULT, H5P_DEFAULT),
                site, what));
    checkStatus(H5Awrite(attribute.get(), prepared.type, prepared.data), site, what);
}

Attribute readAttribute(hid_t object, std::string const& name, TypeTable const& types,
                        Site const& site)
{
    std::string const what = fmt::format("cannot read attribute '{}' of", name);
    if (checkStatus(H5Aexists(object, name.c_str()), site, what) == 0)
    {
        raise(site, error::Reason::NotFound, fmt::format("no attribute '{}' at", name),
              std::string_view{});
    }
    Handle const attribute(
        checkId(H5Aopen(object, name.c_str(), H5P_DEFAULT), site, what));
    Handle const fileType(checkId(H5Aget_type(attribute.get()), site, what));
    Handle const space(checkId(H5Aget_space(attribute.get()), site, what));
    H5S_class_t const shape = H5Sget_simple_extent_type(space.get());
    if (shape == H5S_NO_CLASS)
    {
        raiseFromStack(site, what);
    }
    if (shape != H5S_SCALAR && shape != H5S_SIMPLE)
    {
        raise(site, error::Reason::UnexpectedContent, what,
              "the attribute has no dataspace (empty)");
    }
    bool const scalar = shape == H5S_SCALAR;
    hssize_t const points = H5Sget_simple_extent_npoints(space.get());
    if (points < 0)
    {
        raiseFromStack(site, what);
    }
    auto const count = static_cast<size_t>(points);
    std::string whyNot;
    Datatype const element = classifyElement(fileType.get(), whyNot);
    switch (element)
    {
    case Datatype::UNDEFINED:
        raise(site, error::Reason::UnexpectedContent, what,
              fmt::format("unsupported datatype: {}", whyNot));
    case Datatype::STRING:
    {
        auto strings =
            readStrings(attribute.get(), fileType.get(), space.get(), count, site);
        if (scalar)
        {
            return Attribute(std::move(strings.at(0)));
        }
        return Attribute(std::move(strings));
    }
    case Datatype::BOOL:
        return readBools(attribute.get(), types.boolType(), scalar, count, site);
    default:
        break;
    }
    if (name == "unitDimension" && element == Datatype::DOUBLE && !scalar && count == 7 &&
        H5Sget_simple_extent_ndims(space.get()) == 1)
    {
        std::array<double, 7> values{};
        checkStatus(H5Aread(attribute.get(), H5T_NATIVE_DOUBLE, values.data()), site,
                    what);
        return Attribute(values);
    }
    return switchDatasetType<ReadNumeric>(
        element, attribute.get(), types.elementType(element), scalar, count, site);
}

std::vector<std::string> listAttributes(hid_t object, Site const& site)
{
    std::vector<std::string> names;
    checkStatus(
        H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_INC, nullptr, collectName, &names),
        site, "cannot list the attributes of");
    std::sort(names.begin(), names.end());
    return names;
}

void deleteAttribute(hid_t object, std::string const& name, Site const& site)
{
    std::string const what = fmt::format("cannot delete attribute '{}' of", name);
    if (checkStatus(H5Aexists(object, name.c_str()), site, what) > 0)
    {
        checkStatus(H5Adelete(object, name.c_str()), site, what);
    }
}
} // namespace openPMD::hdf5
