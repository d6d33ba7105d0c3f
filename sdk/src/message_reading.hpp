#pragma once
// Helpers shared by the readers of the contract's messages
// (json_messages.cpp, json_description.cpp). Internal to the SDK.
#include <boost/json.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "wkb/sdk/json_reader.hpp"
#include "wkb/sdk/labels_nl.hpp"

namespace wkb::detail::reading {

namespace json = boost::json;

inline constexpr int kMaxUnits = 10000;  // far above any gevolgklasse-1 project; guards against typos

// The values a member may take, as written in JSON with their Dutch labels:
// `"design" (ontwerp), "foundation" (fundering), ...`.
template <typename E>
std::string choices(std::initializer_list<E> values) {
  std::string out;
  for (E e : values) out += (out.empty() ? "" : ", ") + labelled_nl(e);
  return out;
}
inline const std::string& building_type_choices() {
  static const std::string s = choices({BuildingType::dwelling, BuildingType::holiday_dwelling,
                                        BuildingType::floating_dwelling, BuildingType::industrial});
  return s;
}

inline void check_kvk(ObjectReader& r, const std::optional<std::string>& kvk) {
  if (kvk) detail::check_kvk(r.issues(), r.at("kvk"), *kvk);
}

inline json::string_view sv(std::string_view s) { return json::string_view(s.data(), s.size()); }

template <typename T, typename F>
std::vector<T> read_list(ObjectReader& r, std::string_view key, bool required, F item) {
  std::vector<T> out;
  const json::array* a = r.array(key, required);
  if (!a) return out;
  out.reserve(a->size());
  for (std::size_t i = 0; i < a->size(); ++i) out.push_back(item((*a)[i], index_path(r.at(key), i)));
  return out;
}

}  // namespace wkb::detail::reading
