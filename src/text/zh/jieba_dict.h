// text/zh/jieba_dict.h — cppjieba's dictionary trie, built without its slow loader (internal
// to the text stage).
//
// cppjieba::DictTrie(path) spends most of its 1.7 G instructions (once per process, on the
// first Han text) splitting lines into std::string vectors, and copying and sorting all 349k
// entries just to find the minimum, median and maximum weight. LoadJiebaDictTrie builds a
// DictTrie with the same words, weights and tags, the same minimum weight and no user
// words — hence the same segmentation — through cppjieba's own public API: a two-line
// dictionary of private-use characters (never Han, so never looked up) carries the
// dictionary's frequency sum and minimum frequency, and every real word then goes in
// through InsertUserWord(word, freq, tag), which computes log(freq / sum) as the loader
// does. Files that do not look exactly like cppjieba's format ("word freq tag" lines,
// positive integer frequencies) go to cppjieba's own loader.
#ifndef KETNOI_TEXT_ZH_JIEBA_DICT_H_
#define KETNOI_TEXT_ZH_JIEBA_DICT_H_

#include <memory>
#include <string>

#include "cppjieba/DictTrie.hpp"

namespace ketnoi::text::internal {

// Null when the file cannot be read (cppjieba's loader would abort).
std::unique_ptr<cppjieba::DictTrie> LoadJiebaDictTrie(const std::string& dict_path);

}  // namespace ketnoi::text::internal

#endif  // KETNOI_TEXT_ZH_JIEBA_DICT_H_
