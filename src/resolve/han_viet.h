// resolve/han_viet.h — Sino-Vietnamese readings of Chinese names (data/han_viet.tsv).
//
// A Vietnamese name written in Chinese (阮志勇, 范明政) reads, character by character, as
// its Vietnamese original (nguyễn chí dũng, phạm minh chính). The table is generated from
// Unihan kVietnamese by tools/gen_unihan_readings.py and keyed by the characters Unihan
// lists (mostly Traditional), so Simplified input is converted with OpenCC (s2t) first.
// Readings are stored folded with text::SearchKey ("nguyen"), every reading a character
// has, the most common first.
// Errors: Load() rejects a malformed file with "FILE:LINE: problem"; a character without
//      a reading makes Readings() return empty (the name is not a transcription).
// Thread safety: immutable after Load(); Shipped() is loaded once behind std::call_once.
#ifndef KETNOI_RESOLVE_HAN_VIET_H_
#define KETNOI_RESOLVE_HAN_VIET_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace ketnoi::resolve {

class HanVietTable {
 public:
  HanVietTable() = default;

  // Parses a han_viet.tsv file (header "char readings source").
  static core::Result<HanVietTable> Load(const std::string& path);
  // data/han_viet.tsv of `data_dir` (empty = extract::DefaultDataDir()), loaded once; an
  // empty table when the file is missing (resolution then simply has no readings).
  static const HanVietTable& Shipped(const std::string& data_dir = "");

  // Adds readings for one character (UTF-8); used by Load and by tests.
  void Add(std::string_view han_char, const std::vector<std::string>& readings);

  // Folded readings of each character of `han` (only Han characters; "·" and spaces are
  // skipped). Empty when any Han character has no reading or `han` has no Han at all.
  std::vector<std::vector<std::string>> Readings(std::string_view han) const;

  // Whole-name reading keys, space-separated ("nguyen chi dung"), the primary reading
  // first, at most `max_keys` of them (the product of the choices is cut, not sampled).
  std::vector<std::string> ReadingKeys(std::string_view han, size_t max_keys = 16) const;

  size_t size() const { return readings_.size(); }

 private:
  std::unordered_map<std::string, std::vector<std::string>> readings_;
};

// OpenCC Simplified -> Traditional; returns the input unchanged when OpenCC is unavailable.
std::string ToTraditional(std::string_view text);

}  // namespace ketnoi::resolve

#endif  // KETNOI_RESOLVE_HAN_VIET_H_
