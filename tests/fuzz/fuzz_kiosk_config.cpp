// Fuzz target: the kiosk's settings file parser. A file it accepts has
// every value within the bounds the kiosk relies on.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "entree/desk/kiosk_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto config = entree::ParseKioskConfig(text);
  if (!config.ok()) {
    if (config.status().message().empty()) std::abort();
    return 0;
  }
  using std::chrono::seconds;
  if (config->idle_timeout < seconds(5) ||
      config->idle_timeout > seconds(3600) || config->print_wait < seconds(5) ||
      config->print_wait > seconds(3600) || config->camera_width < 160 ||
      config->camera_height < 120 || !(config->camera_fps > 0)) {
    std::abort();
  }
  return 0;
}
