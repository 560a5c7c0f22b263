// server/response_cache.h — GET answers kept until the database changes.
//
// Aggregate endpoints (stats, timeline, events, graph) read every event on every call; a
// page of dashboards or a load test asks them again and again between two commits. An
// answer is stored under (request target, data version) and served again only while the
// version is unchanged; any commit (an ingest, an upload, a curation edit, the search
// index catching up) bumps the version, so an answer is never older than the data was
// when its request arrived, except that requests arriving while the same answer is being
// computed at the same version wait for it instead of computing it again.
// Bounds: answers over kMaxAnswerBytes are not kept; the cache is emptied when it holds
// more than kMaxBytes. Thread safety: every method is safe from any thread.
#ifndef KETNOI_SERVER_RESPONSE_CACHE_H_
#define KETNOI_SERVER_RESPONSE_CACHE_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ketnoi::server {

struct CachedAnswer {
  int status = 200;
  std::string body, content_type;
  bool keep = true;  // false: served to its own request only (an answer from a lagging index)
};

class ResponseCache {
 public:
  static constexpr size_t kMaxAnswerBytes = 1u << 20;
  static constexpr size_t kMaxBytes = 64u << 20;

  // The answer for `key` at `version`: the stored one, the one being computed (waited
  // for), or `compute()`'s. Only status 200 answers marked `keep` are kept.
  CachedAnswer Get(const std::string& key, int64_t version,
                   const std::function<CachedAnswer()>& compute);

  // Counters for tests and the access log.
  int64_t hits() const;
  int64_t misses() const;

 private:
  struct Slot {
    int64_t version = -1;
    bool computing = false;
    bool valid = false;
    CachedAnswer answer;
  };
  mutable std::mutex mu_;
  std::condition_variable done_;
  std::unordered_map<std::string, Slot> slots_;
  size_t bytes_ = 0;
  int64_t hits_ = 0, misses_ = 0;
};

}  // namespace ketnoi::server

#endif  // KETNOI_SERVER_RESPONSE_CACHE_H_
