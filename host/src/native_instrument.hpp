#pragma once
#include <memory>

#include "wkb/host/instrument.hpp"

namespace wkb::host {
std::unique_ptr<Instrument> load_native(const Manifest& manifest);
}
