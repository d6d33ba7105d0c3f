// A process killed with SIGKILL in the middle of a multi-step command leaves
// a consistent store; two processes writing one store both succeed.
#include <signal.h>

#include <algorithm>
#include <sys/wait.h>
#include <unistd.h>

#include "store_fixture.hpp"

namespace wkb::store::test {
namespace {

using CrashTest = StoreTest;

// Runs `child` in a forked process; returns its wait status.
template <typename F>
int in_child(F child) {
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    try {
      child();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "child: %s\n", e.what());
      ::_exit(2);
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

void kill_at(ProjectStore& store, const std::string& step, int nth) {
  auto count = std::make_shared<int>(0);
  store.set_step_hook([=](const std::string& s) {
    if (s == step && ++*count == nth) ::kill(::getpid(), SIGKILL);
  });
}

TEST_P(CrashTest, KilledWhileWritingFindingsLeavesNoneAndAValidChain) {
  const std::string id = "2026-TST-0001";
  {
    auto store = open();
    store->create(project(id), "nl.test.opslag", loader(), "x");
    notify_and_wait(*store, id, "x");
  }
  const Plan plan = open()->load(id).current_plan().plan;
  const auto findings = findings_for(plan, FindingResult::conform);
  ASSERT_GE(findings.size(), 4u);
  const int status = in_child([&] {
    auto store = open();
    kill_at(*store, "finding-written", 3);
    store->add_findings(id, findings, "x");
  });
  ASSERT_TRUE(WIFSIGNALED(status)) << "the child was meant to die by SIGKILL";
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  auto store = open();
  const auto r = store->load(id);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.summary.state, State::notified);
  EXPECT_TRUE(store->verify(id).ok());
  // The store works on: the same command now succeeds.
  EXPECT_EQ(store->add_findings(id, findings, "x").stored, static_cast<int>(findings.size()));
  EXPECT_TRUE(store->verify(std::nullopt).ok());
}

TEST_P(CrashTest, KilledDuringCreateBetweenPluginCallsLeavesNoProject) {
  const int status = in_child([&] {
    auto store = open();
    kill_at(*store, "plugin-call-recorded", 3);
    store->create(project(), "nl.test.opslag", loader(), "x");
  });
  ASSERT_TRUE(WIFSIGNALED(status));
  auto store = open();
  EXPECT_TRUE(store->list().empty());
  EXPECT_TRUE(store->verify(std::nullopt).ok());
  EXPECT_EQ(store->create(project(), "nl.test.opslag", loader(), "x").summary.state, State::planned);
}

TEST_P(CrashTest, TwoProcessesWritingOneStoreBothSucceed) {
  const std::string id = "2026-TST-0001";
  {
    auto store = open();
    store->create(project(id), "nl.test.opslag", loader(), "x");
    store->create(project("2026-TST-0002"), "nl.test.opslag", loader(), "x");
    notify_and_wait(*store, id, "x");
    notify_and_wait(*store, "2026-TST-0002", "x");
  }
  const auto findings = findings_for(open()->load(id).current_plan().plan, FindingResult::conform);
  // A project-level finding fits both projects' plans.
  const Finding project_level = *std::find_if(findings.begin(), findings.end(), [](const Finding& f) { return !f.unit; });
  constexpr int kRounds = 15;
  auto writer = [&](const std::string& project_id) {
    return [&, project_id] {
      auto store = open();
      for (int i = 0; i < kRounds; ++i) {
        // Each round's findings differ (the note): identical ones are not stored twice.
        Finding f = findings[static_cast<std::size_t>(i) % findings.size()], g = project_level;
        f.note = "ronde " + std::to_string(i) + " van " + project_id;
        g.note = f.note + ", projectniveau";
        store->add_findings(id, {f}, project_id);
        store->add_findings(project_id, {g}, project_id);
      }
    };
  };
  std::fflush(nullptr);
  const pid_t a = ::fork();
  if (a == 0) {
    try { writer("2026-TST-0002")(); } catch (const std::exception& e) { std::fprintf(stderr, "%s\n", e.what()); ::_exit(2); }
    ::_exit(0);
  }
  const pid_t b = ::fork();
  if (b == 0) {
    try { writer(id)(); } catch (const std::exception& e) { std::fprintf(stderr, "%s\n", e.what()); ::_exit(2); }
    ::_exit(0);
  }
  int sa = 0, sb = 0;
  ::waitpid(a, &sa, 0);
  ::waitpid(b, &sb, 0);
  ASSERT_TRUE(WIFEXITED(sa) && WEXITSTATUS(sa) == 0);
  ASSERT_TRUE(WIFEXITED(sb) && WEXITSTATUS(sb) == 0);
  auto store = open();
  EXPECT_EQ(store->load(id).findings.size(), static_cast<std::size_t>(3 * kRounds));
  EXPECT_TRUE(store->verify(std::nullopt).ok());
}

TEST_P(CrashTest, ProcessesSettingUpANewStoreTogetherAllSucceed) {
  std::vector<pid_t> children;
  std::fflush(nullptr);
  for (int i = 0; i < 4; ++i) {
    const pid_t pid = ::fork();
    if (pid == 0) {
      try {
        auto store = open();
        store->create(project("2026-TST-000" + std::to_string(i)), "nl.test.opslag", loader(), "x");
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child %d: %s\n", i, e.what());
        ::_exit(2);
      }
      ::_exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  auto store = open();
  EXPECT_EQ(store->list().size(), 4u);
  EXPECT_EQ(store->schema_version(), 5);
  EXPECT_TRUE(store->verify(std::nullopt).ok());
}

}  // namespace
WKB_STORE_BACKENDS(CrashTest);
}  // namespace wkb::store::test
