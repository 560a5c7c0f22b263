// core/status.h — the one error style of ketnoi.
//
// Expected failures (unreadable file, bad HTML, busy database, malformed query) are
// returned as a Status with a named code and a one-line message; assertions are only for
// bugs. No exception crosses a stage boundary. GCC 12 has no std::expected, so Result<T>
// is a small variant of a value or a non-OK Status.
#ifndef KETNOI_CORE_STATUS_H_
#define KETNOI_CORE_STATUS_H_

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace ketnoi::core {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,   // the input is malformed (bad UTF-8 beyond repair, empty page, bad query)
  kNotFound,       // a path, id or name that does not exist
  kTooLarge,       // an input over a configured limit
  kIoError,        // the operating system refused a read or write
  kUnsupported,    // a format or option ketnoi does not handle
  kAlreadyExists,  // a unique thing that is already there
  kBusy,           // the database is locked or a serialization failure: retry
  kInternal,       // a bug: report it
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "code: message", for logs and one-line CLI errors.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

const char* StatusCodeName(StatusCode code);

inline Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
inline Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status TooLarge(std::string m) { return {StatusCode::kTooLarge, std::move(m)}; }
inline Status IoError(std::string m) { return {StatusCode::kIoError, std::move(m)}; }
inline Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
inline Status Busy(std::string m) { return {StatusCode::kBusy, std::move(m)}; }
inline Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : data_(std::move(status)) {  // NOLINT: implicit by design
    assert(!std::get<Status>(data_).ok() && "Result built from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(data_);
  }
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace ketnoi::core

#define KETNOI_RETURN_IF_ERROR(expr)     \
  do {                                   \
    ::ketnoi::core::Status _st = (expr); \
    if (!_st.ok()) return _st;           \
  } while (0)

#endif  // KETNOI_CORE_STATUS_H_
