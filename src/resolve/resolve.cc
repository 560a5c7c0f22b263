#include "resolve/resolve.h"

#include <unordered_map>

#include "text/text.h"

namespace ketnoi::resolve {
namespace {

using extract::EntityKind;
using extract::Mention;

const char* KindPrefix(EntityKind kind) {
  switch (kind) {
    case EntityKind::kOrganization: return "org";
    case EntityKind::kPerson: return "per";
    case EntityKind::kPlace: return "loc";
  }
  return "org";
}

// The mention at the root of `i`'s antecedent chain (cycles are cut).
int RootOf(const std::vector<Mention>& mentions, int i) {
  int steps = 0;
  while (mentions[i].antecedent >= 0 && mentions[i].antecedent < static_cast<int>(mentions.size()) &&
         steps++ < 64) {
    i = mentions[i].antecedent;
  }
  return i;
}

}  // namespace

struct Resolver::Impl {};

Resolver::Resolver(const extract::Lexicons& /*lexicons*/) : impl_(std::make_unique<Impl>()) {}
Resolver::~Resolver() = default;

ResolvedDocument Resolver::Resolve(std::string_view /*page_text*/,
                                   const extract::Analysis& analysis) const {
  ResolvedDocument out;
  const auto& mentions = analysis.mentions;
  out.mention_entity.assign(mentions.size(), -1);
  std::unordered_map<std::string, int> by_id;
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& root = mentions[RootOf(mentions, static_cast<int>(i))];
    std::string key = !root.lexicon_key.empty()
                          ? root.lexicon_key
                          : text::SearchKey(root.canonical.empty() ? root.surface : root.canonical);
    std::string id = std::string(KindPrefix(root.kind)) + ":" + key;
    auto [it, inserted] = by_id.emplace(id, static_cast<int>(out.entities.size()));
    if (inserted) {
      LocalEntity e;
      e.id = id;
      e.kind = root.kind;
      e.place_type = root.place_type;
      e.name = root.canonical.empty() ? root.surface : root.canonical;
      e.lexicon_key = root.lexicon_key;
      out.entities.push_back(std::move(e));
    }
    LocalEntity& e = out.entities[it->second];
    e.mentions.push_back(static_cast<int>(i));
    if (e.place_type == extract::PlaceType::kNone) e.place_type = mentions[i].place_type;
    for (const extract::Role& r : mentions[i].roles) {
      bool seen = false;
      for (const std::string& have : e.roles) seen = seen || have == r.title;
      if (!seen) e.roles.push_back(r.title);
    }
    out.mention_entity[i] = it->second;
  }
  return out;
}

}  // namespace ketnoi::resolve
