// pipeline/ordered_pool.h — worker threads that make one result per input of a job, several
// inputs at once, for one consumer that takes the results strictly in input order. The ingest
// job analyzes its pages with one (pipeline.cc); the search drain tokenizes each transaction's
// documents ahead with another (search/index.cc).
//
// Bounded: workers never run more than `window` inputs ahead of the consumer, nor hold more
// than `held_bytes` of finished results (as `bytes_of` counts them) unless the consumer waits
// for the very next one. So memory stays bounded whatever the number and size of the inputs:
// at most held_bytes plus one result a worker is making plus the one taken. The threads live
// as long as the pool, whatever the number of jobs.
// Thread safety: Start, Next and Finish from one thread; `make` and `bytes_of` run on the
// workers, several at once.
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

  // `bytes_of` empty: results count as 0 bytes (the window alone bounds them).
  OrderedPool(int threads, size_t window, size_t held_bytes, BytesOf bytes_of = {})
      : held_limit_(held_bytes),
        bytes_of_(std::move(bytes_of)),
        slots_(std::max<size_t>(1, window)) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
  }
  ~OrderedPool() {
    Finish();
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  OrderedPool(const OrderedPool&) = delete;
  OrderedPool& operator=(const OrderedPool&) = delete;

  // A job: inputs 0..inputs-1, each made by `make`. What `make` reads must outlive the job
  // (until Finish returns). Any previous job is finished first.
  void Start(size_t inputs, Make make) {
    Finish();
    {
      std::lock_guard<std::mutex> lock(mu_);
      inputs_ = inputs;
      make_ = std::move(make);
    }
    work_cv_.notify_all();
  }
  // The result for the job's next input in order (blocks until a worker has made it). At
  // most `inputs` calls a job.
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
  // Ends the job: no input starts after this, none is being made when it returns, and the
  // results not taken are dropped.
  void Finish() {
    std::unique_lock<std::mutex> lock(mu_);
    inputs_ = claimed_;
    done_cv_.wait(lock, [&] { return busy_ == 0; });
    for (std::optional<Entry>& slot : slots_) slot.reset();
    inputs_ = claimed_ = consumed_ = held_ = 0;
    make_ = nullptr;
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
        return stop_ || (claimed_ < inputs_ && claimed_ < consumed_ + slots_.size() &&
                         (held_ < held_limit_ || claimed_ == consumed_));
      });
      if (stop_) return;
      const size_t i = claimed_++;
      ++busy_;
      lock.unlock();
      Result result = make_(i);
      const size_t bytes = bytes_of_ ? bytes_of_(result) : 0;
      lock.lock();
      --busy_;
      held_ += bytes;
      slots_[i % slots_.size()].emplace(Entry{std::move(result), bytes});
      done_cv_.notify_all();
    }
  }

  const size_t held_limit_;
  const BytesOf bytes_of_;
  std::mutex mu_;
  std::condition_variable work_cv_, done_cv_;
  std::vector<std::optional<Entry>> slots_;
  Make make_;            // the job's
  size_t inputs_ = 0;    // the job's inputs (no more start once Finish is called)
  size_t claimed_ = 0;   // inputs started
  size_t consumed_ = 0;  // results taken
  size_t busy_ = 0;      // inputs being made
  size_t held_ = 0;      // bytes of the finished results not taken yet
  bool stop_ = false;
  std::vector<std::thread> threads_;  // last: started after every field above exists
};

}  // namespace ketnoi::pipeline

#endif  // KETNOI_PIPELINE_ORDERED_POOL_H_
