#include "wkb/sdk/codec.hpp"

#include <boost/json.hpp>

#include "wkb/sdk/json_reader.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb {
namespace json = boost::json;

namespace {
template <typename T, typename Reader>
T read_message(std::string_view text, const std::string& subject, Reader reader) {
  json::monotonic_resource arena;  // the tree is read once and dropped
  const json::value v = parse_json(text, subject, &arena);
  Issues issues;
  T out = reader(v, "$", issues);
  issues.throw_if_any(subject);
  return out;
}

// Reads a request object: `members` lists the request's parts in order.
const json::value& member(const json::value& v, std::string_view key, Issues& issues, const json::value& null_value) {
  if (v.is_object()) {
    if (auto it = v.get_object().find(key); it != v.get_object().end()) return it->value();
    detail::missing_member(issues, "$", key, "een object");
  }
  return null_value;
}

const json::value& request_object(const json::value& v, Issues& issues,
                                  std::initializer_list<std::string_view> members) {
  static const json::value kEmpty = json::object{};
  detail::ObjectReader r(v, "$", issues, "een verzoek");
  if (r.valid()) r.allow_only(members);
  return r.valid() ? v : kEmpty;
}
}  // namespace

Project read_project(std::string_view t, const std::string& s) { return read_message<Project>(t, s, project_from_json); }
Assessment read_assessment(std::string_view t, const std::string& s) {
  return read_message<Assessment>(t, s, assessment_from_json);
}
Sample read_sample(std::string_view t, const std::string& s) { return read_message<Sample>(t, s, sample_from_json); }
Plan read_plan(std::string_view t, const std::string& s) { return read_message<Plan>(t, s, plan_from_json); }
Findings read_findings(std::string_view t, const std::string& s) {
  return read_message<Findings>(t, s, findings_from_json);
}
Decision read_decision(std::string_view t, const std::string& s) {
  return read_message<Decision>(t, s, decision_from_json);
}
Description read_description(std::string_view t, const std::string& s) {
  return read_message<Description>(t, s, description_from_json);
}

SampleRequest read_sample_request(std::string_view text, const std::string& subject) {
  json::monotonic_resource arena;
  const json::value v = parse_json(text, subject, &arena);
  Issues issues;
  const json::value null_value;
  const json::value& o = request_object(v, issues, {"project", "assessment"});
  SampleRequest r{project_from_json(member(o, "project", issues, null_value), "$.project", issues),
                  assessment_from_json(member(o, "assessment", issues, null_value), "$.assessment", issues)};
  issues.throw_if_any(subject);
  return r;
}

PlanRequest read_plan_request(std::string_view text, const std::string& subject) {
  json::monotonic_resource arena;
  const json::value v = parse_json(text, subject, &arena);
  Issues issues;
  const json::value null_value;
  const json::value& o = request_object(v, issues, {"project", "assessment", "sample"});
  PlanRequest r{project_from_json(member(o, "project", issues, null_value), "$.project", issues),
                assessment_from_json(member(o, "assessment", issues, null_value), "$.assessment", issues),
                sample_from_json(member(o, "sample", issues, null_value), "$.sample", issues)};
  issues.throw_if_any(subject);
  return r;
}

EvaluateRequest read_evaluate_request(std::string_view text, const std::string& subject) {
  json::monotonic_resource arena;
  const json::value v = parse_json(text, subject, &arena);
  Issues issues;
  const json::value null_value;
  const json::value& o = request_object(v, issues, {"project", "plan", "findings"});
  EvaluateRequest r{project_from_json(member(o, "project", issues, null_value), "$.project", issues),
                    plan_from_json(member(o, "plan", issues, null_value), "$.plan", issues),
                    findings_from_json(member(o, "findings", issues, null_value), "$.findings", issues)};
  issues.throw_if_any(subject);
  return r;
}

// write() and write_*_request() are in canonical_messages.cpp.

}  // namespace wkb
