#pragma once
// The TloKB's reports as machines and people read them: JSON (data, English
// keys and contract values), CSV (one finding a row) and a Dutch HTML page
// (self-contained, no JavaScript, no network, charts as inline SVG, readable
// printed). The terminal tables are in host/cli (tlokb_render.cpp).
#include <string>

#include "wkb/registrations/chain.hpp"
#include "wkb/registrations/monitor.hpp"

namespace wkb::reg {

// What a report is about, for its heading: the files and stores read.
struct Sources {
  std::vector<std::string> meldingen;      // files
  std::vector<std::string> registrations;  // files and stores
  // Rows left out with --skip-bad-rows: the file and the problem.
  std::vector<std::pair<std::string, RowProblem>> skipped;
};

std::string chain_json(const ChainReport& r, const Sources& s);  // canonical
std::string chain_csv(const ChainReport& r);                     // semicolon-separated, UTF-8 with BOM
std::string chain_html(const ChainReport& r, const Sources& s);

std::string monitor_json(const MonitorReport& m, const Sources& s);
std::string monitor_csv(const MonitorReport& m);
std::string monitor_html(const MonitorReport& m, const Sources& s);

// A monitor outcome key ("declaration", "non-compliance-notice", "open") and
// a finding result ("repaired") as a person reads them.
std::string outcome_label_nl(const std::string& key);
std::string result_label_nl(const std::string& result);

// The HTML helpers the reports share (compare uses them too).
namespace html {
// The page around `body`: <!DOCTYPE html>, lang="nl", a print style sheet.
std::string page(const std::string& title, const std::string& body);
struct Bar {
  std::string label;
  double value = 0;
  std::string value_text;  // shown at the bar's end
};
// A horizontal bar chart as inline SVG, with a <title> and a text per bar so
// that it reads without colour and in print.
std::string bar_chart(const std::string& title, const std::vector<Bar>& bars);
}  // namespace html

}  // namespace wkb::reg
