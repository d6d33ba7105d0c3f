#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "test_paths.hpp"
#include "wkb/sdk/taxonomy.hpp"

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
