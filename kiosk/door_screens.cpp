// Door screen state: typed or scanned codes become verdict screens.
#include "door_screens.h"

#include <iostream>

namespace entree::kiosk {
namespace {

constexpr std::chrono::milliseconds kVerdictShownFor{3000};

}  // namespace

uint32_t VerdictColour(Verdict verdict) {
  switch (verdict) {
    case Verdict::kWelcome:
    case Verdict::kWelcomeBack:
    case Verdict::kGoodbye:
      return 0x1B7F3B;  // green
    case Verdict::kAlreadyInside:
      return 0xB86E00;  // amber
    case Verdict::kRevoked:
    case Verdict::kWrongEvent:
    case Verdict::kInvalid:
    case Verdict::kNotOpen:
    case Verdict::kClosed:
      return 0xA3162B;  // red
  }
  return 0xA3162B;
}

DoorScreens::DoorScreens(Door* door, std::string event_name, Language language)
    : door_(door), event_name_(std::move(event_name)), language_(language) {
  fault_ = door_ == nullptr;
}

void DoorScreens::Handle(const InputEvent& event, Instant now) {
  switch (event.kind) {
    case InputEvent::Kind::kText:
      if (typed_.size() < 512) typed_ += event.text;
      break;
    case InputEvent::Kind::kBackspace:
      if (!typed_.empty()) typed_.pop_back();
      break;
    case InputEvent::Kind::kEnter:
      Submit(now);
      break;
    case InputEvent::Kind::kToggleLanguage:
      language_ =
          language_ == Language::kDutch ? Language::kEnglish : Language::kDutch;
      break;
  }
}

void DoorScreens::Submit(Instant now) {
  std::string code = std::move(typed_);
  typed_.clear();
  if (door_ == nullptr || code.empty()) return;
  auto outcome = door_->Scan(code);
  if (!outcome.ok()) {
    std::cerr << "entree-kiosk: scan failed: " << outcome.status().message()
              << "\n";
    fault_ = true;
    shown_.reset();
    return;
  }
  shown_ = *outcome;
  shown_until_ = now + kVerdictShownFor;
}

void DoorScreens::Step(Instant now) {
  if (shown_ && now >= shown_until_) shown_.reset();
}

View DoorScreens::CurrentView() const {
  const Catalog& tr = Catalog::For(language_);
  View view;
  view.footer = tr.Get("kiosk.language_hint");
  if (fault_) {
    view.screen = View::Screen::kFault;
    view.title = tr.Get("kiosk.fault_title");
    view.subtitle = tr.Get("kiosk.fault_text");
    return view;
  }
  if (!shown_) {
    view.title = event_name_;
    view.subtitle = tr.Get("kiosk.attract");
    return view;
  }
  view.screen = View::Screen::kVerdict;
  view.background = VerdictColour(shown_->verdict);
  std::string name = shown_->attendee
                         ? shown_->attendee->FullName()
                         : std::string(tr.Get("verdict.unknown_guest"));
  std::string since = shown_->first_entry
                          ? FormatLocal(*shown_->first_entry).substr(11, 5)
                          : std::string();
  view.title = tr.Format("verdict." + std::string(ToString(shown_->verdict)),
                         {name, since});
  if (shown_->attendee && !shown_->attendee->table.empty() &&
      (shown_->verdict == Verdict::kWelcome ||
       shown_->verdict == Verdict::kWelcomeBack)) {
    view.subtitle = tr.Format("kiosk.your_table", {shown_->attendee->table});
  }
  return view;
}

}  // namespace entree::kiosk
