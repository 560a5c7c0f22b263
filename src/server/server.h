// server/server.h — stage 9: the knowledge base over HTTP (JSON API + the web UI in web/).
//
// In:  a store database (the same file the CLI uses) and HTTP requests.
// Out: JSON answers from the search library (search/search.h) — a thin layer: every
//      handler parses parameters, calls one library function, writes JSON. docs/api.md
//      lists the endpoints. Static files (the web UI) come from ServerOptions::web_dir.
// Errors: every failure is JSON {"error": "..."}: 400 bad parameters, 403 write without the
//      configured token, 404 unknown ids/routes, 405 wrong method, 413 oversize bodies,
//      500 database problems, 503 busy database.
// Safety: binds to loopback unless told otherwise; write endpoints (POST) are disabled
//      unless a token is configured and the request carries `Authorization: Bearer T`
//      (compared in constant time); bodies and read/write times are capped; SQL only
//      through the library's prepared statements.
// Cache: GET answers are kept per (target, SQLite data_version) and served again until any
//      commit changes the data (server/response_cache.h); off with cache_answers = false.
// Threads: a pool of `threads` HTTP workers. A keep-alive client holds its worker between
//      requests, so there are more workers than clients expected at once (64 by default);
//      only a request's handler leases one of `connections` KnowledgeBases (one database
//      connection each; SQLite's WAL lets readers run beside the one writer), so idle
//      clients pin a thread, not a connection. Uploads are written
//      by one store connection under a mutex. Stop() is safe from any thread (a signal
//      thread): it stops accepting and lets accepted requests finish.
#ifndef KETNOI_SERVER_SERVER_H_
#define KETNOI_SERVER_SERVER_H_

#include <cstddef>
#include <memory>
#include <string>

#include "core/status.h"
#include "pipeline/pipeline.h"

namespace ketnoi::server {

struct ServerOptions {
  std::string db = "ketnoi.db";      // SQLite file (created if missing) or postgresql:// URL
  std::string host = "127.0.0.1";    // loopback: a visitor on the network must opt in
  int port = 8080;                   // 0 = any free port (tests); see Server::port()
  std::string token;                 // empty = POST endpoints answer 403
  std::string web_dir;               // static UI; empty = no UI, API only
  int threads = 0;                   // HTTP workers; 0 = 64 (each keep-alive client holds one)
  int connections = 0;               // database connections; 0 = 4 per core, at least 8
  size_t max_body_bytes = 4u << 20;  // uploads: real article pages are well under 1 MB
  int read_timeout_s = 10;           // a slow client cannot hold a worker longer than this
  int write_timeout_s = 10;
  size_t keep_alive_max_count = 50;    // requests per connection before the worker moves on
  int keep_alive_timeout_s = 2;        // idle keep-alive connections release their worker
  bool access_log = true;              // one line per request on stderr
  bool cache_answers = true;           // GET answers kept until the data changes
  pipeline::PipelineOptions pipeline;  // lexicons for matchmaking and uploads
};

class Server {
 public:
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Opens the database (one KnowledgeBase per worker), builds the pipeline, checks the
  // web directory and binds the listening socket (so port() is known before Run()).
  static core::Result<std::unique_ptr<Server>> Create(const ServerOptions& options);

  int port() const;
  // Serves until Stop(); returns an error only when the listener fails.
  core::Status Run();
  // Stops accepting; accepted requests finish before Run() returns.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True when `given` equals `expected`, in time that does not depend on where they differ.
bool TokenMatches(const std::string& given, const std::string& expected);

}  // namespace ketnoi::server

#endif  // KETNOI_SERVER_SERVER_H_
