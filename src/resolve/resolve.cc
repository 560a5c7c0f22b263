#include "resolve/resolve.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "resolve/han_viet.h"
#include "resolve/names.h"
#include "text/text.h"

namespace ketnoi::resolve {
namespace {

using extract::EntityKind;
using extract::Mention;

// Evidence weights (resolve.h explains the scale).
constexpr float kLexicon = 1.0f;
constexpr float kFullName = 0.95f;
constexpr float kConcept = 0.9f;
constexpr float kReading = 0.85f;
constexpr float kPlaceReading = 0.6f;
constexpr float kWordOrder = 0.75f;
constexpr float kAcronym = 0.55f;
constexpr float kPinned = 2.0f;
constexpr float kThreshold = 0.5f;
constexpr size_t kMaxReadingKeys = 8;
// Bumped when AddNameKeys changes what keys a name gives (NameKeysFingerprint).
constexpr const char* kNameKeysVersion = "name-keys-1";

const char* KindPrefix(EntityKind kind) {
  switch (kind) {
    case EntityKind::kOrganization:
      return "org";
    case EntityKind::kPerson:
      return "per";
    case EntityKind::kPlace:
      return "loc";
  }
  return "org";
}

struct Key {
  std::string key;  // "<kind>|<namespace>:<value>"
  float weight;
};

std::string MakeKey(EntityKind kind, char ns, std::string_view value) {
  std::string k = KindPrefix(kind);
  k += '|';
  k += ns;
  k += ':';
  k += value;
  return k;
}

std::string JoinAtoms(const std::vector<std::string>& atoms, const char* sep = " ") {
  std::string out;
  for (const std::string& a : atoms) {
    if (!out.empty()) out += sep;
    out += a;
  }
  return out;
}

size_t CodePointCount(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// A short stable tag of a document (FNV-1a of its text): scopes ids of bare head words
// ("the Centre" left unlinked) to the one document they were read in.
std::string DocumentTag(std::string_view page_text) {
  uint64_t h = 1469598103934665603ull;
  for (char c : page_text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  static const char kHex[] = "0123456789abcdef";
  std::string tag;
  for (int i = 0; i < 8; ++i) tag += kHex[(h >> (4 * i)) & 0xF];
  return tag;
}

// The namespace letter of a key ("org|N:..." -> 'N').
char KeyNamespace(const std::string& key) { return key[key.find('|') + 1]; }

bool IsFullNameKey(const std::string& key) {
  char ns = KeyNamespace(key);
  return ns == 'N' || ns == 'C';
}

EntityKind KindOfId(std::string_view id) {
  std::string_view prefix = id.substr(0, id.find(':'));
  return prefix == "per"   ? EntityKind::kPerson
         : prefix == "loc" ? EntityKind::kPlace
                           : EntityKind::kOrganization;
}

void Fnv(uint64_t* h, std::string_view s) {
  for (char c : s) {
    *h ^= static_cast<unsigned char>(c);
    *h *= 1099511628211ull;
  }
  *h ^= 0xff;  // field separator
  *h *= 1099511628211ull;
}

class UnionFind {
 public:
  explicit UnionFind(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  int Find(int x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // The earlier mention stays the root, so groups are named by their first mention.
  void Union(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a == b) return;
    if (b < a) std::swap(a, b);
    parent_[b] = a;
  }

 private:
  std::vector<int> parent_;
};

// One document's entity before it gets its id.
struct Group {
  EntityKind kind = EntityKind::kOrganization;
  std::vector<int> mentions;
  std::vector<std::string> names;  // distinct surfaces and canonicals, longest first
  std::string longest;             // longest non-acronym name (or the acronym)
  std::string lexicon_key;
  std::string canonical;  // lexicon canonical, if any
  bool has_full_name = false;
  bool generic = false;  // only bare head words: "Lab", "the Centre"
  std::vector<Key> keys;
  // Each name's own keys, as names[i] gave them (the store indexes them per name).
  std::vector<std::vector<Key>> keys_by_name;
  std::string preferred_id;
};

// An entity in the resolver's memory.
struct Memo {
  std::string id;
  EntityKind kind = EntityKind::kOrganization;
  // The lexicon key of the group that first got this id, which is also what the store keeps
  // (the first writer names an entity row), so a memory recalled from a store equals one
  // built by resolving.
  std::string lexicon_key;
  bool has_full_name = false;
  std::vector<std::string> context;  // anchors seen with it (ContextAnchor), sorted, distinct
};

// Adds `anchor` to a sorted, distinct context.
void AddToContext(std::vector<std::string>* context, const std::string& anchor) {
  auto it = std::lower_bound(context->begin(), context->end(), anchor);
  if (it == context->end() || *it != anchor) context->insert(it, anchor);
}

struct IndexEntry {
  int slot;
  float weight;
};

}  // namespace

std::string ContextAnchor(EntityKind kind, std::string_view lexicon_key) {
  return std::string(KindPrefix(kind)) + ":" + std::string(lexicon_key);
}

// Ids of bare head words scoped to one document end in "@" + DocumentTag.
bool IsDocumentScopedId(std::string_view id) {
  size_t at = id.rfind('@');
  if (at == std::string_view::npos || id.size() - at != 9) return false;
  return std::all_of(id.begin() + static_cast<std::ptrdiff_t>(at) + 1, id.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

struct Resolver::Impl {
  const HanVietTable* han_viet;
  NameComposer composer;
  std::unordered_map<std::string, std::string> org_by_name, org_by_acronym, place_by_name;
  std::unordered_map<std::string, std::string> canonical_by_key;
  std::unordered_set<std::string> vi_surnames;

  mutable std::mutex mu;
  mutable std::unordered_map<std::string, std::vector<IndexEntry>> index;
  mutable std::vector<Memo> memos;
  mutable std::unordered_map<std::string, int> slot_of_id;
  mutable Curation curation;
  // "<id>\x1f<kind>\x1f<name>" already recalled from a store: its keys are in the index.
  mutable std::unordered_set<std::string> recalled_names;
  // Lazy recall: keys, lexicon keys ("<kind>:<key>") and ids whose stored entries and
  // entities are in memory.
  mutable std::unordered_set<std::string> loaded_keys, loaded_lexicon_keys, loaded_ids;
  std::string name_keys_fingerprint;

  Impl(const extract::Lexicons& lex, const HanVietTable& table) : han_viet(&table), composer(lex) {
    uint64_t h = 1469598103934665603ull;
    Fnv(&h, kNameKeysVersion);
    for (const extract::NameWord& w : lex.name_words) {
      Fnv(&h, w.word);
      Fnv(&h, w.concept_id);
    }
    for (const extract::PlaceEntry& p : lex.places) {
      Fnv(&h, p.name);
      Fnv(&h, p.canonical);
      Fnv(&h, p.key);
    }
    Fnv(&h, std::to_string(table.size()));
    name_keys_fingerprint = std::to_string(h);
    for (const extract::OrgEntry& o : lex.organizations) {
      if (o.is_acronym) {
        org_by_acronym.emplace(o.name, o.key);
      } else {
        org_by_name.emplace(FoldedName(o.name), o.key);
      }
      org_by_name.emplace(FoldedName(o.canonical), o.key);
      canonical_by_key.emplace("org:" + o.key, o.canonical);
    }
    for (const extract::PlaceEntry& p : lex.places) {
      place_by_name.emplace(FoldedName(p.name), p.key);
      place_by_name.emplace(FoldedName(p.canonical), p.key);
      canonical_by_key.emplace("loc:" + p.key, p.canonical);
    }
    for (const std::string& s : lex.person_surnames_vi) vi_surnames.insert(text::SearchKey(s));
    if (vi_surnames.empty()) {
      // The most common Vietnamese family names (general knowledge), if no lexicon has them.
      for (const char* s : {"nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo",
                            "dang", "bui", "do", "ho", "ngo", "duong", "ly"}) {
        vi_surnames.insert(s);
      }
    }
  }

  std::string LexiconKeyOf(EntityKind kind, const std::string& name) const {
    if (kind == EntityKind::kOrganization) {
      if (auto it = org_by_acronym.find(name); it != org_by_acronym.end()) return it->second;
      if (auto it = org_by_name.find(FoldedName(name)); it != org_by_name.end()) {
        return it->second;
      }
    } else if (kind == EntityKind::kPlace) {
      if (auto it = place_by_name.find(FoldedName(name)); it != place_by_name.end()) {
        return it->second;
      }
    }
    return "";
  }

  void AddNameKeys(EntityKind kind, const std::string& name, std::vector<Key>* keys) const;
  void Finish(Group* g) const;
  std::vector<Group> GroupMentions(const extract::Analysis& a) const;
  int Register(const std::string& id, const Group& g) const;
  void RegisterContext(const std::vector<int>& slots) const;
  int SlotOf(const std::string& id, EntityKind kind, const std::string& lexicon_key) const;
  // Lazy recall (callers hold `mu`): what `groups` need that is not loaded; adding an answer.
  MemoryRequest RequestFor(const std::vector<Group>& groups) const;
  void Remember(const MemoryRequest& request, const StoredMemory& memory) const;
  ResolvedDocument Decide(std::string_view page_text, const extract::Analysis& analysis,
                          const std::vector<Group>& groups) const;
  void AddEntry(const std::string& key, int slot, float weight) const;
  std::string Choose(const Group& g, const std::vector<std::string>& context) const;
};

// Keys one name gives (without the lexicon key, added by Finish).
void Resolver::Impl::AddNameKeys(EntityKind kind, const std::string& name,
                                 std::vector<Key>* keys) const {
  auto add = [&](char ns, const std::string& value, float w) {
    if (value.empty()) return;
    std::string k = MakeKey(kind, ns, value);
    for (Key& have : *keys) {
      if (have.key == k) {
        have.weight = std::max(have.weight, w);
        return;
      }
    }
    keys->push_back({std::move(k), w});
  };
  if (kind == EntityKind::kOrganization && LooksLikeAcronym(name)) {
    add('A', name, kAcronym);
    return;
  }
  std::vector<std::string> atoms = NameAtoms(name);
  if (atoms.empty()) return;
  const bool han = HasHan(name);
  switch (kind) {
    case EntityKind::kOrganization:
      add('N', JoinAtoms(atoms), kFullName);
      add('C', composer.ConceptKey(name), kConcept);
      break;
    case EntityKind::kPerson:
      if (han) {
        add('N', JoinAtoms(atoms, ""), kFullName);
        for (const std::string& r : han_viet->ReadingKeys(name, kMaxReadingKeys)) {
          add('N', r, kReading);
        }
      } else if (atoms.size() >= 2) {
        add('N', JoinAtoms(atoms), kFullName);
        std::vector<std::string> sorted = atoms;
        std::sort(sorted.begin(), sorted.end());
        add('W', JoinAtoms(sorted), kWordOrder);
      }
      break;
    case EntityKind::kPlace:
      add('N', JoinAtoms(atoms, han ? "" : " "), kFullName);
      if (han) {
        for (const std::string& r : han_viet->ReadingKeys(name, kMaxReadingKeys)) {
          add('N', r, kPlaceReading);
        }
      }
      break;
  }
}

// Lexicon key, keys, display name and preferred id of a grouped entity.
void Resolver::Impl::Finish(Group* g) const {
  // Longest first (in code points), then by bytes; each name counted once, not per compare.
  std::vector<std::pair<size_t, std::string>> counted;
  counted.reserve(g->names.size());
  for (std::string& n : g->names) counted.emplace_back(CodePointCount(n), std::move(n));
  std::sort(counted.begin(), counted.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (size_t i = 0; i < counted.size(); ++i) g->names[i] = std::move(counted[i].second);
  g->names.erase(std::unique(g->names.begin(), g->names.end()), g->names.end());
  for (const std::string& n : g->names) {
    if (g->lexicon_key.empty()) g->lexicon_key = LexiconKeyOf(g->kind, n);
    if (g->longest.empty() && !(g->kind == EntityKind::kOrganization && LooksLikeAcronym(n))) {
      g->longest = n;
    }
    std::vector<Key> own;
    AddNameKeys(g->kind, n, &own);
    for (const Key& k : own) {
      auto have = std::find_if(g->keys.begin(), g->keys.end(),
                               [&](const Key& h) { return h.key == k.key; });
      if (have == g->keys.end()) {
        g->keys.push_back(k);
      } else {
        have->weight = std::max(have->weight, k.weight);
      }
    }
    g->keys_by_name.push_back(std::move(own));
  }
  if (g->longest.empty() && !g->names.empty()) g->longest = g->names.front();
  for (const Key& k : g->keys) g->has_full_name = g->has_full_name || IsFullNameKey(k.key);
  const char* prefix = KindPrefix(g->kind);
  if (!g->lexicon_key.empty()) {
    g->keys.push_back({MakeKey(g->kind, 'L', g->lexicon_key), kLexicon});
    g->preferred_id = std::string(prefix) + ":" + g->lexicon_key;
    if (g->canonical.empty()) {
      auto it = canonical_by_key.find(g->preferred_id);
      if (it != canonical_by_key.end()) g->canonical = it->second;
    }
    return;
  }
  std::string key;
  if (g->kind == EntityKind::kOrganization) {
    g->generic = !g->names.empty();
    for (const std::string& n : g->names) {
      if (key.empty()) key = composer.ConceptKey(n);
      g->generic = g->generic && composer.IsGeneric(n);
    }
  } else if (g->kind == EntityKind::kPerson) {
    // A Latin full name first (stable across languages), then the Vietnamese reading of
    // a Chinese transcription, then the name as written.
    for (const std::string& n : g->names) {
      if (key.empty() && !HasHan(n) && NameAtoms(n).size() >= 2) key = JoinAtoms(NameAtoms(n));
    }
    for (const std::string& n : g->names) {
      if (!key.empty() || !HasHan(n)) continue;
      std::vector<std::string> readings = han_viet->ReadingKeys(n, 1);
      if (!readings.empty() && vi_surnames.count(readings[0].substr(0, readings[0].find(' ')))) {
        key = readings[0];
      }
    }
  }
  if (key.empty()) {
    std::vector<std::string> atoms = NameAtoms(g->longest);
    key = JoinAtoms(atoms, HasHan(g->longest) ? "" : " ");
  }
  if (key.empty()) key = text::SearchKey(g->longest);
  g->preferred_id = std::string(prefix) + ":" + key;
}

std::vector<Group> Resolver::Impl::GroupMentions(const extract::Analysis& a) const {
  const std::vector<Mention>& ms = a.mentions;
  const int n = static_cast<int>(ms.size());
  UnionFind uf(ms.size());
  std::unordered_map<std::string, int> first_by_key;
  std::unordered_map<std::string, int> org_by_acr;
  // Each mention's name atoms once: the name key, the longest name and every word of a
  // group all read them.
  std::vector<std::vector<std::string>> atoms_of;
  atoms_of.reserve(ms.size());
  for (const Mention& m : ms) atoms_of.push_back(NameAtoms(m.surface));
  for (int i = 0; i < n; ++i) {
    const Mention& m = ms[i];
    if (m.antecedent >= 0 && m.antecedent < n && ms[m.antecedent].kind == m.kind) {
      uf.Union(i, m.antecedent);
    }
    std::string name = JoinAtoms(atoms_of[i]);  // FoldedName(m.surface)
    if (!name.empty()) {
      auto [it, fresh] = first_by_key.emplace(std::string(KindPrefix(m.kind)) + "|" + name, i);
      if (!fresh) uf.Union(i, it->second);
    }
    if (!m.lexicon_key.empty()) {
      auto [lt, lfresh] =
          first_by_key.emplace(std::string(KindPrefix(m.kind)) + "|L:" + m.lexicon_key, i);
      if (!lfresh) uf.Union(i, lt->second);
    }
    if (m.kind == EntityKind::kOrganization && !m.acronym.empty()) org_by_acr.emplace(m.acronym, i);
  }
  for (int i = 0; i < n; ++i) {
    if (ms[i].kind != EntityKind::kOrganization) continue;
    auto it = org_by_acr.find(ms[i].surface);
    if (it != org_by_acr.end()) uf.Union(i, it->second);
  }

  // Shorter names inside longer ones of the same kind, person name parts.
  auto collect = [&] {
    std::map<int, std::vector<int>> by_root;
    for (int i = 0; i < n; ++i) by_root[uf.Find(i)].push_back(i);
    return by_root;
  };
  auto longest_atoms = [&](const std::vector<int>& members) {
    const std::vector<std::string>* best = nullptr;
    for (int i : members) {
      if (best == nullptr || atoms_of[i].size() > best->size()) best = &atoms_of[i];
    }
    return best == nullptr ? std::vector<std::string>() : *best;
  };
  // Every word of every name of a group (its acronym included): "Mạng lưới VJOIN" is
  // inside the group of "Mạng lưới ... (VJOIN)".
  auto all_atoms = [&](const std::vector<int>& members) {
    std::vector<std::string> all;
    for (int i : members) {
      for (const std::string& atom : atoms_of[i]) {
        if (std::find(all.begin(), all.end(), atom) == all.end()) all.push_back(atom);
      }
    }
    return all;
  };
  auto lexicon_of = [&](const std::vector<int>& members) {
    for (int i : members) {
      if (!ms[i].lexicon_key.empty()) return ms[i].lexicon_key;
    }
    return std::string();
  };
  {
    // Each group's shape once (the pairs below compare every group with every other).
    struct Shape {
      int root = 0;
      std::vector<std::string> atoms;  // of the longest name
      std::string joined;              // atoms joined without spaces (Han comparisons)
      std::vector<std::string> sorted_atoms;
      std::vector<std::string> sorted_words;  // every word of every name, sorted
      std::string lexicon;
    };
    std::vector<Shape> shapes;
    for (auto& [root, members] : collect()) {
      Shape s;
      s.root = root;
      s.atoms = longest_atoms(members);
      s.joined = JoinAtoms(s.atoms, "");
      s.sorted_atoms = s.atoms;
      std::sort(s.sorted_atoms.begin(), s.sorted_atoms.end());
      s.sorted_words = all_atoms(members);
      std::sort(s.sorted_words.begin(), s.sorted_words.end());
      s.lexicon = lexicon_of(members);
      shapes.push_back(std::move(s));
    }
    for (const Shape& shape : shapes) {
      const std::vector<std::string>& atoms = shape.atoms;
      const int root = shape.root;
      if (atoms.empty()) continue;
      const EntityKind kind = ms[root].kind;
      const bool han = HasHan(shape.joined);
      std::vector<int> candidates;
      for (const Shape& other_shape : shapes) {
        const int other = other_shape.root;
        const std::vector<std::string>& other_atoms = other_shape.atoms;
        if (other == root || ms[other].kind != kind || other_atoms.size() <= atoms.size()) {
          continue;
        }
        const std::string& la = shape.lexicon;
        const std::string& lb = other_shape.lexicon;
        if (!la.empty() && !lb.empty() && la != lb) continue;
        bool inside = false;
        if (kind == EntityKind::kPerson) {
          // "Dũng" / "Chí Dũng" end "Nguyễn Chí Dũng"; a Chinese surname starts a name.
          if (han) {
            inside = other_shape.joined.starts_with(shape.joined);
          } else {
            inside = std::equal(atoms.rbegin(), atoms.rend(), other_atoms.rbegin());
          }
        } else if (han) {
          inside = other_shape.joined.find(shape.joined) != std::string::npos;
        } else {
          // Every atom among the other group's words, each word used once.
          inside = std::includes(other_shape.sorted_words.begin(), other_shape.sorted_words.end(),
                                 shape.sorted_atoms.begin(), shape.sorted_atoms.end());
        }
        if (inside) candidates.push_back(other);
      }
      if (candidates.size() == 1) {
        uf.Union(root, candidates[0]);
      } else if (candidates.size() > 1 && kind == EntityKind::kPerson) {
        // Several full names end the same way: the nearest one before wins.
        int best = -1;
        for (int c : candidates) {
          if (c < root && c > best) best = c;
        }
        if (best >= 0) uf.Union(root, best);
      }
    }
  }

  std::vector<Group> out;
  for (auto& [root, members] : collect()) {
    Group g;
    g.kind = ms[root].kind;
    g.mentions = members;
    for (int i : members) {
      g.names.push_back(ms[i].surface);
      if (!ms[i].lexicon_key.empty() && g.lexicon_key.empty()) {
        g.lexicon_key = ms[i].lexicon_key;
        if (!ms[i].canonical.empty()) g.canonical = ms[i].canonical;
      }
    }
    Finish(&g);
    out.push_back(std::move(g));
  }
  return out;
}

// Registers `g`'s keys under `id` (a new memo when the id is new); returns the slot.
int Resolver::Impl::Register(const std::string& id, const Group& g) const {
  const int slot = SlotOf(id, g.kind, g.lexicon_key);
  Memo& memo = memos[static_cast<size_t>(slot)];
  memo.has_full_name = memo.has_full_name || g.has_full_name;
  for (const Key& k : g.keys) AddEntry(k.key, slot, k.weight);
  return slot;
}

// The slot of `id`, a new memo (with that kind and lexicon key) when it has none.
int Resolver::Impl::SlotOf(const std::string& id, EntityKind kind,
                           const std::string& lexicon_key) const {
  auto [it, fresh] = slot_of_id.emplace(id, static_cast<int>(memos.size()));
  if (fresh) {
    Memo m;
    m.id = id;
    m.kind = kind;
    m.lexicon_key = lexicon_key;
    memos.push_back(std::move(m));
  }
  return it->second;
}

// `key` points at `slot` with at least `weight`.
void Resolver::Impl::AddEntry(const std::string& key, int slot, float weight) const {
  std::vector<IndexEntry>& entries = index[key];
  for (IndexEntry& e : entries) {
    if (e.slot == slot) {
      e.weight = std::max(e.weight, weight);
      return;
    }
  }
  entries.push_back({slot, weight});
}

// The context one document gives the entities it registered (`slots`): the lexicon-known
// ones among them, sorted, so it depends only on which entities the document names.
void Resolver::Impl::RegisterContext(const std::vector<int>& slots) const {
  std::vector<std::string> anchors;
  for (int slot : slots) {
    const Memo& m = memos[static_cast<size_t>(slot)];
    if (!m.lexicon_key.empty()) anchors.push_back(ContextAnchor(m.kind, m.lexicon_key));
  }
  for (int slot : slots) {
    Memo& memo = memos[static_cast<size_t>(slot)];
    for (const std::string& c : anchors) {
      if (c != memo.id) AddToContext(&memo.context, c);
    }
  }
}

// The id for `g`: the best-scoring remembered entity, else its own preferred id.
std::string Resolver::Impl::Choose(const Group& g, const std::vector<std::string>& context) const {
  std::unordered_map<int, float> best_weight;
  std::unordered_map<int, int> shared;
  for (const Key& k : g.keys) {
    auto it = index.find(k.key);
    if (it == index.end()) continue;
    for (const IndexEntry& e : it->second) {
      float w = e.weight >= kPinned ? kPinned : std::min(k.weight, e.weight);
      float& have = best_weight[e.slot];
      have = std::max(have, w);
      ++shared[e.slot];
    }
  }
  int best_slot = -1;
  float best = 0, second = 0;
  for (const auto& [slot, weight] : best_weight) {
    const Memo& memo = memos[static_cast<size_t>(slot)];
    if (memo.kind != g.kind) continue;
    if (weight < kPinned && !g.lexicon_key.empty() && !memo.lexicon_key.empty() &&
        memo.lexicon_key != g.lexicon_key) {
      continue;  // two different known entities
    }
    if (weight < 0.6f && g.has_full_name && memo.has_full_name) {
      continue;  // an acronym shared by two differently named entities
    }
    int overlap = 0;
    for (const std::string& c : context) {
      overlap += std::binary_search(memo.context.begin(), memo.context.end(), c);
    }
    float score = weight + 0.05f * static_cast<float>(std::min(3, shared[slot] - 1)) +
                  0.1f * static_cast<float>(std::min(3, overlap));
    if (score > best || (score == best && best_slot >= 0 && memo.id < memos[best_slot].id)) {
      second = best;
      best = score;
      best_slot = slot;
    } else if (score > second) {
      second = score;
    }
  }
  // Two candidates equally likely on weak evidence: do not guess.
  if (best_slot >= 0 && best >= kThreshold && (best - second > 0.01f || best >= 0.9f)) {
    return memos[static_cast<size_t>(best_slot)].id;
  }
  return g.preferred_id;
}

Resolver::Resolver(const extract::Lexicons& lexicons)
    : Resolver(lexicons, HanVietTable::Shipped()) {}

Resolver::Resolver(const extract::Lexicons& lexicons, const HanVietTable& han_viet)
    : impl_(std::make_unique<Impl>(lexicons, han_viet)) {}

Resolver::~Resolver() = default;

ResolvedDocument Resolver::Resolve(std::string_view page_text,
                                   const extract::Analysis& analysis) const {
  return impl_->Decide(page_text, analysis, impl_->GroupMentions(analysis));
}

core::Result<ResolvedDocument> Resolver::Resolve(std::string_view page_text,
                                                 const extract::Analysis& analysis,
                                                 const MemorySource& source) const {
  std::vector<Group> groups = impl_->GroupMentions(analysis);
  MemoryRequest request;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    request = impl_->RequestFor(groups);
  }
  if (!request.empty()) {
    core::Result<StoredMemory> memory = source(request);
    if (!memory.ok()) return memory.status();
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->Remember(request, *memory);
  }
  return impl_->Decide(page_text, analysis, groups);
}

// Ids for the document's groups (chosen from memory, then remembered), as a ResolvedDocument.
ResolvedDocument Resolver::Impl::Decide(std::string_view page_text,
                                        const extract::Analysis& analysis,
                                        const std::vector<Group>& groups) const {
  const auto& mentions = analysis.mentions;
  // Anchors (lexicon-known entities) are the document's context for weak evidence.
  std::vector<std::string> context;
  for (const Group& g : groups) {
    if (!g.lexicon_key.empty()) context.push_back(g.preferred_id);
  }
  std::vector<std::string> ids(groups.size());
  Curation replay;  // a copy taken under the lock
  {
    std::lock_guard<std::mutex> lock(mu);
    for (size_t i = 0; i < groups.size(); ++i) {
      ids[i] = groups[i].generic ? groups[i].preferred_id + "@" + DocumentTag(page_text)
                                 : Choose(groups[i], context);
    }
    std::vector<int> slots;
    for (size_t i = 0; i < groups.size(); ++i) {
      if (!groups[i].generic) slots.push_back(Register(ids[i], groups[i]));
    }
    RegisterContext(slots);
    replay = curation;
  }

  ResolvedDocument out;
  out.mention_entity.assign(mentions.size(), -1);
  std::unordered_map<std::string, int> by_id;
  for (size_t gi = 0; gi < groups.size(); ++gi) {
    const Group& g = groups[gi];
    auto [it, inserted] = by_id.emplace(ids[gi], static_cast<int>(out.entities.size()));
    if (inserted) {
      LocalEntity e;
      e.id = ids[gi];
      e.kind = g.kind;
      e.name = !g.canonical.empty() ? g.canonical : g.longest;
      e.lexicon_key = g.lexicon_key;
      out.entities.push_back(std::move(e));
    }
    for (int m : g.mentions) out.mention_entity[static_cast<size_t>(m)] = it->second;
  }
  for (size_t i = 0; i < mentions.size(); ++i) {
    int ei = out.mention_entity[i];
    if (ei < 0) continue;
    LocalEntity& e = out.entities[static_cast<size_t>(ei)];
    e.mentions.push_back(static_cast<int>(i));
    if (e.place_type == extract::PlaceType::kNone) e.place_type = mentions[i].place_type;
    for (const extract::Role& r : mentions[i].roles) {
      if (std::find(e.roles.begin(), e.roles.end(), r.title) == e.roles.end()) {
        e.roles.push_back(r.title);
      }
    }
  }
  // Entities in order of first mention.
  std::vector<int> order(out.entities.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    return out.entities[a].mentions.front() < out.entities[b].mentions.front();
  });
  std::vector<int> new_index(order.size());
  std::vector<LocalEntity> sorted;
  for (size_t k = 0; k < order.size(); ++k) {
    new_index[order[k]] = static_cast<int>(k);
    sorted.push_back(std::move(out.entities[order[k]]));
  }
  out.entities = std::move(sorted);
  for (int& e : out.mention_entity) {
    if (e >= 0) e = new_index[e];
  }
  // A surface belongs to one group (equal folded names are grouped), so no name repeats.
  for (const Group& g : groups) {
    if (g.generic) continue;
    for (size_t i = 0; i < g.names.size() && i < g.keys_by_name.size(); ++i) {
      for (const Key& k : g.keys_by_name[i]) {
        out.name_keys.push_back({g.kind, g.names[i], k.key, k.weight, IsFullNameKey(k.key)});
      }
    }
  }
  ApplyCuration(replay, analysis, &out);
  return out;
}

void Resolver::Learn(const std::string& id, EntityKind kind, std::string_view name,
                     bool pinned) const {
  Group g;
  g.kind = kind;
  g.names.push_back(std::string(name));
  impl_->Finish(&g);
  if (pinned) {
    for (Key& k : g.keys) k.weight = kPinned;
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->Register(id, g);
}

void Resolver::Recall(const std::vector<KnownMention>& document) const {
  // The document's entities in order of first mention with their surfaces: what Resolve
  // registered for it (Register, then RegisterContext), rebuilt from what the store keeps.
  struct Recalled {
    std::string id;
    Group group;
  };
  std::vector<Recalled> entities;
  std::unordered_map<std::string_view, size_t> at;
  for (const KnownMention& m : document) {
    if (m.entity_id.empty() || IsDocumentScopedId(m.entity_id)) continue;
    auto [it, fresh] = at.emplace(m.entity_id, entities.size());
    if (fresh) {
      entities.push_back({m.entity_id, Group{}});
      entities.back().group.kind = m.kind;
      entities.back().group.lexicon_key = m.lexicon_key;
    }
    std::vector<std::string>& names = entities[it->second].group.names;
    if (std::find(names.begin(), names.end(), m.surface) == names.end()) {
      names.push_back(m.surface);
    }
  }
  std::lock_guard<std::mutex> lock(impl_->mu);
  std::vector<int> slots;
  for (Recalled& e : entities) {
    // Keys are computed once per entity and name, however many documents repeat them.
    std::vector<std::string> names;
    for (std::string& n : e.group.names) {
      std::string seen = e.id + '\x1f' + KindPrefix(e.group.kind) + '\x1f' + n;
      if (impl_->recalled_names.insert(std::move(seen)).second) names.push_back(std::move(n));
    }
    e.group.names = std::move(names);
    impl_->Finish(&e.group);
    slots.push_back(impl_->Register(e.id, e.group));
  }
  impl_->RegisterContext(slots);
}

void Resolver::SetCuration(Curation curation) const {
  std::vector<CurationAlias> aliases = curation.aliases;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->curation = std::move(curation);
  }
  for (const CurationAlias& a : aliases) {
    Learn(a.entity_id, KindOfId(a.entity_id), a.name, /*pinned=*/true);
  }
}

MemoryRequest Resolver::Needs(const extract::Analysis& analysis) const {
  std::vector<Group> groups = impl_->GroupMentions(analysis);
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->RequestFor(groups);
}

void Resolver::Remember(const MemoryRequest& request, const StoredMemory& memory) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->Remember(request, memory);
}

MemoryRequest Resolver::Impl::RequestFor(const std::vector<Group>& groups) const {
  MemoryRequest request;
  std::unordered_set<std::string> asked;
  for (const Group& g : groups) {
    if (g.generic) continue;  // never looked up (Resolve scopes it to its document)
    for (const Key& k : g.keys) {
      if (KeyNamespace(k.key) == 'L') continue;  // asked as a lexicon key below
      if (!loaded_keys.count(k.key) && asked.insert(k.key).second) {
        request.keys.push_back(k.key);
      }
    }
    if (!g.lexicon_key.empty()) {
      std::string lexicon = ContextAnchor(g.kind, g.lexicon_key);
      if (!loaded_lexicon_keys.count(lexicon) && asked.insert("\x1f" + lexicon).second) {
        request.lexicon_keys.push_back({g.kind, g.lexicon_key});
      }
    }
    if (!loaded_ids.count(g.preferred_id) && asked.insert("\x1e" + g.preferred_id).second) {
      request.ids.push_back(g.preferred_id);
    }
  }
  return request;
}

void Resolver::Impl::Remember(const MemoryRequest& request, const StoredMemory& memory) const {
  // Each entity's memo once: what Recall of every stored document would have made of it
  // (its lexicon key's entry included). An entity resolved in this process since it was
  // loaded is newer in memory than in the answer, which cannot hold it then.
  for (const StoredEntity& e : memory.entities) {
    if (!loaded_ids.insert(e.id).second) continue;
    const int slot = SlotOf(e.id, e.kind, e.lexicon_key);
    Memo& memo = memos[static_cast<size_t>(slot)];
    if (memo.lexicon_key.empty()) memo.lexicon_key = e.lexicon_key;
    memo.has_full_name = memo.has_full_name || e.has_full_name;
    for (const std::string& c : e.context) AddToContext(&memo.context, c);
    if (!e.lexicon_key.empty()) {
      AddEntry(MakeKey(e.kind, 'L', e.lexicon_key), slot, kLexicon);
    }
  }
  for (const StoredMemory::Entry& entry : memory.entries) {
    auto it = slot_of_id.find(entry.entity_id);
    if (it == slot_of_id.end()) {
      // An entry always comes with its entity; one without could only be half loaded.
      const int slot = SlotOf(entry.entity_id, KindOfId(entry.entity_id), "");
      AddEntry(entry.key, slot, entry.weight);
      continue;
    }
    AddEntry(entry.key, it->second, entry.weight);
  }
  for (const std::string& k : request.keys) loaded_keys.insert(k);
  for (const MemoryRequest::Lexicon& l : request.lexicon_keys) {
    loaded_lexicon_keys.insert(ContextAnchor(l.kind, l.key));
  }
  for (const std::string& id : request.ids) loaded_ids.insert(id);
}

std::vector<NameKey> Resolver::NameKeys(EntityKind kind, std::string_view name) const {
  std::vector<Key> keys;
  impl_->AddNameKeys(kind, std::string(name), &keys);
  std::vector<NameKey> out;
  for (Key& k : keys) {
    bool full = IsFullNameKey(k.key);
    out.push_back({kind, std::string(name), std::move(k.key), k.weight, full});
  }
  return out;
}

std::string Resolver::NameKeysFingerprint() const { return impl_->name_keys_fingerprint; }

void Resolver::Forget() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  impl_->index.clear();
  impl_->memos.clear();
  impl_->slot_of_id.clear();
  impl_->recalled_names.clear();
  impl_->loaded_keys.clear();
  impl_->loaded_lexicon_keys.clear();
  impl_->loaded_ids.clear();
}

size_t Resolver::MemoryKeys() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->index.size();
}

}  // namespace ketnoi::resolve
