#include "project_files.hpp"

#include <cstdlib>

#include <boost/json.hpp>
#include <chrono>
#include <ctime>
#include <fstream>
#include <stdexcept>

namespace wkb::load {
namespace json = boost::json;

ProjectShape random_shape(const std::string& id, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  ProjectShape p;
  p.id = id;
  p.units = u(rng) < 0.8 ? 1 : 2 + static_cast<int>(u(rng) * 23);
  p.soft_soil = u(rng) < 0.5;
  p.close_neighbours = u(rng) < 0.3;
  p.beng_missing = u(rng) < 0.3;
  return p;
}

std::string today_utc(int plus_days) {
  const auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                      std::chrono::hours(24) * plus_days);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string project_json(const ProjectShape& p) {
  // Building starts six weeks out, so that the bouwmelding gives no warning.
  const int s = p.schedule_shift_days;
  auto phase = [&](const char* name, int from, int to) {
    return json::object{{"phase", name}, {"start", today_utc(s + from)}, {"end", today_utc(s + to)}};
  };
  json::array local;
  if (p.soft_soil) local.push_back("soft-soil");
  if (p.close_neighbours) local.push_back("fire-separation-under-5m");
  json::object o{
      {"schema", "wkb.project/1"},
      {"id", p.id},
      {"name", p.units == 1 ? "Vrijstaande woning " + p.id : std::to_string(p.units) + " woningen " + p.id},
      {"address", {{"street", "Dorpsstraat"}, {"house_number", "12"}, {"postcode", "7607 AB"}, {"city", "Almelo"}}},
      {"consequence_class", 1},
      {"building", {{"type", "dwelling"}, {"units", p.units}, {"storeys", 2}, {"construction", "traditional"}}},
      {"parties",
       {{"client", {{"name", "Opdrachtgever " + p.id}, {"private", true}}},
        {"contractor", {{"name", "Bouwbedrijf Oost BV"}, {"kvk", "12345678"}}},
        {"assurer", {{"name", "Borg Twente BV"}, {"kvk", "87654321"}}}}},
      {"schedule", json::array{phase("design", -60, -10), phase("foundation", 42, 60), phase("structure", 61, 120),
                               phase("completion", 121, 125)}},
      {"documents", json::array{json::object{{"kind", "beng-calculation"},
                                             {"status", p.beng_missing ? "missing" : "present"}}}},
      {"certificates", json::array{}},
      {"local_conditions", local}};
  return json::serialize(o);
}

Backdated::Backdated() {
  ::setenv("WKB_ALLOW_FIXED_CLOCK", "1", 1);
  ::setenv("WKB_NOW", (today_utc(-60) + "T09:00:00Z").c_str(), 1);
}
Backdated::~Backdated() {
  ::unsetenv("WKB_NOW");
  ::unsetenv("WKB_ALLOW_FIXED_CLOCK");
}

std::string melder_file(const std::string& dir) {
  const std::string file = dir + "/melder.json";
  write_file(file, R"({"schema":"wkb.melder/1","role":"aannemer","builder":{"name":"Bouwbedrijf Belasting BV",)"
                   R"("kvk":"12345678","address":"Bouwweg 1, Utrecht","phone":"030 123 45 67",)"
                   R"("email":"info@belasting.example"},"location":{"cadastral":"Utrecht A 1"}})");
  return file;
}

std::string assessor_for(const std::string& control) {
  // Control ids are RISK/METHOD/PHASE, the test instrument's risks R-TOPIC.
  const std::string topic = control.substr(2, control.find('/') == std::string::npos ? std::string::npos
                                                                                    : control.find('/') - 2);
  if (topic == "energy-performance" || topic == "fire-spread") return "BT-002";  // bouwfysica, brandveiligheid
  return "BT-001";
}

std::vector<std::string> assign_args(const std::string& id, const std::string& show_json) {
  const json::value v = json::parse(show_json);
  std::vector<std::string> args;
  bool responsible = false;
  for (const auto& r : v.at("staff").at("unstaffed").as_array()) {
    const std::string role(r.as_string());
    if (role == "responsible") {
      responsible = true;
      continue;
    }
    const char* person = role == "fire-safety" || role == "building-physics"   ? "BT-002"
                         : role == "installations" || role == "site-inspection" ? "BT-003"
                                                                                : "BT-001";
    args.insert(args.end(), {"--role", role + "=" + person});
  }
  if (responsible) args.insert(args.end(), {"--responsible", "BT-001"});
  if (!args.empty()) args.insert(args.begin(), {"project", "assign", id});
  return args;
}

std::string findings_json(const std::string& project, const std::vector<FindingLine>& lines,
                          const std::string& date) {
  json::array a;
  for (const auto& l : lines) {
    json::object f{{"control", l.part.control}, {"result", l.result}, {"note", l.note}, {"assessed_by", assessor_for(l.part.control)},
                   {"date", date}};
    if (l.part.unit) f["unit"] = *l.part.unit;
    a.push_back(std::move(f));
  }
  return json::serialize(json::object{{"schema", "wkb.findings/1"}, {"project", project}, {"findings", a}});
}

std::vector<Part> parts_of_answer(const std::string& json_text) {
  const json::value v = json::parse(json_text);
  const auto& controls = v.at("plan").at("plan").at("controls").as_array();
  std::vector<Part> parts;
  for (const auto& c : controls) {
    const std::string id(c.at("id").as_string());
    const auto* units = c.as_object().if_contains("units");
    if (!units || units->as_array().empty()) {
      parts.push_back({id, std::nullopt});
      continue;
    }
    for (const auto& u : units->as_array()) parts.push_back({id, std::string(u.as_string())});
  }
  return parts;
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::trunc);
  f << text;
  if (!f.flush()) throw std::runtime_error("cannot write " + path);
}

}  // namespace wkb::load
