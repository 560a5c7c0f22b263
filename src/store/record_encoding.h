// store/record_encoding.h — how both backends encode the parts of a DocumentRecord that
// are stored as text (spans, roles), and the "source" folder stats count by. One place, so
// SQLite and PostgreSQL store the same bytes.
#ifndef KETNOI_STORE_RECORD_ENCODING_H_
#define KETNOI_STORE_RECORD_ENCODING_H_

#include <string>
#include <vector>

#include "core/span.h"
#include "extract/annotations.h"

namespace ketnoi::store {

// [[begin,end],...]
std::string SpansJson(const std::vector<core::Span>& spans);
// [{"title":..,"begin":..,"end":..},...]
std::string RolesJson(const std::vector<extract::Role>& roles);
// The folder a page came from ("-" for stdin, "." for a bare file name).
std::string SourceFolder(const std::string& source);

}  // namespace ketnoi::store

#endif  // KETNOI_STORE_RECORD_ENCODING_H_
