#include "resolve/names.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "text/text.h"

namespace ketnoi::resolve {
namespace {

bool IsHanCodePoint(UChar32 c) {
  UErrorCode err = U_ZERO_ERROR;
  return c >= 0 && uscript_getScript(c, &err) == USCRIPT_HAN && U_SUCCESS(err);
}

// Connectors that join the parts of a name in every language; they carry no concept.
bool IsConnector(const std::string& atom) {
  static const std::unordered_set<std::string> kConnectors = {
      "va", "and", "of",   "the", "for", "tai", "o",  "cua", "in",
      "at", "&",   "with", "与",  "和",  "及",  "的", "在",  "驻"};
  return kConnectors.count(atom) > 0;
}

std::vector<std::string> FoldAtoms(std::string_view name);

std::string Join(const std::vector<std::string>& atoms, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (i > begin) out += ' ';
    out += atoms[i];
  }
  return out;
}

}  // namespace

bool HasHan(std::string_view text) {
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(text.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(text.data(), i, n, c);
    if (IsHanCodePoint(c)) return true;
  }
  return false;
}

namespace {

// Looks a std::string key up by a string_view, without building a string per lookup.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// NameAtoms of `name`, valid until the next call on this thread.
// Names repeat (a document names an entity many times, a corpus names it in many
// documents) and folding goes through ICU: a small per-thread memo pays for itself.
const std::vector<std::string>& MemoizedAtoms(std::string_view name) {
  thread_local std::unordered_map<std::string, std::vector<std::string>, StringViewHash,
                                  std::equal_to<>>
      memo;
  if (auto it = memo.find(name); it != memo.end()) return it->second;
  if (memo.size() >= 8192) memo.clear();
  return memo.emplace(std::string(name), FoldAtoms(name)).first->second;
}

}  // namespace

std::vector<std::string> NameAtoms(std::string_view name) { return MemoizedAtoms(name); }

std::string FoldedName(std::string_view name) {
  std::string out;
  for (const std::string& a : MemoizedAtoms(name)) {
    if (!out.empty()) out += ' ';
    out += a;
  }
  return out;
}

namespace {

std::vector<std::string> FoldAtoms(std::string_view name) {
  std::string folded = text::SearchKey(name);
  std::vector<std::string> atoms;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) atoms.push_back(std::move(word));
    word.clear();
  };
  int32_t i = 0;
  const int32_t n = static_cast<int32_t>(folded.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(folded.data(), i, n, c);
    std::string bytes = folded.substr(static_cast<size_t>(start), static_cast<size_t>(i - start));
    if (IsHanCodePoint(c)) {
      flush();
      atoms.push_back(bytes);
    } else if (c == '&' || u_isalnum(c)) {
      word += bytes;
    } else {
      flush();
    }
  }
  flush();
  return atoms;
}

}  // namespace

bool LooksLikeAcronym(std::string_view s) {
  if (s.size() < 2 || s.size() > 12) return false;
  int upper = 0;
  bool lower_after_upper = false;
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || c == ' ') return false;
    if (std::isupper(c)) {
      ++upper;
    } else if (std::islower(c)) {
      if (upper > 0) lower_after_upper = true;
    } else if (!std::isdigit(c) && c != '&' && c != '-' && c != '.') {
      return false;
    }
  }
  // "KH&CN", "VJOIN", "A*STAR"-like all-capitals; "MaGIC" and "hub.brussels" are names.
  return upper >= 2 && !lower_after_upper;
}

NameComposer::NameComposer(const extract::Lexicons& lexicons, std::string home_country) {
  auto add = [&](std::string_view word, const std::string& concept_id, bool override) {
    std::vector<std::string> atoms = NameAtoms(word);
    if (atoms.empty() || concept_id.empty()) return;
    std::string key = Join(atoms, 0, atoms.size());
    if (override) {
      concept_of_[key] = concept_id;
    } else {
      concept_of_.emplace(key, concept_id);
    }
    max_atoms_ = std::max(max_atoms_, atoms.size());
    size_t& longest = longest_from_[atoms.front()];
    longest = std::max(longest, atoms.size());
  };
  for (const extract::NameWord& w : lexicons.name_words) add(w.word, w.concept_id, false);
  // Place names win over name words: "Việt Nam" must be the place, whatever a name-word
  // file calls it, so that the home-country rule and place conflicts see it.
  for (const extract::PlaceEntry& p : lexicons.places) {
    add(p.name, "@" + p.key, true);
    add(p.canonical, "@" + p.key, true);
  }
  home_concept_ = "@" + home_country;
  max_atoms_ = std::min<size_t>(max_atoms_, 12);
}

bool NameComposer::Compose(std::string_view name, std::vector<std::string>* concepts,
                           int* literals) const {
  std::vector<std::string> atoms = NameAtoms(name);
  *literals = 0;
  for (size_t i = 0; i < atoms.size();) {
    size_t matched = 0;
    auto longest = longest_from_.find(atoms[i]);
    const size_t most = longest == longest_from_.end() ? 0 : longest->second;
    for (size_t k = std::min({most, max_atoms_, atoms.size() - i}); k >= 1; --k) {
      auto it = concept_of_.find(Join(atoms, i, i + k));
      if (it != concept_of_.end()) {
        // Connector concepts ("in", "of", "and") are dropped like connector words: zh
        // names often leave them out ("欧洲越南创新网络" vs "... tại châu Âu").
        if (!IsConnector(it->second)) concepts->push_back(it->second);
        matched = k;
        break;
      }
    }
    if (matched > 0) {
      i += matched;
      continue;
    }
    const std::string& atom = atoms[i];
    if (!IsConnector(atom)) {
      if (HasHan(atom)) return false;  // an unknown Han character: not composable
      concepts->push_back(atom);
      ++*literals;
    }
    ++i;
  }
  return true;
}

bool NameComposer::IsGeneric(std::string_view name) const {
  std::vector<std::string> concepts;
  int literals = 0;
  return Compose(name, &concepts, &literals) && literals == 0 && concepts.size() == 1 &&
         concepts[0][0] != '@';
}

std::string NameComposer::ConceptKey(std::string_view name) const {
  std::vector<std::string> concepts;
  int literals = 0;
  if (!Compose(name, &concepts, &literals)) return "";
  if (literals == static_cast<int>(concepts.size())) return "";  // no known word at all
  int places = 0;
  for (const std::string& c : concepts) places += c[0] == '@';
  if (places == 1 && concepts.size() >= 3) {
    if (concepts.front() == home_concept_) {
      concepts.erase(concepts.begin());
    } else if (concepts.back() == home_concept_) {
      concepts.pop_back();
    }
  }
  if (concepts.size() < 2) return "";
  std::sort(concepts.begin(), concepts.end());
  std::string key;
  for (const std::string& c : concepts) {
    if (!key.empty()) key += '+';
    key += c;
  }
  return key;
}

}  // namespace ketnoi::resolve
