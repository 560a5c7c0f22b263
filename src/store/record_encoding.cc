#include "store/record_encoding.h"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace ketnoi::store {

std::string SpansJson(const std::vector<core::Span>& spans) {
  nlohmann::json j = nlohmann::json::array();
  for (core::Span s : spans) j.push_back({s.begin, s.end});
  return j.dump();
}

std::string RolesJson(const std::vector<extract::Role>& roles) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& r : roles) {
    j.push_back({{"title", r.title}, {"begin", r.span.begin}, {"end", r.span.end}});
  }
  return j.dump();
}

std::vector<std::string> MentionEntityIds(const extract::Analysis& analysis,
                                          const resolve::ResolvedDocument& resolved) {
  std::vector<std::string> ids(analysis.mentions.size());
  for (size_t i = 0; i < ids.size() && i < resolved.mention_entity.size(); ++i) {
    const int e = resolved.mention_entity[i];
    if (e >= 0 && static_cast<size_t>(e) < resolved.entities.size())
      ids[i] = resolved.entities[static_cast<size_t>(e)].id;
  }
  return ids;
}

std::string SourceFolder(const std::string& source) {
  if (source == "-") return "-";
  std::string parent = std::filesystem::path(source).parent_path().string();
  return parent.empty() ? "." : parent;
}

extract::EntityKind EntityKindOf(std::string_view name) {
  if (name == "person") return extract::EntityKind::kPerson;
  if (name == "place") return extract::EntityKind::kPlace;
  return extract::EntityKind::kOrganization;
}

void KnownMentionsByDocument::Add(std::string_view doc_id, std::string entity_id,
                                  std::string_view kind, std::string surface,
                                  std::string lexicon_key) {
  if (doc_id != doc_id_) {
    Finish();
    doc_id_ = doc_id;
  }
  mentions_.push_back(
      {std::move(entity_id), EntityKindOf(kind), std::move(surface), std::move(lexicon_key)});
}

void KnownMentionsByDocument::Finish() {
  if (!mentions_.empty()) per_document_(mentions_);
  mentions_.clear();
}

std::string NowUtcIso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace ketnoi::store
