// Tests of the badge renderer: every preset as PNG and PDF, decoded by an
// independent QR decoder (zbarimg) and verified; names that must be shrunk,
// wrapped or cut; QR modules on whole printer dots; A4 sheets.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <regex>
#include <sstream>

#include "entree/badges/badge_render.h"
#include "entree/badges/badge_sheet.h"
#include "entree/desk/registration.h"
#include "support.h"

using namespace entree;
using entree::testing::At;
using entree::testing::TempDir;

namespace {

// An event with a key, and a way to make the badge of any guest.
struct BadgeBench : testing::SignedEvent {
  BadgeFace Face(const Attendee& attendee) {
    auto issued =
        issuer.BadgeFor(attendee.id, false, At("2026-10-12T15:00:00Z"));
    REQUIRE(issued.ok());
    auto face = MakeBadgeFace(store, attendee, issued->code, Language::kDutch);
    REQUIRE(face.ok());
    return *face;
  }
  Attendee Guest(const std::string& given, const std::string& family,
                 const std::string& organisation = "Dion") {
    Attendee a =
        testing::AddAttendee(store, given, family, Sector::kEducation, "HR");
    a.organisation = organisation;
    REQUIRE(store.UpdateAttendee(a).ok());
    return a;
  }
  // The code decodes, is this event's and names `attendee`.
  void CheckDecoded(const std::vector<std::string>& codes,
                    const BadgeFace& face, const Attendee& attendee) {
    REQUIRE(codes.size() == 1);
    CHECK(codes.front() == face.code);
    TokenVerification check =
        VerifyBadgeCode(codes.front(), event.id, keys.public_key);
    CHECK(check.check == TokenCheck::kValid);
    CHECK(check.claim.attendee_id == attendee.id);
  }
};

// A PDF's page size in points, as pdfinfo reports it.
std::pair<double, double> PdfPageSize(const std::string& path) {
  auto info = testing::RunProcess({"/usr/bin/pdfinfo", path});
  std::smatch match;
  std::regex size(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)");
  REQUIRE(std::regex_search(info.out, match, size));
  return {std::stod(match[1]), std::stod(match[2])};
}

// One word of a PDF's text with its box in millimetres (pdftotext -bbox).
struct PlacedWord {
  std::string text;
  double left, top, right, bottom;
};
std::vector<PlacedWord> PdfWords(const std::string& path) {
  auto text = testing::RunProcess({"/usr/bin/pdftotext", "-bbox", path, "-"});
  REQUIRE(text.exit_code == 0);
  std::regex word(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::vector<PlacedWord> words;
  constexpr double kMmPerPoint = 25.4 / 72;
  for (auto it = std::sregex_iterator(text.out.begin(), text.out.end(), word);
       it != std::sregex_iterator(); ++it) {
    words.push_back({(*it)[5], std::stod((*it)[1]) * kMmPerPoint,
                     std::stod((*it)[2]) * kMmPerPoint,
                     std::stod((*it)[3]) * kMmPerPoint,
                     std::stod((*it)[4]) * kMmPerPoint});
  }
  return words;
}

// Splits at spaces and no-break spaces.
std::vector<std::string> Words(const std::string& text) {
  std::string spaced = std::regex_replace(text, std::regex("\u00A0"), " ");
  std::vector<std::string> words;
  std::istringstream in(spaced);
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

}  // namespace

TEST_CASE("every preset renders a PNG whose QR an independent decoder reads",
          "[badge_render]") {
  BadgeBench bench;
  Attendee guest = bench.Guest("Marjolein", "de Gelder");
  BadgeFace face = bench.Face(guest);
  for (const std::string& name : BadgeLayoutNames()) {
    INFO(name);
    BadgeLayout layout = LoadBadgeLayout(name).value();
    auto png = RenderBadgePng(layout, face);
    REQUIRE(png.ok());
    CHECK(png->substr(1, 3) == "PNG");
    // It says it is 300 dpi (11811 dots per metre), so it prints to size.
    size_t phys = png->find("pHYs");
    REQUIRE(phys != std::string::npos);
    CHECK(png->substr(phys + 4, 9) ==
          std::string("\x00\x00\x2e\x23\x00\x00\x2e\x23\x01", 9));
    std::string path = bench.dir.File(name + ".png");
    testing::WriteFile(path, *png);
    bench.CheckDecoded(testing::DecodeQrCodes(path), face, guest);
  }
}

TEST_CASE("every preset renders a PDF of its own size whose QR decodes",
          "[badge_render]") {
  BadgeBench bench;
  Attendee guest = bench.Guest("Robin", "Burghard", "BOOST Smart Industry");
  BadgeFace face = bench.Face(guest);
  for (const std::string& name : BadgeLayoutNames()) {
    INFO(name);
    BadgeLayout layout = LoadBadgeLayout(name).value();
    auto pdf = RenderBadgePdf(layout, face);
    REQUIRE(pdf.ok());
    CHECK(pdf->starts_with("%PDF-"));
    std::string path = bench.dir.File(name + ".pdf");
    testing::WriteFile(path, *pdf);
    auto [width, height] = PdfPageSize(path);
    CHECK(width == Approx(layout.width_mm * 72 / 25.4).margin(0.5));
    CHECK(height == Approx(layout.height_mm * 72 / 25.4).margin(0.5));
    bench.CheckDecoded(testing::DecodeQrCodes(testing::RasterisePdf(path, 300)),
                       face, guest);
    // The words are real text: name, organisation, sector, table and host.
    std::string all;
    for (const PlacedWord& w : PdfWords(path)) all += w.text + " ";
    CHECK_THAT(all, Catch::Contains("Robin"));
    CHECK_THAT(all, Catch::Contains("Burghard"));
    CHECK_THAT(all, Catch::Contains("BOOST"));
    CHECK_THAT(all, Catch::Contains("Onderwijs"));
    CHECK_THAT(all, Catch::Contains("HR"));
  }
}

TEST_CASE("the QR's modules are whole printer dots inside a white quiet zone",
          "[badge_render]") {
  BadgeBench bench;
  BadgeFace face = bench.Face(bench.Guest("Leone", "Wiersma"));
  for (const std::string& name : BadgeLayoutNames()) {
    INFO(name);
    BadgeLayout layout = LoadBadgeLayout(name).value();
    auto image = RenderBadgeImage(layout, face, layout.dpi);
    REQUIRE(image.ok());
    auto pixel = [&](int x, int y) {
      uint32_t value;
      std::memcpy(&value, image->pixels.data() + y * image->stride + x * 4, 4);
      return value & 0xFFFFFF;
    };
    double px_per_mm = layout.dpi / 25.4;
    int left = static_cast<int>(layout.qr.x * px_per_mm);
    int top = static_cast<int>(layout.qr.y * px_per_mm);
    int side = static_cast<int>(layout.qr.width * px_per_mm);
    // The first dark pixel of the square is the finder pattern's corner.
    int first_x = -1, first_y = -1;
    for (int y = top; y < top + side && first_y < 0; ++y) {
      for (int x = left; x < left + side; ++x) {
        if (pixel(x, y) != 0xFFFFFF) {
          first_x = x;
          first_y = y;
          break;
        }
      }
    }
    REQUIRE(first_x >= 0);
    int run = 0;
    while (pixel(first_x + run, first_y) == 0) ++run;
    // 7 modules of whole pixels, nothing grey at the edge.
    CHECK(run % 7 == 0);
    CHECK(pixel(first_x + run, first_y) == 0xFFFFFF);
    int module = run / 7;
    CHECK(module >= 3);  // scannable from a lanyard: at least 0.25 mm
    // The quiet zone: 4 modules of white above and to the left.
    for (int d = 1; d <= 4 * module; ++d) {
      CHECK(pixel(first_x - d, first_y + module) == 0xFFFFFF);
      CHECK(pixel(first_x + module, first_y - d) == 0xFFFFFF);
    }
  }
}

TEST_CASE("long, accented, Greek and Cyrillic names fit their box",
          "[badge_render]") {
  BadgeBench bench;
  BadgeLayout layout = LoadBadgeLayout("54x90").value();
  struct Name {
    std::string given, family;
  };
  std::vector<Name> names = {
      {"Jan", "Bos"},
      {"Maximiliaan-Alexander", "van den Bergh-Oppenheimer tot Ravensteijn"},
      {"Zoë Ødegård", "Ñúñez-Łukasiewicz Çelik"},
      {"Αλέξανδρος", "Παπαδόπουλος"},
      {"Александра Владимировна", "Кузнецова-Рождественская"},
  };
  double short_name_height = 0;
  for (const Name& n : names) {
    INFO(n.given << " " << n.family);
    BadgeFace face = bench.Face(bench.Guest(n.given, n.family));
    std::string path = bench.dir.File("name.pdf");
    testing::WriteFile(path, RenderBadgePdf(layout, face).value());
    // The words placed in the name's box spell the whole name (perhaps
    // wrapped at a hyphen), and none sticks out of the box.
    const MmBox& box = layout.name.box;
    constexpr double kSlack = 0.6;  // glyph boxes overhang a little
    std::string spelled;
    double height = 0;
    for (const PlacedWord& w : PdfWords(path)) {
      double middle_y = (w.top + w.bottom) / 2;
      if (middle_y < box.y || middle_y > box.y + box.height) continue;
      INFO(w.text);
      for (const std::string& part : Words(w.text)) spelled += part;
      CHECK(w.left >= box.x - kSlack);
      CHECK(w.right <= box.x + box.width + kSlack);
      CHECK(w.top >= box.y - kSlack);
      CHECK(w.bottom <= box.y + box.height + kSlack);
      height = std::max(height, w.bottom - w.top);
    }
    std::string expected;
    for (const std::string& part : Words(n.given + " " + n.family)) {
      expected += part;
    }
    CHECK(spelled == expected);
    if (short_name_height == 0) {
      short_name_height = height;
    } else {
      CHECK(height < short_name_height);  // shrunk to fit
    }
    bench.CheckDecoded(
        testing::DecodeQrCodes(testing::RasterisePdf(path, 300)), face,
        bench.store
            .GetAttendee(VerifyBadgeCode(face.code, bench.event.id,
                                         bench.keys.public_key)
                             .claim.attendee_id)
            .value());
  }
}

TEST_CASE("a name too long for any size is cut with an ellipsis",
          "[badge_render]") {
  BadgeBench bench;
  BadgeLayout layout = LoadBadgeLayout("cr80").value();
  std::string endless;
  // 182 bytes: within what the store keeps (kMaxNameBytes), far beyond
  // what a card shows.
  for (int i = 0; i < 7; ++i) endless += "Pneumonoultramicroscopisch";
  BadgeFace face = bench.Face(bench.Guest("Ada", endless));
  auto image = RenderBadgeImage(layout, face, layout.dpi);
  REQUIRE(image.ok());
  // Between the name's box and the QR the card stays white: the name was
  // cut (with an ellipsis) rather than spilled.
  double px_per_mm = layout.dpi / 25.4;
  const MmBox& box = layout.name.box;
  int white_from = static_cast<int>((box.x + box.width + 0.3) * px_per_mm);
  int white_to = static_cast<int>(layout.qr.x * px_per_mm);
  int inked = 0;
  int ink_in_box = 0;
  for (int y = static_cast<int>(box.y * px_per_mm);
       y < static_cast<int>((box.y + box.height) * px_per_mm); ++y) {
    for (int x = 0; x < white_to; ++x) {
      uint32_t value;
      std::memcpy(&value, image->pixels.data() + y * image->stride + x * 4, 4);
      if ((value & 0xFFFFFF) == 0xFFFFFF) continue;
      (x >= white_from ? inked : ink_in_box) += 1;
    }
  }
  CHECK(inked == 0);
  CHECK(ink_in_box > 1000);  // and the name is there
}

TEST_CASE("a sheet puts badges on A4 pages with cut marks", "[badge_render]") {
  BadgeBench bench;
  BadgeLayout layout = LoadBadgeLayout("cr80").value();
  SheetPlan plan = PlanSheet(layout);
  REQUIRE(plan.per_page() >= 8);
  std::vector<BadgeFace> faces;
  for (int i = 0; i < plan.per_page() + 3; ++i) {
    faces.push_back(
        bench.Face(bench.Guest("Gast", "Nummer " + std::to_string(i))));
  }
  std::string path = bench.dir.File("sheet.pdf");
  REQUIRE(WriteBadgeSheetPdf(layout, faces, path).ok());
  auto info = testing::RunProcess({"/usr/bin/pdfinfo", path});
  CHECK_THAT(info.out, Catch::Contains("Pages:           2"));
  CHECK_THAT(info.out, Catch::Contains("(A4)"));

  // Every badge of page 1 decodes, each in its own slot: the slot is cut
  // out of the page at 300 dpi and read alone.
  auto pixels = [](double mm) {
    return std::to_string(static_cast<int>(mm / 25.4 * 300));
  };
  for (int slot = 0; slot < plan.per_page(); ++slot) {
    CAPTURE(slot);
    MmBox box = plan.Slot(slot);
    std::string prefix = bench.dir.File("slot" + std::to_string(slot));
    REQUIRE(testing::RunProcess(
                {"/usr/bin/pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-x",
                 pixels(box.x), "-y", pixels(box.y), "-W", pixels(box.width),
                 "-H", pixels(box.height), "-png", "-singlefile", path, prefix})
                .exit_code == 0);
    CHECK(testing::DecodeQrCodes(prefix + ".png") ==
          std::vector<std::string>{faces[slot].code});
  }

  // A cut mark stands left of every badge's top-left corner, in the gap.
  REQUIRE(testing::RunProcess({"/usr/bin/pdftoppm", "-r", "100", "-gray",
                               "-singlefile", "-f", "1", "-l", "1", path,
                               bench.dir.File("gray")})
              .exit_code == 0);
  std::string pgm = testing::ReadFile(bench.dir.File("gray.pgm"));
  std::istringstream header(pgm);
  std::string magic;
  int width = 0, height = 0, maxval = 0;
  header >> magic >> width >> height >> maxval;
  REQUIRE(magic == "P5");
  size_t data = static_cast<size_t>(header.tellg()) + 1;
  auto dark = [&](double x_mm, double y_mm) {
    int x = static_cast<int>(std::lround(x_mm * 100 / 25.4));
    int y = static_cast<int>(std::lround(y_mm * 100 / 25.4));
    for (int dy = -1; dy <= 1; ++dy) {  // a hairline: look one pixel around
      if (static_cast<unsigned char>(pgm[data + (y + dy) * width + x]) < 160) {
        return true;
      }
    }
    return false;
  };
  for (int slot = 0; slot < plan.per_page(); ++slot) {
    INFO(slot);
    MmBox cell = plan.Slot(slot);
    CHECK(dark(cell.x - 3, cell.y));
    CHECK(dark(cell.x + cell.width + 3, cell.y + cell.height));
    CHECK_FALSE(dark(cell.x - 3, cell.y + cell.height / 2));
  }
}

TEST_CASE("a sheet that cannot be written leaves nothing behind",
          "[badge_render]") {
  BadgeBench bench;
  BadgeLayout layout = LoadBadgeLayout("a6").value();
  std::vector<BadgeFace> faces = {bench.Face(bench.Guest("Noor", "Visser"))};
  Status status =
      WriteBadgeSheetPdf(layout, faces, bench.dir.File("no/such/dir/s.pdf"));
  CHECK(status.code() == StatusCode::kIo);
  CHECK(WriteBadgeSheetPdf(layout, {}, bench.dir.File("empty.pdf")).code() ==
        StatusCode::kInvalidArgument);
  CHECK_FALSE(std::filesystem::exists(bench.dir.File("empty.pdf")));
}

TEST_CASE("every preset carries the organiser's logo, its code still read",
          "[badge_render][logo]") {
  BadgeBench bench;
  // A green square: a colour no badge has otherwise.
  REQUIRE(bench.store
              .SetEventLogo("<svg xmlns=\"http://www.w3.org/2000/svg\" "
                            "viewBox=\"0 0 10 10\"><rect width=\"10\" "
                            "height=\"10\" fill=\"#00FF00\"/></svg>")
              .ok());
  Attendee guest = bench.Guest("Marjolein", "de Gelder");
  BadgeFace face = bench.Face(guest);
  REQUIRE(face.logo);
  for (const std::string& name : BadgeLayoutNames()) {
    INFO(name);
    BadgeLayout layout = LoadBadgeLayout(name).value();
    auto image = RenderBadgeImage(layout, face, layout.dpi);
    REQUIRE(image.ok());
    // Where the event's name began, the logo is (centred in a box up to
    // three times as wide as the name's box is high).
    double dots_per_mm = layout.dpi / 25.4;
    double logo_w =
        std::min(layout.event.box.width * 0.3, layout.event.box.height * 3);
    int x = static_cast<int>((layout.event.box.x + logo_w * 0.5) * dots_per_mm);
    int y = static_cast<int>(
        (layout.event.box.y + layout.event.box.height * 0.5) * dots_per_mm);
    uint32_t argb = 0;
    std::memcpy(&argb, image->pixels.data() + y * image->stride + x * 4, 4);
    CHECK((argb & 0xFFFFFF) == 0x00FF00u);
    auto png = RenderBadgePng(layout, face);
    REQUIRE(png.ok());
    std::string path = bench.dir.File(name + "-logo.png");
    testing::WriteFile(path, *png);
    bench.CheckDecoded(testing::DecodeQrCodes(path), face, guest);
  }
}
