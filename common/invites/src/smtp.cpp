// SMTP through libcurl: one easy handle, so its connection is kept.
#include "entree/invites/smtp.h"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace entree {
namespace {

void EnsureCurlReady() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Upload {
  std::string_view data;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  size_t room = size * count;
  size_t left = upload->data.size() - upload->offset;
  size_t taken = left < room ? left : room;
  std::memcpy(buffer, upload->data.data() + upload->offset, taken);
  upload->offset += taken;
  return taken;
}

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

struct SmtpSender::Session {
  SmtpSettings settings;
  CURL* curl = nullptr;
  std::string last_line;     // the server's last reply line
  std::string last_refusal;  // its last 4xx or 5xx line
  char error[CURL_ERROR_SIZE] = {};

  ~Session() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }

  // Keeps the last line the server said.
  static int Debug(CURL*, curl_infotype type, char* data, size_t size,
                   void* user) {
    if (type != CURLINFO_HEADER_IN) return 0;
    auto* session = static_cast<Session*>(user);
    std::string_view line(data, size);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
      line.remove_suffix(1);
    if (line.empty()) return 0;
    session->last_line.assign(line.substr(0, 500));
    // A refusal is kept apart: the connection's closing words ("221
    // Bye") come after it.
    if (line[0] == '4' || line[0] == '5') {
      session->last_refusal.assign(line.substr(0, 500));
    }
    return 0;
  }

  void Prepare() {
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, settings.url.c_str());
    if (!settings.plain)
      curl_easy_setopt(curl, CURLOPT_USE_SSL, CURLUSESSL_ALL);
    if (!settings.user.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, settings.user.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, settings.password.c_str());
    }
    if (!settings.ca_file.empty()) {
      curl_easy_setopt(curl, CURLOPT_CAINFO, settings.ca_file.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 20L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, settings.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, &Session::Debug);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, this);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Discard);
    error[0] = '\0';
    last_line.clear();
    last_refusal.clear();
  }

  SmtpReply Finish(CURLcode result) {
    long code = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
    SmtpReply reply;
    reply.code = static_cast<int>(code);
    std::string words = error[0] != '\0' ? error : curl_easy_strerror(result);
    reply.detail = last_line.empty() ? words : last_line;
    switch (result) {
      case CURLE_OK:
        reply.outcome = SmtpOutcome::kSent;
        return reply;
      case CURLE_LOGIN_DENIED:
        reply.outcome = SmtpOutcome::kLoginDenied;
        return reply;
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_COULDNT_RESOLVE_PROXY:
      case CURLE_COULDNT_CONNECT:
      case CURLE_USE_SSL_FAILED:
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CACERT_BADFILE:
        reply.outcome = SmtpOutcome::kUnreachable;
        reply.detail = words;
        return reply;
      default:
        break;
    }
    if (!last_refusal.empty()) reply.detail = last_refusal;
    // 530: the server wants a login it did not offer or that was not
    // given; 535: the login was refused. A matter of the settings, not of
    // the guest's address: the run stops and the guest stays queued.
    if (code == 530 || code == 535) {
      reply.outcome = SmtpOutcome::kLoginDenied;
    } else if (code >= 400 && code < 500) {
      reply.outcome = SmtpOutcome::kTemporary;
    } else if (code >= 500 && code < 600) {
      reply.outcome = SmtpOutcome::kPermanent;
    } else {
      reply.outcome = SmtpOutcome::kUnknown;
      reply.detail = words + (last_line.empty() ? "" : " (" + last_line + ")");
    }
    return reply;
  }
};

std::string_view ToString(SmtpOutcome outcome) {
  switch (outcome) {
    case SmtpOutcome::kSent:
      return "sent";
    case SmtpOutcome::kTemporary:
      return "temporary";
    case SmtpOutcome::kPermanent:
      return "permanent";
    case SmtpOutcome::kLoginDenied:
      return "login_denied";
    case SmtpOutcome::kUnreachable:
      return "unreachable";
    case SmtpOutcome::kUnknown:
      break;
  }
  return "unknown";
}

Result<SmtpSender> SmtpSender::Open(SmtpSettings settings) {
  bool smtps = StartsWith(settings.url, "smtps://");
  if (!smtps && !StartsWith(settings.url, "smtp://")) {
    return Status::Localized(StatusCode::kInvalidArgument, "error.smtp_url",
                             {settings.url});
  }
  // user:password@ in the URL would skip the rules below and stand in
  // the process list: the login comes from --user and a password file.
  std::string_view rest = std::string_view(settings.url).substr(smtps ? 8 : 7);
  if (rest.substr(0, rest.find('/')).find('@') != std::string_view::npos) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.smtp_url_login", {});
  }
  if (settings.plain && (smtps || !settings.user.empty())) {
    return Status::Localized(StatusCode::kInvalidArgument,
                             "error.smtp_plain_login", {});
  }
  EnsureCurlReady();
  auto session = std::make_unique<Session>();
  session->settings = std::move(settings);
  session->curl = curl_easy_init();
  if (session->curl == nullptr) return Status::Io("libcurl did not start");
  return SmtpSender(std::move(session));
}

SmtpSender::SmtpSender(std::unique_ptr<Session> session)
    : session_(std::move(session)) {}
SmtpSender::SmtpSender(SmtpSender&&) noexcept = default;
SmtpSender& SmtpSender::operator=(SmtpSender&&) noexcept = default;
SmtpSender::~SmtpSender() = default;

SmtpReply SmtpSender::Check() {
  session_->Prepare();
  curl_easy_setopt(session_->curl, CURLOPT_CUSTOMREQUEST, "NOOP");
  return session_->Finish(curl_easy_perform(session_->curl));
}

SmtpReply SmtpSender::Send(std::string_view from, std::string_view to,
                           std::string_view message) {
  session_->Prepare();
  CURL* curl = session_->curl;
  std::string envelope_from = "<" + std::string(from) + ">";
  std::string envelope_to = "<" + std::string(to) + ">";
  curl_slist* recipients = curl_slist_append(nullptr, envelope_to.c_str());
  Upload upload{message};
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, envelope_from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE,
                   static_cast<curl_off_t>(message.size()));
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, &ReadUpload);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  SmtpReply reply = session_->Finish(curl_easy_perform(curl));
  curl_slist_free_all(recipients);
  return reply;
}

}  // namespace entree
