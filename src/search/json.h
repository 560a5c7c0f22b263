// search/json.h — the search stage's results as JSON (the CLI's --json and the HTTP API
// print exactly this).
#ifndef KETNOI_SEARCH_JSON_H_
#define KETNOI_SEARCH_JSON_H_

#include <nlohmann/json.hpp>

#include "search/search.h"

namespace ketnoi::search {

nlohmann::json ToJson(const SearchHit& hit);
nlohmann::json ToJson(const EntityRef& entity);
nlohmann::json ToJson(const EventRow& event);
nlohmann::json ToJson(const EntityProfile& profile);
nlohmann::json ToJson(const MatchReport& report);

}  // namespace ketnoi::search

#endif  // KETNOI_SEARCH_JSON_H_
