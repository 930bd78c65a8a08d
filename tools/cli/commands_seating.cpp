// entree seating: World Café tables, the plan of rounds, and the lists for
// the hosts.
#include <ostream>

#include "cli.h"
#include "entree/base/json.h"
#include "entree/base/uuid.h"
#include "entree/seating/seating_event.h"
#include "entree/seating/seating_files.h"

namespace entree::cli {
namespace {

// entree seating table NAME [--theme TEXT] [--capacity N]
int RunTable(Context& ctx, Store& store) {
  if (ctx.args.positional.size() != 2) {
    return ctx.UsageError(ctx.tr().Get("help.seating"));
  }
  auto capacity = IntOption(ctx, "capacity", 0, 0, 100000);
  if (!capacity.ok()) return ctx.Fail(capacity.status());
  SeatingTable table{ctx.args.positional[1], *capacity,
                     ctx.args.Value("theme").value_or("")};
  auto tables = store.ListTables();
  if (!tables.ok()) return ctx.Fail(tables.status());
  for (const SeatingTable& known : *tables) {
    if (known.name != table.name) continue;
    if (!ctx.args.Value("capacity")) table.capacity = known.capacity;
    if (!ctx.args.Value("theme")) table.theme = known.theme;
  }
  Status saved = store.UpsertTable(table);
  if (!saved.ok()) return ctx.Fail(saved);
  *ctx.out << ctx.tr().Format(
                  "seating.table_saved",
                  {table.name, table.Title(),
                   table.capacity > 0
                       ? std::to_string(table.capacity)
                       : std::string(ctx.tr().Get("seating.no_limit"))})
           << "\n";
  return kExitOk;
}

// entree seating plan --rounds N [--seed N] [--present-only] [--reset]
int RunPlan(Context& ctx, Store& store) {
  if (ctx.args.positional.size() != 1) {
    return ctx.UsageError(ctx.tr().Get("help.seating"));
  }
  PlanRequest request;
  auto rounds = IntOption(ctx, "rounds", 0, 1, kMaxRounds);
  if (!rounds.ok()) return ctx.Fail(rounds.status());
  if (*rounds == 0) {
    auto saved = store.SeatingRounds();
    if (!saved.ok()) return ctx.Fail(saved.status());
    if (*saved == 0) {
      return ctx.UsageError(ctx.tr().Get("error.seating_needs_rounds"));
    }
    *rounds = *saved;
  }
  auto seed = IntOption(ctx, "seed", 1, 0, 1'000'000'000);
  if (!seed.ok()) return ctx.Fail(seed.status());
  request.rounds = *rounds;
  request.seed = static_cast<uint64_t>(*seed);
  request.present_only = ctx.args.Flag("present-only");
  request.reset = ctx.args.Flag("reset");
  auto summary = PlanEventSeating(store, request);
  if (!summary.ok()) return ctx.Fail(summary.status());
  const SeatingQuality& q = summary->quality;
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("rounds", summary->rounds)
        .Field("tables", summary->tables)
        .Field("guests", summary->guests)
        .Field("told", summary->told)
        .Field("unseated", q.unseated)
        .Field("repeat_pairs", q.repeat_pairs)
        .Field("lower_bound", summary->lower_bound)
        .Field("revisits", q.revisits)
        .Key("max_sector_deviation")
        .Fixed(q.max_sector_deviation, 2)
        .Key("mean_sector_deviation")
        .Fixed(q.mean_sector_deviation, 2)
        .EndObject();
    *ctx.out << json.str() << "\n";
    return kExitOk;
  }
  char deviation[32];
  std::snprintf(deviation, sizeof deviation, "%.2f", q.max_sector_deviation);
  *ctx.out << ctx.tr().Format("seating.planned",
                              {std::to_string(summary->guests - q.unseated),
                               std::to_string(summary->tables),
                               std::to_string(summary->rounds),
                               std::to_string(summary->told)})
           << "\n"
           << ctx.tr().Format("seating.quality",
                              {std::to_string(q.repeat_pairs),
                               std::to_string(summary->lower_bound), deviation})
           << "\n";
  if (q.unseated > 0) {
    *ctx.out << ctx.tr().Format("seating.unseated",
                                {std::to_string(q.unseated)})
             << "\n";
  }
  return kExitOk;
}

// entree seating show: per table per round, who sits there.
int RunShow(Context& ctx, Store& store) {
  if (ctx.args.positional.size() != 1) {
    return ctx.UsageError(ctx.tr().Get("help.seating"));
  }
  auto overview = GatherSeating(store);
  if (!overview.ok()) return ctx.Fail(overview.status());
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject().Field("rounds", overview->rounds).Key("tables");
    json.BeginArray();
    for (const TableRound& cell : overview->cells) {
      json.BeginObject()
          .Field("round", cell.round)
          .Field("table", cell.table.name)
          .Field("theme", cell.table.theme)
          .Field("capacity", cell.table.capacity)
          .Key("hosts")
          .BeginArray();
      for (const std::string& host : cell.hosts) json.String(host);
      json.EndArray().Key("guests").BeginArray();
      for (const Attendee& guest : cell.guests) {
        json.BeginObject()
            .Field("id", ToString(guest.id))
            .Field("name", guest.FullName())
            .Field("sector", ToString(guest.sector))
            .EndObject();
      }
      json.EndArray().EndObject();
    }
    json.EndArray().Field("unseated", overview->unseated).EndObject();
    *ctx.out << json.str() << "\n";
    return kExitOk;
  }
  if (overview->rounds == 0) {
    *ctx.out << ctx.tr().Get("seating.no_plan") << "\n";
    for (const SeatingTable& table : overview->tables) {
      auto hosts = store.TableHosts(table.name);
      if (!hosts.ok()) return ctx.Fail(hosts.status());
      std::string names = JoinHosts(*hosts);
      *ctx.out << ctx.tr().Format(
                      "seating.table_line",
                      {table.Title(),
                       table.capacity > 0
                           ? std::to_string(table.capacity)
                           : std::string(ctx.tr().Get("seating.no_limit")),
                       names.empty()
                           ? std::string(ctx.tr().Get("seating.no_host"))
                           : names})
               << "\n";
    }
    return kExitOk;
  }
  for (const TableRound& cell : overview->cells) {
    *ctx.out << ctx.tr().Format("seating.show_cell",
                                {std::to_string(cell.round), cell.table.Title(),
                                 std::to_string(cell.guests.size())})
             << "\n";
    for (const Attendee& guest : cell.guests) {
      *ctx.out << "  " << guest.FullName() << " ("
               << ctx.tr().Get("sector." + std::string(ToString(guest.sector)))
               << ")\n";
    }
  }
  return kExitOk;
}

// entree seating export -o FILE.csv|FILE.pdf
int RunSeatingExport(Context& ctx, Store& store) {
  if (ctx.args.positional.size() != 1) {
    return ctx.UsageError(ctx.tr().Get("help.seating"));
  }
  std::string output = OutputPath(ctx);
  bool pdf = EndsWith(output, ".pdf");
  if (output.empty() || (!pdf && !EndsWith(output, ".csv"))) {
    return ctx.UsageError(ctx.tr().Get("error.seating_export_needs_output"));
  }
  auto overview = GatherSeating(store);
  if (!overview.ok()) return ctx.Fail(overview.status());
  if (overview->rounds == 0) {
    return ctx.Fail(
        Status::Localized(StatusCode::kNotFound, "error.seating_no_plan", {}));
  }
  std::string bytes;
  if (pdf) {
    auto document = SeatingPdf(*overview, ctx.tr());
    if (!document.ok()) return ctx.Fail(document.status());
    bytes = std::move(document).value();
  } else {
    bytes = SeatingCsv(*overview, ctx.tr());
  }
  Status written = WriteOutput(output, bytes, *ctx.out);
  if (!written.ok()) return ctx.Fail(written);
  *ctx.out << ctx.tr().Format("seating.exported",
                              {output, std::to_string(overview->rounds),
                               std::to_string(overview->tables.size())})
           << "\n";
  return kExitOk;
}

}  // namespace

int RunSeating(Context& ctx) {
  const auto& words = ctx.args.positional;
  std::string verb = words.empty() ? "" : words.front();
  using Verb = int (*)(Context&, Store&);
  Verb run = verb == "table"    ? RunTable
             : verb == "plan"   ? RunPlan
             : verb == "show"   ? RunShow
             : verb == "export" ? RunSeatingExport
                                : nullptr;
  if (!run) return ctx.UsageError(ctx.tr().Get("help.seating"));
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  return run(ctx, *store);
}

}  // namespace entree::cli
