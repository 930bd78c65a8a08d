// Where staff can take the attendance files: USB sticks plugged into the
// kiosk, and a directory named in the settings.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace entree {

// The writable directories to offer for an export: the mount points of
// removable media in `mount_table` (the text of /proc/self/mounts; mount
// points under /media/, /run/media/ and /mnt/), then `extra` when it is a
// writable directory. Unique, in that order.
std::vector<std::string> ExportTargets(std::string_view mount_table,
                                       const std::string& extra);

// ExportTargets of this machine's /proc/self/mounts.
std::vector<std::string> ExportTargetsHere(const std::string& extra);

}  // namespace entree
