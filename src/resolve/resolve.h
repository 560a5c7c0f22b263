// resolve/resolve.h — stage 5: mentions -> entities with stable ids across documents and
// languages.
//
// In:  one document's extract::Analysis (mentions with antecedents, acronyms, lexicon keys).
// Out: a ResolvedDocument: the document's entities (each a group of its mentions) and for
//      each one an id shared by every document that names the same real thing.
// Within a document, mentions are grouped by: antecedent chains; equal folded names;
//      an acronym the text binds to a name; a shorter name inside exactly one longer one
//      ("IMEC" / "Trung tâm IMEC", "计划与投资部" / "越南计划与投资部"); a person's single
//      name matching one full name's given name or surname ("Dũng", "Fernandez").
// Across documents, each entity's keys (names.h) are looked up in the resolver's memory, an
//      alias index key -> entity (hash blocking: cost grows with the number of keys, never
//      all pairs), and the evidence is combined into a score:
//        lexicon key 1.0 · folded full name 0.95 · concept key 0.9 · Han-Viet reading of a
//        Chinese name equal to a Vietnamese name 0.85 · Western name word order 0.75 ·
//        acronym alone 0.55 (+ context: shared co-mentioned entities).
//      Conflicts veto: different lexicon keys; an acronym shared by two entities whose full
//      names differ (Max Planck "MPI" vs Ministry "MPI"). The best candidate >= 0.5 wins,
//      else the entity gets its own id.
// Memory: per id, the keys of every name it was given, the lexicon key of the group that
//      first got the id, and its context: the set of lexicon-known entities of the
//      documents that named it. All of it is a function of what a store keeps (mentions'
//      ids and surfaces, the entity row's lexicon key) and none of it depends on the order
//      documents came in, which is what lets Recall rebuild it exactly and a store keep it
//      as an index (store/resolver_index.h).
// Ids: "<kind>:<key>", key = lexicon key, else concept key (orgs), else the folded full name
//      (for a Chinese transcription of a Vietnamese name: its reading), so the same names
//      give the same id in every run even with an empty memory; memory only adds links
//      (an acronym seen alone, a name in another script) to ids already given.
// Incremental: the memory can be rebuilt from what a store holds (Recall, one stored
//      document at a time: its mentions' surfaces under the ids they were given), so a new
//      process resolves new documents as if it had resolved the stored ones itself — no
//      document is resolved again; cost is linear in the stored mentions.
//      Lazily (Needs, Remember): before resolving a document, ask a store only for the
//      entities its own keys, lexicon keys and ids can reach (and the memo of each one);
//      the document then resolves exactly as after a full Recall, at a cost that depends
//      on the document, not on the store. Every Resolve also gives the keys of the names it
//      read (ResolvedDocument::name_keys), which is what a store indexes.
// Curation (merge, split, alias, rename; resolve/curation.h) is replayed on every result.
// Thread safety: Resolve, Learn and SetCuration may be called from many threads; the
//      memory is guarded by a mutex (results can then depend on arrival order only for
//      links that need memory).
#ifndef KETNOI_RESOLVE_RESOLVE_H_
#define KETNOI_RESOLVE_RESOLVE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "extract/annotations.h"
#include "extract/lexicon.h"
#include "resolve/curation.h"

namespace ketnoi::resolve {

struct LocalEntity {
  std::string id;  // stable, cross-document
  extract::EntityKind kind = extract::EntityKind::kOrganization;
  extract::PlaceType place_type = extract::PlaceType::kNone;
  std::string name;  // display name: lexicon canonical, else fullest surface
  std::string lexicon_key;
  std::vector<int> mentions;       // indices into Analysis::mentions, in text order
  std::vector<std::string> roles;  // distinct role titles, in text order
};

// One key a name gives (the blocking keys of resolve.h: folded name, concept key, word
// order, Han-Viet readings, acronym; not the lexicon key, which is the entity's). A pure
// function of the kind and the name, so a store can index it once per name.
struct NameKey {
  extract::EntityKind kind = extract::EntityKind::kOrganization;
  std::string surface;
  std::string key;
  float weight = 0;
  bool full_name = false;  // a full name's key (not an acronym's)
};

struct ResolvedDocument {
  std::vector<LocalEntity> entities;  // in order of first mention
  std::vector<int> mention_entity;    // Analysis::mentions index -> entities index
  std::vector<NameKey> name_keys;     // every key of the names of its (non-generic) entities
};

// One mention of a stored document, as the store gives it back to rebuild the memory.
struct KnownMention {
  std::string entity_id;  // the id the resolver gave (before the store's curation replay)
  extract::EntityKind kind = extract::EntityKind::kOrganization;
  std::string surface;
  std::string lexicon_key;  // the entity's, as its first writer stored it
};

// What a document can match in a store's memory (Resolver::Needs), minus what the resolver
// loaded already.
struct MemoryRequest {
  std::vector<std::string> keys;  // NameKey::key values
  struct Lexicon {
    extract::EntityKind kind = extract::EntityKind::kOrganization;
    std::string key;
  };
  std::vector<Lexicon> lexicon_keys;  // the entities stored with these lexicon keys
  std::vector<std::string> ids;       // the ids the document's entities would take alone
  bool empty() const { return keys.empty() && lexicon_keys.empty() && ids.empty(); }
};

// One remembered entity as a store keeps it: what Recall would have built for it.
struct StoredEntity {
  std::string id;
  extract::EntityKind kind = extract::EntityKind::kOrganization;
  std::string lexicon_key;           // the entity row's
  bool has_full_name = false;        // one of its names has a full-name key
  std::vector<std::string> context;  // ContextAnchor of entities named with it
};

// A store's answer to a MemoryRequest: the entries of the requested keys and every entity
// they, the lexicon keys and the ids reach (only entities with stored mentions).
struct StoredMemory {
  struct Entry {
    std::string key, entity_id;
    float weight = 0;
  };
  std::vector<Entry> entries;
  std::vector<StoredEntity> entities;
};

// The context anchor an entity with a lexicon key gives the entities named with it
// ("org:imec").
std::string ContextAnchor(extract::EntityKind kind, std::string_view lexicon_key);
// Ids of bare head words ("the Centre" left unlinked) are scoped to one document and never
// remembered across documents.
bool IsDocumentScopedId(std::string_view id);

// Where lazy recall asks for memory (a store's LoadResolverMemory).
using MemorySource = std::function<core::Result<StoredMemory>(const MemoryRequest&)>;

class HanVietTable;

class Resolver {
 public:
  // Reads the shipped Han-Viet table (data/han_viet.tsv beside the lexicons).
  explicit Resolver(const extract::Lexicons& lexicons);
  // With an explicit table (tests).
  Resolver(const extract::Lexicons& lexicons, const HanVietTable& han_viet);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // Resolves one document and remembers its entities for the next ones.
  ResolvedDocument Resolve(std::string_view page_text, const extract::Analysis& analysis) const;
  // Lazy recall: first loads from `source` what the document can match and the memory does
  // not hold yet (Needs + Remember in one step), then resolves as above.
  core::Result<ResolvedDocument> Resolve(std::string_view page_text,
                                         const extract::Analysis& analysis,
                                         const MemorySource& source) const;

  // Teaches the memory that `name` (any language) names entity `id` — e.g. when loading
  // a store's entities and mentions for incremental ingest. `pinned` (curated aliases)
  // wins over every other evidence.
  void Learn(const std::string& id, extract::EntityKind kind, std::string_view name,
             bool pinned = false) const;
  // Teaches the memory one stored document's mentions (in text order), as Resolve
  // remembered them when it resolved that document: names -> ids, lexicon keys, and the
  // lexicon-known entities named with each one (context). Call once per stored document,
  // in the order they were stored; ids of bare head words (document-scoped) are skipped.
  void Recall(const std::vector<KnownMention>& document) const;
  // Curation to replay after every resolution (replaces the previous one); its aliases are
  // learned pinned.
  void SetCuration(Curation curation) const;
  // Lazy recall. The keys, lexicon keys and ids of `analysis`'s entities that the memory
  // has not loaded yet (empty when everything is loaded).
  MemoryRequest Needs(const extract::Analysis& analysis) const;
  // Adds a store's answer to `request` to the memory and marks the request loaded.
  void Remember(const MemoryRequest& request, const StoredMemory& memory) const;
  // The keys of one name (what ResolvedDocument::name_keys holds for it).
  std::vector<NameKey> NameKeys(extract::EntityKind kind, std::string_view name) const;
  // Changes whenever NameKeys may give other keys for the same name (other name words,
  // places or Han-Viet readings): a store's name keys made under another fingerprint are
  // stale.
  std::string NameKeysFingerprint() const;
  // Forgets every remembered entity and what was loaded (not the curation).
  void Forget() const;
  // Number of distinct keys in memory (for benchmarks and tests).
  size_t MemoryKeys() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketnoi::resolve

#endif  // KETNOI_RESOLVE_RESOLVE_H_
