#include "rows.hpp"

#include <boost/json.hpp>

#include <stdexcept>

#include "wkb/host/errors.hpp"
#include "wkb/host/files.hpp"
#include "wkb/sdk/json.hpp"

namespace wkb::store::detail {
namespace {

Column text(std::string_view name, std::string_view type = "TEXT") { return {name, type, false}; }
Column integer(std::string_view name) { return {name, "INTEGER", true}; }
const Column kProjectId = text("project_id", "VARCHAR(200)");
const Column kSeq = integer("seq");
Column stamp(std::string_view name) { return text(name, "VARCHAR(32)"); }
Column hash(std::string_view name) { return text(name, "VARCHAR(64)"); }

// What a NULL or a wrongly typed value reads as: NUL never enters the store
// (text.hpp), so no written value equals it.
const std::string kUnreadable = std::string("\0unreadable", 11);

}  // namespace

// Schema version 1 created the first nine tables with exactly these columns
// (projects.state then VARCHAR(20), widened to 40 by version 4 for
// "closed-without-declaration"); version 2 added store_chain and
// head_signatures, version 4 lifecycle_events and finding_imports
// (database.cpp). A change to a column list needs a migration.
const TableCodec kProjects{"projects",
                           {text("id", "VARCHAR(200)"), text("name"), text("instrument_id", "VARCHAR(200)"),
                            text("instrument_name"), text("state", "VARCHAR(40)"), integer("plan_version"),
                            stamp("created_at"), stamp("updated_at"), integer("audit_count"), hash("audit_head")},
                           "id", "id"};
const TableCodec kPlanVersions{"plan_versions",
                               {kProjectId, integer("version"), stamp("created_at"), text("created_by"), text("reason"),
                                text("instrument_version", "VARCHAR(64)"), text("project_json"),
                                text("assessment_json"), text("sample_json"), text("plan_json")},
                               "project_id, version", "version"};
const TableCodec kOverrides{"overrides",
                            {kProjectId, kSeq, integer("plan_version"), text("risk_id"), text("before_json"),
                             text("after_json"), text("motivation"), text("made_by"), stamp("made_at")},
                            "project_id, seq", "seq"};
const TableCodec kFindings{"findings",
                           {kProjectId, kSeq, text("control_id"), text("unit_id"), text("result", "VARCHAR(20)"),
                            text("note"), text("assessed_by"), text("finding_date", "VARCHAR(10)"),
                            stamp("recorded_at")},
                           "project_id, seq", "seq"};
const TableCodec kDecisions{"decisions",
                            {kProjectId, kSeq, integer("plan_version"), integer("findings_count"),
                             text("outcome", "VARCHAR(32)"), text("decision_json"), text("made_by"), stamp("made_at")},
                            "project_id, seq", "seq"};
const TableCodec kNotifications{"notifications",
                                {kProjectId, integer("plan_version"), text("package_json"), text("warnings"),
                                 text("made_by"), stamp("made_at")},
                                "project_id", "project_id"};
const TableCodec kClosures{"closures",
                           {kProjectId, text("kind", "VARCHAR(32)"), integer("decision_seq"),
                            text("from_outcome", "VARCHAR(32)"), text("effort"), text("made_by"), stamp("made_at")},
                           "project_id", "project_id"};
const TableCodec kPluginCalls{"plugin_calls",
                              {kProjectId, kSeq, text("method", "VARCHAR(20)"), text("plugin_id", "VARCHAR(200)"),
                               text("plugin_version", "VARCHAR(64)"), hash("plugin_sha256"), text("request"),
                               hash("request_sha256"), hash("response_sha256")},
                              "project_id, seq", "seq"};
const TableCodec kAuditLog{"audit_log",
                           {kProjectId, kSeq, stamp("at"), text("actor"), text("kind", "VARCHAR(32)"), text("payload"),
                            hash("prev_hash"), hash("hash")},
                           "project_id, seq", "seq"};
// The store-wide chain: one entry per command, naming the project it changed,
// that project's log head after the command and the hash of its project row.
const TableCodec kStoreChain{"store_chain",
                             {kSeq, kProjectId, integer("audit_count"), hash("audit_head"), hash("project_sha256"),
                              stamp("at"), hash("prev_hash"), hash("hash")},
                             "seq", "seq"};
// Signed heads (`wkb audit sign`): self-authenticating, so outside the chain.
const TableCodec kHeadSignatures{"head_signatures",
                                 {kSeq, text("public_key", "VARCHAR(64)"), text("payload"),
                                  text("signature", "VARCHAR(128)"), stamp("signed_at")},
                                 "seq", "seq"};

// Version 4: the lifecycle after the bouwmelding (start bouw, meldingen
// tijdens de bouw, information requests, the verklaring's details, the
// gereedmelding, the decision on use), one row per step with its data as
// canonical JSON; and each findings import with the hash of its content, so
// that the same file is never imported twice.
const TableCodec kLifecycleEvents{"lifecycle_events",
                                  {kProjectId, kSeq, text("step", "VARCHAR(40)"), text("payload"), text("made_by"),
                                   stamp("made_at")},
                                  "project_id, seq", "seq"};
const TableCodec kFindingImports{"finding_imports",
                                 {kProjectId, kSeq, hash("content_sha256"), integer("findings"),
                                  integer("new_findings"), text("made_by"), stamp("made_at")},
                                 "project_id, seq", "seq"};

// Version 5: the staff register (docs/store.md#staff). A person is never
// overwritten: a change is a new version, the current one is the last. The
// register is not a project; its rows are recorded in the audit log and the
// store chain under the reserved key kStaffKey. The persons of a project's
// borgingsplan are a project's rows: each assignment a new row, the last in force.
const TableCodec kStaffVersions{"staff_versions",
                                {text("person_id", "VARCHAR(200)"), integer("version"), text("person_json"),
                                 text("made_by"), stamp("made_at")},
                                "person_id, version", "person_id, version"};
const TableCodec kStaffAssignments{"staff_assignments",
                                   {kProjectId, kSeq, integer("plan_version"), text("assignment_json"),
                                    text("made_by"), stamp("made_at")},
                                   "project_id, seq", "seq"};

const std::vector<const TableCodec*>& all_tables() {
  static const std::vector<const TableCodec*> list = {&kProjects,  &kPlanVersions,   &kOverrides,     &kFindings,
                                                      &kDecisions, &kNotifications,  &kClosures,      &kPluginCalls,
                                                      &kAuditLog,  &kStoreChain,     &kHeadSignatures, &kLifecycleEvents,
                                                      &kFindingImports, &kStaffVersions, &kStaffAssignments};
  return list;
}

std::string TableCodec::create_sql() const {
  std::string s = "CREATE TABLE " + std::string(name) + " (";
  for (const auto& c : columns) s += std::string(c.name) + " " + std::string(c.sql_type) + " NOT NULL, ";
  return s + "PRIMARY KEY (" + std::string(primary_key) + "))";
}

std::size_t TableCodec::index(std::string_view column) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == column) return i;
  throw std::logic_error("interne fout: tabel " + std::string(name) + " heeft geen kolom " + std::string(column));
}

Row::Row(const TableCodec& table)
    : table_(&table), values_(table.columns.size()), set_(table.columns.size(), false) {}

Row& Row::set(std::string_view column, Value value) {
  const std::size_t i = table_->index(column);
  if (std::holds_alternative<long long>(value) != table_->columns[i].integer)
    throw std::logic_error("interne fout: kolom " + std::string(column) + " krijgt een waarde van het verkeerde type");
  values_[i] = std::move(value);
  set_[i] = true;
  return *this;
}

namespace {
[[noreturn]] void damaged(const Row& r, std::string_view column) {
  throw wkb::host::StoreDamaged("de opslag is beschadigd: kolom " + std::string(column) + " van tabel " +
                                std::string(r.table().name) + (r.key().empty() ? "" : ", rij " + r.key()) +
                                " heeft geen geldige waarde; zoek de oorzaak met `wkb audit verify`");
}
}  // namespace

const std::string& Row::text(std::string_view column) const {
  const auto& v = values_[table_->index(column)];
  if (const auto* s = std::get_if<std::string>(&v); s && *s != kUnreadable) return *s;
  damaged(*this, column);
}

long long Row::integer(std::string_view column) const {
  const auto& v = values_[table_->index(column)];
  if (const auto* i = std::get_if<long long>(&v)) return *i;
  damaged(*this, column);
}

int Row::int32(std::string_view column) const {
  const long long v = integer(column);
  if (v < -2147483647LL || v > 2147483647LL) damaged(*this, column);
  return static_cast<int>(v);
}

std::string Row::key() const {
  auto show = [&](std::string_view col) {
    const auto& v = values_[table_->index(col)];
    return std::holds_alternative<long long>(v) ? std::to_string(std::get<long long>(v)) : std::get<std::string>(v);
  };
  const std::string_view pk = table_->primary_key;
  if (pk == "id") return show("id");
  if (pk == "project_id") return "";
  if (pk == "seq") return show("seq");
  if (pk == "person_id, version") return show("person_id") + " versie " + show("version");
  return show(pk.substr(pk.rfind(' ') + 1));  // "project_id, seq" -> seq
}

std::string Row::sha256() const {
  boost::json::object o;
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const std::string key(table_->columns[i].name);
    if (const auto* n = std::get_if<long long>(&values_[i]))
      o[key] = *n;
    else
      o[key] = std::get<std::string>(values_[i]);
  }
  return wkb::host::sha256_hex(serialize_canonical(o));
}

AuditEntry audit_entry_of(const Row& r) {
  return {r.text("project_id"), r.int32("seq"),     r.text("at"),        r.text("actor"),
          r.text("kind"),       r.text("payload"), r.text("prev_hash"), r.text("hash")};
}

Row audit_row(const AuditEntry& e) {
  Row row(kAuditLog);
  row.set("project_id", e.project)
      .set("seq", static_cast<long long>(e.seq))
      .set("at", e.at)
      .set("actor", e.actor)
      .set("kind", e.kind)
      .set("payload", e.payload)
      .set("prev_hash", e.prev_hash)
      .set("hash", e.hash);
  return row;
}

// Every statement here is built for one use. Prepared as "repeatable", SOCI
// gives it a name on PostgreSQL and pays three round trips (PREPARE, EXECUTE,
// DEALLOCATE); as a one-shot query it is sent once.
constexpr auto kOneShot = soci::details::st_one_time_query;

void insert_rows(soci::session& sql, const std::vector<Row>& rows) {
  if (rows.empty()) return;
  const TableCodec& t = rows.front().table();
  const std::size_t ncol = t.columns.size();
  // SQLite allows 32766 bound parameters per statement (since 3.32); keep well below.
  const std::size_t per_statement = std::max<std::size_t>(1, 8000 / ncol);
  std::string head = "INSERT INTO " + std::string(t.name) + " (";
  for (std::size_t c = 0; c < ncol; ++c) head += (c ? ", " : "") + std::string(t.columns[c].name);
  head += ") VALUES ";
  for (std::size_t from = 0; from < rows.size(); from += per_statement) {
    const std::size_t to = std::min(rows.size(), from + per_statement);
    std::string text = head;
    for (std::size_t r = from; r < to; ++r) {
      if (&rows[r].table() != &t) throw std::logic_error("interne fout: insert_rows kreeg rijen van verschillende tabellen");
      text += r == from ? "(" : ", (";
      for (std::size_t c = 0; c < ncol; ++c) text += (c ? ", :v" : ":v") + std::to_string((r - from) * ncol + c);
      text += ")";
    }
    soci::statement st(sql);
    st.alloc();
    for (std::size_t r = from; r < to; ++r)
      for (std::size_t c = 0; c < ncol; ++c) {
        // soci::use binds by reference: the rows outlive the statement.
        auto& v = const_cast<Value&>(rows[r].values()[c]);
        if (auto* n = std::get_if<long long>(&v))
          st.exchange(soci::use(*n));
        else
          st.exchange(soci::use(std::get<std::string>(v)));
      }
    st.prepare(text, kOneShot);
    st.define_and_bind();
    st.execute(true);
  }
}

void update_row(soci::session& sql, const Row& row, std::string_view key_column) {
  const TableCodec& t = row.table();
  std::string text = "UPDATE " + std::string(t.name) + " SET ";
  soci::statement st(sql);
  st.alloc();
  bool first = true;
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c].name == key_column) continue;
    text += (first ? "" : ", ") + std::string(t.columns[c].name) + " = :v" + std::to_string(c);
    first = false;
  }
  const std::size_t k = t.index(key_column);
  text += " WHERE " + std::string(key_column) + " = :k";
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    if (c == k) continue;
    auto& v = const_cast<Value&>(row.values()[c]);
    if (auto* n = std::get_if<long long>(&v))
      st.exchange(soci::use(*n));
    else
      st.exchange(soci::use(std::get<std::string>(v)));
  }
  st.exchange(soci::use(const_cast<std::string&>(std::get<std::string>(row.values()[k]))));
  st.prepare(text, kOneShot);
  st.define_and_bind();
  st.execute(true);
}

class RowReader {
 public:
  static Row read(const TableCodec& t, const soci::row& r) {
    Row row(t);
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      row.set_[i] = true;
      if (r.get_indicator(i) == soci::i_null) {
        row.values_[i] = kUnreadable;
        continue;
      }
      switch (r.get_properties(i).get_data_type()) {
        case soci::dt_string: {
          std::string s = r.get<std::string>(i);
          if (t.columns[i].integer) {
            // SQLite keeps text in an INTEGER column: only a plain number reads as one.
            try {
              std::size_t used = 0;
              const long long n = std::stoll(s, &used);
              row.values_[i] = used == s.size() && std::to_string(n) == s ? Value(n) : Value(kUnreadable);
            } catch (const std::exception&) {
              row.values_[i] = kUnreadable;
            }
          } else {
            row.values_[i] = std::move(s);
          }
          break;
        }
        case soci::dt_integer: row.values_[i] = static_cast<long long>(r.get<int>(i)); break;
        case soci::dt_long_long: row.values_[i] = r.get<long long>(i); break;
        case soci::dt_unsigned_long_long: row.values_[i] = static_cast<long long>(r.get<unsigned long long>(i)); break;
        default: row.values_[i] = kUnreadable;
      }
      // A number in a text column (SQLite's typing allows it) is not text that wkb wrote.
      if (!t.columns[i].integer && std::holds_alternative<long long>(row.values_[i])) row.values_[i] = kUnreadable;
    }
    return row;
  }
};

std::vector<Row> select_rows(soci::session& sql, const TableCodec& t, const std::optional<std::string>& project,
                             std::string_view extra_where) {
  std::string text = "SELECT ";
  for (std::size_t c = 0; c < t.columns.size(); ++c) text += (c ? ", " : "") + std::string(t.columns[c].name);
  text += " FROM " + std::string(t.name);
  const std::string id_column = t.name == "projects" ? "id" : t.name == "staff_versions" ? "person_id" : "project_id";
  std::string where;
  if (project) where = id_column + " = :p";
  if (!extra_where.empty()) where += (where.empty() ? "" : " AND ") + std::string(extra_where);
  if (!where.empty()) text += " WHERE " + where;
  text += " ORDER BY " + std::string(t.order_by);
  std::vector<Row> out;
  soci::row r;
  std::string p = project.value_or("");
  soci::statement st(sql);
  st.alloc();
  st.exchange(soci::into(r));
  if (project) st.exchange(soci::use(p));
  st.prepare(text, kOneShot);
  st.define_and_bind();
  st.execute();
  while (st.fetch()) out.push_back(RowReader::read(t, r));
  return out;
}

}  // namespace wkb::store::detail
