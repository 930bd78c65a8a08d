// Finding USB sticks in the mount table.
#include "entree/people/export_targets.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace entree {
namespace {

// The mount table writes a space as \040, a tab as \011 and so on.
std::string Unescape(std::string_view field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size() && field[i + 1] >= '0' &&
        field[i + 1] <= '3') {
      out += static_cast<char>((field[i + 1] - '0') * 64 +
                               (field[i + 2] - '0') * 8 + (field[i + 3] - '0'));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

bool UnderRemovableRoot(const std::string& path) {
  for (std::string_view root : {"/media/", "/run/media/", "/mnt/"}) {
    if (path.rfind(root, 0) == 0 && path.size() > root.size()) return true;
  }
  return false;
}

bool WritableDirectory(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_directory(path, error) &&
         ::access(path.c_str(), W_OK) == 0;
}

}  // namespace

std::vector<std::string> ExportTargets(std::string_view mount_table,
                                       const std::string& extra) {
  std::vector<std::string> targets;
  std::istringstream lines{std::string(mount_table)};
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string device, mount_point;
    if (!(fields >> device >> mount_point)) continue;
    std::string path = Unescape(mount_point);
    if (UnderRemovableRoot(path) && WritableDirectory(path) &&
        std::find(targets.begin(), targets.end(), path) == targets.end()) {
      targets.push_back(path);
    }
  }
  if (!extra.empty() && WritableDirectory(extra) &&
      std::find(targets.begin(), targets.end(), extra) == targets.end()) {
    targets.push_back(extra);
  }
  return targets;
}

std::vector<std::string> ExportTargetsHere(const std::string& extra) {
  std::ifstream file("/proc/self/mounts");
  std::stringstream text;
  text << file.rdbuf();
  return ExportTargets(text.str(), extra);
}

}  // namespace entree
