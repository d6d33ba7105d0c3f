// What the C++ readers say about a message, for tests/schemas/agreement.py.
// Reads lines "<kind> <json on one line>" from stdin and answers each with a
// line "accept" or "refuse <rule>[,<rule>...]". Kinds: the messages
// (project ... decision, describe, register) and the requests the codec reads
// (request.sample, request.plan, request.evaluate). describe is also put
// through the host's own checks of a description (check_description, against
// a manifest that agrees with it), as the host does after every describe().
#include <iostream>
#include <set>
#include <string>

#include "wkb/host/manifest.hpp"
#include "wkb/host/register.hpp"
#include "wkb/host/rules.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/validation.hpp"

namespace {

void read(const std::string& kind, const std::string& text) {
  const std::string s = "probe";
  if (kind == "project") wkb::read_project(text, s);
  else if (kind == "assessment") wkb::read_assessment(text, s);
  else if (kind == "sample") wkb::read_sample(text, s);
  else if (kind == "plan") wkb::read_plan(text, s);
  else if (kind == "findings") wkb::read_findings(text, s);
  else if (kind == "decision") wkb::read_decision(text, s);
  else if (kind == "register") wkb::host::read_register(text, s);
  else if (kind == "request.sample") wkb::read_sample_request(text, s);
  else if (kind == "request.plan") wkb::read_plan_request(text, s);
  else if (kind == "request.evaluate") wkb::read_evaluate_request(text, s);
  else if (kind == "describe") {
    const wkb::Description d = wkb::read_description(text, s);
    wkb::host::Manifest m;
    m.id = d.id;
    m.version = d.version;
    m.provider_kvk = d.provider.kvk;
    wkb::Issues issues;
    wkb::host::check_description(d, m, issues);
    issues.throw_if_any(s);
  } else {
    throw std::invalid_argument("unknown kind " + kind);
  }
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    const auto space = line.find(' ');
    const std::string kind = line.substr(0, space);
    const std::string text = space == std::string::npos ? "" : line.substr(space + 1);
    try {
      read(kind, text);
      std::cout << "accept\n";
    } catch (const wkb::ValidationError& e) {
      std::set<std::string> rules;
      for (const auto& i : e.issues()) rules.insert(i.rule);
      std::string list;
      for (const auto& r : rules) list += (list.empty() ? "" : ",") + r;
      std::cout << "refuse " << list << "\n";
    } catch (const wkb::SyntaxError&) {
      std::cout << "refuse syntax\n";
    } catch (const std::invalid_argument& e) {
      std::cerr << "schema_probe: " << e.what() << "\n";
      return 2;
    }
    std::cout.flush();
  }
  return 0;
}
