#include "check.hpp"

#include <boost/json.hpp>
#include <set>

#include "run_command.hpp"

namespace wkb::load {
namespace json = boost::json;

namespace {

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// Compares one count, adding to lost or phantom with a readable problem.
void compare(CheckReport& r, const std::string& id, const char* what, const Range& want, long got) {
  if (got >= want.min && got <= want.max) return;
  const long off = got < want.min ? want.min - got : got - want.max;
  (got < want.min ? r.lost : r.phantom) += off;
  r.problems.push_back(id + ": " + what + " " + std::to_string(got) + " in the store, expected " +
                       (want.min == want.max ? std::to_string(want.min)
                                             : std::to_string(want.min) + ".." + std::to_string(want.max)));
}

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')).substr(0, 300); }

}  // namespace

std::map<std::string, Expected> expectations(const std::vector<Record>& records,
                                             const std::vector<std::string>& shared_ids) {
  std::map<std::string, Expected> e;
  for (const auto& id : shared_ids) {
    e[id].exists.add(1, true);
    e[id].plan_versions.add(1, true);
  }
  for (const auto& r : records) {
    if (r.outcome != Outcome::ok && r.outcome != Outcome::timeout) continue;  // refused: nothing written
    const bool certain = r.outcome == Outcome::ok;
    Expected& x = e[r.project];
    if (r.command == "project create") {
      x.exists.add(1, certain);
      x.plan_versions.add(1, certain);
    } else if (starts_with(r.command, "project replan")) {
      x.plan_versions.add(1, certain);
    } else if (starts_with(r.command, "project evaluate")) {
      x.decisions.add(1, certain);
    } else if (starts_with(r.command, "project close")) {
      x.closed.add(1, certain);
    } else if (starts_with(r.command, "finding")) {
      // A killed import may have stored all of its findings or none.
      x.findings.add(r.writes, certain);
    }
  }
  e.erase("");
  return e;
}

CheckReport check_store(const std::string& wkb, const std::map<std::string, Expected>& expected, double timeout_s) {
  CheckReport r;
  const auto list = run_command({wkb, "--json", "project", "list"}, timeout_s, 1 << 28);
  if (list.exit_code != 0) {
    r.problems.push_back("project list failed: " + first_line(list.err));
    return r;
  }
  std::set<std::string> stored;
  const json::value projects = json::parse(list.out);
  for (const auto& p : projects.at("projects").as_array())
    stored.insert(std::string(p.at("id").as_string()));
  for (const auto& id : stored)
    if (!expected.count(id)) {
      ++r.phantom;
      r.problems.push_back(id + ": in the store, but no successful `project create` made it");
    }
  for (const auto& [id, want] : expected) {
    ++r.projects;
    if (!stored.count(id)) {
      compare(r, id, "project", want.exists, 0);
      continue;
    }
    const auto show = run_command({wkb, "--json", "project", "show", id}, timeout_s, 1 << 28);
    if (show.exit_code != 0) {
      r.problems.push_back(id + ": project show exits " + std::to_string(show.exit_code) + ": " + first_line(show.err));
      ++r.lost;
      continue;
    }
    const json::value v = json::parse(show.out);
    compare(r, id, "findings", want.findings, static_cast<long>(v.at("findings").at("findings").as_array().size()));
    compare(r, id, "decisions", want.decisions, static_cast<long>(v.at("decisions").as_array().size()));
    compare(r, id, "plan versions", want.plan_versions, static_cast<long>(v.at("plan_versions").as_array().size()));
    // A close ends in a verklaring ("declared", then "completed" after the
    // melder's gereedmelding) or in "closed-without-declaration".
    const std::string state(v.at("state").as_string());
    const bool closed = state == "declared" || state == "completed" || state == "closed-without-declaration";
    compare(r, id, "closed", want.closed, closed ? 1 : 0);
  }
  const auto verify = run_command({wkb, "--json", "audit", "verify"}, timeout_s, 1 << 28);
  r.verify_ms = verify.wall_ms;
  r.verify_ok = verify.exit_code == 0;
  if (verify.exit_code == 0 || verify.exit_code == 1) {
    const json::value v = json::parse(verify.out);
    r.entries = v.at("entries").to_number<long>();
  }
  if (!r.verify_ok)
    r.problems.push_back("audit verify exits " + std::to_string(verify.exit_code) + ": " +
                         first_line(verify.out.empty() ? verify.err : verify.out));
  return r;
}

}  // namespace wkb::load
