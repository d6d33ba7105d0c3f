#pragma once
// Boost.JSON conversions for the contract messages. Heavy header: include it
// only in .cpp files that need JSON values; most code wants codec.hpp.
#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "wkb/sdk/types.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb {

// Parses JSON text; throws SyntaxError with line and column. `storage` lets a
// caller parse into an arena (boost::json::monotonic_resource) that lives as
// long as the value: much faster for a value read once and thrown away.
boost::json::value parse_json(std::string_view text, const std::string& subject,
                              boost::json::storage_ptr storage = {});

// Canonical serialisation: object members sorted by key (byte order), no
// white space, integers as integers, other numbers in shortest round-trip form.
std::string serialize_canonical(const boost::json::value& value);

boost::json::value to_json(const Project&);
boost::json::value to_json(const Assessment&);
boost::json::value to_json(const Sample&);
boost::json::value to_json(const Plan&);
boost::json::value to_json(const Findings&);
boost::json::value to_json(const Decision&);
boost::json::value to_json(const Description&);

// Structural readers: record every problem in `issues` under `path` and return
// what could be read. Callers throw with issues.throw_if_any().
Project project_from_json(const boost::json::value&, const std::string& path, Issues&);
Assessment assessment_from_json(const boost::json::value&, const std::string& path, Issues&);
Sample sample_from_json(const boost::json::value&, const std::string& path, Issues&);
Plan plan_from_json(const boost::json::value&, const std::string& path, Issues&);
Findings findings_from_json(const boost::json::value&, const std::string& path, Issues&);
Decision decision_from_json(const boost::json::value&, const std::string& path, Issues&);
Description description_from_json(const boost::json::value&, const std::string& path, Issues&);

}  // namespace wkb
