#pragma once
// The test catalogue: stable kebab-case ids, each tagged with the chapter of
// the Toelatingskader it serves. docs/admission/tests.md describes every test.
#include <string>
#include <string_view>
#include <vector>

namespace wkb::admission {

inline constexpr std::string_view kSuiteVersion = "1.0.0";

struct TestInfo {
  std::string id;
  int chapter;          // 1..5
  std::string title;    // Dutch, for the reports
  bool twice = false;   // run in two processes and compare (cross-process determinism)
};

const std::vector<TestInfo>& catalogue();
const TestInfo* find_test(std::string_view id);
// Dutch chapter titles of the Toelatingskader.
std::string_view chapter_title(int chapter);

}  // namespace wkb::admission
