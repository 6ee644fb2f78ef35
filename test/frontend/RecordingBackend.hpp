#pragma once

// A small in-memory backend for the frontend tests: keeps a tree of groups,
// datasets and attributes per file, and records every task it runs, so that
// tests can check both the data and the exact task sequence.

#include <openPMD/openPMD.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace memtest
{
struct Node
{
    std::map<std::string, openPMD::Attribute> attributes;
    std::map<std::string, std::shared_ptr<Node>> children;
    bool isDataset = false;
    openPMD::Datatype dtype = openPMD::Datatype::UNDEFINED;
    openPMD::Extent extent;
    std::vector<char> bytes;
};

/** Every task run, as "OPERATION name-or-path". */
std::vector<std::string>& log();
/** The parameters of every flush the backend ran, in order. */
std::vector<openPMD::FlushParams>& flushes();
/** The file root of a stored file (by full path), null if none. */
std::shared_ptr<Node> file(std::string const& path);
/** Make every task whose log entry starts with `prefix` fail ("" = none). */
void failOn(std::string prefix);
/** Store a hand-made file (e.g. one that is not openPMD). */
void putFile(std::string const& path, std::shared_ptr<Node> root);
/** Registers the backend once; returns its extension ("memtest"). */
std::string registerBackend();
} // namespace memtest
