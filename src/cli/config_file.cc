#include "cli/config_file.h"

#include <sstream>
#include <string_view>

namespace ketnoi::cli {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

core::Status CheckConfigText(const std::string& name, const std::string& text,
                             const ConfigKeys& keys) {
  std::istringstream in(text);
  std::string section;
  int line_no = 0;
  for (std::string raw; std::getline(in, raw);) {
    ++line_no;
    std::string_view line = Trim(raw);
    const std::string where = name + ":" + std::to_string(line_no) + ": ";
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    if (line.front() == '[') {
      if (line.back() != ']') return core::InvalidInput(where + "unclosed section header");
      section = std::string(Trim(line.substr(1, line.size() - 2)));
      if (!keys.count(section)) {
        return core::InvalidInput(where + "unknown section '" + section + "'");
      }
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return core::InvalidInput(where + "expected key = value");
    }
    std::string key(Trim(line.substr(0, eq)));
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') &&
        key.back() == key.front()) {
      key = key.substr(1, key.size() - 2);
    }
    auto known = keys.find(section);
    if (key.empty() || known == keys.end() || !known->second.count(key)) {
      return core::InvalidInput(where + "unknown option '" + key + "'");
    }
  }
  return core::Status::Ok();
}

std::string ConfigPathFromArgs(int argc, char** argv) {
  const std::string_view flag = "--config";
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == flag && i + 1 < argc) return argv[i + 1];
    if (a.size() > flag.size() + 1 && a.substr(0, flag.size() + 1) == "--config=") {
      return std::string(a.substr(flag.size() + 1));
    }
  }
  return "";
}

}  // namespace ketnoi::cli
