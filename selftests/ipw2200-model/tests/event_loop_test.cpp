// SPDX-License-Identifier: GPL-2.0
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/control_server.h"
#include "core/event_loop.h"
#include "core/log.h"
#include "core/manual_scheduler.h"
#include "core/unique_fd.h"

namespace ipwmodel {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST(EventLoop, TimersRunInDeadlineOrder)
{
	auto loop = EventLoop::create();
	std::vector<int> order;

	ASSERT_NE(loop, nullptr);
	loop->schedule(microseconds(3000), [&] { order.push_back(3); });
	loop->schedule(microseconds(1000), [&] { order.push_back(1); });
	loop->schedule(microseconds(2000), [&] {
		order.push_back(2);
		loop->stop();
	});
	const auto t0 = loop->now();

	while (order.size() < 2 && loop->run_once(milliseconds(100))) {
	}
	EXPECT_EQ(order, (std::vector<int>{1, 2}));
	EXPECT_GE(loop->now() - t0, microseconds(2000));
	EXPECT_EQ(loop->timer_count(), 1U);
}

TEST(EventLoop, CancelledTimerDoesNotRun)
{
	auto loop = EventLoop::create();
	bool ran = false;
	bool other = false;
	const auto id = loop->schedule(microseconds(500), [&] { ran = true; });

	loop->schedule(microseconds(1500), [&] { other = true; });
	EXPECT_TRUE(loop->cancel(id));
	EXPECT_FALSE(loop->cancel(id));
	while (!other && loop->run_once(milliseconds(100))) {
	}
	EXPECT_FALSE(ran);
	EXPECT_TRUE(other);
}

TEST(EventLoop, ZeroDelayTimerScheduledFromTimerWaitsForNextRound)
{
	auto loop = EventLoop::create();
	int runs = 0;

	loop->schedule(microseconds(0), [&] {
		runs++;
		loop->schedule(microseconds(0), [&] { runs++; });
	});
	ASSERT_TRUE(loop->run_once(milliseconds(100)));
	EXPECT_EQ(runs, 1);
	ASSERT_TRUE(loop->run_once(milliseconds(100)));
	EXPECT_EQ(runs, 2);
}

TEST(EventLoop, FdWatcherFiresAndCanUnwatchItself)
{
	auto loop = EventLoop::create();
	UniqueFd efd(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC));
	int calls = 0;
	EventLoop::WatchId id = 0;

	id = loop->watch(efd.get(), EPOLLIN, [&](std::uint32_t ev) {
		EXPECT_TRUE((ev & EPOLLIN) != 0);
		calls++;
		EXPECT_TRUE(loop->unwatch(id));
	});
	ASSERT_NE(id, 0U);
	const std::uint64_t one = 1;

	ASSERT_EQ(write(efd.get(), &one, sizeof(one)), 8);
	ASSERT_TRUE(loop->run_once(milliseconds(100)));
	ASSERT_TRUE(loop->run_once(milliseconds(0)));
	EXPECT_EQ(calls, 1);
	EXPECT_EQ(loop->watcher_count(), 0U);
	EXPECT_FALSE(loop->unwatch(id));
}

TEST(EventLoop, WatcherRemovedByEarlierCallbackIsNotCalled)
{
	auto loop = EventLoop::create();
	UniqueFd a(eventfd(1, EFD_NONBLOCK | EFD_CLOEXEC));
	UniqueFd b(eventfd(1, EFD_NONBLOCK | EFD_CLOEXEC));
	int calls = 0;
	EventLoop::WatchId ida = 0;
	EventLoop::WatchId idb = 0;

	/* Whichever runs first removes the other. */
	ida = loop->watch(a.get(), EPOLLIN, [&](std::uint32_t) {
		calls++;
		loop->unwatch(idb);
		loop->unwatch(ida);
	});
	idb = loop->watch(b.get(), EPOLLIN, [&](std::uint32_t) {
		calls++;
		loop->unwatch(ida);
		loop->unwatch(idb);
	});
	ASSERT_TRUE(loop->run_once(milliseconds(100)));
	EXPECT_EQ(calls, 1);
}

TEST(EventLoop, WatchRejectsBadFd)
{
	auto loop = EventLoop::create();

	EXPECT_EQ(loop->watch(-1, EPOLLIN, [](std::uint32_t) {}), 0U);
}

TEST(EventLoop, RunStopsOnStop)
{
	auto loop = EventLoop::create();

	loop->schedule(microseconds(100), [&] { loop->stop(); });
	EXPECT_TRUE(loop->run());
	EXPECT_TRUE(loop->stopped());
}

TEST(ManualScheduler, AdvanceRunsDueCallbacksInOrder)
{
	ManualScheduler s;
	std::vector<int> order;
	const auto t0 = s.now();

	s.schedule(microseconds(30), [&] { order.push_back(30); });
	s.schedule(microseconds(10), [&] {
		order.push_back(10);
		EXPECT_EQ(s.now() - t0, microseconds(10));
		/* Falls due within the same advance. */
		s.schedule(microseconds(5), [&] { order.push_back(15); });
	});
	s.schedule(microseconds(100), [&] { order.push_back(100); });
	EXPECT_EQ(s.advance(microseconds(50)), 3U);
	EXPECT_EQ(order, (std::vector<int>{10, 15, 30}));
	EXPECT_EQ(s.now() - t0, microseconds(50));
	EXPECT_EQ(s.pending(), 1U);
}

TEST(ManualScheduler, CancelAndZeroDelay)
{
	ManualScheduler s;
	int ran = 0;
	const auto id = s.schedule(microseconds(10), [&] { ran += 10; });

	s.schedule(microseconds(0), [&] { ran += 1; });
	EXPECT_TRUE(s.cancel(id));
	EXPECT_FALSE(s.cancel(id));
	EXPECT_EQ(s.run_pending(), 1U);
	EXPECT_EQ(s.advance(microseconds(100)), 0U);
	EXPECT_EQ(ran, 1);
}

TEST(ControlServer, ExecutesRegisteredCommands)
{
	auto loop = EventLoop::create();
	ControlServer ctl(*loop);

	ctl.add_command("echo", "echo the arguments", [](const std::vector<std::string> &args) {
		std::string s;

		for (const auto &a : args)
			s += a;
		return ControlServer::Reply{true, s};
	});
	EXPECT_EQ(ctl.execute("echo a b").text, "ab");
	EXPECT_EQ(ctl.execute("ping").text, "pong");
	EXPECT_FALSE(ctl.execute("nosuch").ok);
	EXPECT_FALSE(ctl.execute("").ok);
}

TEST(ControlServer, ReplyLinesAndTerminalEcho)
{
	set_log_sink([](LogLevel, const std::string &) {});
	auto loop = EventLoop::create();
	ControlServer ctl(*loop);

	ctl.add_command("nothing", "reply without text",
			[](const std::vector<std::string> &) { return ControlServer::Reply{true, ""}; });
	/* Reply words cannot be commands. */
	ctl.add_command("ok", "never",
			[](const std::vector<std::string> &) { return ControlServer::Reply{true, "registered"}; });
	EXPECT_EQ(ctl.reply_line("ping"), "ok pong");
	EXPECT_EQ(ctl.reply_line("nothing"), "ok");
	EXPECT_EQ(ctl.reply_line("nosuch"), "error unknown command nosuch");
	EXPECT_EQ(ctl.reply_line("ok"), "error unknown command ok");
	EXPECT_TRUE(ControlServer::is_reply("ok pong"));
	EXPECT_TRUE(ControlServer::is_reply("  error unknown command x"));
	EXPECT_TRUE(ControlServer::is_reply("ok"));
	EXPECT_FALSE(ControlServer::is_reply("okay"));
	EXPECT_FALSE(ControlServer::is_reply("ping ok"));
	EXPECT_FALSE(ControlServer::is_reply(""));
	/* A terminal echoing a reply gets nothing back; requests are answered. */
	EXPECT_EQ(ctl.terminal_reply("ok pong"), std::nullopt);
	EXPECT_EQ(ctl.terminal_reply("error unknown command x"), std::nullopt);
	EXPECT_EQ(ctl.terminal_reply("ping"), "ok pong");
	EXPECT_EQ(ctl.terminal_reply(""), "error empty command");
	set_log_sink({});
}

} // namespace
} // namespace ipwmodel
