// The plugin's one exported symbol: the C entry point of wkb/abi.h.
#include "seriebouw.hpp"

WKB_EXPORT_INSTRUMENT(seriebouw::Seriebouw)
