// entree import, list, search, stats and export: the guest list in and out.
#include <algorithm>
#include <iomanip>
#include <ostream>

#include "cli.h"
#include "entree/base/json.h"
#include "entree/base/text.h"
#include "entree/base/uuid.h"
#include "entree/people/export.h"
#include "entree/people/import.h"
#include "entree/reports/report.h"

namespace entree::cli {
namespace {

// Prints attendees as a JSON array or as aligned text lines.
void PrintAttendees(const Context& ctx, const std::vector<Attendee>& people) {
  if (ctx.json) {
    JsonWriter json;
    json.BeginArray();
    for (const Attendee& a : people) {
      json.BeginObject();
      WriteAttendeeFields(json, a);
      json.EndObject();
    }
    json.EndArray();
    *ctx.out << json.str() << "\n";
    return;
  }
  for (const Attendee& a : people) {
    *ctx.out << ToString(a.id) << "  " << a.FullName();
    if (!a.organisation.empty()) *ctx.out << " (" << a.organisation << ")";
    *ctx.out << "  "
             << ctx.tr().Get("sector." + std::string(ToString(a.sector)));
    if (!a.table.empty()) *ctx.out << "  " << a.table;
    *ctx.out << "\n";
  }
}

// `export --format xlsx`: the workbook with every list, to a file.
int ExportWorkbook(Context& ctx) {
  std::string output = OutputPath(ctx);
  if (output.empty() || output == "-") {
    return ctx.UsageError(ctx.tr().Get("error.xlsx_needs_output"));
  }
  if (ctx.args.Value("list") || ctx.args.Value("table")) {
    return ctx.UsageError(ctx.tr().Get("error.xlsx_has_every_list"));
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto report = GatherReport(*store, ctx.clock->Now());
  if (!report.ok()) return ctx.Fail(report.status());
  Status written = WriteReportXlsx(*report, ctx.tr(), output);
  if (!written.ok()) return ctx.Fail(written);
  *ctx.err << ctx.tr().Format("export.done",
                              {std::to_string(report->rows.size()), output})
           << "\n";
  return kExitOk;
}

}  // namespace

namespace {

// The rows of `rows` as JSON objects: line, reason, value.
void WriteRows(JsonWriter& json, const std::vector<RowProblem>& rows) {
  json.BeginArray();
  for (const RowProblem& row : rows) {
    json.BeginObject()
        .Field("line", row.line)
        .Field("reason", ToString(row.kind))
        .Field("value", row.detail)
        .EndObject();
  }
  json.EndArray();
}

void WriteImportJson(Context& ctx, const ImportReport& report, bool dry_run) {
  JsonWriter json;
  json.BeginObject()
      .Field("source", ToString(report.source))
      .Field("imported", report.imported)
      .Field("updated", report.updated)
      .Field("rejected", report.rejected)
      .Field("not_admitted", report.not_admitted)
      .Field("dry_run", dry_run)
      .Field("written", report.written);
  json.Key("columns").BeginArray();
  for (const ColumnUse& column : report.columns) {
    json.BeginObject()
        .Field("header", column.header)
        .Field("field", ToString(column.field))
        .EndObject();
  }
  json.EndArray();
  WriteRows(json.Key("problems"), report.problems);
  WriteRows(json.Key("duplicates"), report.duplicates);
  WriteRows(json.Key("notes"), report.notes);
  json.Key("ignored_columns").BeginArray();
  for (const std::string& column : report.ignored_columns) json.String(column);
  json.EndArray().EndObject();
  *ctx.out << json.str() << "\n";
}

// One line per row: "line 7: rejected: the row has no name".
void PrintRows(Context& ctx, const std::vector<RowProblem>& rows,
               std::string_view format) {
  for (const RowProblem& row : rows) {
    *ctx.err << ctx.tr().Format(format,
                                {std::to_string(row.line),
                                 ctx.tr().Get("import.problem." +
                                              std::string(ToString(row.kind))),
                                 row.detail})
             << "\n";
  }
}

}  // namespace

int RunImport(Context& ctx) {
  if (ctx.args.positional.size() != 1) {
    return ctx.UsageError(ctx.tr().Get("error.import_needs_file"));
  }
  ImportOptions options;
  options.strict = ctx.args.Flag("strict");
  options.dry_run = ctx.args.Flag("dry-run");
  options.now = ctx.clock->Now();
  if (auto map = ctx.args.Value("map")) {
    auto parsed = ParseColumnMap(*map);
    if (!parsed.ok()) return ctx.Fail(parsed.status());
    options.column_map = std::move(parsed).value();
  }
  auto bytes = ReadInput(ctx.args.positional.front());
  if (!bytes.ok()) return ctx.Fail(bytes.status());
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  auto report = ImportAttendees(*store, *bytes, options);
  if (!report.ok()) return ctx.Fail(report.status());

  if (options.dry_run && !ctx.json) {
    *ctx.out << ctx.tr().Format(
                    "import.source",
                    {ctx.tr().Get("import.source." +
                                  std::string(ToString(report->source)))})
             << "\n";
    for (const ColumnUse& column : report->columns) {
      *ctx.out << "  "
               << ctx.tr().Format(
                      "import.column",
                      {column.header, std::string(ToString(column.field))})
               << "\n";
    }
  }
  PrintRows(ctx, report->problems, "import.rejected_row");
  PrintRows(ctx, report->duplicates, "import.note_row");
  PrintRows(ctx, report->notes, "import.note_row");
  for (const std::string& column : report->ignored_columns) {
    *ctx.err << ctx.tr().Format("import.ignored_column", {column}) << "\n";
  }
  if (ctx.json) {
    WriteImportJson(ctx, *report, options.dry_run);
  } else {
    *ctx.out << ctx.tr().Format(
                    options.dry_run ? "import.would" : "import.done",
                    {std::to_string(report->imported),
                     std::to_string(report->updated),
                     std::to_string(report->rejected)})
             << "\n";
    if (report->not_admitted > 0) {
      *ctx.out << ctx.tr().Format("import.not_admitted",
                                  {std::to_string(report->not_admitted)})
               << "\n";
    }
  }
  if (options.dry_run) {
    *ctx.err << "entree: " << ctx.tr().Get("import.dry_run_nothing_written")
             << "\n";
    if (!report->refused) return kExitOk;
  }
  if (!report->written) {
    *ctx.err << "entree: " << ctx.tr().Get("import.strict_nothing_written")
             << "\n";
    return kExitBadInput;
  }
  return kExitOk;
}

int RunList(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  std::optional<Sector> sector;
  if (auto text = ctx.args.Value("sector")) {
    sector = ParseSector(*text);
    if (!sector) {
      return ctx.Fail(Status::InvalidArgument(
          ctx.tr().Format("error.bad_sector", {*text})));
    }
  }
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto people = store->ListAttendees();
  if (!people.ok()) return ctx.Fail(people.status());
  auto table = ctx.args.Value("table");
  std::erase_if(*people, [&](const Attendee& a) {
    return (sector && a.sector != *sector) || (table && a.table != *table);
  });
  PrintAttendees(ctx, *people);
  return kExitOk;
}

int RunSearch(Context& ctx) {
  if (ctx.args.positional.empty()) {
    return ctx.UsageError(ctx.tr().Get("error.search_needs_query"));
  }
  auto limit = IntOption(ctx, "limit", 20, 1, 100000);
  if (!limit.ok()) return ctx.Fail(limit.status());
  std::string query;
  for (const std::string& word : ctx.args.positional) query += word + " ";
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto people = store->SearchAttendees(query, *limit);
  if (!people.ok()) return ctx.Fail(people.status());
  PrintAttendees(ctx, *people);
  return people->empty() && !ctx.json ? kExitNotFound : kExitOk;
}

int RunStats(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto event = store->GetEvent();
  if (!event.ok()) return ctx.Fail(event.status());
  auto stats = store->Stats();
  if (!stats.ok()) return ctx.Fail(stats.status());
  if (ctx.json) {
    JsonWriter json;
    auto tally = [&](const Tally& t) {
      json.BeginObject()
          .Field("expected", t.expected)
          .Field("arrived", t.arrived)
          .Field("inside", t.inside)
          .EndObject();
    };
    json.BeginObject().Field("event", event->name).Key("total");
    tally(stats->total);
    json.Field("walk_ins", stats->walk_ins).Key("by_sector").BeginObject();
    for (const auto& [name, t] : stats->by_sector) {
      json.Key(name);
      tally(t);
    }
    json.EndObject().Key("by_table").BeginObject();
    for (const auto& [name, t] : stats->by_table) {
      json.Key(name);
      tally(t);
    }
    json.EndObject().EndObject();
    *ctx.out << json.str() << "\n";
    return kExitOk;
  }
  auto line = [&](std::string_view label, const Tally& t) {
    *ctx.out << "  " << std::left << std::setw(28) << label << " "
             << ctx.tr().Format("stats.tally", {std::to_string(t.arrived),
                                                std::to_string(t.expected),
                                                std::to_string(t.inside)})
             << "\n";
  };
  *ctx.out << event->name << "\n";
  line(ctx.tr().Get("stats.total"), stats->total);
  *ctx.out << "  "
           << ctx.tr().Format("stats.walk_ins",
                              {std::to_string(stats->walk_ins)})
           << "\n"
           << ctx.tr().Get("stats.by_sector") << "\n";
  for (const auto& [name, t] : stats->by_sector) {
    line(ctx.tr().Get("sector." + name), t);
  }
  *ctx.out << ctx.tr().Get("stats.by_table") << "\n";
  for (const auto& [name, t] : stats->by_table) {
    line(name.empty() ? ctx.tr().Get("stats.no_table") : name, t);
  }
  return kExitOk;
}

int RunExport(Context& ctx) {
  if (!ctx.args.positional.empty()) return ctx.NeedsNoArguments();
  std::string format = ctx.args.Value("format").value_or("csv");
  if (ctx.json) format = "json";
  if (format != "csv" && format != "json" && format != "xlsx") {
    return ctx.Fail(
        Status::InvalidArgument(ctx.tr().Format("error.bad_format", {format})));
  }
  if (format == "xlsx") return ExportWorkbook(ctx);
  ExportFilter filter;
  std::string list = ctx.args.Value("list").value_or("attendance");
  if (list == "no-shows") {
    filter.no_shows_only = true;
  } else if (list != "attendance") {
    return ctx.Fail(
        Status::InvalidArgument(ctx.tr().Format("error.bad_list", {list})));
  }
  filter.table = ctx.args.Value("table");
  // Dutch Excel splits CSV on semicolons, English Excel on commas.
  char delimiter = ctx.tr().language() == Language::kDutch ? ';' : ',';
  if (auto text = ctx.args.Value("delimiter")) {
    if (*text == "tab" || *text == "\t") {
      delimiter = '\t';
    } else if (*text == "," || *text == ";") {
      delimiter = (*text)[0];
    } else {
      return ctx.Fail(Status::InvalidArgument(
          ctx.tr().Format("error.bad_delimiter", {*text})));
    }
  }
  std::string output = OutputPath(ctx);
  if (output.empty()) output = "-";

  auto store = ctx.OpenStore();
  if (!store.ok()) return ctx.Fail(store.status());
  auto rows = store->Attendance();
  if (!rows.ok()) return ctx.Fail(rows.status());
  if (filter.table) {
    auto tables = store->ListTables();
    if (!tables.ok()) return ctx.Fail(tables.status());
    bool known =
        std::any_of(tables->begin(), tables->end(),
                    [&](const auto& t) { return t.name == *filter.table; });
    if (!known) {
      return ctx.Fail(
          Status::NotFound(ctx.tr().Format("error.no_table", {*filter.table})));
    }
  }
  std::vector<AttendanceRow> selected =
      FilterAttendance(std::move(rows).value(), filter);
  std::string data = format == "json" ? AttendanceJson(selected) + "\n"
                                      : AttendanceCsv(selected, ZoneOf(*store),
                                                      ctx.tr(), delimiter);
  Status written = WriteOutput(output, data, *ctx.out);
  if (!written.ok()) return ctx.Fail(written);
  if (output != "-") {
    *ctx.err << ctx.tr().Format("export.done",
                                {std::to_string(selected.size()), output})
             << "\n";
  }
  return kExitOk;
}

}  // namespace entree::cli
