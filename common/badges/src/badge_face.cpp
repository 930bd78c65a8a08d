// What a badge shows, gathered from the store in the event's language.
#include "entree/badges/badge_face.h"

#include <algorithm>

#include "entree/seating/seating_event.h"

namespace entree {
namespace {

// `text` with its spaces made no-break spaces: it wraps as one word.
std::string Unbroken(std::string_view text) {
  std::string out;
  for (char c : text)
    out += c == ' ' ? std::string("\u00A0") : std::string(1, c);
  return out;
}

}  // namespace

Result<BadgeFace> MakeBadgeFace(Store& store, const Attendee& attendee,
                                std::string code, Language language) {
  const Catalog& tr = Catalog::For(language);
  Result<Event> event = store.GetEvent();
  if (!event.ok()) return event.status();
  BadgeFace face;
  face.event_name = event->name;
  // "de Gelder" stays on one line: a name wraps between given and family
  // name, never after a particle.
  std::string family = Unbroken(attendee.family_name);
  face.full_name =
      attendee.given_name.empty() ? family : attendee.given_name + " " + family;
  face.organisation = attendee.organisation;
  face.sector = attendee.sector;
  face.sector_word = tr.Get("sector." + std::string(ToString(attendee.sector)));
  face.code = std::move(code);
  ENTREE_ASSIGN_OR_RETURN(std::string logo, store.GetEventLogo());
  if (!logo.empty()) {
    face.logo = std::make_shared<const std::string>(std::move(logo));
  }
  ENTREE_ASSIGN_OR_RETURN(auto seats, SeatLinesOf(store, attendee));
  if (!seats.empty() && !seats.front().hosting) {
    std::string rounds;
    for (const SeatLine& seat : seats) {
      if (!rounds.empty()) rounds += " \u00B7 ";
      // "2 Human Capital" stays on one line; lines break between rounds.
      rounds += Unbroken(tr.Format("badge.round_item",
                                   {std::to_string(seat.round), seat.title}));
    }
    face.table_line = tr.Format("badge.rounds", {rounds});
    return face;
  }
  if (attendee.table.empty()) return face;

  if (attendee.role == Role::kHost) {
    face.table_line = tr.Format("badge.table_you_host", {attendee.table});
    return face;
  }
  Result<std::vector<std::string>> hosts = store.TableHosts(attendee.table);
  if (!hosts.ok()) return hosts.status();
  std::string host_names = JoinHosts(*hosts);
  face.table_line =
      host_names.empty()
          ? tr.Format("badge.table", {attendee.table})
          : tr.Format("badge.table_host", {attendee.table, host_names});
  return face;
}

}  // namespace entree
