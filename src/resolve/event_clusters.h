// resolve/event_clusters.h — one cooperation act reported by several pages becomes one
// cluster of events (so counts and timelines do not double).
//
// In:  events one at a time (any order of documents), each with its type, participants as
//      resolved entity ids, date and fields.
// Out: a cluster id per event: "<doc_id>#<event_idx>" of the first event of its cluster.
// Match: same type (a signed MoU and a signed agreement count as one family); shared
//      actors (organizations and persons; places only when an event has no actor)
//      >= min(2, fewer actors of the two) (at least one); both dated ->
//      dates within `date_window_days`; an undated event needs two shared actors
//      and, where both pages' publication dates are known, its page published within
//      `report_window_days` of the other's act (or page), so a page about an act of this
//      month does not join the same parties' act of half a year ago;
//      both with fields -> at least one field in common. The best match (most shared
//      actors, then places, then fields, then nearest date) wins.
// Cost: blocking on (type family, participant pair) and (type family, participant) hash
//      keys, scanning at most `max_block_scan` recent events per key: near-linear overall.
// Thread safety: an EventClusterer is used by one thread at a time.
#ifndef KETNOI_RESOLVE_EVENT_CLUSTERS_H_
#define KETNOI_RESOLVE_EVENT_CLUSTERS_H_

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/date.h"

namespace ketnoi::resolve {

struct EventKey {
  std::string doc_id;
  int event_idx = 0;
  std::string type;                       // FORMAT.md type name
  std::vector<std::string> participants;  // entity ids
  std::optional<core::Date> date;
  std::optional<core::Date> reported;  // the page's publication date: anchors an undated act
  std::vector<std::string> fields;
};

struct EventClusterOptions {
  int date_window_days = 7;     // pages report a signing up to a week later
  int report_window_days = 45;  // news reports an act within weeks; retrospectives are rarer
  size_t max_block_scan = 256;  // caps the work per key for very common participants
};

class EventClusterer {
 public:
  explicit EventClusterer(EventClusterOptions options = {});

  // Adds `event`; returns its cluster id (a new one when nothing seen before matches).
  std::string Add(EventKey event);
  // Seeds a known event with its stored cluster id (incremental runs over a store).
  void AddKnown(EventKey event, const std::string& cluster_id);

  size_t size() const { return events_.size(); }

 private:
  int BestMatch(const EventKey& event) const;
  void Index(EventKey event, std::string cluster_id);

  EventClusterOptions options_;
  std::vector<EventKey> events_;
  std::vector<std::string> cluster_;
  std::unordered_map<std::string, std::vector<int>> blocks_;
};

// Clusters a whole batch in order; result[i] is events[i]'s cluster id.
std::vector<std::string> ClusterEvents(const std::vector<EventKey>& events,
                                       const EventClusterOptions& options = {});

}  // namespace ketnoi::resolve

#endif  // KETNOI_RESOLVE_EVENT_CLUSTERS_H_
