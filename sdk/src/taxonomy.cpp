#include "wkb/sdk/taxonomy.hpp"

#include <boost/json.hpp>

#include "wkb/sdk/json.hpp"

namespace wkb {
namespace detail {
extern const char kTaxonomyJson[];  // generated from sdk/data/taxonomy.json
}

std::string_view taxonomy_json() { return detail::kTaxonomyJson; }

const std::vector<Topic>& taxonomy() {
  // Parsed once; the data is compiled in and checked by the tests.
  static const std::vector<Topic> topics = [] {
    std::vector<Topic> out;
    const boost::json::value v = parse_json(taxonomy_json(), "sdk/data/taxonomy.json");
    const auto& groups = v.at("groups").as_object();
    for (const auto& t : v.at("topics").as_array()) {
      const auto& o = t.as_object();
      Topic topic;
      topic.id = o.at("id").as_string().c_str();
      topic.group = o.at("group").as_string().c_str();
      topic.group_nl = groups.at(topic.group).as_string().c_str();
      topic.label_nl = o.at("label_nl").as_string().c_str();
      topic.bbl_ref = o.at("bbl_ref").as_string().c_str();
      topic.area = o.at("area").as_string().c_str();
      out.push_back(std::move(topic));
    }
    return out;
  }();
  return topics;
}

const Topic* find_topic(std::string_view id) {
  for (const auto& t : taxonomy())
    if (t.id == id) return &t;
  return nullptr;
}

}  // namespace wkb
