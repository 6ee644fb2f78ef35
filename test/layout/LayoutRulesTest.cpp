// openPMD-api 0.16's layout rules, checked on files written through our
// public API: a Series with every kind of object (vector, scalar and constant
// meshes, particle records of every form, particle patches) is written to
// HDF5 and JSON, group-based and file-based, and check_openpmd_layout.py
// reads the files independently (h5py, Python's json) and checks each
// object's attributes against one table of rules (object kind -> attribute
// -> type). A default we forget to write fails here, not in a user's
// openPMD-api reader.
#include <openPMD/openPMD.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/wait.h>
#include <vector>

using namespace openPMD;

namespace
{
std::string const scripts = LAYOUT_SCRIPTS;
std::string const python = LAYOUT_PYTHON;

/** Declares a 1-D dataset of `values` and stores them (kept alive until the flush). */
template <typename T>
void store(RecordComponent component, std::vector<T> values)
{
    auto owner = std::make_shared<std::vector<T>>(std::move(values));
    std::uint64_t const n = owner->size();
    component.resetDataset(Dataset(determineDatatype<T>(), {n}));
    component.storeChunk(std::shared_ptr<T>(owner, owner->data()), {0}, {n});
}

void writeMeshes(Iteration iteration)
{
    Mesh E = iteration.meshes["E"]; // vector mesh: a dataset and a constant
    E.setAxisLabels({"y", "x"});
    E.setGridSpacing(std::vector<double>{0.5, 0.25});
    E.setGridGlobalOffset({0.0, 0.0});
    E.setUnitDimension({{UnitDimension::L, 1},
                        {UnitDimension::M, 1},
                        {UnitDimension::T, -3},
                        {UnitDimension::I, -1}});
    // Both components 2x2, as the axis labels say.
    auto values = std::make_shared<std::vector<double>>(std::vector<double>{1, 2, 3, 4});
    E["x"].resetDataset(Dataset(Datatype::DOUBLE, {2, 2}));
    E["x"].storeChunk(std::shared_ptr<double>(values, values->data()), {0, 0}, {2, 2});
    E["y"].resetDataset(Dataset(Datatype::DOUBLE, {2, 2}));
    E["y"].makeConstant(0.5);

    store(iteration.meshes["rho"][RecordComponent::SCALAR], std::vector<float>{1, 2});
    auto phi = iteration.meshes["phi"][RecordComponent::SCALAR]; // constant scalar
    phi.resetDataset(Dataset(Datatype::INT, {3}));
    phi.makeConstant(7);
}

void writeParticles(Iteration iteration)
{
    ParticleSpecies e = iteration.particles["e"];
    for (auto const* axis : {"x", "y", "z"})
    {
        store(e["position"][axis], std::vector<double>{0.1, 0.2, 0.3});
        e["positionOffset"][axis].resetDataset(Dataset(Datatype::INT, {3}));
        e["positionOffset"][axis].makeConstant(0);
    }
    store(e["weighting"][RecordComponent::SCALAR], std::vector<double>{1, 1, 1});
    auto charge = e["charge"][RecordComponent::SCALAR]; // constant scalar record
    charge.resetDataset(Dataset(Datatype::DOUBLE, {3}));
    charge.makeConstant(-1.0);

    // Two patches; the counts are uint64, the type openPMD-api reads them as.
    auto& patches = e.particlePatches;
    store(patches["numParticles"][RecordComponent::SCALAR],
          std::vector<std::uint64_t>{2, 1});
    store(patches["numParticlesOffset"][RecordComponent::SCALAR],
          std::vector<std::uint64_t>{0, 2});
    for (auto const* axis : {"x", "y", "z"})
    {
        store(patches["offset"][axis], std::vector<double>{0.0, 0.5});
        store(patches["extent"][axis], std::vector<double>{0.5, 0.5});
    }
}

/** Writes the Series; returns the files it consists of. */
std::vector<std::string> writeEveryKind(std::string const& dir, std::string const& ext,
                                        bool fileBased)
{
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::vector<std::uint64_t> const indices{100, 200};
    {
        Series series(dir + (fileBased ? "/layout_%T." : "/layout.") + ext,
                      Access::CREATE);
        for (auto index : indices)
        {
            Iteration iteration = series.iterations[index];
            writeMeshes(iteration);
            writeParticles(iteration);
            iteration.close();
        }
        series.close();
    }
    if (!fileBased)
    {
        return {dir + "/layout." + ext};
    }
    std::vector<std::string> files;
    for (auto index : indices)
    {
        files.push_back(dir + "/layout_" + std::to_string(index) + "." + ext);
    }
    return files;
}

/** Runs a script of this directory on `arguments`; returns its exit status. */
int runScript(std::string const& name, std::vector<std::string> const& arguments)
{
    std::string command = python + " " + scripts + "/" + name;
    for (auto const& argument : arguments)
    {
        command += " " + argument;
    }
    int const status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int checkRules(std::string const& encoding, std::vector<std::string> files)
{
    files.insert(files.begin(), encoding);
    return runScript("check_openpmd_layout.py", files);
}

bool haveHDF5()
{
    if (!getVariants().at("hdf5"))
    {
        WARN("built without HDF5: not tested");
        return false;
    }
    return true;
}

void checkBackend(std::string const& ext)
{
    for (bool fileBased : {false, true})
    {
        std::string const encoding = fileBased ? "fileBased" : "groupBased";
        INFO("." << ext << ", " << encoding);
        auto files =
            writeEveryKind("layout_rules_" + ext + "_" + encoding, ext, fileBased);
        for (auto const& file : files)
        {
            REQUIRE(std::filesystem::exists(file));
        }
        CHECK(checkRules(encoding, files) == 0);
    }
}
} // namespace

TEST_CASE("JSON files follow openPMD-api 0.16's layout rules", "[layout][json]")
{
    checkBackend("json");
}

TEST_CASE("HDF5 files follow openPMD-api 0.16's layout rules", "[layout][hdf5]")
{
    if (haveHDF5())
    {
        checkBackend("h5");
    }
}

TEST_CASE("particle patches without their default attributes are still read",
          "[layout][json][hdf5]")
{
    std::vector<std::string> extensions{"json"};
    if (haveHDF5())
    {
        extensions.push_back("h5");
    }
    for (auto const& ext : extensions)
    {
        INFO("." << ext);
        // As files written before the patch defaults were look.
        auto const file = writeEveryKind("layout_stripped_" + ext, ext, false).front();
        REQUIRE(runScript("strip_patch_defaults.py", {file}) == 0);

        Series series(file, Access::READ_ONLY);
        auto patches = series.iterations[200].particles["e"].particlePatches;
        REQUIRE(patches.size() == 4);
        CHECK(patches.numPatches() == 2);
        CHECK_FALSE(patches["offset"].containsAttribute("unitDimension"));
        CHECK_FALSE(patches["offset"]["y"].containsAttribute("unitSI"));
        CHECK_FALSE(patches["numParticles"].containsAttribute("unitSI"));
        auto offsets = patches["numParticlesOffset"].load<std::uint64_t>();
        auto extent = patches["extent"]["z"].load<double>();
        series.flush();
        CHECK(offsets.get()[1] == 2);
        CHECK(extent.get()[0] == 0.5);
        // The other records keep their required attributes.
        CHECK(series.iterations[200].particles["e"]["position"]["x"].unitSI() == 1.0);
    }
}
