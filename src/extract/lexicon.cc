#include "extract/lexicon.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <initializer_list>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "core/utf8.h"

namespace ketnoi::extract {
namespace {

using core::Lang;
using core::Result;
using core::Status;

// Lexicon files are hand-edited tables of a few thousand lines; anything bigger is a mistake.
constexpr size_t kMaxFileBytes = 64u << 20;

// One data line of a table file, cells already trimmed and NFC-normalized.
struct Row {
  int line = 0;
  std::vector<std::string> cells;
};

struct TableFile {
  std::string path;
  std::string kind;  // from "#kind: NAME", empty when the file does not say
  int kind_line = 0;
  std::vector<std::string> columns;
  int header_line = 0;
  std::vector<Row> rows;
};

Status LineError(const std::string& path, int line, const std::string& problem) {
  return core::InvalidInput(path + ":" + std::to_string(line) + ": " + problem);
}

std::string_view TrimSpaces(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

// Users may save files decomposed (macOS) while pages arrive composed: store NFC only.
std::string ToNfc(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), s.size()));
  if (nfc->isNormalized(u, status) && U_SUCCESS(status)) return std::string(s);
  status = U_ZERO_ERROR;
  icu::UnicodeString out = nfc->normalize(u, status);
  if (U_FAILURE(status)) return std::string(s);
  std::string result;
  out.toUTF8String(result);
  return result;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cells;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      cells.push_back(line.substr(start));
      return cells;
    }
    cells.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::NotFound(path + ": cannot open lexicon file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return core::IoError(path + ": read failed");
  std::string bytes = std::move(buffer).str();
  if (bytes.size() > kMaxFileBytes) return core::TooLarge(path + ": lexicon file over 64 MiB");
  return bytes;
}

// Splits a file into the kind line, the header and the data rows (see lexicon.h).
Result<TableFile> ParseTable(const std::string& path, std::string_view bytes) {
  TableFile table;
  table.path = path;
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);  // a BOM from Windows editors
  int line_no = 0;
  size_t pos = 0;
  while (pos < bytes.size()) {
    size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!core::IsValidUtf8(line)) return LineError(path, line_no, "invalid UTF-8");
    if (line.starts_with("#")) {
      // "#kind: NAME" exactly (no space after '#', so prose comments never match); documented
      // as the first line, accepted on any comment line before the header.
      if (table.columns.empty() && table.kind.empty() && line.starts_with("#kind:")) {
        table.kind = std::string(TrimSpaces(line.substr(6)));
        table.kind_line = line_no;
        if (table.kind.empty()) return LineError(path, line_no, "empty kind");
      }
      continue;
    }
    if (TrimSpaces(line).empty()) continue;
    std::vector<std::string_view> raw = SplitTabs(line);
    if (table.columns.empty()) {
      for (std::string_view c : raw) {
        std::string name(TrimSpaces(c));
        if (name.empty()) return LineError(path, line_no, "empty column name in header");
        if (std::find(table.columns.begin(), table.columns.end(), name) != table.columns.end()) {
          return LineError(path, line_no, "duplicate column '" + name + "'");
        }
        table.columns.push_back(std::move(name));
      }
      table.header_line = line_no;
      continue;
    }
    if (raw.size() != table.columns.size()) {
      return LineError(path, line_no,
                       "expected " + std::to_string(table.columns.size()) + " columns, found " +
                           std::to_string(raw.size()));
    }
    Row row;
    row.line = line_no;
    for (size_t i = 0; i < raw.size(); ++i) {
      std::string_view cell = TrimSpaces(raw[i]);
      if (cell.empty()) {
        return LineError(path, line_no, "empty value in column '" + table.columns[i] + "'");
      }
      row.cells.push_back(ToNfc(cell));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

// Column access by name, with the file:line of the row for messages.
class RowReader {
 public:
  RowReader(const TableFile& table, const Row& row) : table_(table), row_(row) {}

  // The cell of `column`, or "" when the file has no such (optional) column.
  const std::string& Get(std::string_view column) const {
    static const std::string kEmpty;
    for (size_t i = 0; i < table_.columns.size(); ++i) {
      if (table_.columns[i] == column) return row_.cells[i];
    }
    return kEmpty;
  }
  Status Error(const std::string& problem) const {
    return LineError(table_.path, row_.line, problem);
  }
  Result<Lang> GetLang(std::initializer_list<Lang> allowed = {Lang::kVi, Lang::kZh,
                                                              Lang::kEn}) const {
    const std::string& code = Get("lang");
    Lang lang = core::LangFromCode(code);
    if (std::find(allowed.begin(), allowed.end(), lang) == allowed.end()) {
      return Error("unknown lang '" + code + "'");
    }
    return lang;
  }
  // The cell of `column` when it is one of `allowed`.
  Result<std::string> GetEnum(std::string_view column,
                              const std::vector<std::string_view>& allowed) const {
    const std::string& value = Get(column);
    if (std::find(allowed.begin(), allowed.end(), value) == allowed.end()) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : "|") + std::string(a);
      return Error("unknown " + std::string(column) + " '" + value + "' (expected " + list + ")");
    }
    return value;
  }

 private:
  const TableFile& table_;
  const Row& row_;
};

// The org kinds of org_heads.tsv, also accepted in the optional kind column of organizations.
const std::vector<std::string_view>& OrgKinds() {
  static const std::vector<std::string_view> kKinds = {"government",    "research", "university",
                                                       "company",       "network",  "fund",
                                                       "international", "other"};
  return kKinds;
}

using RowLoader = std::function<Status(const RowReader&, Lexicons&)>;

struct KindSpec {
  std::string_view kind;
  std::vector<std::string_view> required;
  std::vector<std::string_view> optional;  // documented extras the loader accepts
  RowLoader load;
};

Status LoadPlace(const RowReader& r, Lexicons& lex) {
  PlaceEntry e;
  Result<std::string> type = r.GetEnum("type", {"country", "city", "region", "other"});
  if (!type.ok()) return type.status();
  Result<Lang> lang = r.GetLang();
  if (!lang.ok()) return lang.status();
  e.key = r.Get("key");
  e.type = *type;
  e.canonical = r.Get("canonical");
  e.lang = *lang;
  e.name = r.Get("name");
  lex.places.push_back(std::move(e));
  return Status::Ok();
}

Status LoadOrganization(const RowReader& r, Lexicons& lex) {
  OrgEntry e;
  Result<Lang> lang = r.GetLang();
  if (!lang.ok()) return lang.status();
  Result<std::string> form = r.GetEnum("form", {"full", "short", "acronym"});
  if (!form.ok()) return form.status();
  e.key = r.Get("key");
  e.canonical = r.Get("canonical");
  e.lang = *lang;
  e.name = r.Get("name");
  e.is_acronym = *form == "acronym";
  if (!r.Get("kind").empty()) {  // optional column, checked so that typos do not pass silently
    Result<std::string> kind = r.GetEnum("kind", OrgKinds());
    if (!kind.ok()) return kind.status();
  }
  lex.organizations.push_back(std::move(e));
  return Status::Ok();
}

Status LoadOrgHead(const RowReader& r, Lexicons& lex) {
  OrgHead e;
  Result<Lang> lang = r.GetLang();
  if (!lang.ok()) return lang.status();
  Result<std::string> position = r.GetEnum("position", {"prefix", "suffix"});
  if (!position.ok()) return position.status();
  Result<std::string> kind = r.GetEnum("kind", OrgKinds());
  if (!kind.ok()) return kind.status();
  e.lang = *lang;
  e.word = r.Get("word");
  e.suffix = *position == "suffix";
  e.kind = *kind;
  lex.org_heads.push_back(std::move(e));
  return Status::Ok();
}

Status LoadTitle(const RowReader& r, Lexicons& lex) {
  TitleEntry e;
  Result<Lang> lang = r.GetLang();
  if (!lang.ok()) return lang.status();
  Result<std::string> type = r.GetEnum("type", {"role", "honorific"});
  if (!type.ok()) return type.status();
  e.lang = *lang;
  e.title = r.Get("title");
  e.honorific = *type == "honorific";
  lex.titles.push_back(std::move(e));
  return Status::Ok();
}

Status LoadSurname(const RowReader& r, Lexicons& lex) {
  Result<Lang> lang = r.GetLang({Lang::kVi, Lang::kZh});
  if (!lang.ok()) return lang.status();
  (*lang == Lang::kVi ? lex.person_surnames_vi : lex.person_surnames_zh)
      .push_back(r.Get("surname"));
  return Status::Ok();
}

Status LoadFieldKeyword(const RowReader& r, Lexicons& lex) {
  FieldKeyword e;
  Result<Lang> lang = r.GetLang();
  if (!lang.ok()) return lang.status();
  e.field = r.Get("field");
  if (std::find(lex.field_ids.begin(), lex.field_ids.end(), e.field) == lex.field_ids.end()) {
    return r.Error("unknown field id '" + e.field + "' (not in fields.txt)");
  }
  e.lang = *lang;
  e.keyword = r.Get("keyword");
  lex.field_keywords.push_back(std::move(e));
  return Status::Ok();
}

Status LoadTrigger(const RowReader& r, Lexicons& lex) {
  TriggerEntry e;
  Result<std::string> type =
      r.GetEnum("type", {"mou_signed", "agreement_signed", "meeting", "visit", "dialogue",
                         "proposal", "training_program", "investment", "conference", "other"});
  if (!type.ok()) return type.status();
  Result<Lang> lang = r.GetLang();
  if (!lang.ok()) return lang.status();
  const std::string& priority = r.Get("priority");
  int value = 0;
  auto [ptr, ec] = std::from_chars(priority.data(), priority.data() + priority.size(), value);
  if (ec != std::errc() || ptr != priority.data() + priority.size()) {
    return r.Error("priority '" + priority + "' is not an integer");
  }
  e.type = *type;
  e.lang = *lang;
  e.trigger = r.Get("trigger");
  e.priority = value;
  lex.triggers.push_back(std::move(e));
  return Status::Ok();
}

Status LoadModality(const RowReader& r, Lexicons& lex) {
  ModalityCue e;
  Result<std::string> modality = r.GetEnum("modality", {"planned", "proposed"});
  if (!modality.ok()) return modality.status();
  Result<Lang> lang = r.GetLang();
  if (!lang.ok()) return lang.status();
  e.modality = *modality;
  e.lang = *lang;
  e.cue = r.Get("cue");
  lex.modality_cues.push_back(std::move(e));
  return Status::Ok();
}

Status LoadNameWord(const RowReader& r, Lexicons& lex) {
  NameWord e;
  Result<Lang> lang = r.GetLang();
  if (!lang.ok()) return lang.status();
  e.concept_id = r.Get("concept");
  e.lang = *lang;
  e.word = r.Get("word");
  lex.name_words.push_back(std::move(e));
  return Status::Ok();
}

const std::vector<KindSpec>& KindSpecs() {
  static const std::vector<KindSpec> kSpecs = {
      {"places", {"key", "type", "canonical", "lang", "name"}, {"note"}, LoadPlace},
      {"organizations",
       {"key", "canonical", "lang", "name", "form"},
       {"kind", "country", "note"},
       LoadOrganization},
      {"org_heads", {"lang", "word", "position", "kind"}, {"note"}, LoadOrgHead},
      {"titles", {"lang", "title", "type"}, {"note"}, LoadTitle},
      {"surnames", {"lang", "surname"}, {"note"}, LoadSurname},
      {"fields", {"field", "lang", "keyword"}, {"note"}, LoadFieldKeyword},
      {"event_triggers", {"type", "lang", "trigger", "priority"}, {"note"}, LoadTrigger},
      {"modality", {"modality", "lang", "cue"}, {"note"}, LoadModality},
      {"name_words", {"concept", "lang", "word"}, {"note"}, LoadNameWord},
  };
  return kSpecs;
}

const KindSpec* FindKind(std::string_view kind) {
  if (kind == "countries") kind = "places";  // countries.tsv is a generated part of places
  for (const KindSpec& spec : KindSpecs()) {
    if (spec.kind == kind) return &spec;
  }
  return nullptr;
}

std::string KindList() {
  std::string list;
  for (const KindSpec& spec : KindSpecs()) {
    list += (list.empty() ? "" : "|") + std::string(spec.kind);
  }
  return list;
}

Status CheckColumns(const TableFile& table, const KindSpec& spec) {
  if (table.columns.empty()) return LineError(table.path, 1, "no header line");
  for (std::string_view need : spec.required) {
    if (std::find(table.columns.begin(), table.columns.end(), need) == table.columns.end()) {
      return LineError(
          table.path, table.header_line,
          "missing column '" + std::string(need) + "' for kind " + std::string(spec.kind));
    }
  }
  for (const std::string& have : table.columns) {
    bool known =
        std::find(spec.required.begin(), spec.required.end(), have) != spec.required.end() ||
        std::find(spec.optional.begin(), spec.optional.end(), have) != spec.optional.end();
    if (!known) {
      return LineError(table.path, table.header_line,
                       "unknown column '" + have + "' for kind " + std::string(spec.kind));
    }
  }
  return Status::Ok();
}

// Loads one table file into `lex`. `default_kind` comes from a shipped file's name; user
// files have none and must say "#kind: NAME".
Status LoadTableFile(const std::string& path, std::string_view default_kind, Lexicons& lex) {
  Result<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  Result<TableFile> table = ParseTable(path, *bytes);
  if (!table.ok()) return table.status();
  std::string_view kind = table->kind.empty() ? default_kind : std::string_view(table->kind);
  if (kind.empty()) {
    return LineError(path, 1, "missing \"#kind: NAME\" first line (NAME: " + KindList() + ")");
  }
  const KindSpec* spec = FindKind(kind);
  if (spec == nullptr) {
    return LineError(path, table->kind_line > 0 ? table->kind_line : 1,
                     "unknown kind '" + std::string(kind) + "' (expected " + KindList() + ")");
  }
  KETNOI_RETURN_IF_ERROR(CheckColumns(*table, *spec));
  for (const Row& row : table->rows) {
    KETNOI_RETURN_IF_ERROR(spec->load(RowReader(*table, row), lex));
  }
  lex.files.push_back(path);
  return Status::Ok();
}

// fields.txt: one id a line ('#' comments, blank lines ignored); ids are lower_snake ASCII.
Status LoadFieldIds(const std::string& path, Lexicons& lex) {
  Result<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return bytes.status();
  std::istringstream in(*bytes);
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    std::string id(TrimSpaces(line));
    if (id.empty() || id.starts_with("#")) continue;
    bool ok = std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (!ok) return LineError(path, line_no, "field id '" + id + "' is not lower_snake ASCII");
    if (std::find(lex.field_ids.begin(), lex.field_ids.end(), id) == lex.field_ids.end()) {
      lex.field_ids.push_back(std::move(id));
    }
  }
  if (lex.field_ids.empty()) return core::InvalidInput(path + ": no field ids");
  lex.files.push_back(path);
  return Status::Ok();
}

// The shipped files in load order; countries.tsv (generated) before the hand-written places.
constexpr std::pair<std::string_view, std::string_view> kShippedTables[] = {
    {"countries.tsv", "places"},
    {"places.tsv", "places"},
    {"organizations.tsv", "organizations"},
    {"org_heads.tsv", "org_heads"},
    {"titles.tsv", "titles"},
    {"surnames.tsv", "surnames"},
    {"fields.tsv", "fields"},
    {"event_triggers.tsv", "event_triggers"},
    {"modality.tsv", "modality"},
    {"name_words.tsv", "name_words"},
};

}  // namespace

Result<Lexicons> Lexicons::Load(const std::string& data_dir,
                                const std::vector<std::string>& extra_files) {
  Lexicons lex;
  std::string dir = data_dir.empty() ? DefaultDataDir() : data_dir;
  if (!dir.empty() && dir.back() != '/') dir += '/';
  KETNOI_RETURN_IF_ERROR(LoadFieldIds(dir + "fields.txt", lex));
  for (const auto& [file, kind] : kShippedTables) {
    KETNOI_RETURN_IF_ERROR(LoadTableFile(dir + std::string(file), kind, lex));
  }
  for (const std::string& extra : extra_files) {
    KETNOI_RETURN_IF_ERROR(LoadTableFile(extra, "", lex));
  }
  return lex;
}

std::string DefaultDataDir() {
  const char* env = std::getenv("KETNOI_DATA_DIR");
  if (env != nullptr && *env != '\0') return env;
#ifdef KETNOI_DATA_DIR
  return KETNOI_DATA_DIR;
#else
  return "data";
#endif
}

}  // namespace ketnoi::extract
