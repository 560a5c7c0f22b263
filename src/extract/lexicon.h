// extract/lexicon.h — the lexicons the extract and resolve stages read (data/*.tsv).
//
// Format (data/README.md): UTF-8 TSV; lines starting with '#' are comments, except a first
// line "#kind: NAME" that says which lexicon the file extends; the first other line names
// the columns; blank lines are ignored. A user's own files (`--lexicon FILE`, config
// `lexicon = FILE`) use the same format and are merged after the shipped ones.
// Errors: a malformed file is rejected with "FILE:LINE: problem" (wrong column count,
// unknown kind, unknown field id, empty value, invalid UTF-8); nothing is half-loaded.
// Thread safety: a loaded Lexicons is immutable and shared read-only by every thread.
#ifndef KETNOI_EXTRACT_LEXICON_H_
#define KETNOI_EXTRACT_LEXICON_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/lang.h"
#include "core/status.h"

namespace ketnoi::extract {

// A place name: data/places.tsv (countries generated from CLDR by tools/gen_places).
struct PlaceEntry {
  std::string key;        // stable id: ISO 3166 code for countries ("BE"), "city:leuven"...
  std::string type;       // country | city | region | other
  std::string canonical;  // English name
  core::Lang lang = core::Lang::kUnknown;
  std::string name;  // the alias in `lang`
};

// A known organization: data/organizations.tsv.
struct OrgEntry {
  std::string key;        // stable id: "imec", "mpi-vn"
  std::string canonical;  // English name
  core::Lang lang = core::Lang::kUnknown;
  std::string name;  // alias in `lang` (full name, acronym or short form)
  bool is_acronym = false;
};

// An organization head word: data/org_heads.tsv ("Trung tâm", "中心", "Centre").
struct OrgHead {
  core::Lang lang = core::Lang::kUnknown;
  std::string word;
  bool suffix = false;  // zh and en heads usually end the name ("...中心", "... Centre")
  std::string kind;     // government | research | university | company | network | fund |
                        // international | other
};

// A person title/role or an honorific: data/titles.tsv.
struct TitleEntry {
  core::Lang lang = core::Lang::kUnknown;
  std::string title;
  bool honorific = false;  // ông/bà/Mr./Ms./Dr. — not a role
};

// A technology-field keyword: data/fields.tsv -> ids of fields.txt.
struct FieldKeyword {
  std::string field;
  core::Lang lang = core::Lang::kUnknown;
  std::string keyword;
};

// An event trigger: data/event_triggers.tsv.
struct TriggerEntry {
  std::string type;  // mou_signed | agreement_signed | meeting | visit | dialogue |
                     // proposal | training_program | investment | conference | other
  core::Lang lang = core::Lang::kUnknown;
  std::string trigger;
  int priority = 0;  // higher wins when triggers overlap ("ký biên bản ghi nhớ" > "ký")
};

// A modality cue: data/modality.tsv ("sẽ", "将", "will" -> planned; "đề nghị" -> proposed).
struct ModalityCue {
  std::string modality;  // planned | proposed
  core::Lang lang = core::Lang::kUnknown;
  std::string cue;
};

// A name word for compositional cross-language matching: data/name_words.tsv.
struct NameWord {
  std::string concept_id;  // "centre", "innovation", "national"...
  core::Lang lang = core::Lang::kUnknown;
  std::string word;
};

struct Lexicons {
  std::vector<PlaceEntry> places;
  std::vector<OrgEntry> organizations;
  std::vector<OrgHead> org_heads;
  std::vector<TitleEntry> titles;
  std::vector<FieldKeyword> field_keywords;
  std::vector<TriggerEntry> triggers;
  std::vector<ModalityCue> modality_cues;
  std::vector<NameWord> name_words;
  std::vector<std::string> person_surnames_vi;  // data/surnames.tsv (lang vi)
  std::vector<std::string> person_surnames_zh;  // data/surnames.tsv (lang zh)
  std::vector<std::string> field_ids;           // data/fields.txt: the valid ids
  std::vector<std::string> files;               // every file loaded, in order

  // The shipped lexicons from `data_dir`, then each of `extra_files` in order.
  static core::Result<Lexicons> Load(const std::string& data_dir,
                                     const std::vector<std::string>& extra_files = {});
};

// The shipped data directory: $KETNOI_DATA_DIR, else the build's source data/ folder.
std::string DefaultDataDir();

}  // namespace ketnoi::extract

#endif  // KETNOI_EXTRACT_LEXICON_H_
