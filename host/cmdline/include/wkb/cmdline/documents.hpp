#pragma once
// Documents generated from a ProgramSpec for installation: the man page and
// the bash completion script (cmake --install puts them in share/man/man1 and
// share/bash-completion/completions).
#include <iosfwd>

#include "wkb/cmdline/spec.hpp"

namespace wkb::cmdline {

void print_man_page(std::ostream& out, const ProgramSpec& program);
void print_bash_completion(std::ostream& out, const ProgramSpec& program);

}  // namespace wkb::cmdline
