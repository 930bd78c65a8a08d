// Submitting badges to a CUPS queue and following the job (libcups).
#include "entree/printing/printing.h"

#include <cups/cups.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <thread>

namespace entree {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kPollEvery = std::chrono::milliseconds(50);

struct HttpClose {
  void operator()(http_t* http) const { httpClose(http); }
};
using Connection = std::unique_ptr<http_t, HttpClose>;
struct IppDelete {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using Response = std::unique_ptr<ipp_t, IppDelete>;

// A connection to `server` (see CupsQueue); null when none answers.
Connection Connect(const std::string& server) {
  const char* host = server.empty() ? cupsServer() : server.c_str();
  int port = ippPort();
  std::string name = host;
  if (size_t colon = name.rfind(':');
      name.front() != '/' && colon != std::string::npos) {
    port = std::atoi(name.c_str() + colon + 1);
    name.resize(colon);
  }
  return Connection(httpConnect2(name.c_str(), port, nullptr, AF_UNSPEC,
                                 cupsEncryption(), 1, 5000, nullptr));
}

std::string PrinterUri(const std::string& queue) {
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", nullptr,
                   "localhost", ippPort(), "/printers/%s", queue.c_str());
  return uri;
}

std::chrono::microseconds Since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() -
                                                               start);
}

bool HasReason(const std::vector<std::string>& reasons,
               std::string_view prefix) {
  return std::any_of(reasons.begin(), reasons.end(), [&](const auto& reason) {
    return reason.starts_with(prefix) && !reason.ends_with("-warning") &&
           !reason.ends_with("-report");
  });
}

// What the printer's state says about the chances of a job printing.
PrintOutcome Health(ipp_pstate_t state, bool accepting,
                    const std::vector<std::string>& reasons) {
  if (HasReason(reasons, "media-empty") || HasReason(reasons, "media-needed")) {
    return PrintOutcome::kOutOfPaper;
  }
  if (HasReason(reasons, "media-jam")) return PrintOutcome::kJammed;
  if (state == IPP_PSTATE_STOPPED || !accepting) {
    return PrintOutcome::kPrinterStopped;
  }
  return PrintOutcome::kCompleted;
}

// Asks the scheduler about the queue on `http`.
QueueState AskQueue(http_t* http, const std::string& queue) {
  static const char* const kWanted[] = {
      "printer-state", "printer-state-reasons", "printer-state-message",
      "printer-is-accepting-jobs", "queued-job-count"};
  ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  std::string uri = PrinterUri(queue);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
               uri.c_str());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
                "requested-attributes", std::size(kWanted), nullptr, kWanted);
  Response response(cupsDoRequest(http, request, "/"));
  QueueState state;
  if (!response ||
      ippGetStatusCode(response.get()) > IPP_STATUS_OK_CONFLICTING) {
    state.health = cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND
                       ? PrintOutcome::kQueueMissing
                       : PrintOutcome::kServerUnreachable;
    state.message = cupsLastErrorString();
    return state;
  }
  ipp_t* r = response.get();
  auto printer_state = IPP_PSTATE_IDLE;
  if (ipp_attribute_t* a = ippFindAttribute(r, "printer-state", IPP_TAG_ENUM)) {
    printer_state = static_cast<ipp_pstate_t>(ippGetInteger(a, 0));
  }
  if (ipp_attribute_t* a =
          ippFindAttribute(r, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN)) {
    state.accepting = ippGetBoolean(a, 0) != 0;
  }
  if (ipp_attribute_t* a =
          ippFindAttribute(r, "queued-job-count", IPP_TAG_INTEGER)) {
    state.queued_jobs = ippGetInteger(a, 0);
  }
  if (ipp_attribute_t* a =
          ippFindAttribute(r, "printer-state-reasons", IPP_TAG_KEYWORD)) {
    for (int i = 0; i < ippGetCount(a); ++i) {
      std::string reason = ippGetString(a, i, nullptr);
      if (reason != "none") state.reasons.push_back(std::move(reason));
    }
  }
  if (ipp_attribute_t* a =
          ippFindAttribute(r, "printer-state-message", IPP_TAG_TEXT)) {
    state.message = ippGetString(a, 0, nullptr);
  }
  state.health = Health(printer_state, state.accepting, state.reasons);
  return state;
}

// The job's state; nullopt when the scheduler cannot say.
std::optional<ipp_jstate_t> AskJob(http_t* http, int job_id) {
  static const char* const kWanted[] = {"job-state"};
  ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof(uri), "ipp", nullptr,
                   "localhost", ippPort(), "/jobs/%d", job_id);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr,
               uri);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name",
               nullptr, cupsUser());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD,
                "requested-attributes", std::size(kWanted), nullptr, kWanted);
  Response response(cupsDoRequest(http, request, "/"));
  if (!response) return std::nullopt;
  ipp_attribute_t* a =
      ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM);
  if (a == nullptr) return std::nullopt;
  return static_cast<ipp_jstate_t>(ippGetInteger(a, 0));
}

PrintReport FollowJob(http_t* http, const std::string& queue, int job_id,
                      std::chrono::milliseconds wait, Clock::time_point start) {
  PrintReport report;
  report.job_id = job_id;
  Clock::time_point deadline = Clock::now() + wait;
  while (true) {
    std::optional<ipp_jstate_t> job = AskJob(http, job_id);
    if (!job) {
      report.outcome = PrintOutcome::kServerUnreachable;
      report.detail = cupsLastErrorString();
      break;
    }
    if (*job == IPP_JSTATE_COMPLETED) {
      report.outcome = PrintOutcome::kCompleted;
      break;
    }
    if (*job == IPP_JSTATE_CANCELED || *job == IPP_JSTATE_ABORTED) {
      report.outcome = PrintOutcome::kCanceled;
      break;
    }
    QueueState state = AskQueue(http, queue);
    if (state.health != PrintOutcome::kCompleted) {
      report.outcome = state.health;
      report.detail = state.message;
      break;
    }
    if (Clock::now() >= deadline) {
      report.outcome = PrintOutcome::kTimedOut;
      report.detail = state.message;
      break;
    }
    std::this_thread::sleep_for(kPollEvery);
  }
  report.finished_after = Since(start);
  return report;
}

}  // namespace

std::string_view ToString(PrintOutcome outcome) {
  switch (outcome) {
    case PrintOutcome::kSent:
      return "sent";
    case PrintOutcome::kCompleted:
      return "completed";
    case PrintOutcome::kQueueMissing:
      return "queue_missing";
    case PrintOutcome::kServerUnreachable:
      return "server_unreachable";
    case PrintOutcome::kPrinterStopped:
      return "printer_stopped";
    case PrintOutcome::kOutOfPaper:
      return "out_of_paper";
    case PrintOutcome::kJammed:
      return "jammed";
    case PrintOutcome::kCanceled:
      return "canceled";
    case PrintOutcome::kTimedOut:
      return "timed_out";
  }
  return "sent";
}

std::optional<PrintOutcome> ParsePrintOutcome(std::string_view text) {
  for (int i = 0; i <= static_cast<int>(PrintOutcome::kTimedOut); ++i) {
    auto outcome = static_cast<PrintOutcome>(i);
    if (ToString(outcome) == text) return outcome;
  }
  return std::nullopt;
}

PrintReport CupsQueue::Print(const PrintDocument& document,
                             std::chrono::milliseconds wait) const {
  Clock::time_point start = Clock::now();
  PrintReport report;
  Connection http = Connect(server_);
  if (!http) {
    report.outcome = PrintOutcome::kServerUnreachable;
    report.detail = cupsLastErrorString();
    return report;
  }
  cups_option_t* options = nullptr;
  int option_count = 0;
  if (!document.media.empty()) {
    option_count =
        cupsAddOption("media", document.media.c_str(), option_count, &options);
  }
  option_count = cupsAddOption("print-scaling", "none", option_count, &options);
  int job_id = cupsCreateJob(http.get(), name_.c_str(), document.title.c_str(),
                             option_count, options);
  cupsFreeOptions(option_count, options);
  if (job_id == 0) {
    // Why it was refused is best told by the queue itself.
    std::string refusal = cupsLastErrorString();
    QueueState state = AskQueue(http.get(), name_);
    report.outcome = state.health == PrintOutcome::kCompleted
                         ? PrintOutcome::kCanceled
                         : state.health;
    report.detail = state.message.empty() ? refusal : state.message;
    report.finished_after = Since(start);
    return report;
  }
  report.job_id = job_id;
  bool sent =
      cupsStartDocument(http.get(), name_.c_str(), job_id, "badge.pdf",
                        CUPS_FORMAT_PDF, 1) == HTTP_STATUS_CONTINUE &&
      cupsWriteRequestData(http.get(), document.pdf.data(),
                           document.pdf.size()) == HTTP_STATUS_CONTINUE &&
      cupsFinishDocument(http.get(), name_.c_str()) == IPP_STATUS_OK;
  report.accepted_after = Since(start);
  if (!sent) {
    report.outcome = PrintOutcome::kCanceled;
    report.detail = cupsLastErrorString();
    cupsCancelJob2(http.get(), name_.c_str(), job_id, 0);
    report.finished_after = Since(start);
    return report;
  }
  if (wait.count() == 0) {
    report.finished_after = report.accepted_after;
    return report;
  }
  PrintReport followed = FollowJob(http.get(), name_, job_id, wait, start);
  followed.accepted_after = report.accepted_after;
  return followed;
}

PrintReport CupsQueue::Follow(int job_id,
                              std::chrono::milliseconds wait) const {
  Clock::time_point start = Clock::now();
  Connection http = Connect(server_);
  if (!http) {
    PrintReport report;
    report.job_id = job_id;
    report.outcome = PrintOutcome::kServerUnreachable;
    report.detail = cupsLastErrorString();
    return report;
  }
  return FollowJob(http.get(), name_, job_id, wait, start);
}

Status CupsQueue::Cancel(int job_id) const {
  Connection http = Connect(server_);
  if (!http) return Status::Io(cupsLastErrorString());
  if (cupsCancelJob2(http.get(), name_.c_str(), job_id, 0) != IPP_STATUS_OK &&
      cupsLastError() != IPP_STATUS_ERROR_NOT_POSSIBLE &&
      cupsLastError() != IPP_STATUS_ERROR_NOT_FOUND) {
    return Status::Io(cupsLastErrorString());
  }
  return Status::Ok();
}

Status CupsQueue::Resume() const {
  Connection http = Connect(server_);
  if (!http) return Status::Io(cupsLastErrorString());
  for (ipp_op_t op : {IPP_OP_CUPS_ACCEPT_JOBS, IPP_OP_RESUME_PRINTER}) {
    ipp_t* request = ippNewRequest(op);
    std::string uri = PrinterUri(name_);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri",
                 nullptr, uri.c_str());
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME,
                 "requesting-user-name", nullptr, cupsUser());
    Response response(cupsDoRequest(http.get(), request, "/admin/"));
    if (cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
      return Status::Io(cupsLastErrorString());
    }
  }
  return Status::Ok();
}

QueueState CupsQueue::State() const {
  Connection http = Connect(server_);
  if (!http) {
    QueueState state;
    state.health = PrintOutcome::kServerUnreachable;
    state.message = cupsLastErrorString();
    return state;
  }
  return AskQueue(http.get(), name_);
}

}  // namespace entree
