// Datasets of each of the 17 dataset types in 1, 2 and 3 dimensions: every
// value is read back and compared exactly.
#include "Session.hpp"

using namespace conformance;

namespace
{
std::vector<Extent> const extents{{10}, {3, 4}, {2, 3, 4}};

template <typename T>
std::string datasetName(size_t rank)
{
    return datatypeToString(determineDatatype<T>()) + "_" + std::to_string(rank) + "d";
}

/** Writes the dataset in two blocks, split along the first dimension. */
template <typename T>
void writeDatasets(Session& writer, Writable& group)
{
    for (auto const& extent : extents)
    {
        Writable& dataset = writer.createDataset(group, datasetName<T>(extent.size()),
                                                 determineDatatype<T>(), extent);
        Offset const origin(extent.size(), 0);
        Extent head = extent;
        head[0] = extent[0] / 2;
        Offset tailOffset = origin;
        tailOffset[0] = head[0];
        Extent tail = extent;
        tail[0] = extent[0] - head[0];
        writer.writeSamples<T>(dataset, origin, head);
        writer.writeSamples<T>(dataset, tailOffset, tail);
    }
}

template <typename T>
void checkDatasets(Session& reader, Writable& group)
{
    for (auto const& extent : extents)
    {
        INFO("dataset " << datasetName<T>(extent.size()));
        auto opened = reader.openDataset(group, datasetName<T>(extent.size()));
        reader.flush();
        CHECK(isSame(*opened.dtype, determineDatatype<T>()));
        CHECK(*opened.extent == extent);

        Offset const origin(extent.size(), 0);
        auto whole = reader.readBlock<T>(opened.node, origin, extent);
        // An inner block, to check the indexing of partial reads per type.
        Offset const inner(extent.size(), 1);
        Extent innerExtent;
        for (auto e : extent)
        {
            innerExtent.push_back(e - 1);
        }
        auto part = reader.readBlock<T>(opened.node, inner, innerExtent);
        reader.flush();
        CHECK(*whole == sampleBlock<T>(origin, extent));
        CHECK(*part == sampleBlock<T>(inner, innerExtent));
    }
}
} // namespace

TEST_CASE("datasets: every dataset type in 1 2 and 3 dimensions", "[conformance]")
{
    forEachBackend(
        [](BackendUnderTest const& backend)
        {
            auto const directory = scratchDirectory(backend, "dataset_types");
            {
                Session writer(backend, directory, Access::CREATE);
                Writable& root = writer.createFile("types");
                Writable& group = writer.createPath(root, "types");
                forEachDatasetType([&](auto sample)
                                   { writeDatasets<decltype(sample)>(writer, group); });
                writer.closeFile(root);
                writer.flush();
            }
            Session reader(backend, directory, Access::READ_ONLY);
            Writable& root = reader.openFile("types");
            Writable& group = reader.openPath(root, "types");
            auto names = reader.listDatasets(group);
            reader.flush();
            CHECK(names->size() == 17 * extents.size());
            forEachDatasetType([&](auto sample)
                               { checkDatasets<decltype(sample)>(reader, group); });
            reader.closeFile(root);
            reader.flush();
        });
}
