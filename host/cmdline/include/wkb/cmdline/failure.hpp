#pragma once
// The one place where a program's failure becomes what the user sees: a
// Dutch line on stderr, or with --json one JSON object on stdout in the shape
// of RFC 9457 problem details ({type, title, detail, status, rule, file,
// path, ...}), and the exit code. docs/cli.md#fouten-als-json describes it.
#include <iosfwd>
#include <string>

namespace wkb::host {
class Error;
}

namespace wkb::cmdline {

// Call inside a catch block: reports the exception being handled and returns
// the exit code (the error's own; 70 for an internal error). A program with
// fewer exit codes passes `exit_code_of` to map the error's code to its own;
// the JSON "status" is then that code too.
int report_current_exception(const std::string& program, bool json, std::ostream& out, std::ostream& err,
                             int (*exit_code_of)(int) = nullptr) noexcept;

// The rule id of a host error: its own, else its kind's ("plugin-crashed"
// for a plugin failure with code "crashed", "invalid-input", ...).
std::string rule_of(const host::Error& e);

// Whether the command line asks for JSON (--json before any "--"), known even
// when the rest of the line cannot be parsed.
bool wants_json(int argc, const char* const* argv);

// The problem type URI for a rule id: "urn:wkb:problem:unknown-option".
std::string problem_type(const std::string& rule);

}  // namespace wkb::cmdline
