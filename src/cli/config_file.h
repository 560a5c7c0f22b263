// cli/config_file.h — checks a --config file (INI/TOML keys CLI11 reads) before CLI11 does,
// so a mistake is reported as FILE:LINE: problem. CLI11 itself only says which key it could
// not place, and a misspelt key must not silently leave `db` pointing elsewhere.
#ifndef KETNOI_CLI_CONFIG_FILE_H_
#define KETNOI_CLI_CONFIG_FILE_H_

#include <map>
#include <set>
#include <string>

#include "core/status.h"

namespace ketnoi::cli {

// Known keys per section: "" is the top level, otherwise a subcommand's name.
using ConfigKeys = std::map<std::string, std::set<std::string>>;

// InvalidInput "NAME:LINE: problem" for the first line that is neither blank, a comment
// (# or ;), a [section] of `keys`, nor `key = value` with a key known in its section.
core::Status CheckConfigText(const std::string& name, const std::string& text,
                             const ConfigKeys& keys);

// The file named by `--config FILE` / `--config=FILE` in argv, "" when there is none.
std::string ConfigPathFromArgs(int argc, char** argv);

}  // namespace ketnoi::cli

#endif  // KETNOI_CLI_CONFIG_FILE_H_
