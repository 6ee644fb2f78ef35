#pragma once

// What openpmd-ls shows, collected once as a JSON tree (the --json output),
// then printed as text or as JSON.

#include "IterationSelection.hpp"

#include <openPMD/Series.hpp>

#include <nlohmann/json.hpp>

#include <ostream>

namespace openPMD::tools
{
struct ListingOptions
{
    /** Every attribute of every object, with its type. */
    bool attributes = false;
    /** The chunks the backend reports for every component. */
    bool chunks = false;
    IterationSelection iterations;
};

class SeriesListing
{
public:
    /**
     * Reads what the options ask for. An iteration that cannot be read is
     * listed with its error ("error": message) and counted in errors().
     */
    SeriesListing(Series&, ListingOptions const&);

    nlohmann::json const& json() const { return m_json; }
    /** How many objects could not be read. */
    unsigned errors() const { return m_errors; }

    /** The human-readable form. */
    void printText(std::ostream&) const;

private:
    nlohmann::json m_json;
    unsigned m_errors = 0;
};
} // namespace openPMD::tools
