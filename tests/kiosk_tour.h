// The kiosk's screens visited in turn, for the tests that check each of
// them as it is drawn (fit, sizes).
#pragma once

#include <functional>
#include <string>

#include "fonts.h"
#include "kiosk_fixture.h"

namespace entree::testing {

// The kiosk's own fonts, opened once (without a window), for tests
// that measure what is drawn.
const kiosk::FontSet& KioskFonts();

// Steps the kiosk on until the start screen shows again.
void AwaitAttract(KioskFixture& f);

// The guest screens and staff mode, in the kiosk's language now, for
// `guest`: 24 states, each handed to `check` by name while shown.
void Tour(KioskFixture& f, const std::function<void(const std::string&)>& check,
          const Attendee& guest);

// Event, guest, organisation and tables as long as the world makes them,
// a logo and an accent colour, and a plan of six rounds; returns the guest.
Attendee MakeExtreme(KioskFixture& f);

}  // namespace entree::testing
