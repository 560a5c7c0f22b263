#include "server/server.h"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "pipeline/pipeline.h"
#include "search/search.h"
#include "server/document_view.h"
#include "server/json_views.h"
#include "server/response_cache.h"
#include "store/sql.h"
#include "store/sqlite/sqlite_db.h"
#include "store/store.h"

namespace ketnoi::server {
namespace {

using nlohmann::json;

// Query strings longer than this are refused: no honest query needs more.
constexpr size_t kMaxParamBytes = 2000;
constexpr int kMaxLimit = 1000;
// Set on a search, entity or match answer when committed documents were not yet in the
// search index (another process held the write lock): how many (search/search.h).
constexpr char kUnindexedHeader[] = "X-Ketnoi-Unindexed";

// One worker's database connection: the query library, whose store and SQL connection
// also serve the document list, stats and document view.
struct Connection {
  std::unique_ptr<search::KnowledgeBase> kb;
};

// A fixed set of connections leased one per request: the store is not thread-safe.
class ConnectionPool {
 public:
  void Add(std::unique_ptr<Connection> c) { free_.push_back(std::move(c)); }

  class Lease {
   public:
    Lease(ConnectionPool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    ~Lease() { pool_->Return(std::move(c_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection* operator->() { return c_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease Acquire() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [this] { return !free_.empty(); });
    auto c = std::move(free_.back());
    free_.pop_back();
    return Lease(this, std::move(c));
  }

 private:
  void Return(std::unique_ptr<Connection> c) {
    {
      std::lock_guard lock(mu_);
      free_.push_back(std::move(c));
    }
    cv_.notify_one();
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> free_;
};

// Thrown nowhere: handlers return an ApiError value that becomes the JSON error body.
struct ApiError {
  int status;
  std::string message;
};

int HttpStatusFor(core::StatusCode code) {
  switch (code) {
    case core::StatusCode::kInvalidInput:
    case core::StatusCode::kUnsupported:
      return 400;
    case core::StatusCode::kNotFound:
      return 404;
    case core::StatusCode::kTooLarge:
      return 413;
    case core::StatusCode::kBusy:
      return 503;
    default:
      return 500;
  }
}

std::string Dump(const json& j) {
  // Stored text is valid UTF-8 by contract; replace rather than fail if it ever is not.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

void MarkUnindexed(const search::KnowledgeBase& kb, httplib::Response& res) {
  if (kb.unindexed() > 0) res.set_header(kUnindexedHeader, std::to_string(kb.unindexed()));
}

void SendJson(httplib::Response& res, const json& j, int status = 200) {
  res.status = status;
  res.set_content(Dump(j), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& message) {
  SendJson(res, json{{"error", message}}, status);
}

void SendStatus(httplib::Response& res, const core::Status& st) {
  SendError(res, HttpStatusFor(st.code()), st.message());
}

// Request parameters with validation: every problem becomes a 400 naming the parameter.
class Params {
 public:
  explicit Params(const httplib::Request& req) : req_(req) {}

  std::string Get(const char* name) {
    if (!req_.has_param(name)) return "";
    std::string v = req_.get_param_value(name);
    if (v.size() > kMaxParamBytes) Fail(std::string(name) + " is longer than 2000 bytes");
    return v;
  }
  std::vector<std::string> GetAll(const char* name) {
    std::vector<std::string> out;
    size_t n = req_.get_param_value_count(name);
    for (size_t i = 0; i < n; ++i) {
      std::string v = req_.get_param_value(name, i);
      if (v.size() > kMaxParamBytes) Fail(std::string(name) + " is longer than 2000 bytes");
      if (!v.empty()) out.push_back(std::move(v));
    }
    return out;
  }
  int GetInt(const char* name, int fallback, int lo, int hi) {
    std::string v = Get(name);
    if (v.empty()) return fallback;
    int n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || ptr != v.data() + v.size() || n < lo || n > hi) {
      Fail(std::string(name) + " must be an integer from " + std::to_string(lo) + " to " +
           std::to_string(hi));
      return fallback;
    }
    return n;
  }
  std::string GetDate(const char* name) {
    std::string v = Get(name);
    auto norm = search::NormalizeDateBound(v);
    if (!norm.ok()) {
      Fail(std::string(name) + ": " + norm.status().message());
      return "";
    }
    return *norm;
  }
  std::string GetLang(const char* name) {
    std::string v = Get(name);
    if (!v.empty() && v != "vi" && v != "zh" && v != "en")
      Fail(std::string(name) + " must be vi, zh or en");
    return v;
  }
  std::string Require(const char* name) {
    std::string v = Get(name);
    if (v.empty() && !error_) Fail(std::string(name) + " is required");
    return v;
  }
  void Fail(std::string message) {
    if (!error_) error_ = std::move(message);
  }
  // True (and the 400 sent) when a parameter was bad.
  bool Failed(httplib::Response& res) {
    if (!error_) return false;
    SendError(res, 400, *error_);
    return true;
  }

 private:
  const httplib::Request& req_;
  std::optional<std::string> error_;
};

search::EventFilter ReadEventFilter(Params& p) {
  search::EventFilter f;
  f.participants = p.GetAll("participant");
  f.countries = p.GetAll("country");
  f.field = p.Get("field");
  f.type = p.Get("type");
  f.modality = p.Get("modality");
  f.from = p.GetDate("from");
  f.to = p.GetDate("to");
  f.limit = p.GetInt("limit", 0, 0, 100000);
  return f;
}

double NowMs() {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

thread_local double request_start_ms = 0;

// Routes that take POST; every other /api/ route is GET-only.
bool IsWriteRoute(const std::string& path) {
  return path == "/api/ingest" || path.rfind("/api/curation/", 0) == 0;
}

}  // namespace

bool TokenMatches(const std::string& given, const std::string& expected) {
  // Constant time in the content: every byte of the longer string is looked at.
  size_t n = std::max(given.size(), expected.size());
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < n; ++i) {
    unsigned char a = i < given.size() ? static_cast<unsigned char>(given[i]) : 0;
    unsigned char b = i < expected.size() ? static_cast<unsigned char>(expected[i]) : 0;
    diff |= a ^ b;
  }
  return !expected.empty() && diff == 0;
}

struct Server::Impl {
  ServerOptions options;
  httplib::Server http;
  ConnectionPool pool;
  std::unique_ptr<pipeline::Pipeline> pipeline;
  std::unique_ptr<store::Store> writer;  // uploads; one writer at a time
  std::mutex writer_mu;
  // A connection that never writes: its PRAGMA data_version moves with every commit made
  // by any other connection or process, which is what keys the response cache.
  std::unique_ptr<store::SqliteDb> version_db;
  std::mutex version_mu;
  ResponseCache cache;
  int port = 0;

  int64_t DataVersion();
  httplib::Server::Handler Cached(httplib::Server::Handler handler);

  void Routes();
  bool Authorized(const httplib::Request& req, httplib::Response& res);
  void Ingest(const httplib::Request& req, httplib::Response& res);
  void Curate(const httplib::Request& req, httplib::Response& res, const std::string& action);
};

bool Server::Impl::Authorized(const httplib::Request& req, httplib::Response& res) {
  if (options.token.empty()) {
    SendError(res, 403, "writing is disabled: start the server with --token or KETNOI_TOKEN");
    return false;
  }
  std::string auth = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  std::string given = auth.rfind(prefix, 0) == 0 ? auth.substr(prefix.size()) : "";
  if (!TokenMatches(given, options.token)) {
    SendError(res, 403, "missing or wrong token: send Authorization: Bearer <token>");
    return false;
  }
  return true;
}

void Server::Impl::Ingest(const httplib::Request& req, httplib::Response& res) {
  if (!Authorized(req, res)) return;
  std::string name, bytes;
  if (req.is_multipart_form_data()) {
    if (!req.has_file("page")) return SendError(res, 400, "multipart upload needs a 'page' part");
    const auto& file = req.get_file_value("page");
    name = file.filename;
    bytes = file.content;
  } else {
    name = req.get_param_value("name");
    bytes = req.body;
  }
  if (name.empty()) name = "upload.html";
  if (name.size() > 255 || name.find('/') != std::string::npos) {
    return SendError(res, 400, "name must be a plain file name of at most 255 bytes");
  }
  if (bytes.empty()) return SendError(res, 400, "empty page");
  ingest::PageFormat format = ingest::DetectFormat(name, std::string_view(bytes).substr(0, 512));
  auto page = ingest::ParsePage(bytes, format, name, options.pipeline.ingest);
  if (!page.ok()) return SendError(res, 400, name + ": " + page.status().message());
  std::vector<std::string> warnings = page->warnings;
  auto doc = pipeline->Analyze(std::move(page).value());
  if (!doc.ok()) return SendError(res, 400, name + ": " + doc.status().message());
  store::DocumentRecord record;
  core::Result<store::PutOutcome> put = core::Internal("unset");
  {
    // Resolved by the one writer against what the database knows now (other processes may
    // have ingested or curated since the last upload), exactly as `ketnoi ingest` does.
    std::lock_guard lock(writer_mu);
    core::Status resolved = pipeline->StartLazyRecall(*writer);
    if (resolved.ok()) resolved = pipeline->ResolveFrom(*writer, &*doc);
    if (!resolved.ok()) return SendStatus(res, resolved);
    record = doc->ToRecord();
    put = writer->PutDocument(record);
  }
  if (!put.ok()) return SendStatus(res, put.status());
  {
    // Index now so the next search sees the page; a failure here is retried by any query.
    auto c = pool.Acquire();
    (void)c->kb->UpdateIndex();
  }
  const char* result = put->result == store::PutResult::kInserted   ? "inserted"
                       : put->result == store::PutResult::kReplaced ? "replaced"
                                                                    : "unchanged";
  SendJson(res,
           json{{"id", put->id},
                {"result", result},
                {"title", record.title},
                {"lang", std::string(core::LangCode(record.lang))},
                {"warnings", warnings}},
           put->result == store::PutResult::kInserted ? 201 : 200);
}

namespace {

// The fields of a curation request body (a JSON object); every problem is one 400 message.
class CurationBody {
 public:
  explicit CurationBody(const std::string& body)
      : j_(json::parse(body, nullptr, false)), ok_(j_.is_object()) {
    if (!ok_) error_ = "the body must be a JSON object";
  }
  std::string Text(const char* key) {
    if (!error_.empty()) return "";
    auto it = j_.find(key);
    if (it == j_.end() || !it->is_string() || it->get<std::string>().empty()) {
      error_ = std::string(key) + " must be a non-empty string";
      return "";
    }
    std::string v = it->get<std::string>();
    if (v.size() > kMaxParamBytes) error_ = std::string(key) + " is longer than 2000 bytes";
    return v;
  }
  std::vector<std::string> Texts(const char* key) {
    std::vector<std::string> out;
    if (!error_.empty()) return out;
    auto it = j_.find(key);
    if (it == j_.end() || !it->is_array() || it->empty() || it->size() > 100) {
      error_ = std::string(key) + " must be a list of 1 to 100 strings";
      return out;
    }
    for (const json& v : *it) {
      if (!v.is_string() || v.get<std::string>().empty() ||
          v.get<std::string>().size() > kMaxParamBytes) {
        error_ = std::string(key) + " must hold non-empty strings of at most 2000 bytes";
        return {};
      }
      out.push_back(v.get<std::string>());
    }
    return out;
  }
  int64_t Index(const char* key) {
    if (!error_.empty()) return 0;
    auto it = j_.find(key);
    if (it == j_.end() || !it->is_number_integer() || it->get<int64_t>() < 0 ||
        it->get<int64_t>() > (int64_t{1} << 31)) {
      error_ = std::string(key) + " must be a non-negative integer";
      return 0;
    }
    return it->get<int64_t>();
  }
  const std::string& error() const { return error_; }

 private:
  json j_;
  bool ok_;
  std::string error_;
};

}  // namespace

void Server::Impl::Curate(const httplib::Request& req, httplib::Response& res,
                          const std::string& action) {
  if (!Authorized(req, res)) return;
  CurationBody body(req.body);
  std::string editor = body.Text("editor");
  if (editor.size() > 100) return SendError(res, 400, "editor is longer than 100 bytes");
  std::function<core::Result<store::CurationOutcome>()> edit;
  if (action == "merge") {
    std::string from = body.Text("from"), into = body.Text("into");
    edit = [=, this] { return writer->Merge(from, into, editor); };
  } else if (action == "split") {
    std::string id = body.Text("id");
    std::vector<std::string> names = body.Texts("names");
    edit = [=, this] { return writer->Split(id, names, editor); };
  } else if (action == "alias") {
    std::string id = body.Text("id"), name = body.Text("name");
    edit = [=, this] { return writer->AddAlias(id, name, editor); };
  } else if (action == "rename") {
    std::string id = body.Text("id"), name = body.Text("name");
    edit = [=, this] { return writer->Rename(id, name, editor); };
  } else if (action == "reject-mention") {
    std::string doc = body.Text("doc");
    int64_t mention = body.Index("mention");
    edit = [=, this] { return writer->RejectMention(doc, mention, editor); };
  } else if (action == "reject-event") {
    std::string doc = body.Text("doc");
    int64_t event = body.Index("event");
    edit = [=, this] { return writer->RejectEvent(doc, event, editor); };
  } else {
    return SendError(res, 404, "no such curation action: " + action);
  }
  if (!body.error().empty()) return SendError(res, 400, body.error());
  core::Result<store::CurationOutcome> done = core::Internal("unset");
  {
    std::lock_guard lock(writer_mu);
    done = edit();
  }
  if (!done.ok()) return SendStatus(res, done.status());
  SendJson(res, json{{"action", action},
                     {"editor", editor},
                     {"entity", done->entity_id},
                     {"changed", done->changed},
                     {"message", done->message}});
}

int64_t Server::Impl::DataVersion() {
  std::lock_guard lock(version_mu);
  if (!version_db) return -1;
  auto q = version_db->Prepare("PRAGMA data_version");
  if (!q.ok()) return -1;
  auto row = q->Step();
  return row.ok() && *row ? q->Int(0) : -1;
}

httplib::Server::Handler Server::Impl::Cached(httplib::Server::Handler handler) {
  return [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    int64_t version = DataVersion();
    if (version < 0) return handler(req, res);  // no version: never serve a stored answer
    std::string unindexed;  // the fresh answer's, when the index lagged behind the data
    CachedAnswer answer = cache.Get(req.target, version, [&] {
      httplib::Response fresh;
      handler(req, fresh);
      // An answer from a lagging index is not kept: the next request at this version may
      // find the index caught up.
      unindexed = fresh.get_header_value(kUnindexedHeader);
      return CachedAnswer{fresh.status == -1 ? 200 : fresh.status, std::move(fresh.body),
                          fresh.get_header_value("Content-Type"), unindexed.empty()};
    });
    res.status = answer.status;
    if (!unindexed.empty()) res.set_header(kUnindexedHeader, unindexed);
    res.set_content(std::move(answer.body), answer.content_type);
  };
}

void Server::Impl::Routes() {
  // Every GET answer is cached until the data changes (server/response_cache.h).
  auto cached_get = [this](const std::string& pattern, httplib::Server::Handler handler) {
    http.Get(pattern, Cached(std::move(handler)));
  };
  cached_get("/api/search", [this](const httplib::Request& req, httplib::Response& res) {
    Params p(req);
    search::SearchQuery q;
    q.text = p.Require("q");
    q.lang = p.GetLang("lang");
    q.from = p.GetDate("from");
    q.to = p.GetDate("to");
    q.source = p.Get("source");
    q.limit = p.GetInt("limit", 20, 1, kMaxLimit);
    q.mark_open = kMarkOpen;
    q.mark_close = kMarkClose;
    if (p.Failed(res)) return;
    auto c = pool.Acquire();
    auto hits = c->kb->Search(q);
    MarkUnindexed(*c->kb, res);
    if (!hits.ok()) return SendStatus(res, hits.status());
    json out = json::array();
    for (const auto& h : *hits) out.push_back(ToJson(h));
    SendJson(res, json{{"query", q.text}, {"hits", out}});
  });

  cached_get("/api/documents", [this](const httplib::Request& req, httplib::Response& res) {
    Params p(req);
    std::string lang = p.GetLang("lang");
    int limit = p.GetInt("limit", 100, 1, kMaxLimit);
    int offset = p.GetInt("offset", 0, 0, 1 << 30);
    if (p.Failed(res)) return;
    auto c = pool.Acquire();
    auto page = c->kb->store().ListDocumentsPage(lang, limit, offset);
    if (!page.ok()) return SendStatus(res, page.status());
    json out = json::array();
    for (const auto& d : page->documents) out.push_back(ToJson(d));
    json answer{{"total", page->total}, {"offset", offset}, {"limit", limit}, {"documents", out}};
    int64_t next = offset + static_cast<int64_t>(page->documents.size());
    answer["next_offset"] = next < page->total ? json(next) : json(nullptr);
    SendJson(res, answer);
  });

  cached_get(R"(/api/documents/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    if (id.size() > kMaxParamBytes) return SendError(res, 400, "id is too long");
    auto c = pool.Acquire();
    auto view = DocumentView(c->kb->store(), c->kb->sql(), id);
    if (!view.ok()) return SendStatus(res, view.status());
    SendJson(res, *view);
  });

  cached_get("/api/entities", [this](const httplib::Request& req, httplib::Response& res) {
    Params p(req);
    std::string q = p.Require("q");
    int limit = p.GetInt("limit", 50, 1, kMaxLimit);
    if (p.Failed(res)) return;
    auto c = pool.Acquire();
    auto found = c->kb->FindEntities(q);
    MarkUnindexed(*c->kb, res);
    if (!found.ok()) return SendStatus(res, found.status());
    json out = json::array();
    for (const auto& e : *found) {
      if (static_cast<int>(out.size()) >= limit) break;
      out.push_back(ToJson(e));
    }
    SendJson(res, json{{"query", q}, {"entities", out}});
  });

  cached_get(R"(/api/entities/(.+))", [this](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    if (id.size() > kMaxParamBytes) return SendError(res, 400, "id is too long");
    auto c = pool.Acquire();
    auto profile = c->kb->Profile(id);
    MarkUnindexed(*c->kb, res);
    if (!profile.ok()) return SendStatus(res, profile.status());
    SendJson(res, ToJson(*profile));
  });

  cached_get("/api/events", [this](const httplib::Request& req, httplib::Response& res) {
    Params p(req);
    search::EventFilter f = ReadEventFilter(p);
    if (p.Failed(res)) return;
    auto c = pool.Acquire();
    // The answer's text one event at a time (the bytes of {"events": [...]}'s dump), so
    // all events are not also held as rows and a JSON tree.
    std::string body = "{\"events\":[";
    bool first = true;
    core::Status st = c->kb->ForEachEvent(f, [&](search::EventRow&& e) {
      if (!first) body += ',';
      first = false;
      body += Dump(ToJson(e));
      return true;
    });
    if (!st.ok()) return SendStatus(res, st);
    body += "]}";
    res.set_content(std::move(body), "application/json; charset=utf-8");
  });

  cached_get("/api/timeline", [this](const httplib::Request& req, httplib::Response& res) {
    Params p(req);
    search::EventFilter f = ReadEventFilter(p);
    f.one_per_act = true;  // an act several pages report counts once per period
    std::string bucket = p.Get("bucket");
    if (!bucket.empty() && bucket != "year" && bucket != "month") {
      p.Fail("bucket must be year or month");
    }
    if (p.Failed(res)) return;
    auto c = pool.Acquire();
    auto periods = c->kb->EventCounts(f, bucket == "month");
    if (!periods.ok()) return SendStatus(res, periods.status());
    SendJson(res,
             json{{"bucket", bucket.empty() ? "year" : bucket}, {"periods", ToJson(*periods)}});
  });

  cached_get("/api/graph", [this](const httplib::Request& req, httplib::Response& res) {
    Params p(req);
    search::EventFilter f = ReadEventFilter(p);
    std::string format = p.Get("format");
    if (!format.empty() && format != "json" && format != "graphml" && format != "dot") {
      p.Fail("format must be json, graphml or dot");
    }
    if (p.Failed(res)) return;
    auto c = pool.Acquire();
    auto graph = c->kb->CooperationGraph(f);
    if (!graph.ok()) return SendStatus(res, graph.status());
    if (format == "graphml") {
      return res.set_content(search::GraphToGraphMl(*graph), "application/graphml+xml");
    }
    if (format == "dot") return res.set_content(search::GraphToDot(*graph), "text/vnd.graphviz");
    SendJson(res, ToJson(*graph));
  });

  cached_get("/api/match", [this](const httplib::Request& req, httplib::Response& res) {
    Params p(req);
    search::MatchQuery q;
    q.need = p.Require("need");
    q.country = p.Get("country");
    q.field = p.Get("field");
    q.limit = p.GetInt("limit", 10, 1, 100);
    if (p.Failed(res)) return;
    auto c = pool.Acquire();
    auto report = c->kb->Match(q, pipeline->lexicons());
    MarkUnindexed(*c->kb, res);
    if (!report.ok()) return SendStatus(res, report.status());
    json out = ToJson(*report);
    out["need"] = q.need;
    SendJson(res, out);
  });

  cached_get("/api/stats", [this](const httplib::Request&, httplib::Response& res) {
    auto c = pool.Acquire();
    auto stats = c->kb->store().GetStats();
    if (!stats.ok()) return SendStatus(res, stats.status());
    SendJson(res, ToJson(*stats));
  });

  http.Post("/api/ingest",
            [this](const httplib::Request& req, httplib::Response& res) { Ingest(req, res); });

  http.Post(R"(/api/curation/([a-z-]+))",
            [this](const httplib::Request& req, httplib::Response& res) {
              Curate(req, res, req.matches[1]);
            });

  // Wrong methods on known API routes are 405, not 404.
  http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    request_start_ms = NowMs();
    if (req.path.rfind("/api/", 0) != 0) return httplib::Server::HandlerResponse::Unhandled;
    bool get = req.method == "GET" || req.method == "HEAD";
    bool write = IsWriteRoute(req.path);
    if ((write && req.method != "POST") || (!write && !get)) {
      res.set_header("Allow", write ? "POST" : "GET, HEAD");
      SendError(res, 405, "method " + req.method + " is not allowed on " + req.path);
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  http.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string message = res.status == 404   ? "no such resource: " + req.path
                              : res.status == 413 ? "request body is too large"
                              : res.status == 400 ? "malformed request"
                                                  : "request failed";
        SendError(res, res.status, message);
        return httplib::Server::HandlerResponse::Handled;
      }));

  http.set_exception_handler([](const httplib::Request&, httplib::Response& res,
                                std::exception_ptr) { SendError(res, 500, "internal error"); });

  if (options.access_log) {
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      double ms = request_start_ms > 0 ? NowMs() - request_start_ms : 0;
      std::fprintf(stderr, "%s %s %d %.1fms\n", req.method.c_str(), req.path.c_str(), res.status,
                   ms);
    });
  }
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

core::Result<std::unique_ptr<Server>> Server::Create(const ServerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  // With fewer workers than keep-alive clients, the clients past the pool wait until a
  // worker's client has sent keep_alive_max_count requests or gone idle: at 32 connections
  // and 8 workers that was most of the p99. Workers are cheap; connections hold caches.
  const int threads = options.threads > 0 ? options.threads : 64;
  const int connections =
      options.connections > 0
          ? options.connections
          : std::max(8, 4 * static_cast<int>(std::thread::hardware_concurrency()));
  for (int i = 0; i < connections; ++i) {
    auto c = std::make_unique<Connection>();
    auto kb = search::KnowledgeBase::Open(options.db);
    if (!kb.ok()) return kb.status();
    c->kb = std::move(kb).value();
    impl->pool.Add(std::move(c));
  }
  if (options.cache_answers && options.db.rfind("postgresql://", 0) != 0 &&
      options.db.rfind("postgres://", 0) != 0) {
    auto version_db = store::SqliteDb::Open(options.db);
    if (!version_db.ok()) return version_db.status();
    impl->version_db = std::move(version_db).value();
  }
  auto writer = store::Store::Open(options.db);
  if (!writer.ok()) return writer.status();
  impl->writer = std::move(writer).value();
  auto pipe = pipeline::Pipeline::Create(options.pipeline);
  if (!pipe.ok()) return pipe.status();
  impl->pipeline = std::move(pipe).value();

  httplib::Server& http = impl->http;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(options.read_timeout_s, 0);
  http.set_write_timeout(options.write_timeout_s, 0);
  http.set_keep_alive_max_count(options.keep_alive_max_count);
  http.set_keep_alive_timeout(options.keep_alive_timeout_s);
  http.set_tcp_nodelay(true);
  // Data is never markup: the UI inserts it as text, and the browser is told to refuse
  // inline scripts and foreign origins should that ever slip.
  http.set_default_headers({
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"},
  });
  if (!options.web_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(options.web_dir, ec)) {
      return core::NotFound("web directory not found: " + options.web_dir);
    }
    http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
    if (!http.set_mount_point("/", options.web_dir)) {
      return core::IoError("cannot serve the web directory " + options.web_dir);
    }
  }
  impl->Routes();
  int port = options.port == 0
                 ? http.bind_to_any_port(options.host)
                 : (http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port <= 0) {
    return core::IoError("cannot listen on " + options.host + ":" + std::to_string(options.port));
  }
  impl->port = port;
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

core::Status Server::Run() {
  if (!impl_->http.listen_after_bind()) {
    return core::IoError("the listener stopped with an error");
  }
  return core::Status::Ok();
}

void Server::Stop() { impl_->http.stop(); }

}  // namespace ketnoi::server
