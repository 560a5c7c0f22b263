// server/json_views.h — the API's JSON shapes for the search library's values (docs/api.md).
// Pure functions; byte offsets are also given as UTF-16 code-unit offsets ("*16") because
// that is how the browser indexes strings.
#ifndef KETNOI_SERVER_JSON_VIEWS_H_
#define KETNOI_SERVER_JSON_VIEWS_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "search/search.h"
#include "store/store.h"

namespace ketnoi::server {

// Snippet markers: control characters that never occur in stored text, so the server can
// split a snippet into [{"text", "hit"}] parts and the UI never parses markup.
inline constexpr char kMarkOpen[] = "\x02";
inline constexpr char kMarkClose[] = "\x03";

nlohmann::json SnippetParts(std::string_view marked);
nlohmann::json ToJson(const search::SearchHit& hit);
nlohmann::json ToJson(const search::EntityRef& e);
nlohmann::json ToJson(const search::EventRow& e);
nlohmann::json ToJson(const search::EntityProfile& p);
nlohmann::json ToJson(const search::Graph& g);
nlohmann::json ToJson(const search::MatchReport& r);
nlohmann::json ToJson(const store::Stats& s);
nlohmann::json ToJson(const store::DocumentSummary& d);
// [{period, count, by_type: {type: n}}]
nlohmann::json ToJson(const std::vector<search::PeriodCount>& periods);

// Byte offset -> UTF-16 offset in `text` (offsets past the end clamp to the end).
class Utf16Index {
 public:
  explicit Utf16Index(std::string_view text);
  size_t At(size_t byte) const;

 private:
  std::vector<uint32_t> prefix_;  // UTF-16 units before each byte position
};

}  // namespace ketnoi::server

#endif  // KETNOI_SERVER_JSON_VIEWS_H_
