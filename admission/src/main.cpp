// wkb-admission: the TloKB's conformance suite for instruments (issue #5).
// Usage: wkb-admission --help
#include <sodium.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <iostream>
#include <map>
#include <algorithm>
#include <random>
#include <set>

#include "wkb/admission/catalogue.hpp"
#include "wkb/admission/certify.hpp"
#include "wkb/admission/checks.hpp"
#include "wkb/admission/generator.hpp"
#include "wkb/host/register.hpp"
#include "wkb/admission/runner.hpp"
#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/host/log.hpp"
#include "wkb/host/manifest.hpp"
#include "wkb/host/trust.hpp"
#include "wkb/sdk/json.hpp"

namespace fs = std::filesystem;
using namespace wkb;
using namespace wkb::admission;

namespace {

constexpr const char* kHelp = R"(wkb-admission: conformiteitstoets van de TloKB voor instrumenten voor kwaliteitsborging

Gebruik:
  wkb-admission run PLUGIN_DIR [opties]     toets een instrument (plugin-map, native of Lua)
  wkb-admission --list                       de toetsencatalogus (id, hoofdstuk, omschrijving)
  wkb-admission keygen --out PREFIX          maak een Ed25519-sleutelpaar: PREFIX.key en PREFIX.pub
  wkb-admission certify --report REPORT --key KEY [--out FILE] [--run-key HEX]
                                             onderteken een certificaat voor een toegelaten rapport
                                             (standaard: certificate.json in de map van de plugin);
                                             --run-key: de sleutel van de toetsrun zoals run die toonde
  wkb-admission verify CERT --pubkey PUB [--plugin DIR]
                                             controleer handtekening (en bestanden) van een certificaat

Opties van run:
  --register FILE   onafhankelijkheidsregister (wkb.register/1)
  --policy FILE     toelatingsbeleid (wkb.admission-policy/1); standaard admission/policy/default.json
  --out DIR         map voor report.json, junit.xml en report.html (standaard: admission-report)
  --seed N          seed voor gegenereerde projecten (standaard: willekeurig; staat in het rapport)
  --only REGEX      alleen toetsen waarvan de id hierop past (rapport is dan onvolledig)
  --corpus DIR      referentiecorpus (standaard admission/corpus/)
  --allow-weaker-sandbox
                    toets ook waar seccomp, een PID-namespace of een andere laag van de
                    sandbox ontbreekt (anders weigert run te starten, exitcode 2); het
                    rapport vermeldt de ontbrekende lagen
  --list            toon de catalogus en stop
  --log-level LVL   trace, debug, info, warn (standaard), error, off

Exitcodes: 0 toegelaten / geldig, 1 niet toegelaten / geweigerd / ongeldig, 2 gebruik- of toetsfout.
De laatste regel van `run` is altijd het oordeel: TOEGELATEN of NIET TOEGELATEN, met aantallen.
)";

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
  std::set<std::string> flags;
};

Args parse(int argc, char** argv, int from, const std::set<std::string>& with_value,
           const std::set<std::string>& flags) {
  Args a;
  for (int i = from; i < argc; ++i) {
    std::string s = argv[i];
    if (s.rfind("--", 0) == 0) {
      std::string value;
      const auto eq = s.find('=');
      const bool inline_value = eq != std::string::npos;
      if (inline_value) {
        value = s.substr(eq + 1);
        s = s.substr(0, eq);
      }
      if (flags.count(s) && !inline_value) {
        a.flags.insert(s);
      } else if (with_value.count(s)) {
        if (!inline_value) {
          if (i + 1 >= argc) throw host::UsageError(s + " needs a value; see wkb-admission --help");
          value = argv[++i];
        }
        a.options[s] = value;
      } else {
        throw host::UsageError("unknown option " + s + "; see wkb-admission --help");
      }
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

std::string opt(const Args& a, const std::string& key, const std::string& fallback = {}) {
  auto it = a.options.find(key);
  return it == a.options.end() ? fallback : it->second;
}

std::uint64_t parse_seed(const std::string& s) {
  try {
    std::size_t used = 0;
    const auto v = std::stoull(s, &used, 10);
    if (used == s.size() && !s.empty() && s[0] != '-') return v;
  } catch (...) {
  }
  throw host::UsageError("--seed: \"" + s + "\" is not a whole number from 0 to 18446744073709551615");
}

fs::path self_exe(const char* argv0) {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::absolute(argv0) : p;
}

void print_list() {
  for (const auto& t : catalogue())
    std::cout << t.id << "\t" << t.chapter << "\t" << chapter_title(t.chapter) << "\t" << t.title << "\n";
}

int cmd_child(int argc, char** argv) {
  const Args a = parse(argc, argv, 2,
                       {"--test", "--plugin", "--policy", "--corpus", "--seed", "--result-fd", "--heartbeat-fd",
                        "--register"},
                       {"--allow-weaker-sandbox"});
  TestJob job;
  job.test_id = opt(a, "--test");
  job.plugin_dir = opt(a, "--plugin");
  job.policy = load_policy(opt(a, "--policy"));
  job.corpus_dir = opt(a, "--corpus");
  job.seed = parse_seed(opt(a, "--seed", "0"));
  job.heartbeat_fd = std::stoi(opt(a, "--heartbeat-fd", "-1"));
  job.require_full_sandbox = !a.flags.count("--allow-weaker-sandbox");
  if (a.options.count("--register")) job.register_file = opt(a, "--register");
  if (job.heartbeat_fd >= 0) {
    // Alive: the watchdog counts from here, not from fork (a loaded machine
    // may be slow to exec).
    [[maybe_unused]] auto n = ::write(job.heartbeat_fd, ".", 1);
  }
  const TestResult r = run_test_in_process(job);
  boost::json::array details;
  for (const auto& d : r.details) details.emplace_back(d);
  boost::json::object o{{"status", to_string(r.status)}, {"message", r.message}, {"details", std::move(details)}};
  if (!r.digest.empty()) o["digest"] = r.digest;
  // The result goes to the harness through a pipe; only the harness writes
  // files. No plugin process holds this descriptor (the plugin host gets
  // only its channel and the standard streams).
  const std::string text = serialize_canonical(o);
  const int fd = std::stoi(opt(a, "--result-fd", "-1"));
  for (std::size_t done = 0; fd >= 0 && done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return 2;
    done += static_cast<std::size_t>(n);
  }
  return 0;
}

int cmd_run(int argc, char** argv) {
  const Args a = parse(argc, argv, 2,
                       {"--register", "--policy", "--out", "--seed", "--only", "--corpus", "--log-level"},
                       {"--list", "--help", "--allow-weaker-sandbox"});
  if (a.flags.count("--help")) {
    std::cout << kHelp;
    return 0;
  }
  if (a.flags.count("--list")) {
    print_list();
    return 0;
  }
  if (a.positional.size() != 1)
    throw host::UsageError("run takes one PLUGIN_DIR; see wkb-admission --help");
  if (a.options.count("--log-level") && !host::log::set_level(opt(a, "--log-level")))
    throw host::UsageError("--log-level: unknown level \"" + opt(a, "--log-level") + "\"");
  RunOptions o;
  o.plugin_dir = a.positional[0];
  std::error_code ec;
  if (!fs::is_directory(o.plugin_dir, ec))
    throw host::UsageError(o.plugin_dir.string() + ": not a folder; pass the plugin's folder (with plugin.json)");
  o.policy_file = opt(a, "--policy", WKB_ADMISSION_DEFAULT_POLICY);
  o.corpus_dir = opt(a, "--corpus", WKB_ADMISSION_CORPUS_DIR);
  o.out_dir = opt(a, "--out", "admission-report");
  if (a.options.count("--register")) o.register_file = fs::absolute(opt(a, "--register"));
  o.policy_file = fs::absolute(o.policy_file);
  o.corpus_dir = fs::absolute(o.corpus_dir);
  if (a.options.count("--seed")) {
    o.seed = parse_seed(opt(a, "--seed"));
  } else {
    std::random_device rd;
    o.seed = (static_cast<std::uint64_t>(rd()) << 32) | rd();
  }
  {
    // Reports inside the plugin folder would change the files under test.
    const fs::path plugin = fs::weakly_canonical(fs::absolute(o.plugin_dir));
    const fs::path out = fs::weakly_canonical(fs::absolute(o.out_dir));
    const auto [p_end, o_it] = std::mismatch(plugin.begin(), plugin.end(), out.begin(), out.end());
    if (p_end == plugin.end())
      throw host::UsageError("--out " + o.out_dir.string() + " is inside the plugin folder " + plugin.string() +
                             "; write the reports elsewhere (they would change the files under test)");
  }
  o.only = opt(a, "--only");
  o.self_exe = self_exe(argv[0]);
  // Harness inputs are checked before any test runs: a bad policy, register
  // or corpus is a usage problem, not a verdict on the plugin.
  try {
    load_policy(o.policy_file);
    if (o.register_file) host::load_register(*o.register_file);
    load_corpus(o.corpus_dir);
  } catch (const std::exception& e) {
    throw host::UsageError(e.what());
  }
  // The plugin runs only in a sandboxed plugin host process. Where this
  // system cannot give it every layer, the run starts only when asked to,
  // and the report says which layers were missing.
  o.allow_weaker_sandbox = a.flags.count("--allow-weaker-sandbox") > 0;
  try {
    o.sandbox = host::probe_sandbox();
  } catch (const std::exception& e) {
    throw host::UsageError(std::string("de sandbox voor plugins kan niet worden gestart: ") + e.what());
  }
  std::string missing;
  for (const auto& m : o.sandbox.missing) missing += (missing.empty() ? "" : ", ") + m;
  if (!o.sandbox.complete() && !o.allow_weaker_sandbox)
    throw host::UsageError("deze machine biedt niet elke laag van de sandbox voor plugins (ontbreekt: " + missing +
                           "; " + o.sandbox.problems + "). Voer de toets uit als root of met user namespaces, "
                           "of geef --allow-weaker-sandbox (het rapport vermeldt dan de ontbrekende lagen)");
  std::cout << "wkb-admission " << kSuiteVersion << ": " << o.plugin_dir.string() << " (seed " << o.seed << ")\n";
  if (!o.sandbox.complete())
    std::cout << "WAARSCHUWING: zwakkere sandbox, ontbrekende lagen: " << missing << " (" << o.sandbox.problems << ")\n";
  std::cout << std::flush;
  const RunReport rep = run_suite(o, [](const TestResult& r) {
    std::cout << "[" << to_string(r.status) << "] " << r.id << " (H" << r.chapter << ", " << r.duration_ms
              << " ms): " << r.message << "\n";
    // The console shows the first few details; report.json has them all.
    for (std::size_t i = 0; i < r.details.size() && i < 5; ++i) std::cout << "    " << r.details[i] << "\n";
    if (r.details.size() > 5) std::cout << "    (" << r.details.size() - 5 << " more in report.json)\n";
    std::cout << std::flush;
  });
  const WrittenReports written = write_reports(rep, o.out_dir);
  std::cout << "rapporten: " << (o.out_dir / "report.json").string() << ", junit.xml, report.html\n";
  // The whole key: compared with report.sig.json (or given to certify as
  // --run-key) it ties the report to this run.
  std::cout << "handtekening van dit rapport: ed25519 " << written.public_key_hex << " (report.sig.json)\n";
  std::cout << verdict_line(rep) << "\n";
  return rep.admitted() ? 0 : 1;
}

int cmd_keygen(int argc, char** argv) {
  const Args a = parse(argc, argv, 2, {"--out"}, {"--help"});
  if (a.flags.count("--help")) {
    std::cout << kHelp;
    return 0;
  }
  if (!a.positional.empty() || !a.options.count("--out"))
    throw host::UsageError("keygen takes --out PREFIX; see wkb-admission --help");
  keygen(opt(a, "--out"));
  std::cout << "sleutelpaar geschreven: " << opt(a, "--out") << ".key (geheim) en " << opt(a, "--out") << ".pub\n";
  return 0;
}

int cmd_certify(int argc, char** argv) {
  const Args a = parse(argc, argv, 2, {"--report", "--key", "--out", "--run-key"}, {"--help"});
  if (a.flags.count("--help")) {
    std::cout << kHelp;
    return 0;
  }
  if (!a.positional.empty() || !a.options.count("--report") || !a.options.count("--key"))
    throw host::UsageError(
        "certify takes --report REPORT --key KEY [--out FILE] [--run-key HEX]; see wkb-admission --help");
  // An empty --run-key (an unset variable in a script) must not skip the check.
  if (a.options.count("--run-key") && opt(a, "--run-key").empty())
    throw host::UsageError("--run-key is empty; give the run's public key as printed by wkb-admission run");
  fs::path written;
  std::string run_key;
  const auto p = certify(opt(a, "--report"), opt(a, "--key"), opt(a, "--out"), &written, opt(a, "--run-key"), &run_key);
  std::cout << "rapport ondertekend door de toetsrun: ed25519 " << run_key
            << (a.options.count("--run-key") ? " (gelijk aan --run-key)" : "") << "\n";
  std::cout << "certificaat geschreven: " << written.string() << " (" << p.plugin_id << " " << p.plugin_version
            << ", " << p.files.size() << " bestanden, beleid " << p.policy_id << " " << p.policy_version << ", "
            << p.date << ")\n";
  return 0;
}

int cmd_verify(int argc, char** argv) {
  const Args a = parse(argc, argv, 2, {"--pubkey", "--plugin"}, {"--help"});
  if (a.flags.count("--help")) {
    std::cout << kHelp;
    return 0;
  }
  if (a.positional.size() != 1 || !a.options.count("--pubkey"))
    throw host::UsageError("verify takes CERT --pubkey PUB [--plugin DIR]; see wkb-admission --help");
  const fs::path cert = a.positional[0];
  const std::string pk = [&] {
    try {
      return host::read_public_key_file(opt(a, "--pubkey"));
    } catch (const host::InputError& e) {
      throw host::UsageError(e.what());
    }
  }();
  host::CertificatePayload p;
  try {
    p = host::verify_certificate(host::read_text_file(cert), pk, cert.string());
  } catch (const host::InputError& e) {
    std::cout << "ONGELDIG: " << e.what() << "\n";
    return 1;
  }
  std::cout << "handtekening geldig: " << p.plugin_id << " " << p.plugin_version << ", toetsversie "
            << p.suite_version << ", beleid " << p.policy_id << " " << p.policy_version << ", " << p.date << ", "
            << p.files.size() << " bestanden\n";
  // The files too, when the plugin folder is known.
  fs::path folder = opt(a, "--plugin");
  std::error_code ec;
  if (folder.empty() && cert.filename() == host::kCertificateFileName &&
      fs::exists(fs::absolute(cert).parent_path() / "plugin.json", ec))
    folder = fs::absolute(cert).parent_path();
  if (!folder.empty()) {
    const auto m = host::read_manifest(folder);
    if (fs::weakly_canonical(fs::absolute(cert)) != fs::weakly_canonical(m.folder / host::kCertificateFileName))
      throw host::UsageError("--plugin: the certificate must be " + (m.folder / host::kCertificateFileName).string() +
                             " to check the files of that folder");
    try {
      host::require_trusted(m, opt(a, "--pubkey"));
    } catch (const host::PluginFailure& e) {
      std::cout << "ONGELDIG: " << e.what() << "\n";
      return 1;
    }
    std::cout << "bestanden gelijk aan het certificaat: " << m.folder.string() << "\n";
  }
  std::cout << "GELDIG\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  try {
    if (cmd == "__child") return cmd_child(argc, argv);
    if (cmd.empty() || cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kHelp;
      return cmd.empty() ? 2 : 0;
    }
    if (cmd == "--list" || cmd == "list") {
      print_list();
      return 0;
    }
    if (cmd == "run") {
      try {
        return cmd_run(argc, argv);
      } catch (const host::UsageError&) {
        throw;
      } catch (const std::exception& e) {
        // Harness failure after the run began: still end with a verdict line.
        std::cerr << "wkb-admission: " << e.what() << "\n";
        std::cout << "NIET TOEGELATEN (toets niet voltooid: fout in de toetsomgeving)\n";
        return 2;
      }
    }
    if (cmd == "keygen") return cmd_keygen(argc, argv);
    if (cmd == "certify") return cmd_certify(argc, argv);
    if (cmd == "verify") return cmd_verify(argc, argv);
    throw host::UsageError("unknown command \"" + cmd + "\"; see wkb-admission --help");
  } catch (const host::Error& e) {
    std::cerr << "wkb-admission: " << e.what() << "\n";
    // Exit codes of this tool: 0, 1 (rejected / refused / invalid), 2 (usage or harness).
    return e.exit_code() == host::kExitRejected ? 1 : 2;
  } catch (const std::exception& e) {
    std::cerr << "wkb-admission: " << e.what() << "\n";
    return 2;
  }
}
