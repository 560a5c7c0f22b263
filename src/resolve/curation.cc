#include "resolve/curation.h"

#include <set>
#include <unordered_map>

#include "extract/annotations.h"
#include "resolve/resolve.h"
#include "text/text.h"

namespace ketnoi::resolve {

std::string Curation::Final(const std::string& id) const {
  std::string cur = id;
  std::set<std::string> seen{cur};
  for (auto it = merged_into.find(cur); it != merged_into.end(); it = merged_into.find(cur)) {
    if (!seen.insert(it->second).second) break;  // a cycle: stop where we are
    cur = it->second;
  }
  return cur;
}

std::string Curation::SplitId(const std::string& id, const std::string& name) {
  return id + "~" + text::SearchKey(name);
}

void ApplyCuration(const Curation& curation, const extract::Analysis& analysis,
                   ResolvedDocument* doc) {
  if (curation.empty()) return;
  // Each mention's final id, then regroup the mentions by it, in order of first mention.
  std::vector<std::string> mention_id(doc->mention_entity.size());
  for (size_t i = 0; i < doc->mention_entity.size(); ++i) {
    int e = doc->mention_entity[i];
    if (e < 0) continue;
    std::string id = doc->entities[static_cast<size_t>(e)].id;
    for (const CurationSplit& s : curation.splits) {
      if (s.entity_id == id && i < analysis.mentions.size() &&
          analysis.mentions[i].surface == s.surface) {
        id = s.new_id;
        break;
      }
    }
    mention_id[i] = curation.Final(id);
  }
  std::vector<LocalEntity> old = std::move(doc->entities);
  std::vector<LocalEntity> out;
  std::unordered_map<std::string, int> index;
  for (size_t i = 0; i < mention_id.size(); ++i) {
    if (mention_id[i].empty()) continue;
    const LocalEntity& from = old[static_cast<size_t>(doc->mention_entity[i])];
    auto [it, inserted] = index.emplace(mention_id[i], static_cast<int>(out.size()));
    if (inserted) {
      LocalEntity e = from;
      e.id = mention_id[i];
      e.mentions.clear();
      e.roles.clear();
      if (e.id != from.id && curation.renames.count(e.id) == 0) {
        // A split-off entity is named by the surface that left.
        if (i < analysis.mentions.size() && e.id.find('~') != std::string::npos) {
          e.name = analysis.mentions[i].surface;
        }
      }
      out.push_back(std::move(e));
    }
    LocalEntity& e = out[static_cast<size_t>(it->second)];
    e.mentions.push_back(static_cast<int>(i));
    if (i < analysis.mentions.size()) {
      for (const extract::Role& r : analysis.mentions[i].roles) {
        bool seen = false;
        for (const std::string& have : e.roles) seen = seen || have == r.title;
        if (!seen) e.roles.push_back(r.title);
      }
    }
    doc->mention_entity[i] = it->second;
  }
  for (LocalEntity& e : out) {
    auto r = curation.renames.find(e.id);
    if (r != curation.renames.end()) e.name = r->second;
  }
  doc->entities = std::move(out);
}

}  // namespace ketnoi::resolve
