#include "start_message.hpp"

#include <boost/json.hpp>

#include "wkb/sdk/json.hpp"

namespace wkb::host::isolation {
namespace json = boost::json;

namespace {
constexpr const char* kPinnedNames[] = {"none", "memfd", "script"};
}

std::string write_start_message(const StartMessage& s) {
  const Manifest& m = s.manifest;
  json::object o{{"probe", s.probe}, {"pinned", kPinnedNames[static_cast<int>(s.pinned)]}};
  if (!s.probe) {
    o["manifest"] = json::object{{"id", m.id},
                                 {"name", m.name},
                                 {"version", m.version},
                                 {"sdk", m.sdk},
                                 {"kind", m.kind},
                                 {"entry", m.entry},
                                 {"provider_kvk", m.provider_kvk},
                                 {"provider_name", m.provider_name},
                                 {"folder", m.folder.string()}};
    o["lua"] = json::object{{"instruction_limit", s.lua_instruction_limit},
                            {"memory_limit", s.lua_memory_limit},
                            {"deadline_ms", s.lua_deadline_ms}};
  }
  if (s.pinned == StartMessage::Pinned::script) o["script"] = s.script;
  return serialize_canonical(o);
}

StartMessage read_start_message(std::string_view text) {
  const json::value v = parse_json(text, "start message");
  const auto& o = v.as_object();
  StartMessage s;
  s.probe = o.at("probe").as_bool();
  const std::string pinned(o.at("pinned").as_string());
  for (int i = 0; i < 3; ++i)
    if (pinned == kPinnedNames[i]) s.pinned = static_cast<StartMessage::Pinned>(i);
  if (s.pinned == StartMessage::Pinned::script) s.script = std::string(o.at("script").as_string());
  if (s.probe) return s;
  const auto& mo = o.at("manifest").as_object();
  auto str = [&](const char* key) { return std::string(mo.at(key).as_string()); };
  Manifest& m = s.manifest;
  m.id = str("id");
  m.name = str("name");
  m.version = str("version");
  m.sdk = static_cast<int>(mo.at("sdk").as_int64());
  m.kind = str("kind");
  m.entry = str("entry");
  m.provider_kvk = str("provider_kvk");
  m.provider_name = str("provider_name");
  m.folder = str("folder");
  const auto& lua = o.at("lua").as_object();
  s.lua_instruction_limit = lua.at("instruction_limit").as_int64();
  s.lua_memory_limit = static_cast<std::size_t>(lua.at("memory_limit").to_number<std::int64_t>());
  s.lua_deadline_ms = static_cast<int>(lua.at("deadline_ms").as_int64());
  return s;
}

}  // namespace wkb::host::isolation
