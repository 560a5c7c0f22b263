#include "store/postgres/pg_sql.h"

#include <cctype>
#include <optional>
#include <vector>

namespace ketnoi::store {
namespace {

// Built-in type OIDs (pg_type.h, stable across versions).
constexpr Oid kInt8Oid = 20;
constexpr Oid kTextOid = 25;

class PgCursor final : public SqlCursor {
 public:
  PgCursor(PgConn& db, std::string sql) : db_(db), sql_(std::move(sql)) {}

  void BindText(int index, std::string_view value) override {
    Set(index, std::string(value), kTextOid);
  }
  void BindInt(int index, int64_t value) override { Set(index, std::to_string(value), kInt8Oid); }
  void BindNull(int index) override { Set(index, std::nullopt, kTextOid); }

  core::Result<bool> Step() override {
    if (!result_) {
      auto res = db_.Query(sql_, params_, types_);
      if (!res.ok()) return res.status();
      result_.emplace(std::move(res).value());
      row_ = -1;
    }
    ++row_;
    return row_ < result_->Rows();
  }

  void Reset() override {
    result_.reset();
    params_.clear();
    types_.clear();
  }

  int64_t Int(int col) const override { return result_->Int(row_, col); }
  std::string Text(int col) const override { return result_->Text(row_, col); }
  bool IsNull(int col) const override { return result_->IsNull(row_, col); }

 private:
  void Set(int index, PgParam value, Oid type) {
    if (index < 1) return;
    auto n = static_cast<size_t>(index);
    if (params_.size() < n) {
      params_.resize(n);
      types_.resize(n, kTextOid);
    }
    params_[n - 1] = std::move(value);
    types_[n - 1] = type;
    result_.reset();
  }

  PgConn& db_;
  std::string sql_;
  std::vector<PgParam> params_;
  std::vector<Oid> types_;
  std::optional<PgResult> result_;
  int row_ = -1;
};

class PgConnection final : public SqlConnection {
 public:
  explicit PgConnection(PgConn& db) : db_(db) {}
  Dialect dialect() const override { return Dialect::kPostgres; }
  core::Result<SqlQuery> Prepare(std::string_view sql) override {
    return SqlQuery(std::make_unique<PgCursor>(db_, PgPlaceholders(sql)));
  }
  core::Status Exec(std::string_view sql) override { return db_.Exec(sql); }
  core::Status InTransaction(const std::function<core::Status()>& body) override {
    KETNOI_RETURN_IF_ERROR(db_.Exec("BEGIN"));
    core::Status st = body();
    if (st.ok()) st = db_.Exec("COMMIT");
    if (!st.ok()) (void)db_.Exec("ROLLBACK");
    return st;
  }

 private:
  PgConn& db_;
};

}  // namespace

std::string PgPlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 8);
  int next = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote) {
      out += c;
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      size_t j = i + 1;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      out += '$';
      if (j > i + 1) {
        out.append(sql.substr(i + 1, j - i - 1));
        i = j - 1;
      } else {
        out += std::to_string(++next);
      }
    } else {
      out += c;
    }
  }
  return out;
}

std::unique_ptr<SqlConnection> PgSql(PgConn& db) { return std::make_unique<PgConnection>(db); }

}  // namespace ketnoi::store
