#include "store/sql.h"

namespace ketnoi::store {

core::Status SqlQuery::Run() {
  while (true) {
    auto row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return core::Status::Ok();
  }
}

}  // namespace ketnoi::store
