// `ketnoi serve [--db FILE] [--host H] [--port N] [--token T] [--web DIR]` — the JSON API
// and the web UI (server/server.h). SIGTERM/SIGINT stop it gracefully: accepted requests
// (an upload in progress included) finish first.
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/common.h"
#include "server/server.h"

namespace ketnoi::cli {
namespace {

std::string DefaultWebDir() {
  if (const char* env = std::getenv("KETNOI_WEB_DIR"); env && *env) return env;
  std::error_code ec;
  std::string dir = std::string(KETNOI_SOURCE_DIR) + "/web";
  return std::filesystem::is_directory(dir, ec) ? dir : "";
}

}  // namespace

void AddServeCommand(CLI::App& app, GlobalOptions& global, int* exit_code) {
  auto* cmd = app.add_subcommand("serve", "Serve the JSON API and the web UI over HTTP");
  auto opts = std::make_shared<server::ServerOptions>();
  opts->web_dir = DefaultWebDir();
  cmd->add_option("--host", opts->host, "Address to listen on (loopback unless you opt in)")
      ->capture_default_str();
  cmd->add_option("--port", opts->port, "Port (0 = any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--token", opts->token,
                  "Token that enables write endpoints (default: $KETNOI_TOKEN; none = read-only)");
  cmd->add_option("--web", opts->web_dir, "Directory of the web UI ('' = API only)")
      ->capture_default_str();
  cmd->add_option("--threads", opts->threads,
                  "HTTP worker threads; a keep-alive client holds one (0 = 64)")
      ->capture_default_str();
  cmd->add_option("--connections", opts->connections,
                  "Database connections the workers share (0 = 4 per core, at least 8)")
      ->capture_default_str();
  cmd->add_flag(
      "--quiet", [opts](int64_t) { opts->access_log = false; }, "No access log on stderr");
  cmd->add_flag(
      "--no-cache", [opts](int64_t) { opts->cache_answers = false; },
      "Compute every GET answer afresh (measuring query cost)");
  cmd->callback([&global, exit_code, opts] {
    server::ServerOptions o = *opts;
    o.db = global.db;
    o.pipeline.data_dir = global.data_dir;
    o.pipeline.lexicon_files = global.lexicons;
    if (o.token.empty()) {
      if (const char* env = std::getenv("KETNOI_TOKEN"); env) o.token = env;
    }
    // Block the stop signals in every thread; one thread waits for them and stops the server.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    auto srv = server::Server::Create(o);
    if (!srv.ok()) {
      PrintError(srv.status().message());
      *exit_code = 2;
      return;
    }
    std::cout << "ketnoi: serving " << o.db << " at http://" << o.host << ":" << (*srv)->port()
              << "/" << (o.token.empty() ? " (read-only)" : "") << std::endl;
    server::Server* s = srv->get();
    std::thread waiter([s, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      std::cerr << "ketnoi: stopping (signal " << sig << ")\n";
      s->Stop();
    });
    core::Status st = s->Run();
    if (!st.ok()) PrintError(st.message());
    // Run() may have ended without a signal: wake the waiter so it can be joined.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    *exit_code = st.ok() ? 0 : 2;
  });
}

}  // namespace ketnoi::cli
