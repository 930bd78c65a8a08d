// Text fitting: greedy wrapping between words at falling sizes.
#include "text_fit.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace entree::kiosk {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

// The length in bytes of the UTF-8 character that starts at `text[i]`.
size_t CharLength(std::string_view text, size_t i) {
  size_t n = 1;
  while (i + n < text.size() &&
         (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) {
    ++n;
  }
  return n;
}

// The byte offset where the last character of `text` starts.
size_t LastCharStart(std::string_view text) {
  size_t i = text.size();
  while (i > 0) {
    --i;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) break;
  }
  return i;
}

std::vector<std::string_view> Split(std::string_view text, char at) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t end = text.find(at, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

struct Measure {
  const TextMetrics& metrics;
  int size;
  Weight weight;
  int Width(std::string_view text) const {
    return metrics.Width(text, size, weight);
  }
};

// Lines of `text` no wider than `width`, broken between words; a word too
// wide for a line of its own is split between characters when
// `break_words`, else there is no wrapping (nullopt). Line breaks in the
// text are kept.
std::optional<std::vector<std::string>> Wrap(const Measure& m,
                                             std::string_view text, int width,
                                             bool break_words,
                                             bool& word_broken) {
  std::vector<std::string> lines;
  for (std::string_view paragraph : Split(text, '\n')) {
    std::string line;
    for (std::string_view word : Split(paragraph, ' ')) {
      if (word.empty()) continue;
      std::string candidate =
          line.empty() ? std::string(word) : line + " " + std::string(word);
      if (m.Width(candidate) <= width) {
        line = std::move(candidate);
        continue;
      }
      if (!line.empty()) lines.push_back(std::move(line));
      line = std::string(word);
      if (m.Width(line) <= width) continue;
      if (!break_words) return std::nullopt;
      word_broken = true;
      // As many characters per line as fit, at least one.
      std::string rest = std::move(line);
      line.clear();
      while (!rest.empty()) {
        size_t take = CharLength(rest, 0);
        while (take < rest.size()) {
          size_t next = take + CharLength(rest, take);
          if (m.Width(std::string_view(rest).substr(0, next)) > width) break;
          take = next;
        }
        if (take == rest.size()) {
          line = std::move(rest);
          break;
        }
        lines.push_back(rest.substr(0, take));
        rest.erase(0, take);
      }
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

void Measured(const Measure& m, FittedText& fit) {
  fit.size = m.size;
  fit.width = 0;
  for (const std::string& line : fit.lines) {
    fit.width = std::max(fit.width, m.Width(line));
  }
  fit.height =
      static_cast<int>(fit.lines.size()) * m.metrics.LineSkip(m.size, m.weight);
}

// `line` shortened at its end until it and "…" fit `width`.
std::string EllipsizeEnd(const Measure& m, std::string line, int width) {
  while (!line.empty() && m.Width(line + std::string(kEllipsis)) > width) {
    line.resize(LastCharStart(line));
  }
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line + std::string(kEllipsis);
}

FittedText KeepEnd(const Measure& m, std::string_view text, int width) {
  std::string line(text);
  std::replace(line.begin(), line.end(), '\n', ' ');
  FittedText fit;
  if (m.Width(line) > width) {
    fit.cut = true;
    size_t start = 0;
    while (start < line.size() &&
           m.Width(std::string(kEllipsis) + line.substr(start)) > width) {
      start += CharLength(line, start);
    }
    line = std::string(kEllipsis) + line.substr(start);
  }
  fit.lines.push_back(std::move(line));
  Measured(m, fit);
  return fit;
}

}  // namespace

std::vector<int> ShrinkSteps(int size) {
  size = std::max(1, size);
  int smallest =
      std::max(1, static_cast<int>(std::lround(size * kSmallestShare)));
  std::vector<int> steps;
  for (int s = size; s >= smallest;
       s = std::min(s - 1, static_cast<int>(s * 0.92))) {
    steps.push_back(s);
  }
  return steps;
}

FittedText FitText(const TextMetrics& metrics, std::string_view text,
                   int box_width, int box_height, int size, Weight weight,
                   Overflow overflow) {
  size = std::max(1, size);
  if (overflow == Overflow::kKeepEnd) {
    return KeepEnd({metrics, size, weight}, text, box_width);
  }
  int smallest =
      std::max(1, static_cast<int>(std::lround(size * kSmallestShare)));
  FittedText fit;
  for (int s : ShrinkSteps(size)) {
    Measure m{metrics, s, weight};
    bool broken = false;
    auto lines = Wrap(m, text, box_width, false, broken);
    if (!lines) continue;
    int skip = metrics.LineSkip(s, weight);
    if (static_cast<int>(lines->size()) * skip > box_height) continue;
    fit.lines = std::move(*lines);
    fit.shrunk = s < size;
    Measured(m, fit);
    return fit;
  }
  Measure m{metrics, smallest, weight};
  fit.shrunk = smallest < size;
  fit.lines = *Wrap(m, text, box_width, true, fit.word_broken);
  size_t room = static_cast<size_t>(std::max(
      1, box_height / std::max(1, metrics.LineSkip(smallest, weight))));
  if (fit.lines.size() > room) {
    fit.lines.resize(room);
    fit.lines.back() = EllipsizeEnd(m, fit.lines.back(), box_width);
    fit.cut = true;
  }
  Measured(m, fit);
  return fit;
}

}  // namespace entree::kiosk
