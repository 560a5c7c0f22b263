// ingest/page.cc — input checks, format detection, hashing and file reading; the rendering
// itself is in text_reader.cc and html_reader.cc.
#include "ingest/page.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "ingest/readers.h"

namespace ketnoi::ingest {
namespace {

using core::Result;
using core::Status;

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    return "";
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0xF]);
  }
  return hex;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

// Whitespace, a UTF-8 BOM and no-break spaces count as blank: such a page has nothing to read.
bool IsBlank(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (internal::IsAsciiSpace(bytes[i])) continue;
    if (bytes.substr(i, 3) == "\xEF\xBB\xBF") {
      i += 2;
      continue;
    }
    if (bytes.substr(i, 2) == "\xC2\xA0") {
      i += 1;
      continue;
    }
    return false;
  }
  return true;
}

// NUL bytes never occur in text; many other C0 controls mean a binary format.
bool LooksBinary(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos) return true;
  std::string_view head = bytes.substr(0, 4096);
  size_t controls = 0;
  for (unsigned char c : head) {
    if ((c < 0x20 && !internal::IsAsciiSpace(static_cast<char>(c)) && c != 0x1B) || c == 0x7F) {
      ++controls;
    }
  }
  return controls * 10 > head.size();
}

std::string_view Extension(std::string_view path) {
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return {};
  }
  return path.substr(dot + 1);
}

std::string ErrnoText(int error) { return std::strerror(error); }

}  // namespace

PageFormat DetectFormat(std::string_view path, std::string_view head) {
  std::string ext;
  for (char c : Extension(path)) ext.push_back(AsciiLower(c));
  if (ext == "html" || ext == "htm" || ext == "xhtml" || ext == "shtml") return PageFormat::kHtml;
  // Sniff: skip a BOM and blanks, then look for the first tag of an HTML document.
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < head.size() && internal::IsAsciiSpace(head[i])) ++i;
  std::string_view rest = head.substr(i);
  for (std::string_view tag :
       {"<!doctype html", "<html", "<head", "<?xml", "<!--", "<body", "<meta", "<title"}) {
    if (StartsWithNoCase(rest, tag)) {
      if (tag == "<?xml" || tag == "<!--") {
        // XML declarations and comments start XHTML pages, but also other formats.
        std::string lower;
        for (char c : head.substr(0, 1024)) lower.push_back(AsciiLower(c));
        return lower.find("<html") != std::string::npos ? PageFormat::kHtml : PageFormat::kText;
      }
      return PageFormat::kHtml;
    }
  }
  return PageFormat::kText;
}

Result<Page> ParsePage(std::string_view bytes, PageFormat format, std::string source,
                       const IngestOptions& options) {
  if (bytes.size() > options.max_page_bytes) {
    return core::TooLarge("page is " + std::to_string(bytes.size()) + " bytes, limit " +
                          std::to_string(options.max_page_bytes));
  }
  if (IsBlank(bytes)) return core::InvalidInput("empty page");
  if (LooksBinary(bytes)) return core::InvalidInput("binary file, not a page");

  Page page;
  page.source = std::move(source);
  page.format = format;
  page.content_hash = Sha256Hex(bytes);
  Status status = format == PageFormat::kHtml ? internal::ReadHtmlPage(bytes, options, &page)
                                              : internal::ReadTextPage(bytes, options, &page);
  if (!status.ok()) return status;
  return page;
}

Result<Page> ReadPage(const std::string& path, const IngestOptions& options) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int error = errno;
    std::string message = "cannot open: " + ErrnoText(error);
    if (error == ENOENT) return core::NotFound(message);
    return core::IoError(message);
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    int error = errno;
    ::close(fd);
    return core::IoError("cannot stat: " + ErrnoText(error));
  }
  if (S_ISDIR(info.st_mode)) {
    ::close(fd);
    return core::InvalidInput("is a directory, not a page");
  }
  if (S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) > options.max_page_bytes) {
    ::close(fd);
    return core::TooLarge("page is " + std::to_string(info.st_size) + " bytes, limit " +
                          std::to_string(options.max_page_bytes));
  }
  std::string bytes;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int error = errno;
      ::close(fd);
      return core::IoError("cannot read: " + ErrnoText(error));
    }
    if (n == 0) break;
    bytes.append(buffer, static_cast<size_t>(n));
    if (bytes.size() > options.max_page_bytes) break;  // a pipe or growing file: stop early
  }
  ::close(fd);
  PageFormat format = DetectFormat(path, std::string_view(bytes).substr(0, 1024));
  return ParsePage(bytes, format, path, options);
}

}  // namespace ketnoi::ingest
