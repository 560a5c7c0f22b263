// resolve/curation.h — a person's corrections to resolution, replayed after every run.
//
// Merge (A's mentions join B), split (mentions of ID with one of the NAMEs leave for a new
// entity), alias, rename, and rejecting a wrong mention or event: made with `ketnoi merge |
// split | alias add | rename | reject` or POST /api/curation/... by a signed-in editor, all
// through store::Store (store.h), which records them with the editor and the time and
// replays them on every re-ingested document (statements scoped to the document). The
// Resolver replays merges, splits, aliases and renames too (ApplyCuration) so `ketnoi
// extract` and the in-memory results agree with the database.
// Thread safety: plain values.
#ifndef KETNOI_RESOLVE_CURATION_H_
#define KETNOI_RESOLVE_CURATION_H_

#include <map>
#include <string>
#include <vector>

namespace ketnoi::extract {
struct Analysis;
}

namespace ketnoi::resolve {

struct ResolvedDocument;

struct CurationSplit {
  std::string entity_id;  // the entity split
  std::string surface;    // mentions with exactly this surface leave it...
  std::string new_id;     // ...for this entity
};

struct CurationAlias {
  std::string entity_id;
  std::string name;
};

struct Curation {
  std::map<std::string, std::string> merged_into;  // id -> surviving id (chains resolved)
  std::vector<CurationSplit> splits;
  std::vector<CurationAlias> aliases;
  std::map<std::string, std::string> renames;  // id -> display name

  bool empty() const {
    return merged_into.empty() && splits.empty() && aliases.empty() && renames.empty();
  }
  // The id `id` ends up as after merges (follows chains, stops on cycles).
  std::string Final(const std::string& id) const;
  // Split-for-a-new-id of a name: "<id>~<folded name>".
  static std::string SplitId(const std::string& id, const std::string& name);
};

// Rewrites `doc` in place: splits (by mention surface), then merges (entities that end up
// with one id become one entity), then renames.
void ApplyCuration(const Curation& curation, const extract::Analysis& analysis,
                   ResolvedDocument* doc);

}  // namespace ketnoi::resolve

#endif  // KETNOI_RESOLVE_CURATION_H_
