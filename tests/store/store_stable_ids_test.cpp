// Stable ids through a stored project's life (issue 10, item 5): a risk
// override that adds one control keeps every other control and inspection
// id, the plan diff shows only what changed, and findings made for plan
// version 1 still import into version 2 for the controls that remain.
// Run with the example instruments of the tree (Seriebouw native, Kavelbouw
// Lua) on a real example project, since they are what assurers use.
#include <algorithm>
#include <set>

#include "store_fixture.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/ids.hpp"
#include "wkb/store/plan_diff.hpp"

namespace wkb::store::test {
namespace {

struct Case {
  const char* name;
  const char* plugin;  // folder under the build's plugins/
  const char* instrument;
  const char* project;  // examples/projects/<name>.json
};

class StableIdsTest : public StoreTest {
 protected:
  static Project example(const char* name) {
    const std::string file = std::string(WKB_SOURCE_DIR) + "/examples/projects/" + name + ".json";
    return read_project(wkb::host::read_text_file(file), file);
  }
  InstrumentLoader plugin(const Case& c) { return loader(std::filesystem::path(WKB_STORE_PLUGINS_DIR) / c.plugin); }

  // A design risk without a control in `v`: raising it adds exactly one
  // control (a document review; 3 x 3 x 2 = 18 stays below every site threshold).
  static const Risk* uncontrolled_design_risk(const PlanVersion& v) {
    for (const auto& r : v.assessment.risks) {
      const bool controlled = std::any_of(v.plan.controls.begin(), v.plan.controls.end(),
                                          [&](const Control& c) { return c.risk == r.id; });
      if (r.phase == RiskPhase::design && !controlled) return &r;
    }
    return nullptr;
  }
};

// One control as canonical text (a plan of that control alone), to compare whole.
std::string text_of(const Control& c) {
  Plan p;
  p.project = "x";
  p.controls = {c};
  return write(p);
}

const Case kCases[] = {{"seriebouw", "seriebouw", "nl.voorbeeld.seriebouw", "kloosterstraat-12"},
                       {"kavelbouw", "kavelbouw", "nl.voorbeeld.kavelbouw", "kavel-vrijstaand"}};

TEST_P(StableIdsTest, AnOverrideThatAddsAControlChangesNothingElse) {
  for (const Case& k : kCases) {
    SCOPED_TRACE(k.name);
    rewind_clock();  // the second project starts in March too (notify_and_wait moves the clock on)
    auto store = open();
    const Project project = example(k.project);
    const PlanVersion v1 = store->create(project, k.instrument, plugin(k), "A. Borger").plan;
    notify_and_wait(*store, project.id, "A. Borger");
    // Half of the findings before the override, the rest of the same file after it.
    const auto file = findings_for(v1.plan, FindingResult::conform, "2026-05-04");
    ASSERT_GT(file.size(), 2u);
    const std::vector<Finding> first(file.begin(), file.begin() + static_cast<long>(file.size() / 2));
    const std::vector<Finding> rest(file.begin() + static_cast<long>(file.size() / 2), file.end());
    store->add_findings(project.id, first, "A. Borger");

    const Risk* risk = uncontrolled_design_risk(v1);
    ASSERT_TRUE(risk) << "the example project has no design risk below the control threshold";
    const std::string risk_id = risk->id;
    const auto update =
        store->override_risk(project.id, {risk_id, 3, 3, 2, "ontwerp wijkt af van het standaardconcept", "A. Borger"},
                             plugin(k));
    const PlanVersion& v2 = update.current;
    ASSERT_EQ(v2.version, 2);

    // Exactly one new control, for the overridden risk; every old one as it was.
    ASSERT_EQ(v2.plan.controls.size(), v1.plan.controls.size() + 1);
    std::string added;
    for (const auto& c : v2.plan.controls) {
      const Control* old = v1.plan.control(c.id);
      if (!old) {
        EXPECT_TRUE(added.empty()) << "a second new control " << c.id;
        added = c.id;
        EXPECT_EQ(c.risk, risk_id);
        continue;
      }
      EXPECT_EQ(text_of(*old), text_of(c)) << c.id;
    }
    EXPECT_EQ(added, control_id(risk_id, ControlMethod::document_review, Phase::design));
    ASSERT_EQ(v2.plan.inspections.size(), v1.plan.inspections.size());
    for (std::size_t i = 0; i < v1.plan.inspections.size(); ++i)
      EXPECT_EQ(v1.plan.inspections[i].id, v2.plan.inspections[i].id);

    // The diff: the risk's score and the one control, nothing more.
    const auto changes = diff_plans(v1, v2);
    std::set<std::string> seen;
    for (const auto& c : changes) seen.insert(c.kind + " " + c.subject + " " + c.id);
    EXPECT_EQ(seen, (std::set<std::string>{"changed risk " + risk_id, "added control " + added}));
    EXPECT_EQ(changes.size(), 2u);

    // The rest of the findings made for version 1 import into version 2.
    EXPECT_EQ(store->add_findings(project.id, rest, "A. Borger").stored, static_cast<int>(rest.size()));
    EXPECT_EQ(store->load(project.id).findings.size(), file.size());
  }
}

TEST_P(StableIdsTest, AControlThatGoesAwayRefusesOnlyItsOwnFindings) {
  const Case& k = kCases[0];
  auto store = open();
  const Project project = example(k.project);
  const PlanVersion v1 = store->create(project, k.instrument, plugin(k), "A. Borger").plan;
  // Lower the risk of one project-level control below the threshold: the control goes.
  const Control* gone = nullptr;
  for (const auto& c : v1.plan.controls)
    if (c.units.empty() && std::count_if(v1.plan.controls.begin(), v1.plan.controls.end(),
                                         [&](const Control& x) { return x.risk == c.risk; }) == 1)
      gone = &c;
  ASSERT_TRUE(gone);
  const std::string gone_id = gone->id;
  const PlanVersion v2 =
      store->override_risk(project.id, {gone->risk, 1, 1, 1, "risico vervalt door gewijzigd ontwerp", "A. Borger"},
                           plugin(k))
          .current;
  EXPECT_EQ(v2.plan.control(gone_id), nullptr);
  EXPECT_EQ(v2.plan.controls.size(), v1.plan.controls.size() - 1);
  for (const auto& c : v2.plan.controls) EXPECT_NE(v1.plan.control(c.id), nullptr) << c.id;
  notify_and_wait(*store, project.id, "A. Borger");

  // The version-1 file is refused whole, naming only the control that went.
  const auto file = findings_for(v1.plan, FindingResult::conform, "2026-05-04");
  std::string e = "(accepted)";
  try {
    store->add_findings(project.id, file, "A. Borger");
  } catch (const std::exception& x) {  // a ValidationError with one issue per finding
    e = x.what();
  }
  EXPECT_NE(e.find(gone_id), std::string::npos) << e;
  // It points to where a stored project's control ids are shown.
  EXPECT_NE(e.find("`wkb project show " + project.id + "`"), std::string::npos) << e;
  for (const auto& c : v2.plan.controls) EXPECT_EQ(e.find("\"" + c.id + "\""), std::string::npos) << c.id << "\n" << e;
  EXPECT_TRUE(store->load(project.id).findings.empty());
  // Without the findings for that control, the same file imports.
  std::vector<Finding> remaining;
  std::copy_if(file.begin(), file.end(), std::back_inserter(remaining),
               [&](const Finding& f) { return f.control != gone_id; });
  EXPECT_EQ(store->add_findings(project.id, remaining, "A. Borger").stored, static_cast<int>(remaining.size()));
}

WKB_STORE_BACKENDS(StableIdsTest);

}  // namespace
}  // namespace wkb::store::test
