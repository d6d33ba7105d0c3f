#pragma once
// Projects for the suite: the reference corpus (admission/corpus/*.json) and
// seeded, reproducible generated projects for fuzzing and golden scenarios.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "wkb/sdk/types.hpp"

namespace wkb::admission {

struct CorpusProject {
  std::string name;  // file name
  Project project;
};

// Every *.json in `dir`, sorted by name, read with wkb::read_project. Throws
// (InputError / ValidationError) naming the file when one is invalid.
std::vector<CorpusProject> load_corpus(const std::filesystem::path& dir);

// A valid wkb.project/1 drawn from (seed, index): building type from `types`,
// 1..max_units units, a schedule with at least one execution phase, random
// local conditions, documents and certificates. Same arguments, same project.
Project generate_project(std::uint64_t seed, int index, const std::vector<BuildingType>& types, int max_units);

// A plain project of `units` units and `type` with a complete schedule and no
// special conditions: the base of the golden scenarios.
Project base_project(const std::string& id, BuildingType type, int units);

}  // namespace wkb::admission
