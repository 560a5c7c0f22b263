// store/record_encoding.h — how both backends encode the parts of a DocumentRecord that
// are stored as text (spans, roles), and the "source" folder stats count by. One place, so
// SQLite and PostgreSQL store the same bytes.
#ifndef KETNOI_STORE_RECORD_ENCODING_H_
#define KETNOI_STORE_RECORD_ENCODING_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/span.h"
#include "extract/annotations.h"
#include "resolve/resolve.h"

namespace ketnoi::store {

// [[begin,end],...]
std::string SpansJson(const std::vector<core::Span>& spans);
// [{"title":..,"begin":..,"end":..},...]
std::string RolesJson(const std::vector<extract::Role>& roles);
// The folder a page came from ("-" for stdin, "." for a bare file name).
std::string SourceFolder(const std::string& source);

// The entity id each mention is stored under as the resolver gave it ("" for a mention
// left unresolved, which is not stored), by mention index.
std::vector<std::string> MentionEntityIds(const extract::Analysis& analysis,
                                          const resolve::ResolvedDocument& resolved);

// "organization" | "person" | "place" (extract::EntityKindName) back to the kind.
extract::EntityKind EntityKindOf(std::string_view name);

// LoadKnownEntities in both backends: one query, to which each backend adds its order of
// storage, gives (doc_id, entity id as the resolver gave it, kind, surface, the entity's lexicon
// key) rows.
inline constexpr const char* kKnownMentionsQuery =
    "SELECT m.doc_id, COALESCE(s.entity_id, m.entity_id), m.kind, m.surface, "
    "COALESCE(e.lexicon_key, '') FROM documents d JOIN mentions m ON m.doc_id = d.id "
    "LEFT JOIN curation_splits s ON s.new_id = m.entity_id AND s.surface = m.surface "
    "LEFT JOIN entities e ON e.id = COALESCE(s.entity_id, m.entity_id) ";

// Cuts those rows, sorted by document, into one call per document.
class KnownMentionsByDocument {
 public:
  using PerDocument = std::function<void(const std::vector<resolve::KnownMention>&)>;
  explicit KnownMentionsByDocument(const PerDocument& per_document) : per_document_(per_document) {}
  void Add(std::string_view doc_id, std::string entity_id, std::string_view kind,
           std::string surface, std::string lexicon_key);
  // Hands over the last document.
  void Finish();

 private:
  const PerDocument& per_document_;
  std::string doc_id_;
  std::vector<resolve::KnownMention> mentions_;
};

// The current UTC time as ISO 8601 ("2026-11-23T21:50:00Z"): what both backends store
// in applied_at / ingested_at / created_at columns.
std::string NowUtcIso();

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_RECORD_ENCODING_H_
