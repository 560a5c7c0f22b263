// resolve/resolve.h — stage 5: mentions -> entities with stable ids across documents.
//
// In:  one document's extract::Analysis (mentions with antecedents and lexicon keys).
// Out: a ResolvedDocument: the document's entities (each a chain of its mentions) and for
//      each one a stable entity id shared by every document that names the same real thing.
// Ids: "<kind>:<key>", key = the lexicon key when a lexicon knows the entity, else the
//      resolution key of its fullest name (text::SearchKey: case, diacritics, đ, spacing,
//      Traditional/Simplified folded). Deterministic: the same names give the same id in
//      every run and every document, so ingesting a new document never renumbers others.
// Thread safety: a Resolver is immutable after construction; Resolve is const.
#ifndef KETNOI_RESOLVE_RESOLVE_H_
#define KETNOI_RESOLVE_RESOLVE_H_

#include <memory>
#include <string>
#include <vector>

#include "extract/annotations.h"
#include "extract/lexicon.h"

namespace ketnoi::resolve {

struct LocalEntity {
  std::string id;                  // stable, cross-document
  extract::EntityKind kind = extract::EntityKind::kOrganization;
  extract::PlaceType place_type = extract::PlaceType::kNone;
  std::string name;                // display name: lexicon canonical, else fullest surface
  std::string lexicon_key;
  std::vector<int> mentions;       // indices into Analysis::mentions, in text order
  std::vector<std::string> roles;  // distinct role titles, in text order
};

struct ResolvedDocument {
  std::vector<LocalEntity> entities;  // in order of first mention
  std::vector<int> mention_entity;    // Analysis::mentions index -> entities index
};

class Resolver {
 public:
  explicit Resolver(const extract::Lexicons& lexicons);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  ResolvedDocument Resolve(std::string_view page_text, const extract::Analysis& analysis) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketnoi::resolve

#endif  // KETNOI_RESOLVE_RESOLVE_H_
