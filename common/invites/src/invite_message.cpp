// Composing an invitation: the MIME tree and its headers.
#include "entree/invites/invite_message.h"

#include "entree/invites/mime.h"

namespace entree {
namespace {

// Stands for the QR code in the filled HTML text until it becomes <img>.
constexpr std::string_view kQrMark = "\x01qr\x01";
constexpr std::string_view kQrContentId = "qr-code@entree";

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string QrImage(std::string_view code) {
  return "<p><img src=\"cid:" + std::string(kQrContentId) +
         "\" width=\"240\" height=\"240\" alt=\"" + EscapeHtml(code) +
         "\"></p>";
}

// One paragraph's lines as HTML: text lines joined by <br>, a line that
// is only the QR mark as the image on its own.
std::string HtmlParagraph(std::string_view paragraph, std::string_view code,
                          bool& placed) {
  std::string html;
  std::string text;
  auto flush = [&] {
    if (!text.empty()) html += "<p>" + text + "</p>\r\n";
    text.clear();
  };
  size_t start = 0;
  while (start <= paragraph.size()) {
    size_t end = paragraph.find('\n', start);
    std::string_view line = paragraph.substr(
        start,
        end == std::string_view::npos ? std::string_view::npos : end - start);
    if (line == kQrMark) {
      flush();
      html += QrImage(code) + "\r\n";
      placed = true;
    } else {
      std::string out;
      for (size_t at = 0; at < line.size();) {
        size_t mark = line.find(kQrMark, at);
        out += line.substr(at, mark - at);
        if (mark == std::string_view::npos) break;
        out += QrImage(code);
        placed = true;
        at = mark + kQrMark.size();
      }
      if (!text.empty()) text += "<br>\r\n";
      text += out;
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  flush();
  return html;
}

// The HTML document of the filled body: paragraphs at empty lines, <br>
// at line ends, the QR code at its mark, the code in a font that tells
// 0 from O.
std::string HtmlBody(const InviteParts& parts) {
  auto values = parts.values;
  for (auto& [name, value] : values) value = EscapeHtml(value);
  std::string code = parts.values.count("code") ? parts.values.at("code") : "";
  values["code"] =
      "<span style=\"font-family: monospace; word-break: break-all;\">" +
      EscapeHtml(code) + "</span>";
  values["qr"] = std::string(kQrMark);
  std::string filled = FillPlaceholders(EscapeHtml(parts.text.body), values);
  std::string html =
      "<!DOCTYPE html>\r\n<html lang=\"" +
      std::string(ToString(parts.language)) +
      "\"><head><meta charset=\"utf-8\"></head>\r\n"
      "<body style=\"font-family: sans-serif; font-size: 16px;\">\r\n";
  bool placed = false;
  size_t start = 0;
  while (start <= filled.size()) {
    size_t end = filled.find("\n\n", start);
    std::string_view paragraph = std::string_view(filled).substr(
        start, end == std::string::npos ? std::string::npos : end - start);
    while (!paragraph.empty() && paragraph.front() == '\n')
      paragraph.remove_prefix(1);
    while (!paragraph.empty() && paragraph.back() == '\n')
      paragraph.remove_suffix(1);
    if (!paragraph.empty()) html += HtmlParagraph(paragraph, code, placed);
    if (end == std::string::npos) break;
    start = end + 2;
  }
  if (!placed) html += QrImage(code) + "\r\n";
  html += "</body></html>\r\n";
  return html;
}

std::string PartHeader(std::string_view boundary) {
  return "--" + std::string(boundary) + "\r\n";
}

std::string Attachment(std::string_view type, std::string_view name,
                       std::string_view bytes) {
  return "Content-Type: " + std::string(type) + "; name=\"" +
         std::string(name) +
         "\"\r\nContent-Transfer-Encoding: base64\r\n"
         "Content-Disposition: attachment; filename=\"" +
         std::string(name) + "\"\r\n\r\n" + Base64Lines(bytes);
}

}  // namespace

std::string ComposeInviteMessage(const InviteParts& parts) {
  // Boundaries from the message id's random digits: they occur nowhere
  // in base64 or quoted-printable text.
  std::string unique = parts.message_id.substr(1, 32);
  std::string mixed = "mixed-" + unique;
  std::string related = "related-" + unique;
  std::string alternative = "alternative-" + unique;

  auto text_values = parts.values;
  text_values["qr"] = "";
  std::string subject = FillPlaceholders(parts.text.subject, text_values);
  std::string text = FillPlaceholders(parts.text.body, text_values);

  std::string m;
  m += "From: " + Mailbox(parts.from_name, parts.from_address) + "\r\n";
  m += "To: " + Mailbox(parts.to_name, parts.to_address) + "\r\n";
  if (!parts.reply_to.empty()) m += "Reply-To: <" + parts.reply_to + ">\r\n";
  m += "Subject: " + HeaderText(subject) + "\r\n";
  m += "Date: " + MessageDate(parts.date) + "\r\n";
  m += "Message-ID: " + parts.message_id + "\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Language: " + std::string(ToString(parts.language)) + "\r\n";
  m += "Content-Type: multipart/mixed; boundary=\"" + mixed + "\"\r\n\r\n";

  m += PartHeader(mixed);
  m += "Content-Type: multipart/related; boundary=\"" + related +
       "\"; type=\"multipart/alternative\"\r\n\r\n";
  m += PartHeader(related);
  m += "Content-Type: multipart/alternative; boundary=\"" + alternative +
       "\"\r\n\r\n";
  m += PartHeader(alternative);
  m += "Content-Type: text/plain; charset=UTF-8\r\n"
       "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  m += QuotedPrintable(text) + "\r\n";
  m += PartHeader(alternative);
  m += "Content-Type: text/html; charset=UTF-8\r\n"
       "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  m += QuotedPrintable(HtmlBody(parts)) + "\r\n";
  m += "--" + alternative + "--\r\n";
  m += PartHeader(related);
  m += "Content-Type: image/png; name=\"qr-code.png\"\r\n"
       "Content-Transfer-Encoding: base64\r\n"
       "Content-ID: <" +
       std::string(kQrContentId) +
       ">\r\n"
       "Content-Disposition: inline; filename=\"qr-code.png\"\r\n\r\n";
  m += Base64Lines(parts.qr_png);
  m += "--" + related + "--\r\n";

  m += PartHeader(mixed);
  m += Attachment("image/png", "entree-code.png", parts.qr_png);
  if (!parts.ticket_pdf.empty()) {
    m += PartHeader(mixed);
    m += Attachment("application/pdf", "ticket.pdf", parts.ticket_pdf);
  }
  if (!parts.calendar.empty()) {
    m += PartHeader(mixed);
    m += "Content-Type: text/calendar; charset=UTF-8; method=PUBLISH; "
         "name=\"invitation.ics\"\r\n"
         "Content-Transfer-Encoding: base64\r\n"
         "Content-Disposition: attachment; filename=\"invitation.ics\"\r\n\r\n";
    m += Base64Lines(parts.calendar);
  }
  m += "--" + mixed + "--\r\n";
  return m;
}

}  // namespace entree
