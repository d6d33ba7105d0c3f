#pragma once
// Reading and writing contract messages as JSON text.
//
// Every read_* function parses, checks the structure (types, required members,
// allowed values, formats such as postcode and KvK) and returns the typed
// message. On failure it throws SyntaxError (with line and column) or
// ValidationError (with every problem's JSON path and rule). `subject` names
// the source in messages: a file name, or "plugin X, method Y".
//
// Every write_* function produces canonical JSON: object members sorted by key,
// no insignificant white space, shortest round-trip numbers. Same message,
// same bytes (contract v1, "Fixed" point 6).
#include <string>
#include <string_view>

#include "wkb/sdk/types.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb {

Project read_project(std::string_view json, const std::string& subject);
Assessment read_assessment(std::string_view json, const std::string& subject);
Sample read_sample(std::string_view json, const std::string& subject);
Plan read_plan(std::string_view json, const std::string& subject);
Findings read_findings(std::string_view json, const std::string& subject);
Decision read_decision(std::string_view json, const std::string& subject);
Description read_description(std::string_view json, const std::string& subject);

SampleRequest read_sample_request(std::string_view json, const std::string& subject);
PlanRequest read_plan_request(std::string_view json, const std::string& subject);
EvaluateRequest read_evaluate_request(std::string_view json, const std::string& subject);

std::string write(const Project&);
std::string write(const Assessment&);
std::string write(const Sample&);
std::string write(const Plan&);
std::string write(const Findings&);
std::string write(const Decision&);
std::string write(const Description&);

// Requests as the host sends them.
std::string write_assess_request(const Project&);
std::string write_sample_request(const Project&, const Assessment&);
std::string write_plan_request(const Project&, const Assessment&, const Sample&);
std::string write_evaluate_request(const Project&, const Plan&, const Findings&);

// Re-serialises any JSON text canonically (object members sorted by key).
// Throws SyntaxError on malformed text.
std::string canonicalize(std::string_view json, const std::string& subject);

}  // namespace wkb
