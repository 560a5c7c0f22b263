// Crash safety: `ketnoi ingest --jobs 2` is SIGKILLed at random points while it ingests
// generated pages; after every kill the database must pass PRAGMA integrity_check and hold
// every document wholly (its sentences, mentions, events and participants exactly as a
// clean run stores them) or not at all; a rerun must complete and end as a clean run into
// another database: the same counts, entities included, and every mention on the same
// entity (the restarted process recalls the stored entities before resolving new pages).
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <random>
#include <thread>

#include "tests/regress/reliability_util.h"

namespace ketnoi::testing {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Per document (keyed by content hash, which does not depend on id allocation): how many
// rows hang off it. A wholly present document has exactly the clean run's numbers.
std::map<std::string, std::string> PerDocumentCounts(const Db& db) {
  std::map<std::string, std::string> out;
  for (const auto& row :
       db.Rows("SELECT d.content_hash, "
               "(SELECT count(*) FROM sentences s WHERE s.doc_id = d.id), "
               "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.id), "
               "(SELECT count(*) FROM events e WHERE e.doc_id = d.id), "
               "(SELECT count(*) FROM event_participants p WHERE p.doc_id = d.id), "
               "(SELECT count(*) FROM document_fields f WHERE f.doc_id = d.id) "
               "FROM documents d")) {
    if (row.size() != 6) {
      out["error"] = row.empty() ? "" : row[0];
      continue;
    }
    out[row[0]] = row[1] + "/" + row[2] + "/" + row[3] + "/" + row[4] + "/" + row[5];
  }
  return out;
}

std::string Totals(const Db& db) {
  return "documents=" + std::to_string(db.Count("documents")) +
         " sentences=" + std::to_string(db.Count("sentences")) +
         " mentions=" + std::to_string(db.Count("mentions")) +
         " events=" + std::to_string(db.Count("events")) +
         " participants=" + std::to_string(db.Count("event_participants")) +
         " entities=" + std::to_string(db.Count("entities")) +
         " entities_named=" + db.One("SELECT count(DISTINCT entity_id) FROM mentions");
}

// Which entity each mention went to, keyed by content hash and mention index: a restarted
// run recalls the stored entities, so it resolves the rest as the clean run did.
std::map<std::string, std::string> MentionEntities(const Db& db) {
  std::map<std::string, std::string> out;
  for (const auto& row : db.Rows("SELECT d.content_hash || '#' || m.idx, m.entity_id "
                                 "FROM mentions m JOIN documents d ON d.id = m.doc_id")) {
    if (row.size() == 2) out[row[0]] = row[1];
  }
  return out;
}

// The checks that hold after any kill.
void CheckConsistent(const fs::path& path, const std::map<std::string, std::string>& clean,
                     int iteration) {
  SCOPED_TRACE("after kill " + std::to_string(iteration));
  Db db(path);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(db.One("PRAGMA integrity_check"), "ok");
  EXPECT_TRUE(db.Rows("PRAGMA foreign_key_check").empty());
  EXPECT_EQ(db.One("SELECT count(*) FROM documents d WHERE d.body <> '' AND NOT EXISTS "
                   "(SELECT 1 FROM sentences s WHERE s.doc_id = d.id)"),
            "0");
  EXPECT_EQ(db.One("SELECT count(*) FROM mentions m WHERE NOT EXISTS "
                   "(SELECT 1 FROM documents d WHERE d.id = m.doc_id)"),
            "0");
  EXPECT_EQ(db.One("SELECT count(*) FROM events e WHERE NOT EXISTS "
                   "(SELECT 1 FROM documents d WHERE d.id = e.doc_id)"),
            "0");
  EXPECT_EQ(db.One("SELECT count(*) FROM mentions m WHERE NOT EXISTS "
                   "(SELECT 1 FROM entities x WHERE x.id = m.entity_id)"),
            "0");
  int partial = 0;
  for (const auto& [hash, counts] : PerDocumentCounts(db)) {
    auto it = clean.find(hash);
    if (it == clean.end() || it->second != counts) {
      if (++partial <= 3) ADD_FAILURE() << "document " << hash << " holds " << counts;
    }
  }
  EXPECT_EQ(partial, 0);
}

TEST(CrashSafetyTest, SigkillDuringIngestLosesNothingAndRerunEqualsCleanRun) {
  const int pages = PagesFromEnv("KETNOI_CRASH_PAGES", kSanitized ? 300 : 2000);
  const int kills = kSanitized ? 4 : 8;
  fs::path dir = fs::temp_directory_path() / ("ketnoi_crash_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  if (!GeneratePages(dir / "pages", pages, 11)) GTEST_SKIP() << "cannot run bench/gen_pages.py";

  // The clean run, timed: kill points are drawn inside its duration.
  auto start = Clock::now();
  pid_t pid = SpawnKetnoi(dir, {"ingest", "--db", (dir / "clean.db").string(), "--jobs", "2",
                                (dir / "pages").string()});
  ASSERT_GT(pid, 0);
  ASSERT_EQ(WaitChild(pid), 0) << ReadFile(dir / ".spawn_stderr");
  auto clean_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  std::map<std::string, std::string> clean_docs, clean_entities;
  std::string clean_totals;
  {
    Db clean(dir / "clean.db");
    ASSERT_TRUE(clean.ok());
    clean_docs = PerDocumentCounts(clean);
    clean_totals = Totals(clean);
    clean_entities = MentionEntities(clean);
  }
  ASSERT_EQ(clean_docs.size(), static_cast<size_t>(pages)) << clean_totals;

  std::mt19937 rng(20261123);
  std::uniform_int_distribution<long> when(20, std::max<long>(40, clean_ms.count() * 9 / 10));
  int killed = 0;
  for (int i = 0; i < kills; ++i) {
    pid = SpawnKetnoi(dir, {"ingest", "--db", (dir / "crash.db").string(), "--jobs", "2",
                            (dir / "pages").string()});
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(when(rng)));
    kill(pid, SIGKILL);
    int rc = WaitChild(pid);
    if (rc == -SIGKILL) ++killed;
    ASSERT_TRUE(rc == -SIGKILL || rc == 0)
        << "exit " << rc << ": " << ReadFile(dir / ".spawn_stderr");
    if (!fs::exists(dir / "crash.db")) continue;  // killed before the database was created
    CheckConsistent(dir / "crash.db", clean_docs, i);
    if (HasFatalFailure()) return;
  }
  EXPECT_GE(killed, 1);

  pid = SpawnKetnoi(dir, {"ingest", "--db", (dir / "crash.db").string(), "--jobs", "2",
                          (dir / "pages").string()});
  ASSERT_GT(pid, 0);
  ASSERT_EQ(WaitChild(pid), 0) << ReadFile(dir / ".spawn_stderr");
  CheckConsistent(dir / "crash.db", clean_docs, kills);
  {
    Db crash(dir / "crash.db");
    EXPECT_EQ(Totals(crash), clean_totals);
    EXPECT_EQ(PerDocumentCounts(crash), clean_docs);
    std::map<std::string, std::string> crash_entities = MentionEntities(crash);
    int moved = 0;
    for (const auto& [mention, entity] : clean_entities) {
      auto it = crash_entities.find(mention);
      std::string got = it == crash_entities.end() ? "(none)" : it->second;
      if (got != entity && ++moved <= 3) {
        ADD_FAILURE() << "mention " << mention << ": " << got << ", clean run " << entity;
      }
    }
    EXPECT_EQ(moved, 0);
  }
  std::printf("crash safety: %d pages, clean run %ld ms, %d kills, %s\n", pages,
              static_cast<long>(clean_ms.count()), killed, clean_totals.c_str());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace ketnoi::testing
