// server/document_view.h — one stored document with every recognised mention and event,
// offsets into its text, for the UI's document view (GET /api/documents/{id}).
// The search library has no such call yet, so this reads the store's tables directly,
// through prepared statements only, on either backend (portable SQL over store/sql.h).
// kNotFound for an unknown id.
#ifndef KETNOI_SERVER_DOCUMENT_VIEW_H_
#define KETNOI_SERVER_DOCUMENT_VIEW_H_

#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "store/sql.h"
#include "store/store.h"

namespace ketnoi::server {

core::Result<nlohmann::json> DocumentView(store::Store& store, store::SqlConnection& db,
                                          const std::string& id);

}  // namespace ketnoi::server

#endif  // KETNOI_SERVER_DOCUMENT_VIEW_H_
