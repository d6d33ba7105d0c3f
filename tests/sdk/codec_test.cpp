// JSON round trips and canonical serialisation.
#include <gtest/gtest.h>

#include <filesystem>

#include "test_paths.hpp"
#include "wkb/sdk/codec.hpp"
#include "wkb/sdk/json.hpp"
#include "wkb/sdk/types.hpp"

using namespace wkb;

TEST(Canonical, SortsKeysAndDropsWhitespace) {
  EXPECT_EQ(canonicalize(R"({ "b": 1, "a": [true, null, "x"], "c": {"z": 1, "y": 2} })", "t"),
            R"({"a":[true,null,"x"],"b":1,"c":{"y":2,"z":1}})");
}

TEST(Canonical, NumbersHaveOneSpelling) {
  EXPECT_EQ(canonicalize("[3.0, 0.1, -2, 1e3, 2.5]", "t"), "[3,0.1,-2,1000,2.5]");
}

TEST(Canonical, EscapesControlCharactersAndKeepsUtf8) {
  EXPECT_EQ(canonicalize("[\"a\\u0001b\\n\\\"\", \"borg \\u00e9\"]", "t"), "[\"a\\u0001b\\n\\\"\",\"borg \xC3\xA9\"]");
}

TEST(Canonical, ReportsLineAndColumnOfSyntaxErrors) {
  try {
    canonicalize("{\n  \"a\": 1,\n  \"b\" 2\n}", "file.json");
    FAIL() << "no error";
  } catch (const SyntaxError& e) {
    EXPECT_EQ(e.line(), 3);
    EXPECT_EQ(e.column(), 7);
    EXPECT_NE(std::string(e.what()).find("file.json:3:7: geen geldige JSON"), std::string::npos) << e.what();
  }
}

TEST(Canonical, RefusesTrailingGarbageAndEmptyText) {
  EXPECT_THROW(canonicalize("{} x", "t"), SyntaxError);
  try {
    canonicalize("  \n", "empty.json");
    FAIL();
  } catch (const SyntaxError& e) {
    EXPECT_NE(std::string(e.what()).find("de tekst is leeg"), std::string::npos) << e.what();
  }
}

TEST(Canonical, RefusesDuplicateKeysAtAnyDepth) {
  try {
    parse_json("{\"control\":\"c\",\n \"result\":\"unrepairable\",\"result\":\"conform\"}", "findings.json");
    ADD_FAILURE() << "a duplicate key was accepted";
  } catch (const SyntaxError& e) {
    EXPECT_EQ(e.line(), 2);
    EXPECT_NE(e.detail().find("\"result\""), std::string::npos) << e.detail();
  }
  EXPECT_THROW(parse_json("[{\"a\":1},{\"b\":{\"x\":1,\"\\u0078\":2}}]", "t"), SyntaxError);  // escaped alike
  // Equal keys in different objects, and colons inside strings, are fine.
  EXPECT_NO_THROW(parse_json("[{\"a\":\"x:y\"},{\"a\":{\"a\":\"\\\"a\\\":\"}}]", "t"));
}

TEST(Canonical, RefusesInvalidUtf8) { EXPECT_THROW(canonicalize("[\"\xC3\x28\"]", "t"), SyntaxError); }

class ExampleProjects : public ::testing::TestWithParam<std::string> {};

TEST_P(ExampleProjects, RoundTripIsLossless) {
  const std::string text = test::read(test::example_project(GetParam()));
  const Project p = read_project(text, GetParam());
  const std::string once = write(p);
  const Project again = read_project(once, "round trip");
  EXPECT_EQ(write(again), once);
  EXPECT_EQ(again.id, p.id);
  EXPECT_EQ(again.unit_ids, p.unit_ids);
  EXPECT_EQ(again.schedule.size(), p.schedule.size());
}

INSTANTIATE_TEST_SUITE_P(Examples, ExampleProjects,
                         ::testing::Values("kloosterstraat-12", "kavel-vrijstaand", "nieuwe-kern-150",
                                           "bedrijfshal-2-lagen", "beng-ontbreekt", "slappe-bodem-brandscheiding"));

TEST(Codec, DefaultUnitIdsAreOneToN) {
  std::string text = test::read(test::example_project("kavel-vrijstaand"));
  const Project p = read_project(text, "kavel");
  ASSERT_EQ(p.unit_ids.size(), 1u);
  EXPECT_EQ(p.unit_ids[0], "1");
}

TEST(Codec, MessagesRoundTrip) {
  Plan plan;
  plan.project = "P-1";
  Control c;
  c.id = "C1";
  c.risk = "R1";
  c.topic = "fire-spread";
  c.bbl_ref = "Bbl § 4.2.8";
  c.method = ControlMethod::site_inspection;
  c.phase = Phase::finishing;
  c.units = {"1", "2"};
  c.evidence = "foto's";
  plan.controls.push_back(c);
  plan.inspections.push_back({"B1", Phase::finishing, *Date::parse("2026-09-01"), {"1"}, {"C1"}});
  const std::string text = write(plan);
  EXPECT_EQ(write(read_plan(text, "plan")), text);

  Findings f{"P-1", {{"C1", std::string("1"), FindingResult::evidence_missing, "", "A", *Date::parse("2026-09-01")},
                     {"C0", std::nullopt, FindingResult::repaired, "n", "B", *Date::parse("2026-09-02")}}};
  const std::string ft = write(f);
  const Findings back = read_findings(ft, "f");
  EXPECT_EQ(write(back), ft);
  EXPECT_FALSE(back.findings[1].unit.has_value());
  EXPECT_EQ(back.findings[0].result, FindingResult::evidence_missing);

  Decision d{"P-1", Outcome::open_items, {{"C1", std::string("1"), "fire-spread", "Bbl", FindingResult::open, "x"}}, {}};
  EXPECT_EQ(write(read_decision(write(d), "d")), write(d));
}

TEST(Seed, IsFnv1a64OfTheProjectId) {
  // Published FNV-1a 64 test vectors.
  EXPECT_EQ(derive_seed(""), "14695981039346656037");
  EXPECT_EQ(derive_seed("a"), "12638187200555641996");
  EXPECT_NE(derive_seed("2026-ALM-0042"), derive_seed("2026-ALM-0043"));
}

TEST(Seed, GeneratorIsDeterministicAndBounded) {
  DeterministicRng a = DeterministicRng::for_project("X"), b = DeterministicRng::for_project("X");
  for (int i = 0; i < 100; ++i) {
    const auto v = a.below(7);
    EXPECT_EQ(v, b.below(7));
    EXPECT_LT(v, 7u);
  }
  DeterministicRng c = DeterministicRng::for_project("Y");
  DeterministicRng d = DeterministicRng::for_project("X");
  EXPECT_NE(c.next(), d.next());
}

TEST(Sampling, RequiredSizeHonoursFractionAndMinimum) {
  const SamplingPolicy p{0.1, 1, 3, ""};
  EXPECT_EQ(required_sample_size(p, 1), 1);
  EXPECT_EQ(required_sample_size(p, 12), 2);
  EXPECT_EQ(required_sample_size(p, 150), 15);  // not 16 through rounding
  EXPECT_EQ(required_sample_size(p, 151), 16);
  EXPECT_EQ(required_sample_size({0.1, 5, 3, ""}, 3), 3);  // never more than the units
}

TEST(Codec, DirectWriterEqualsTheCanonicalTreeSerialisation) {
  // write() skips the JSON tree for speed; it must still give exactly the
  // bytes of the canonical serialisation of to_json(), optional members included.
  Project p = read_project(test::read(test::example_project("bedrijfshal-2-lagen")), "p");
  EXPECT_EQ(write(p), serialize_canonical(to_json(p)));
  p.address.bag_id.reset();
  p.building.construction.clear();
  p.parties.designer.reset();
  p.parties.client.is_private.reset();
  EXPECT_EQ(write(p), serialize_canonical(to_json(p)));
  Decision d{"P", Outcome::open_items,
             {{"C1", std::string("1"), "fire-spread", "Bbl \"x\"\n", FindingResult::open, "tab\t"},
              {"C2", std::nullopt, "smoke", "b", FindingResult::evidence_missing, ""}},
             {{"R1", {"C1"}, "beschrijving"}, {"R2", {}, ""}}};
  EXPECT_EQ(write(d), serialize_canonical(to_json(d)));
  Description desc;
  desc.id = "nl.x";
  desc.building_types = {BuildingType::dwelling, BuildingType::industrial};
  desc.sampling.min_fraction = 0.125;
  desc.competence = {{"site-inspection", "mbo", 3, "x"}};
  EXPECT_EQ(write(desc), serialize_canonical(to_json(desc)));
}
