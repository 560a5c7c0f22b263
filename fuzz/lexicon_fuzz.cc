// libFuzzer target for the lexicon loader: the input bytes are written to a file and loaded
// as a user's extra lexicon (`--lexicon FILE`) after a minimal shipped data directory (every
// shipped table with its header only, so that each run is fast). Checks the contract of
// extract/lexicon.h: a rejected file is named in the message ("FILE:LINE: problem" or
// "FILE: problem"), and an accepted one is listed in Lexicons::files.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "extract/lexicon.h"

namespace {

namespace fs = std::filesystem;

void Check(bool ok) {
  if (!ok) std::abort();
}

void WriteBytes(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// A data directory with the shipped file names, each holding only its header line.
const fs::path& MinimalDataDir() {
  static const fs::path dir = [] {
    fs::path d = fs::temp_directory_path() / ("ketnoi-lexicon-fuzz-" + std::to_string(getpid()));
    fs::create_directories(d);
    WriteBytes(d / "fields.txt", "semiconductors\nartificial_intelligence\n");
    const std::pair<const char*, const char*> tables[] = {
        {"countries.tsv", "key\ttype\tcanonical\tlang\tname\n"},
        {"places.tsv", "key\ttype\tcanonical\tlang\tname\n"},
        {"organizations.tsv", "key\tcanonical\tlang\tname\tform\n"},
        {"org_heads.tsv", "lang\tword\tposition\tkind\n"},
        {"titles.tsv", "lang\ttitle\ttype\n"},
        {"surnames.tsv", "lang\tsurname\n"},
        {"fields.tsv", "field\tlang\tkeyword\n"},
        {"event_triggers.tsv", "type\tlang\ttrigger\tpriority\n"},
        {"modality.tsv", "modality\tlang\tcue\n"},
        {"name_words.tsv", "concept\tlang\tword\n"},
    };
    for (const auto& [name, header] : tables) WriteBytes(d / name, header);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path& dir = MinimalDataDir();
  const std::string extra = (dir / "extra.tsv").string();
  WriteBytes(extra, std::string_view(reinterpret_cast<const char*>(data), size));
  auto lex = ketnoi::extract::Lexicons::Load(dir.string(), {extra});
  if (lex.ok()) {
    Check(!lex->files.empty() && lex->files.back() == extra);
  } else {
    Check(lex.status().message().starts_with(extra + ":"));
    Check(lex.status().message().find('\n') == std::string::npos);
  }
  return 0;
}
