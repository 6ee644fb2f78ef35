// The lazy opening's scan: finding the members of the root's groups in the
// same pass gives exactly what a separate scan of each group gives.

#include "IO/JSON/JSONScanner.hpp"
#include "JSONTestSupport.hpp"

#include <fcntl.h>

using namespace openPMD;
using namespace openPMD::test;

namespace
{
void requireSameMembers(jsonio::ScannedObject const& inner,
                        jsonio::ScannedObject const& alone)
{
    REQUIRE(inner.length == alone.length);
    REQUIRE(inner.members.size() == alone.members.size());
    for (size_t i = 0; i < alone.members.size(); ++i)
    {
        auto const& a = inner.members[i];
        auto const& b = alone.members[i];
        REQUIRE(a.key == b.key);
        REQUIRE(a.offset == b.offset);
        REQUIRE(a.length == b.length);
        REQUIRE(a.first == b.first);
        REQUIRE(a.looksLikeDataset == b.looksLikeDataset);
        REQUIRE(a.inner == nullptr); // one level only
    }
}
} // namespace

TEST_CASE("one scan of the root finds the members of its groups", "[json][scanner]")
{
    ScratchDirectory scratch("scanner");
    std::string const path = scratch.file("nested.json");
    // Strings holding brackets, quotes, a key named "data" below the members'
    // level, a dataset at the root and in a group, escapes in keys.
    std::string const text =
        R"( {"attributes":{"s":{"datatype":"STRING","value":"{[\"]}"}},)"
        R"("d":{"attributes":{},"data":[[1,2],[3,4]],"datatype":"INT"},)"
        R"("data":{"0":{"meshes":{"data":{"data":[1.5]}}},"1":{"x":"}"},)"
        R"("ke\"y":{"data":"not an array"},"e":{},"n":[{"a":1}],"v":-2.5e3},)"
        R"("empty":{},"list":[1,{"b":[]}],"t":true} )";
    writeText(path, text);
    int const descriptor = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(descriptor >= 0);
    jsonio::StoredText stored(descriptor, path, text.size());

    auto const nested = jsonio::scanObject(stored, 0, text.size(), path, "/", 1);
    auto const flat = jsonio::scanObject(stored, 0, text.size(), path, "/", 0);
    REQUIRE(nested.length == text.size() - 1); // up to the closing brace
    REQUIRE(nested.length == flat.length);
    REQUIRE(nested.members.size() == 6);
    size_t objects = 0;
    for (size_t i = 0; i < flat.members.size(); ++i)
    {
        auto const& member = nested.members[i];
        REQUIRE(member.key == flat.members[i].key);
        REQUIRE(member.offset == flat.members[i].offset);
        REQUIRE(member.length == flat.members[i].length);
        REQUIRE(member.looksLikeDataset == flat.members[i].looksLikeDataset);
        REQUIRE(flat.members[i].inner == nullptr);
        if (member.first != '{')
        {
            REQUIRE(member.inner == nullptr);
            continue;
        }
        ++objects;
        REQUIRE(member.inner != nullptr);
        auto const alone = jsonio::scanObject(stored, member.offset, text.size(), path,
                                              "/" + member.key, 0);
        requireSameMembers(*member.inner, alone);
    }
    REQUIRE(objects == 4);
    REQUIRE(nested.members[1].key == "d");
    REQUIRE(nested.members[1].looksLikeDataset);
    auto const& data = *nested.members[2].inner;
    REQUIRE(data.members.size() == 6);
    REQUIRE(data.members[2].key == "ke\"y");
    REQUIRE_FALSE(data.members[2].looksLikeDataset);
    REQUIRE_FALSE(data.members[0].looksLikeDataset);
}
