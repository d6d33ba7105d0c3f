#pragma once
// The independence register (contract v1, "Independence register
// (wkb.register/1)"): legal entities with their ownership and directors, and
// which assurers are licensed for which instrument.
//
// Used at admission (an instrument fails when a licensed assurer is the
// provider's own legal entity or in its group) and at runtime (an assurer must
// not be involved with the contractor, client or designer, Bkl art. 3.82).
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wkb/sdk/types.hpp"
#include "wkb/sdk/validation.hpp"

namespace wkb::host {

struct RegisterEntity {
  std::string kvk;                       // 8 digits
  std::string name;
  std::optional<std::string> parent_kvk;  // direct owner; absent for a top entity
  std::vector<std::string> directors;     // natural persons, as named in the register
  std::vector<std::string> roles;         // instrument-provider, assurer, contractor, designer, supplier
};

struct License {
  std::string instrument;   // instrument id (reverse-DNS)
  std::string assurer_kvk;  // the licensed assurer
};

// How two legal entities are related, strongest first.
enum class Involvement { same_entity, same_group, shared_director, none };
std::string_view to_string(Involvement);
std::string label_nl(Involvement);  // "hetzelfde concern"

struct InvolvementResult {
  Involvement kind = Involvement::none;
  std::string explanation;  // for a person: "A (12345678) en B (87654321) hebben dezelfde uiteindelijke moeder ..."
};

class Register {
 public:
  std::vector<RegisterEntity> entities;
  std::vector<License> licenses;

  const RegisterEntity* find(std::string_view kvk) const;
  // The top of the ownership chain of `kvk` (itself when it has no parent or is
  // unknown). Chains are checked for cycles when the register is read.
  std::string ultimate_parent(std::string_view kvk) const;
  // Directors both entities share (by exact name after trimming), sorted.
  std::vector<std::string> shared_directors(std::string_view a, std::string_view b) const;
  // The strongest involvement between two entities (same KvK, shared ultimate
  // parent, shared director, or none).
  InvolvementResult involvement(std::string_view a, std::string_view b) const;
  // Assurers licensed for an instrument, in register order.
  std::vector<std::string> licensed_assurers(std::string_view instrument) const;
  bool is_licensed(std::string_view instrument, std::string_view assurer_kvk) const;
  // A display name: "Borg Twente BV (87654321)" or just the KvK when unknown.
  std::string describe(std::string_view kvk) const;
};

// The runtime rule (contract v1, "Independence register"; Bkl art. 3.82): the
// project's assurer must be licensed for `instrument` and must not be the
// same entity as, in the same group as, or share a director with the
// contractor, the client or the designer (when they carry a KvK number).
// Appends issues under the project's JSON paths, rules "assurer-kvk-required",
// "assurer-not-licensed" and "assurer-involved".
void check_assurer_independence(const Register& reg, const Project& project, std::string_view instrument,
                                Issues& issues);

// Reads and checks a wkb.register/1 document. Throws wkb::ValidationError
// naming `subject`, the JSON path and the rule for every problem (KvK format,
// duplicate entities, unknown roles, ownership cycles), SyntaxError when the
// text is not JSON.
Register read_register(std::string_view json, const std::string& subject);
// Reads a register file; InputError when the file cannot be read.
Register load_register(const std::filesystem::path& file);

}  // namespace wkb::host
