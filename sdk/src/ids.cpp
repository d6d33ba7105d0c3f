#include "wkb/sdk/ids.hpp"

#include <algorithm>

namespace wkb {

std::string risk_id(std::string_view topic, std::string_view aspect) {
  std::string id = "R-" + std::string(topic);
  if (!aspect.empty()) id.append("/").append(aspect);
  return id;
}

std::string control_id(std::string_view risk, ControlMethod method, Phase phase, std::string_view aspect) {
  std::string id(risk);
  id.append("/").append(to_string(method)).append("/").append(to_string(phase));
  if (!aspect.empty()) id.append("/").append(aspect);
  return id;
}

std::string inspection_id(Phase phase, int n) { return std::string(to_string(phase)) + "/" + std::to_string(n); }

void name_inspections(std::vector<Inspection>& inspections) {
  std::vector<std::size_t> order(inspections.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Stable: on the same phase and date the list order decides.
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Inspection &x = inspections[a], &y = inspections[b];
    if (x.phase != y.phase) return x.phase < y.phase;
    return x.date < y.date;
  });
  int n = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    Inspection& in = inspections[order[k]];
    n = (k > 0 && inspections[order[k - 1]].phase == in.phase) ? n + 1 : 1;
    in.id = inspection_id(in.phase, n);
  }
}

}  // namespace wkb
