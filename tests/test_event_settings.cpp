// The organiser's logo and `entree event`: what an event shows guests is
// set from the command line, checked first, and written all or nothing.
#include <cairo.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstring>

#include "entree/drawing/cairo_util.h"
#include "entree/drawing/logo.h"
#include "entree/store/store.h"
#include "support.h"

using namespace entree;
using entree::testing::RunProcess;
using entree::testing::TempDir;

namespace {

constexpr std::string_view kSvgLogo =
    "<?xml version=\"1.0\"?>\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 50\">"
    "<rect width=\"100\" height=\"50\" fill=\"#E4002B\"/></svg>\n";

// A PNG `w` x `h` pixels of one colour, made by cairo.
std::string PngLogo(int w, int h, uint32_t rgb) {
  cairo_surface_t* surface =
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t* cr = cairo_create(surface);
  SetSourceColour(cr, rgb);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, AppendToCairoString, &png);
  cairo_surface_destroy(surface);
  return png;
}

uint32_t PixelAt(const ArgbImage& image, int x, int y) {
  uint32_t argb = 0;
  std::memcpy(&argb, image.pixels.data() + y * image.stride + x * 4, 4);
  return argb & 0xFFFFFF;
}

}  // namespace

TEST_CASE("PNG and SVG logos are drawn to fit, keeping their proportions",
          "[logo]") {
  auto svg = RenderLogo(kSvgLogo, 200, 200);
  REQUIRE(svg.ok());
  CHECK(svg->width == 200);
  CHECK(svg->height == 100);
  CHECK(PixelAt(*svg, 100, 50) == 0xE4002B);

  auto png = RenderLogo(PngLogo(40, 80, 0x3073D6), 100, 100);
  REQUIRE(png.ok());
  CHECK(png->width == 50);
  CHECK(png->height == 100);
  CHECK(PixelAt(*png, 25, 50) == 0x3073D6);
}

TEST_CASE("what is not a sensible logo is refused before it is drawn",
          "[logo]") {
  std::string huge = PngLogo(8, 8, 0);
  // The header says 100,000 pixels wide: refused from the header alone.
  huge[16] = 0;
  huge[17] = 1;
  huge[18] = static_cast<char>(0x86);
  huge[19] = static_cast<char>(0xA0);
  std::string cut = PngLogo(8, 8, 0).substr(0, 40);
  for (const std::string& bytes :
       {std::string(), std::string("GIF89a..."), huge, cut,
        std::string("<svg this is not xml"),
        std::string(kMaxLogoBytes + 1, ' ') + std::string(kSvgLogo),
        std::string("<html><body>no svg</body></html>")}) {
    INFO(bytes.substr(0, 20));
    auto drawn = RenderLogo(bytes, 100, 100);
    REQUIRE_FALSE(drawn.ok());
    CHECK(drawn.status().text_key() == "error.bad_logo");
  }
  CHECK(SniffLogo("\xEF\xBB\xBF  <svg/>") == LogoFormat::kSvg);
}

TEST_CASE("entree event shows and changes the event, all or nothing",
          "[cli][logo]") {
  TempDir dir;
  std::string db = dir.File("event.db");
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {ENTREE_CLI_PATH, "--db", db, "--lang", "en"});
    return RunProcess(args);
  };
  REQUIRE(cli({"init", "--name", "Worldcafé IQ BLVD"}).exit_code == 0);
  std::string logo = dir.File("logo.svg");
  testing::WriteFile(logo, std::string(kSvgLogo));

  auto set = cli({"event", "--venue", "IQ BLVD, Coevorden", "--accent",
                  "#e4002b", "--data-keeper", "Gemeente Coevorden",
                  "--keep-days", "30", "--logo", logo, "--json"});
  REQUIRE(set.exit_code == 0);
  CHECK(set.out.find("\"accent\":\"#E4002B\"") != std::string::npos);
  {
    Store store = Store::Open(db).value();
    Event event = store.GetEvent().value();
    CHECK(event.venue == "IQ BLVD, Coevorden");
    CHECK(event.accent == 0xE4002Bu);
    CHECK(event.data_keeper == "Gemeente Coevorden");
    CHECK(event.keep_days == 30);
    CHECK(store.GetEventLogo().value() == kSvgLogo);
  }

  // A FIFO nobody writes to is refused at once, not waited on.
  std::string fifo = dir.File("logo.fifo");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // One bad option, and nothing of the others is written.
  for (std::vector<std::string> bad :
       {std::vector<std::string>{"--venue", "Elsewhere", "--logo", db},
        {"--venue", "Elsewhere", "--logo", "/dev/zero"},
        {"--venue", "Elsewhere", "--logo", fifo},
        {"--venue", "Elsewhere", "--logo", dir.path()},
        {"--venue", "Elsewhere", "--accent", "red"},
        {"--venue", "Elsewhere", "--keep-days", "-1"},
        {"--venue", "Elsewhere", "--starts", "2026-10-12T20:00", "--ends",
         "2026-10-12T19:00"},
        {"--venue", "Elsewhere", "--logo", dir.File("missing.png")}}) {
    bad.insert(bad.begin(), "event");
    INFO(bad[3] << " " << bad[4]);
    auto refused = cli(bad);
    CHECK(refused.exit_code != 0);
    CHECK_FALSE(refused.err.empty());
    Store store = Store::Open(db).value();
    CHECK(store.GetEvent()->venue == "IQ BLVD, Coevorden");
    CHECK(store.GetEventLogo().value() == kSvgLogo);
  }
  auto shown = cli({"event"});
  CHECK(shown.out.find("Accent colour: #E4002B") != std::string::npos);
  CHECK(cli({"event", "--logo", "none", "--accent", "none"}).exit_code == 0);
  Store store = Store::Open(db).value();
  CHECK(store.GetEventLogo().value().empty());
  CHECK_FALSE(store.GetEvent()->accent.has_value());
}

TEST_CASE("a change under way survives another program closing the file",
          "[cli][store][hardening]") {
  TempDir dir;
  std::string db = dir.File("event.db");
  auto cli = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {ENTREE_CLI_PATH, "--db", db, "--lang", "en"});
    return RunProcess(args);
  };
  REQUIRE(
      cli({"init", "--name", "Kerstcafé", "--venue", "IQ Blvd"}).exit_code ==
      0);
  {
    Store store = Store::Open(db).value();
    // The write lock is taken (and the file's identity checked under it)
    // while another program opens the file, reads it and closes it: the
    // last to close is the one that removes the log, and this process is
    // still writing into it.
    auto tx = store.Begin();
    REQUIRE(tx.ok());
    REQUIRE(cli({"event", "--json"}).exit_code == 0);
    Event event = store.GetEvent().value();
    event.venue = "Zaal 2";
    REQUIRE(store.UpdateEvent(event).ok());
    REQUIRE(tx->Commit().ok());
    // Committed is on disk: seen by another program while this one still
    // has the file open (and would lose it if it stopped now).
    testing::ProcessResult seen = cli({"event", "--json"});
    CHECK(seen.out.find("\"venue\":\"Zaal 2\"") != std::string::npos);
  }
  testing::ProcessResult shown = cli({"event", "--json"});
  CHECK(shown.out.find("\"venue\":\"Zaal 2\"") != std::string::npos);
  // Nor does reading the event's own database as an input let go of it.
  {
    Store store = Store::Open(db).value();
    auto read = ReadLogoFile(db);
    REQUIRE_FALSE(read.ok());
    CHECK(read.status().text_key() == "error.input_is_event_file");
  }
  testing::ProcessResult refused = cli({"event", "--logo", db});
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("one of the event's own files") != std::string::npos);
}
