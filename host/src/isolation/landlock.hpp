#pragma once
#include <string>
#include <vector>

namespace wkb::host::isolation {

// Restricts this process (and its threads created later) to reading, listing
// and mapping for execution the files beneath `readable`; everything else on
// the file system is denied, writes included. Needs no_new_privs first.
// False with `problem` set where the kernel has no Landlock.
bool apply_landlock(const std::vector<std::string>& readable, std::string& problem);

}  // namespace wkb::host::isolation
