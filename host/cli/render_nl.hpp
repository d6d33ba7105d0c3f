#pragma once
// Dutch, human-readable rendering of contract messages for the terminal.
// Terms follow docs/glossary.md.
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/host/manifest.hpp"
#include "wkb/sdk/labels_nl.hpp"
#include "wkb/sdk/types.hpp"

namespace wkb::cli {

// Labels come from wkb/sdk/labels_nl.hpp; an outcome as a heading is in capitals.
std::string outcome_heading(Outcome);
// A contract method as a person reads it: "assess" -> "risicobeoordeling".
std::string method_nl(const std::string& method);

void render_header(std::ostream& out, const Project& project, const Description& instrument);
void render_instrument(std::ostream& out, const host::Manifest& manifest, const Description& d);
void render_assessment(std::ostream& out, const Assessment& a, const Description& d);
void render_sample(std::ostream& out, const Project& p, const Sample& s);
void render_plan(std::ostream& out, const Plan& plan);
void render_decision(std::ostream& out, const Decision& d);
}  // namespace wkb::cli
namespace wkb::store {
struct ProjectRecord;
}
namespace wkb::cli {
// A stored project's lifecycle as the law names its steps (`project show`):
// the melder, bouwmelding, start bouw, meldingen, verklaring or melding
// strijdigheid, gereedmelding, afgesloten zonder verklaring.
void render_lifecycle(std::ostream& out, const store::ProjectRecord& r);

// A plain text table: columns padded to the widest cell (UTF-8 aware).
class Table {
 public:
  explicit Table(std::vector<std::string> headers);
  void add(std::vector<std::string> row);
  void print(std::ostream& out, const std::string& indent = "  ") const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

}  // namespace wkb::cli
