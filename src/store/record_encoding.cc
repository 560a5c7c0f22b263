#include "store/record_encoding.h"

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

std::string SourceFolder(const std::string& source) {
  if (source == "-") return "-";
  std::string parent = std::filesystem::path(source).parent_path().string();
  return parent.empty() ? "." : parent;
}

}  // namespace ketnoi::store
