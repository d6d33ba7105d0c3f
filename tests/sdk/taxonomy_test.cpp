#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "test_paths.hpp"
#include "wkb/sdk/taxonomy.hpp"
#include "wkb/sdk/types.hpp"

TEST(Taxonomy, MatchesTheShippedDataFile) {
  // The compiled-in copy is the file in sdk/data: a correction there reaches the program.
  const auto v = boost::json::parse(wkb::test::read(wkb::test::source_dir() / "sdk/data/taxonomy.json"));
  const auto& topics = v.at("topics").as_array();
  ASSERT_EQ(wkb::taxonomy().size(), topics.size());
  for (std::size_t i = 0; i < topics.size(); ++i)
    EXPECT_EQ(wkb::taxonomy()[i].id, topics[i].at("id").as_string().c_str());
}

TEST(Taxonomy, HasTheContractsTwentySevenTopicsInFourGroups) {
  std::set<std::string> ids, groups;
  for (const auto& t : wkb::taxonomy()) {
    EXPECT_TRUE(ids.insert(t.id).second) << "duplicate " << t.id;
    groups.insert(t.group_nl);
    EXPECT_FALSE(t.label_nl.empty());
    EXPECT_EQ(t.bbl_ref.rfind("Bbl", 0), 0u) << t.id;
  }
  EXPECT_EQ(ids.size(), 27u);
  EXPECT_EQ(groups, (std::set<std::string>{"Veiligheid", "Gezondheid", "Bruikbaarheid", "Energiezuinigheid en milieu"}));
  for (const char* required : {"structural-safety", "fire-spread", "energy-performance", "overheating", "pests"})
    EXPECT_NE(wkb::find_topic(required), nullptr) << required;
  EXPECT_EQ(wkb::find_topic("plumbing"), nullptr);
}

TEST(Taxonomy, EveryTopicBelongsToAnAreaOfExpertise) {
  // The staff register's checks route a control to the persons of an area by
  // its topic: an area outside the vocabulary would leave no one qualified.
  std::set<std::string> used;
  for (const auto& t : wkb::taxonomy()) {
    EXPECT_TRUE(wkb::is_competence_area(t.area)) << t.id << ": " << t.area;
    used.insert(t.area);
  }
  EXPECT_EQ(wkb::find_topic("fire-spread")->area, "fire-safety");
  EXPECT_EQ(wkb::find_topic("drinking-water")->area, "installations");
  EXPECT_EQ(wkb::find_topic("overheating")->area, "building-physics");
  EXPECT_EQ(wkb::find_topic("storage")->area, "risk-assessment-and-plan");
  // Every area but site inspection (a method, not a subject) has topics.
  for (auto a : wkb::competence_areas()) {
    if (a != "site-inspection") {
      EXPECT_TRUE(used.count(std::string(a))) << a;
    }
  }
  EXPECT_FALSE(used.count("site-inspection"));
}
