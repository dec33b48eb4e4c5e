/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The model's single-threaded event loop: file-descriptor watchers (epoll)
 * and timers (one timerfd armed for the earliest deadline).  It implements
 * Scheduler for the device models.
 *
 * Callbacks may add or remove watchers and timers, including their own; a
 * watcher removed during dispatch is not called again.
 */
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <utility>

#include "core/scheduler.h"
#include "core/unique_fd.h"

namespace ipwmodel {

class EventLoop final : public Scheduler {
public:
	using WatchId = std::uint64_t;
	/* Called with the epoll events that fired (EPOLLIN, EPOLLHUP, ...). */
	using FdCallback = std::function<void(std::uint32_t events)>;

	/* nullptr (and a logged error) if epoll or timerfd cannot be created. */
	static std::unique_ptr<EventLoop> create();

	~EventLoop() override = default;
	EventLoop(const EventLoop &) = delete;
	EventLoop &operator=(const EventLoop &) = delete;
	EventLoop(EventLoop &&) = delete;
	EventLoop &operator=(EventLoop &&) = delete;

	/*
	 * Watch @fd (not owned) for @events (EPOLLIN, EPOLLOUT); 0 on failure.
	 * One watcher per fd.
	 */
	[[nodiscard]] WatchId watch(int fd, std::uint32_t events, FdCallback cb);
	/* Stop watching; false if @id is unknown. */
	bool unwatch(WatchId id);

	TimerId schedule(std::chrono::microseconds delay, std::function<void()> fn) override;
	bool cancel(TimerId id) override;
	[[nodiscard]] Clock::time_point now() const override;

	/*
	 * Wait up to @timeout (negative: forever) for events, dispatch them and
	 * run due timers.  False if epoll_wait failed other than by EINTR.
	 */
	bool run_once(std::chrono::milliseconds timeout);
	/* Dispatch until stop(); false on an epoll error. */
	bool run();
	void stop() { stopped_ = true; }
	[[nodiscard]] bool stopped() const { return stopped_; }

	[[nodiscard]] std::size_t watcher_count() const { return watchers_.size(); }
	[[nodiscard]] std::size_t timer_count() const { return timers_.size(); }

private:
	struct Watcher {
		int fd;
		FdCallback cb;
	};

	EventLoop(UniqueFd epfd, UniqueFd tfd);
	void run_due_timers();
	void arm_timerfd();

	UniqueFd epfd_;
	UniqueFd timerfd_;
	WatchId next_watch_ = 1;
	TimerId next_timer_ = 1;
	bool stopped_ = false;
	std::unordered_map<WatchId, std::shared_ptr<Watcher>> watchers_;
	/* Ordered by (deadline, id): equal deadlines run in scheduling order. */
	std::map<std::pair<Clock::time_point, TimerId>, std::function<void()>> timers_;
	std::unordered_map<TimerId, Clock::time_point> timer_deadlines_;
};

} // namespace ipwmodel
