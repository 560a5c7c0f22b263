// pipeline/ordered_pool.h — internal to the ingest job (pipeline.cc): `jobs` worker threads
// make one result per input, in order of arrival, and one consumer takes them strictly in
// input order.
//
// Bounded: workers never run more than `window` inputs ahead of the consumer, nor hold more
// than `held_bytes` of finished results (as `bytes_of` counts them) unless the consumer waits
// for the very next one. So memory stays bounded whatever the number and size of the inputs:
// at most held_bytes plus `jobs` results being made plus the one taken. No thread is created
// per input.
// Thread safety: Next() from one thread; `make` and `bytes_of` run on the workers.
#ifndef KETNOI_PIPELINE_ORDERED_POOL_H_
#define KETNOI_PIPELINE_ORDERED_POOL_H_

#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace ketnoi::pipeline {

template <typename Result>
class OrderedPool {
 public:
  using Make = std::function<Result(size_t input)>;
  using BytesOf = std::function<size_t(const Result&)>;

  OrderedPool(size_t inputs, int jobs, size_t window, size_t held_bytes, Make make,
              BytesOf bytes_of)
      : inputs_(inputs),
        held_limit_(held_bytes),
        make_(std::move(make)),
        bytes_of_(std::move(bytes_of)),
        slots_(std::max<size_t>(1, window)) {
    for (int i = 0; i < jobs; ++i) threads_.emplace_back([this] { Work(); });
  }
  ~OrderedPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // The result for the next input in order (blocks until a worker has made it). At most
  // `inputs` calls.
  Result Next() {
    std::unique_lock<std::mutex> lock(mu_);
    std::optional<Entry>& slot = slots_[consumed_ % slots_.size()];
    done_cv_.wait(lock, [&] { return slot.has_value(); });
    Entry out = std::move(*slot);
    slot.reset();
    held_ -= out.bytes;
    ++consumed_;
    lock.unlock();
    work_cv_.notify_all();
    return std::move(out.result);
  }

 private:
  struct Entry {
    Result result;
    size_t bytes;
  };

  void Work() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      // The input the consumer waits for is always claimed: nothing finished is held then.
      work_cv_.wait(lock, [&] {
        return stop_ || claimed_ >= inputs_ ||
               (claimed_ < consumed_ + slots_.size() &&
                (held_ < held_limit_ || claimed_ == consumed_));
      });
      if (stop_ || claimed_ >= inputs_) return;
      size_t i = claimed_++;
      lock.unlock();
      Result result = make_(i);
      size_t bytes = bytes_of_(result);
      lock.lock();
      held_ += bytes;
      slots_[i % slots_.size()].emplace(Entry{std::move(result), bytes});
      done_cv_.notify_one();
    }
  }

  const size_t inputs_;
  const size_t held_limit_;
  const Make make_;
  const BytesOf bytes_of_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::vector<std::optional<Entry>> slots_;
  size_t claimed_ = 0, consumed_ = 0;
  size_t held_ = 0;  // bytes of the finished results not taken yet
  bool stop_ = false;
  std::vector<std::thread> threads_;  // last: started after every field above exists
};

}  // namespace ketnoi::pipeline

#endif  // KETNOI_PIPELINE_ORDERED_POOL_H_
