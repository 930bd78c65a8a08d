// Tests that a wedge scanner's burst is a scan and a person's typing is not.
#include <catch2/catch.hpp>

#include "scan_burst.h"

using entree::kiosk::ScanBurst;
using Kind = ScanBurst::Output::Kind;

namespace {

// Feeds `text` one character every `gap` ms from `start`, then Enter.
std::vector<ScanBurst::Output> Feed(ScanBurst& burst, const std::string& text,
                                    uint32_t start, uint32_t gap,
                                    bool enter = true) {
  std::vector<ScanBurst::Output> out;
  uint32_t t = start;
  for (char c : text) {
    for (auto& o : burst.OnText(std::string(1, c), t)) out.push_back(o);
    t += gap;
  }
  if (enter) {
    for (auto& o : burst.OnEnter(t)) out.push_back(o);
  }
  return out;
}

std::string Typed(const std::vector<ScanBurst::Output>& out) {
  std::string text;
  for (const auto& o : out) {
    if (o.kind == Kind::kTyped) text += o.text;
  }
  return text;
}

}  // namespace

TEST_CASE("a fast burst ending in Enter is one scan", "[scan]") {
  ScanBurst burst;
  auto out = Feed(burst, "E1ABCDEFGHIJKLMNOP", 1000, 4);
  REQUIRE(out.size() == 1);
  CHECK(out[0].kind == Kind::kScan);
  CHECK(out[0].text == "E1ABCDEFGHIJKLMNOP");
}

TEST_CASE("a person typing is typing, whatever their speed", "[scan]") {
  for (uint32_t gap : {60u, 120u, 400u}) {
    ScanBurst burst;
    auto out = Feed(burst, "gelder", 1000, gap);
    INFO("gap " << gap);
    CHECK(Typed(out) == "gelder");
    CHECK(out.back().kind == Kind::kEnter);
    for (const auto& o : out) CHECK(o.kind != Kind::kScan);
  }
}

TEST_CASE("a short fast burst is not a scan", "[scan]") {
  ScanBurst burst;
  auto out = Feed(burst, "abc", 1000, 4);
  CHECK(Typed(out) == "abc");
  CHECK(out.back().kind == Kind::kEnter);
}

TEST_CASE("held characters are released when the burst stops", "[scan]") {
  ScanBurst burst;
  auto out = Feed(burst, "jan", 1000, 10, /*enter=*/false);
  CHECK(out.empty());  // still held: it could be the start of a scan
  CHECK(burst.Step(1000 + 25).empty());
  auto released = burst.Step(1000 + 20 + ScanBurst::kMaxGapMs + 1);
  CHECK(Typed(released) == "jan");
}

TEST_CASE("a scan in the middle of typing leaves the typing alone", "[scan]") {
  ScanBurst burst;
  auto before = Feed(burst, "mar", 1000, 150, /*enter=*/false);
  auto scan = Feed(burst, "E1CODECODECODE", 2000, 4);
  std::string typed = Typed(before) + Typed(scan);
  CHECK(typed == "mar");
  CHECK(scan.back().kind == Kind::kScan);
  CHECK(scan.back().text == "E1CODECODECODE");
}

TEST_CASE("a slow Enter after a fast burst is typing", "[scan]") {
  ScanBurst burst;
  std::vector<ScanBurst::Output> out;
  for (char c : std::string("ABCDEFGHIJ")) {
    auto o = burst.OnText(std::string(1, c), 1000);
    out.insert(out.end(), o.begin(), o.end());
  }
  auto enter = burst.OnEnter(1000 + 500);
  out.insert(out.end(), enter.begin(), enter.end());
  CHECK(Typed(out) == "ABCDEFGHIJ");
  CHECK(out.back().kind == Kind::kEnter);
}

TEST_CASE("a code the door knows is a scan however late its keys came",
          "[scan][hardening]") {
  const std::string code = "E1KNOWNCODE4567ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  ScanBurst burst;
  burst.set_code_check([&](std::string_view line) { return line == code; });
  // A loaded machine: the keys arrive 60 ms apart, far past a burst's gap.
  auto late = Feed(burst, code, 1000, 60);
  REQUIRE_FALSE(late.empty());
  CHECK(late.back().kind == Kind::kScan);
  CHECK(late.back().text == code);
  // The first keys late, the rest as a burst: the whole code, not its end.
  std::vector<ScanBurst::Output> split;
  for (size_t i = 0; i < code.size(); ++i) {
    uint32_t at = i < 10 ? 5000 + 80 * static_cast<uint32_t>(i)
                         : 6000 + 2 * static_cast<uint32_t>(i);
    for (auto& o : burst.OnText(std::string(1, code[i]), at))
      split.push_back(o);
  }
  for (auto& o : burst.OnEnter(6200)) split.push_back(o);
  REQUIRE_FALSE(split.empty());
  CHECK(split.back().kind == Kind::kScan);
  CHECK(split.back().text == code);
  // Typing the door does not know stays typing, and another key ends the
  // line: what came before it is not part of a code.
  auto typed = Feed(burst, "hello there", 9000, 150);
  CHECK(Typed(typed) == "hello there");
  CHECK(typed.back().kind == Kind::kEnter);
  Feed(burst, code.substr(0, 5), 12000, 150, /*enter=*/false);
  burst.OnOtherKey();
  auto rest = Feed(burst, code.substr(5), 14000, 150);
  CHECK(rest.back().kind == Kind::kEnter);
}
