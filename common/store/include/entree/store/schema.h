// The schema as a list of forward migrations (Store applies them; tests
// use them to build files of older versions).
#pragma once

#include <string_view>
#include <vector>

namespace entree {

// Migration i (0-based) takes a database from user_version i to i + 1. A
// migration is never edited once released; changes are new migrations.
const std::vector<std::string_view>& SchemaMigrations();

// The triggers that leave a line in the outbox for every local write of an
// attendee, badge, check-in, World Café table, the plan's rounds or a seat
// (none while sync_state.applying is set).
// They exist only once sync is enabled; running this again changes nothing.
std::string_view OutboxTriggers();

}  // namespace entree
