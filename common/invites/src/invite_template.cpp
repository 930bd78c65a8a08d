// Invitation templates: defaults from the catalogs, files, placeholders.
#include "entree/invites/invite_template.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "entree/base/text.h"

namespace entree {
namespace {

bool IsPlaceholder(std::string_view name) {
  return std::find(kInvitePlaceholders.begin(), kInvitePlaceholders.end(),
                   name) != kInvitePlaceholders.end();
}

Status TemplateProblem(std::string_view file, std::string problem) {
  return Status::Localized(StatusCode::kInvalidArgument,
                           "error.invite_template",
                           {std::string(file), std::move(problem)});
}

// kInvalidArgument naming the first unknown or unclosed placeholder.
Status CheckPlaceholders(std::string_view text, std::string_view file) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') continue;
    if (i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    size_t close = text.find('}', i);
    size_t line_end = text.find('\n', i);
    if (close == std::string_view::npos || close > line_end) {
      return TemplateProblem(file, "unclosed \"{\"");
    }
    std::string_view name = text.substr(i + 1, close - i - 1);
    if (!IsPlaceholder(name)) {
      return TemplateProblem(
          file, "unknown placeholder {" + TruncateUtf8(name, 40) + "}");
    }
    i = close;
  }
  return Status::Ok();
}

// One line with its placeholders filled; `only_placeholders` tells
// whether nothing but placeholders and blanks was on it.
std::string FillLine(
    std::string_view line,
    const std::map<std::string, std::string, std::less<>>& values,
    bool& only_placeholders) {
  std::string out;
  only_placeholders = true;
  bool had_placeholder = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '{' && i + 1 < line.size() && line[i + 1] == '{') {
      out += '{';
      only_placeholders = false;
      ++i;
      continue;
    }
    if (c == '}' && i + 1 < line.size() && line[i + 1] == '}') {
      out += '}';
      only_placeholders = false;
      ++i;
      continue;
    }
    if (c == '{') {
      size_t close = line.find('}', i);
      if (close != std::string_view::npos) {
        auto found = values.find(line.substr(i + 1, close - i - 1));
        if (found != values.end()) out += found->second;
        had_placeholder = true;
        i = close;
        continue;
      }
    }
    if (c != ' ' && c != '\t' && c != '\r') only_placeholders = false;
    out += c;
  }
  only_placeholders = only_placeholders && had_placeholder;
  return out;
}

bool IsBlank(std::string_view text) {
  return text.find_first_not_of(" \t\r") == std::string_view::npos;
}

}  // namespace

InviteTemplate DefaultInviteTemplate(Language language) {
  const Catalog& text = Catalog::For(language);
  return {std::string(text.Get("invite.subject")),
          std::string(text.Get("invite.body"))};
}

Result<InviteTemplate> ParseInviteTemplate(std::string_view text,
                                           std::string_view file) {
  if (!IsValidUtf8(text)) return TemplateProblem(file, "not UTF-8");
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  constexpr std::string_view kSubject = "Subject:";
  size_t line_end = text.find('\n');
  std::string_view first = text.substr(0, line_end);
  if (first.substr(0, kSubject.size()) != kSubject) {
    return TemplateProblem(file, "the first line must be \"Subject: ...\"");
  }
  std::string subject(first.substr(kSubject.size()));
  while (!subject.empty() &&
         (subject.front() == ' ' || subject.front() == '\t'))
    subject.erase(0, 1);
  while (!subject.empty() && (subject.back() == '\r' || subject.back() == ' '))
    subject.pop_back();
  if (subject.empty()) return TemplateProblem(file, "the subject is empty");
  std::string body = line_end == std::string_view::npos
                         ? std::string()
                         : std::string(text.substr(line_end + 1));
  // The empty line between the subject and the body.
  if (body.rfind("\r\n", 0) == 0) {
    body.erase(0, 2);
  } else if (body.rfind("\n", 0) == 0) {
    body.erase(0, 1);
  }
  if (IsBlank(body)) return TemplateProblem(file, "the body is empty");
  ENTREE_RETURN_IF_ERROR(CheckPlaceholders(subject, file));
  ENTREE_RETURN_IF_ERROR(CheckPlaceholders(body, file));
  return InviteTemplate{std::move(subject), std::move(body)};
}

std::string InviteTemplateText(const InviteTemplate& invite_template) {
  return "Subject: " + invite_template.subject + "\n\n" + invite_template.body;
}

Result<std::map<Language, InviteTemplate>> LoadInviteTemplates(
    const std::string& dir) {
  std::map<Language, InviteTemplate> templates;
  for (Language language : kLanguages) {
    templates[language] = DefaultInviteTemplate(language);
  }
  if (dir.empty()) return templates;
  struct stat info {};
  if (stat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode)) {
    return Status::Localized(StatusCode::kIo, "error.invite_templates_dir",
                             {dir});
  }
  for (Language language : kLanguages) {
    std::string path = dir + "/" + std::string(ToString(language)) + ".txt";
    if (stat(path.c_str(), &info) != 0) continue;
    if (!S_ISREG(info.st_mode) || info.st_size > 64 * 1024) {
      return TemplateProblem(path, "not a text file of at most 64 KB");
    }
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      return Status::Localized(StatusCode::kIo, "error.cannot_read",
                               {path, "read error"});
    }
    ENTREE_ASSIGN_OR_RETURN(templates[language],
                            ParseInviteTemplate(text.str(), path));
  }
  return templates;
}

std::string FillPlaceholders(
    std::string_view text,
    const std::map<std::string, std::string, std::less<>>& values) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    bool last = end == std::string_view::npos;
    std::string_view line =
        text.substr(start, last ? std::string_view::npos : end - start);
    bool only_placeholders = false;
    std::string filled = FillLine(line, values, only_placeholders);
    bool drop = only_placeholders && IsBlank(filled);
    if (!drop) {
      out += filled;
      if (!last) out += '\n';
    }
    if (last) break;
    start = end + 1;
  }
  // A dropped line between two paragraphs leaves one empty line, not two.
  for (size_t gap = out.find("\n\n\n"); gap != std::string::npos;
       gap = out.find("\n\n\n", gap)) {
    out.erase(gap, 1);
  }
  return out;
}

}  // namespace entree
