#include "wkb/cmdline/failure.hpp"

#include <boost/json.hpp>

#include <cstring>
#include <new>
#include <ostream>

#include "wkb/host/errors.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::cmdline {
namespace {

namespace json = boost::json;

constexpr int kExitInternal = 70;  // sysexits' EX_SOFTWARE: a bug in the program

// A title per exit code: the kind of problem, the same for every rule of it.
std::string title_of(int status) {
  switch (status) {
    case host::kExitRejected: return "Afgewezen";
    case host::kExitUsage: return "Ongeldige opdrachtregel";
    case host::kExitInvalidInput: return "Ongeldige invoer";
    case host::kExitPluginFailure: return "Fout in de plugin";
    case kExitInternal: return "Interne fout";
    default: return "Fout";
  }
}

std::string default_rule(int status) {
  switch (status) {
    case host::kExitRejected: return "rejected";
    case host::kExitUsage: return "usage";
    case host::kExitInvalidInput: return "invalid-input";
    case host::kExitPluginFailure: return "plugin-failure";
    default: return "error";
  }
}

json::array issues_json(const std::vector<Issue>& issues) {
  json::array a;
  for (const auto& i : issues) a.push_back({{"path", i.path}, {"rule", i.rule}, {"message", i.message}});
  return a;
}

struct Problem {
  int status = kExitInternal;
  std::string rule;
  std::string detail;
  std::string file;
  std::string path;
  json::object extra;
};

Problem problem_of_current_exception() {
  Problem p;
  try {
    throw;
  } catch (const host::PluginFailure& e) {
    p.status = e.exit_code();
    p.rule = rule_of(e);
    p.detail = e.what();
    p.extra = {{"plugin", e.plugin()}, {"method", e.method()}, {"code", e.code()}};
    if (!e.issues().empty()) {
      p.path = e.issues().front().path;
      p.extra["issues"] = issues_json(e.issues());
    }
  } catch (const host::Error& e) {
    p.status = e.exit_code();
    p.rule = rule_of(e);
    p.detail = e.what();
    p.file = e.file();
    if (const auto* at = dynamic_cast<const host::InputErrorAt*>(&e))
      p.extra = {{"line", at->line()}, {"column", at->column()}};
  } catch (const ValidationError& e) {
    p.status = host::kExitInvalidInput;
    p.rule = e.issues().empty() ? "invalid-input" : e.issues().front().rule;
    p.detail = e.what();
    p.file = e.subject();
    if (!e.issues().empty()) p.path = e.issues().front().path;
    p.extra = {{"issues", issues_json(e.issues())}};
  } catch (const SyntaxError& e) {
    p.status = host::kExitInvalidInput;
    p.rule = "json-syntax";
    p.detail = e.what();
    p.extra = {{"line", e.line()}, {"column", e.column()}};
  } catch (const std::bad_alloc&) {
    p.status = host::kExitPluginFailure;
    p.rule = "out-of-memory";
    p.detail = "onvoldoende geheugen";
  } catch (const std::exception& e) {
    p.rule = "internal-error";
    p.detail = std::string("interne fout: ") + e.what() + " (dit is een fout in het programma; meld haar alstublieft)";
  } catch (...) {
    p.rule = "internal-error";
    p.detail = "interne fout zonder beschrijving (dit is een fout in het programma; meld haar alstublieft)";
  }
  return p;
}

}  // namespace

std::string rule_of(const host::Error& e) {
  if (!e.rule().empty()) return e.rule();
  if (const auto* f = dynamic_cast<const host::PluginFailure*>(&e))
    return "plugin-" + (f->code().empty() ? std::string("failure") : f->code());
  return default_rule(e.exit_code());
}

std::string problem_type(const std::string& rule) { return "urn:wkb:problem:" + rule; }

bool wants_json(int argc, const char* const* argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--") == 0) return false;
    if (std::strcmp(argv[i], "--json") == 0) return true;
  }
  return false;
}

int report_current_exception(const std::string& program, bool as_json, std::ostream& out, std::ostream& err,
                             int (*exit_code_of)(int)) noexcept {
  try {
    Problem p = problem_of_current_exception();
    const int title_status = p.status;
    if (exit_code_of) p.status = exit_code_of(p.status);
    if (as_json) {
      json::object o{{"type", problem_type(p.rule)}, {"title", title_of(title_status)}, {"detail", p.detail},
                     {"status", p.status},           {"rule", p.rule}};
      if (!p.file.empty()) o["file"] = p.file;
      if (!p.path.empty()) o["path"] = p.path;
      for (const auto& [k, v] : p.extra) o[k] = v;
      out << serialize_canonical(o) << "\n";
      out.flush();
    } else {
      err << program << ": " << p.detail << "\n";
    }
    return p.status;
  } catch (...) {
    return kExitInternal;
  }
}

}  // namespace wkb::cmdline
