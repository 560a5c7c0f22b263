#include "resolve/event_clusters.h"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace ketnoi::resolve {
namespace {

std::string TypeFamily(const std::string& type) {
  if (type == "mou_signed" || type == "agreement_signed") return "signed";
  return type;
}

// Distinct, sorted participant ids.
std::vector<std::string> Distinct(std::vector<std::string> ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  ids.erase(std::remove(ids.begin(), ids.end(), std::string()), ids.end());
  return ids;
}

int Shared(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  int n = 0;
  for (const std::string& x : a) n += std::binary_search(b.begin(), b.end(), x);
  return n;
}

// Organizations and persons: who acts. A country or city takes part in nearly every event
// of a corpus about one country's cooperation, so sharing one says little.
std::vector<std::string> Actors(const std::vector<std::string>& participants) {
  std::vector<std::string> actors;
  for (const std::string& p : participants) {
    if (p.rfind("loc:", 0) != 0) actors.push_back(p);
  }
  return actors;
}

}  // namespace

EventClusterer::EventClusterer(EventClusterOptions options) : options_(options) {}

int EventClusterer::BestMatch(const EventKey& e) const {
  const std::string family = TypeFamily(e.type);
  std::set<int> candidates;
  auto scan = [&](const std::string& key) {
    auto it = blocks_.find(key);
    if (it == blocks_.end()) return;
    const std::vector<int>& block = it->second;
    size_t from =
        block.size() > options_.max_block_scan ? block.size() - options_.max_block_scan : 0;
    for (size_t i = from; i < block.size(); ++i) candidates.insert(block[i]);
  };
  for (const std::string& p : e.participants) scan(family + "|" + p);

  int best = -1;
  long best_score = -1;
  for (int c : candidates) {
    const EventKey& o = events_[static_cast<size_t>(c)];
    if (TypeFamily(o.type) != family) continue;
    // Actors decide when both events have some; events of places alone compare places.
    const std::vector<std::string> mine = Actors(e.participants);
    const std::vector<std::string> theirs = Actors(o.participants);
    const bool by_actors = !mine.empty() && !theirs.empty();
    int shared = by_actors ? Shared(mine, theirs) : Shared(e.participants, o.participants);
    size_t fewer = by_actors ? std::min(mine.size(), theirs.size())
                             : std::min(e.participants.size(), o.participants.size());
    if (shared < 1 || static_cast<size_t>(shared) < std::min<size_t>(2, fewer)) continue;
    long distance = 0;
    if (e.date && o.date) {
      distance = std::labs(e.date->DaysSinceEpoch() - o.date->DaysSinceEpoch());
      if (distance > options_.date_window_days) continue;
    } else if (shared < 2) {
      continue;
    } else {
      // The undated side is anchored at its page's publication date.
      const std::optional<core::Date>& my_anchor = e.date ? e.date : e.reported;
      const std::optional<core::Date>& their_anchor = o.date ? o.date : o.reported;
      if (my_anchor && their_anchor) {
        distance = std::labs(my_anchor->DaysSinceEpoch() - their_anchor->DaysSinceEpoch());
        if (distance > options_.report_window_days) continue;
      }
    }
    int common_fields = 0;
    for (const std::string& f : e.fields) {
      common_fields += std::find(o.fields.begin(), o.fields.end(), f) != o.fields.end();
    }
    if (!e.fields.empty() && !o.fields.empty() && common_fields == 0) continue;
    // Shared places still break ties between candidates with the same actors.
    const int shared_places = by_actors ? Shared(e.participants, o.participants) - shared : 0;
    long score = shared * 10000L + shared_places * 1000L + common_fields * 100L - distance;
    if (score > best_score) {
      best_score = score;
      best = c;
    }
  }
  return best;
}

void EventClusterer::Index(EventKey e, std::string cluster_id) {
  const int idx = static_cast<int>(events_.size());
  const std::string family = TypeFamily(e.type);
  for (const std::string& p : e.participants) blocks_[family + "|" + p].push_back(idx);
  events_.push_back(std::move(e));
  cluster_.push_back(std::move(cluster_id));
}

std::string EventClusterer::Add(EventKey event) {
  event.participants = Distinct(std::move(event.participants));
  int match = BestMatch(event);
  std::string cluster = match >= 0 ? cluster_[static_cast<size_t>(match)]
                                   : event.doc_id + "#" + std::to_string(event.event_idx);
  Index(std::move(event), cluster);
  return cluster;
}

void EventClusterer::AddKnown(EventKey event, const std::string& cluster_id) {
  event.participants = Distinct(std::move(event.participants));
  Index(std::move(event), cluster_id);
}

std::vector<std::string> ClusterEvents(const std::vector<EventKey>& events,
                                       const EventClusterOptions& options) {
  EventClusterer clusterer(options);
  std::vector<std::string> out;
  out.reserve(events.size());
  for (const EventKey& e : events) out.push_back(clusterer.Add(e));
  return out;
}

}  // namespace ketnoi::resolve
