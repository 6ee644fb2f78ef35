#include "IO/Zarr/ZarrCodecs.hpp"
#include "openPMD/Error.hpp"
#include "openPMD/config.hpp"

#include <stdexcept>

#if openPMD_HAVE_ZLIB
#include <zlib.h>
#endif
#if openPMD_HAVE_ZSTD
#include <zstd.h>
#endif
#if openPMD_HAVE_BLOSC
#include <blosc.h>
#endif

namespace openPMD::zarr
{
namespace
{
bool available(std::string const& id)
{
    return (id == "zlib" && openPMD_HAVE_ZLIB) || (id == "zstd" && openPMD_HAVE_ZSTD) ||
           (id == "blosc" && openPMD_HAVE_BLOSC);
}

bool known(std::string const& id)
{
    return id == "zlib" || id == "zstd" || id == "blosc";
}

/** Fills a compressor from an object of numcodecs parameters; returns an error or "". */
template <typename J>
std::string readParameters(J const& spec, Compressor& c)
{
    for (auto const& item : spec.items())
    {
        auto const& key = item.key();
        auto const& value = item.value();
        bool const isInt = value.is_number_integer();
        if (key == "id")
            continue;
        if (key == "level" && c.id != "blosc" && isInt)
            c.level = value.template get<int>();
        else if (key == "clevel" && c.id == "blosc" && isInt)
            c.level = value.template get<int>();
        else if (key == "shuffle" && c.id == "blosc" && isInt)
            c.shuffle = value.template get<int>();
        else if (key == "blocksize" && c.id == "blosc" && isInt)
            c.blocksize = value.template get<int>();
        else if (key == "cname" && c.id == "blosc" && value.is_string())
            c.cname = value.template get<std::string>();
        else if (key == "checksum" && c.id == "zstd" && value.is_boolean() &&
                 !value.template get<bool>())
            continue;
        else
            return "unknown or ill-typed parameter '" + key + "' of codec '" + c.id + "'";
    }
    if (c.id == "blosc" && (c.shuffle < -1 || c.shuffle > 2))
        return "blosc shuffle must be -1, 0, 1 or 2";
    return "";
}

[[noreturn]] void fail(std::string const& what)
{
    throw std::invalid_argument(what);
}
} // namespace

std::string availableCodecs()
{
    std::string list;
    for (char const* id : {"zlib", "zstd", "blosc"})
        if (available(id))
            list += (list.empty() ? "" : ", ") + std::string(id);
    return list.empty() ? "none" : list;
}

Compressor compressorFromOptions(nlohmann::json const& spec,
                                 std::vector<std::string> const& location)
{
    Compressor c;
    if (spec.is_null() || (spec.is_string() && spec.get<std::string>() == "none"))
        return c;
    if (spec.is_string())
        c.id = spec.get<std::string>();
    else if (spec.is_object() && spec.contains("id") && spec["id"].is_string())
        c.id = spec["id"].get<std::string>();
    else
        throw error::BackendConfigSchema(
            location, "expected null, \"none\", a codec id or {\"id\": ..., ...}");
    if (!known(c.id))
        throw error::BackendConfigSchema(location, "unknown codec '" + c.id +
                                                       "' (known: zlib, zstd, blosc)");
    if (!available(c.id))
        throw error::BackendConfigSchema(
            location, "codec '" + c.id +
                          "' is not available: libopenPMD was built without it "
                          "(available: " +
                          availableCodecs() + ")");
    if (spec.is_object())
        if (auto problem = readParameters(spec, c); !problem.empty())
            throw error::BackendConfigSchema(location, problem);
    return c;
}

Compressor compressorFromMetadata(Json const& value)
{
    Compressor c;
    if (value.is_null())
        return c;
    if (!value.is_object() || !value.contains("id") || !value["id"].is_string())
        fail("expected null or an object with \"id\" as compressor, found " +
             value.dump());
    c.id = value["id"].get<std::string>();
    if (!known(c.id))
        fail("unknown compressor '" + c.id + "' (this backend reads zlib, zstd, blosc)");
    if (!available(c.id))
        fail("compressor '" + c.id +
             "' is not available in this build (available: " + availableCodecs() + ")");
    if (auto problem = readParameters(value, c); !problem.empty())
        fail(problem);
    return c;
}

std::string compressorMetadata(Compressor const& c)
{
    if (c.id.empty())
        return "null";
    if (c.id == "blosc")
        return "{\"blocksize\": " + std::to_string(c.blocksize) +
               ", \"clevel\": " + std::to_string(c.level) +
               ", \"cname\": " + quote(c.cname) +
               ", \"id\": \"blosc\", \"shuffle\": " + std::to_string(c.shuffle) + "}";
    return "{\"id\": " + quote(c.id) + ", \"level\": " + std::to_string(c.level) + "}";
}

std::vector<std::byte> encodeChunk(Compressor const& c, std::byte const* raw,
                                   std::size_t size, std::size_t typesize)
{
    (void)typesize;
    if (c.id.empty())
        return std::vector<std::byte>(raw, raw + size);
#if openPMD_HAVE_ZLIB
    if (c.id == "zlib")
    {
        uLongf length = compressBound(static_cast<uLong>(size));
        std::vector<std::byte> out(length);
        if (compress2(reinterpret_cast<Bytef*>(out.data()), &length,
                      reinterpret_cast<Bytef const*>(raw), static_cast<uLong>(size),
                      c.level) != Z_OK)
            fail("zlib compression failed");
        out.resize(length);
        return out;
    }
#endif
#if openPMD_HAVE_ZSTD
    if (c.id == "zstd")
    {
        std::vector<std::byte> out(ZSTD_compressBound(size));
        auto const length = ZSTD_compress(out.data(), out.size(), raw, size, c.level);
        if (ZSTD_isError(length))
            fail(std::string("zstd compression failed: ") + ZSTD_getErrorName(length));
        out.resize(length);
        return out;
    }
#endif
#if openPMD_HAVE_BLOSC
    if (c.id == "blosc")
    {
        int shuffle = c.shuffle;
        if (shuffle == -1) // numcodecs AUTOSHUFFLE
            shuffle = typesize == 1 ? BLOSC_BITSHUFFLE : BLOSC_SHUFFLE;
        std::vector<std::byte> out(size + BLOSC_MAX_OVERHEAD);
        int const length = blosc_compress_ctx(c.level, shuffle, typesize, size, raw,
                                              out.data(), out.size(), c.cname.c_str(),
                                              static_cast<std::size_t>(c.blocksize), 1);
        if (length <= 0)
            fail("blosc compression with '" + c.cname + "' failed");
        out.resize(static_cast<std::size_t>(length));
        return out;
    }
#endif
    fail("codec '" + c.id + "' is not available in this build");
}

std::vector<std::byte> decodeChunk(Compressor const& c, std::vector<std::byte> stored,
                                   std::size_t expectedSize)
{
    auto wrongSize = [&](std::size_t found)
    {
        fail("the chunk holds " + std::to_string(found) + " bytes, expected " +
             std::to_string(expectedSize) + " (chunk shape times element size)");
    };
    if (c.id.empty())
    {
        if (stored.size() != expectedSize)
            wrongSize(stored.size());
        return stored;
    }
    std::vector<std::byte> out(expectedSize);
#if openPMD_HAVE_ZLIB
    if (c.id == "zlib")
    {
        uLongf length = static_cast<uLongf>(expectedSize);
        int const rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &length,
                                  reinterpret_cast<Bytef const*>(stored.data()),
                                  static_cast<uLong>(stored.size()));
        if (rc == Z_BUF_ERROR)
            fail("the zlib chunk decompresses to more than the expected " +
                 std::to_string(expectedSize) + " bytes");
        if (rc != Z_OK)
            fail("the chunk is not valid zlib data");
        if (length != expectedSize)
            wrongSize(length);
        return out;
    }
#endif
#if openPMD_HAVE_ZSTD
    if (c.id == "zstd")
    {
        auto const length =
            ZSTD_decompress(out.data(), out.size(), stored.data(), stored.size());
        if (ZSTD_isError(length))
            fail(std::string("the chunk is not valid zstd data of the expected size: ") +
                 ZSTD_getErrorName(length));
        if (length != expectedSize)
            wrongSize(length);
        return out;
    }
#endif
#if openPMD_HAVE_BLOSC
    if (c.id == "blosc")
    {
        std::size_t nbytes = 0, cbytes = 0, blocksize = 0;
        if (stored.size() < BLOSC_MIN_HEADER_LENGTH)
            fail("the chunk is too short for a blosc header");
        blosc_cbuffer_sizes(stored.data(), &nbytes, &cbytes, &blocksize);
        if (cbytes != stored.size())
            fail("the blosc header announces " + std::to_string(cbytes) +
                 " compressed bytes, the chunk has " + std::to_string(stored.size()));
        if (nbytes != expectedSize)
            wrongSize(nbytes);
        if (blosc_decompress_ctx(stored.data(), out.data(), out.size(), 1) !=
            static_cast<int>(expectedSize))
            fail("the chunk is not valid blosc data");
        return out;
    }
#endif
    fail("codec '" + c.id + "' is not available in this build");
}
} // namespace openPMD::zarr
