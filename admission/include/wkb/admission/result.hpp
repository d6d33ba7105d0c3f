#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace wkb::admission {

enum class Status { pass, fail, warn, skip, crashed, timeout };
std::string_view to_string(Status);
// The Dutch word for reports and the console: "geslaagd", "gefaald", "waarschuwing", ...
std::string_view label_nl(Status);
bool parse_status(std::string_view, Status&);
// fail, crashed and timeout reject an instrument; pass, warn and skip do not.
inline bool rejects(Status s) { return s == Status::fail || s == Status::crashed || s == Status::timeout; }

struct TestResult {
  std::string id;
  int chapter = 0;
  std::string title;
  Status status = Status::skip;
  std::string message;               // one line, Dutch
  std::vector<std::string> details;  // the evidence: issue lines, project names
  std::string digest;                // cross-process determinism only
  long long duration_ms = 0;
};

}  // namespace wkb::admission
