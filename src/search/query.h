// search/query.h — internal helpers shared by the search stage's .cc files.
#ifndef KETNOI_SEARCH_QUERY_H_
#define KETNOI_SEARCH_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ketnoi::search {

// The terms of a user query: "quoted phrases" whole; other words split on spaces; runs of
// Chinese split into the segmenter's words. Terms without any indexable character go.
std::vector<std::string> QueryTerms(std::string_view query);

// An FTS5 MATCH expression: every term a quoted phrase (so no user text is ever parsed as
// FTS5 syntax), joined by AND (all) or OR (any). kInvalidInput when nothing is searchable.
core::Result<std::string> MatchExpression(const std::vector<std::string>& terms, bool any);

}  // namespace ketnoi::search

#endif  // KETNOI_SEARCH_QUERY_H_
