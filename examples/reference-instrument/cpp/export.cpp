// The one exported entry point of the native reference instrument (wkb/abi.h).
#include "reference.hpp"

WKB_EXPORT_INSTRUMENT(referentie::Reference)
