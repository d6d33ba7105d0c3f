#pragma once
// Shared by the checks (checks_*.cpp) and nothing else: the context of one
// test inside the child process, the timing decorator that feeds the parent's
// watchdog, the raw pipeline on the corpus, and the tests themselves.
#include <unistd.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/admission/checks.hpp"
#include "wkb/admission/generator.hpp"
#include "wkb/host/checked_instrument.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/register.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb::admission::detail {

using host::Method;
using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxDetails = 25;
// The error code with which an instrument declines a project outside its scope
// of application (e.g. more units than it is made for).
constexpr std::string_view kOutOfScope = "out-of-scope";

// Wraps the plugin: a heartbeat for the parent's inactivity watchdog before
// and after every call, and the slowest call per method for the time budget.
class TimingInstrument final : public host::Instrument {
 public:
  TimingInstrument(std::unique_ptr<host::Instrument> inner, int fd) : inner_(std::move(inner)), fd_(fd) {}
  const host::Manifest& manifest() const override { return inner_->manifest(); }
  std::string call(Method m, std::string_view request) override {
    beat();
    const auto start = Clock::now();
    struct After {
      TimingInstrument& self;
      Method m;
      Clock::time_point start;
      ~After() {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
        auto& slot = self.slowest[std::string(host::to_string(m))];
        slot = std::max<long long>(slot, ms);
        self.beat();
      }
    } after{*this, m, start};
    try {
      return inner_->call(m, request);
    } catch (const host::PluginFailure& e) {
      // A check may catch the failure and go on; the test still ends as
      // crashed or timeout when the plugin's process died (checks.cpp).
      if (!process_ended && ends_process(e.code())) process_ended.emplace(e);
      throw;
    }
  }
  std::vector<std::string> take_incidents() override { return inner_->take_incidents(); }
  // The codes with which the plugin's process ended (host/src/isolation/).
  static bool ends_process(const std::string& code) {
    return code == "crashed" || code == "exited" || code == "deadline" || code == "channel-closed" ||
           code == "malformed-frame";
  }
  std::optional<host::PluginFailure> process_ended;
  void beat() const {
    if (fd_ >= 0) {
      const char b = '.';
      [[maybe_unused]] auto n = ::write(fd_, &b, 1);
    }
  }
  std::map<std::string, long long> slowest;

 private:
  std::unique_ptr<host::Instrument> inner_;
  int fd_;
};

struct Ctx {
  const TestJob& job;
  host::Manifest manifest;
  TimingInstrument* timing = nullptr;
  std::unique_ptr<host::CheckedInstrument> inst;
  std::vector<CorpusProject> corpus;
  const Description& desc() { return inst->description(); }
  const std::vector<CorpusProject>& projects() {
    if (corpus.empty()) corpus = load_corpus(job.corpus_dir);
    return corpus;
  }
};

// A result; details are capped (with a count of the rest) and kept one line each.
TestResult make(Status s, std::string message, std::vector<std::string> details = {});
std::string lower(std::string s);
// Dutch lists and counts for messages: "a, b en c"; "2 van de 5 corpusprojecten"
// ("alle 5 corpusprojecten", "1 van 1 corpusproject").
std::string join_nl(const std::vector<std::string>& items);
std::string of_nl(long long n, long long total, std::string_view one, std::string_view many);
bool covers(const Description& d, BuildingType t);

// ---- the raw pipeline on the corpus -----------------------------------------
// Each response is parsed structurally, then every host rule and the
// admission floors are applied separately, so that each test can report its
// own rule ids.

struct RawRun {
  std::string name;
  bool covered = true;        // building type declared and not refused as out of scope
  std::string declined;       // the instrument's out-of-scope message, when it refused the project
  std::string failure;        // a call failed or a response broke the structure
  std::vector<Issue> issues;  // rule issues; paths prefixed with the method
  std::string responses;      // every response text, for determinism
};

RawRun run_raw(Ctx& c, const std::string& name, const Project& p);
// The policy's minimum controls on one plan: at least
// min_site_inspections_per_project bijwoonmomenten, and a site-inspection
// control on every required_site_inspection_topics topic among the risks
// (rules site-inspection-per-project, site-inspection-required-topic).
void check_minimum_controls(const Policy& pol, const Assessment& a, const Plan& plan, Issues& issues);
std::vector<RawRun> run_corpus(Ctx& c);
// One finding with `result` for every (control, unit) the plan requires.
Findings findings_for(const Project& p, const Plan& plan, FindingResult result);
// Every response to the corpus (describe first), in corpus order; `reverse`
// asks in reverse order but returns in corpus order.
std::string corpus_transcript(Ctx& c, bool reverse, std::vector<std::string>* per_project = nullptr);

// checks_corpus.cpp
TestResult rule_test(Ctx& c, std::set<std::string> rules);
TestResult responses_valid(Ctx& c);
TestResult scope_refusals(Ctx& c);
TestResult determinism_in_process(Ctx& c);
TestResult robustness(Ctx& c);
TestResult fuzz(Ctx& c);
TestResult time_budget(Ctx& c);
// checks_decisions.cpp
TestResult decision_all_conform(Ctx& c);
TestResult decision_missing_beng(Ctx& c);
TestResult decision_unrepairable(Ctx& c);
TestResult decision_missing_findings(Ctx& c);
// checks_declarations.cpp
TestResult describe_consistent(Ctx& c);
TestResult declares_building_types(Ctx& c);
TestResult declares_competence(Ctx& c);
TestResult declares_thresholds(Ctx& c);
TestResult declares_sampling(Ctx& c);
TestResult declares_evidence(Ctx& c);
TestResult declares_supervision(Ctx& c);
TestResult independence(const TestJob& job, const host::Manifest& m, host::Involvement kind);

}  // namespace wkb::admission::detail
