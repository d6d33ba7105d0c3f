#pragma once
// The files an assurer's workstation hands to `wkb`: wkb.project/1 projects
// and wkb.findings/1 imports, generated from a seed, and the parts of a plan
// (control, unit) read back from `wkb --json` output.
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace wkb::load {

struct ProjectShape {
  std::string id;
  int units = 1;
  bool soft_soil = false;      // r-constructie becomes a site inspection
  bool close_neighbours = false;  // r-brand gets a control per reference unit
  bool beng_missing = false;
  int schedule_shift_days = 0;  // a replan moves the schedule
};

// A plausible project: mostly single dwellings, one in five a small series.
ProjectShape random_shape(const std::string& id, std::mt19937_64& rng);
std::string project_json(const ProjectShape& p);

// One part of a plan that takes a finding: a control, and its unit for a
// control performed per unit.
struct Part {
  std::string control;
  std::optional<std::string> unit;
  bool operator==(const Part&) const = default;
};

struct FindingLine {
  Part part;
  std::string result;  // conform, repaired, open
  std::string note;
};

// Each finding assessed by assessor_for its control (the store refuses
// anyone else, docs/store.md#staff).
std::string findings_json(const std::string& project, const std::vector<FindingLine>& lines,
                          const std::string& date);

// The persons of the example staff register (examples/staff/borg-twente.staff.json,
// added by the driver) who may assess a control of the test instrument: by the
// area of its risk's topic.
std::string assessor_for(const std::string& control);
// The arguments of `project assign ID` naming a person for every role that a
// `wkb --json project show ID` answer lists as unstaffed; empty when none is.
std::vector<std::string> assign_args(const std::string& id, const std::string& show_json);

// The parts of the plan in a `project create --json` or `project replan --json`
// answer (the object has a "plan" member holding {"plan": {"controls": ...}}).
std::vector<Part> parts_of_answer(const std::string& json_text);

// Today's date (UTC) as YYYY-MM-DD, the default date `finding add` uses too.
std::string today_utc(int plus_days = 0);

void write_file(const std::string& path, const std::string& text);

// The Wkb rules put findings about the building at least four weeks after the
// bouwmelding (docs/store.md#findings-integrity): a project is created and
// notified 60 days back, with a fixed clock for those commands only, while
// this object lives. Writes the melder file (wkb.melder/1) and returns its path.
class Backdated {
 public:
  Backdated();
  ~Backdated();
  Backdated(const Backdated&) = delete;
  Backdated& operator=(const Backdated&) = delete;
};
std::string melder_file(const std::string& dir);

}  // namespace wkb::load
