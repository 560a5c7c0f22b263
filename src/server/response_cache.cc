#include "server/response_cache.h"

namespace ketnoi::server {

CachedAnswer ResponseCache::Get(const std::string& key, int64_t version,
                                const std::function<CachedAnswer()>& compute) {
  std::unique_lock lock(mu_);
  bool own = false;  // this request computes the slot's answer
  while (true) {
    Slot& s = slots_[key];
    if (s.version == version && s.valid) {
      ++hits_;
      return s.answer;
    }
    if (s.version == version && s.computing) {
      done_.wait(lock);
      continue;
    }
    if (s.version < version) {
      // Older (or no) answer: this request computes the new one; others at this version wait.
      if (s.valid) bytes_ -= s.answer.body.size();
      s = Slot{version, true, false, {}};
      own = true;
    }
    break;  // own, or the slot moved past this request's version: compute unshared
  }
  ++misses_;
  lock.unlock();
  CachedAnswer answer = compute();
  lock.lock();
  if (own) {
    Slot& s = slots_[key];
    if (s.version == version && s.computing) {
      s.computing = false;
      if (answer.status == 200 && answer.keep && answer.body.size() <= kMaxAnswerBytes) {
        if (bytes_ + answer.body.size() > kMaxBytes) {
          // Full: start again rather than track ages; every answer is recomputable.
          for (auto it = slots_.begin(); it != slots_.end();) {
            it = it->second.computing ? std::next(it) : slots_.erase(it);
          }
          bytes_ = 0;
        }
        Slot& kept = slots_[key];
        kept.version = version;
        kept.answer = answer;
        kept.valid = true;
        bytes_ += answer.body.size();
      } else {
        slots_.erase(key);
      }
    }
    done_.notify_all();
  }
  return answer;
}

int64_t ResponseCache::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}

int64_t ResponseCache::misses() const {
  std::lock_guard lock(mu_);
  return misses_;
}

}  // namespace ketnoi::server
