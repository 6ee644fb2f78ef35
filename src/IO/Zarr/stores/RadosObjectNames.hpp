#pragma once

// How the rados store names its RADOS objects (docs/object-stores.md,
// "Object names"). For a hierarchy at path H (normalized: no empty, "." or
// resolvable ".." components, no trailing '/'):
//   H/K           the value of key K
//   H//keys       the key index: one omap entry per key of H
//   D//files      the file catalog of directory D: one omap entry per
//                 hierarchy D/name, read by listHierarchies
// Keys never contain an empty component, so the "//" of an index or
// catalog never appears in a value's object name.

#include <optional>
#include <string>

namespace openPMD
{
class RadosObjectNames
{
public:
    /** @param hierarchyPath StoreArguments::path, e.g. "/scratch/run.zarr" */
    explicit RadosObjectNames(std::string const& hierarchyPath);

    /** The normalized path, e.g. "/scratch/run.zarr". */
    std::string const& hierarchy() const { return m_hierarchy; }

    std::string valueObject(std::string const& key) const;
    std::string keyIndexObject() const;

    /** The catalog of the hierarchy's directory; none for "/" or "..". */
    std::optional<std::string> catalogObject() const;
    /** The hierarchy's entry in that catalog, e.g. "run.zarr". */
    std::string catalogEntry() const;

    /** The catalog of the hierarchies directly in `directory`. */
    static std::string catalogObjectOf(std::string const& directory);

    /**
     * Lexically normalized path: "a//b/./c/../d/" is "a/b/d", "" is ".",
     * "/.." is "/". Object names have no symbolic links, so resolving ".."
     * lexically is exact.
     */
    static std::string normalize(std::string const& path);

private:
    std::string m_hierarchy;
};
} // namespace openPMD
