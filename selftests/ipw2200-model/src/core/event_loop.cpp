// SPDX-License-Identifier: GPL-2.0
#include "core/event_loop.h"

#include <sys/epoll.h>
#include <sys/timerfd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "core/log.h"

namespace ipwmodel {

namespace {

/* epoll data for the timerfd; watcher ids start at 1. */
constexpr std::uint64_t kTimerKey = 0;

} // namespace

std::unique_ptr<EventLoop> EventLoop::create()
{
	UniqueFd epfd(epoll_create1(EPOLL_CLOEXEC));

	if (!epfd) {
		LOG_ERROR("epoll_create1: %s", std::strerror(errno));
		return nullptr;
	}
	UniqueFd tfd(timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK));
	if (!tfd) {
		LOG_ERROR("timerfd_create: %s", std::strerror(errno));
		return nullptr;
	}
	epoll_event ev{};
	ev.events = EPOLLIN;
	ev.data.u64 = kTimerKey;
	if (epoll_ctl(epfd.get(), EPOLL_CTL_ADD, tfd.get(), &ev) < 0) {
		LOG_ERROR("epoll_ctl(timerfd): %s", std::strerror(errno));
		return nullptr;
	}
	return std::unique_ptr<EventLoop>(new EventLoop(std::move(epfd), std::move(tfd)));
}

EventLoop::EventLoop(UniqueFd epfd, UniqueFd tfd) : epfd_(std::move(epfd)), timerfd_(std::move(tfd)) {}

EventLoop::WatchId EventLoop::watch(int fd, std::uint32_t events, FdCallback cb)
{
	const WatchId id = next_watch_++;
	epoll_event ev{};

	ev.events = events;
	ev.data.u64 = id;
	if (epoll_ctl(epfd_.get(), EPOLL_CTL_ADD, fd, &ev) < 0) {
		LOG_ERROR("epoll_ctl(ADD, fd %d): %s", fd, std::strerror(errno));
		return 0;
	}
	watchers_.emplace(id, std::make_shared<Watcher>(Watcher{fd, std::move(cb)}));
	return id;
}

bool EventLoop::unwatch(WatchId id)
{
	auto it = watchers_.find(id);

	if (it == watchers_.end())
		return false;
	/* The fd may already be closed (then epoll dropped it itself). */
	(void)epoll_ctl(epfd_.get(), EPOLL_CTL_DEL, it->second->fd, nullptr);
	watchers_.erase(it);
	return true;
}

Scheduler::TimerId EventLoop::schedule(std::chrono::microseconds delay, std::function<void()> fn)
{
	const TimerId id = next_timer_++;
	const Clock::time_point deadline = now() + std::max(delay, std::chrono::microseconds(0));
	const bool earliest = timers_.empty() || deadline < timers_.begin()->first.first;

	timers_.emplace(std::make_pair(deadline, id), std::move(fn));
	timer_deadlines_.emplace(id, deadline);
	if (earliest)
		arm_timerfd();
	return id;
}

bool EventLoop::cancel(TimerId id)
{
	auto it = timer_deadlines_.find(id);

	if (it == timer_deadlines_.end())
		return false;
	timers_.erase(std::make_pair(it->second, id));
	timer_deadlines_.erase(it);
	/* A stale, earlier expiry only causes a spurious wakeup. */
	return true;
}

Scheduler::Clock::time_point EventLoop::now() const
{
	return Clock::now();
}

void EventLoop::arm_timerfd()
{
	itimerspec spec{};

	if (!timers_.empty()) {
		const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
			timers_.begin()->first.first.time_since_epoch());

		spec.it_value.tv_sec = static_cast<time_t>(ns.count() / 1000000000);
		spec.it_value.tv_nsec = static_cast<long>(ns.count() % 1000000000);
		/* An all-zero it_value would disarm the timer. */
		if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0)
			spec.it_value.tv_nsec = 1;
	}
	if (timerfd_settime(timerfd_.get(), TFD_TIMER_ABSTIME, &spec, nullptr) < 0)
		LOG_ERROR("timerfd_settime: %s", std::strerror(errno));
}

void EventLoop::run_due_timers()
{
	std::uint64_t expirations = 0;

	(void)!read(timerfd_.get(), &expirations, sizeof(expirations));

	/*
	 * Only timers due at entry run now: a callback that schedules a
	 * zero-delay timer does not starve the fd watchers.
	 */
	const Clock::time_point limit = now();

	while (!timers_.empty() && !stopped_) {
		auto it = timers_.begin();

		if (it->first.first > limit)
			break;
		std::function<void()> fn = std::move(it->second);

		timer_deadlines_.erase(it->first.second);
		timers_.erase(it);
		fn();
	}
	arm_timerfd();
}

bool EventLoop::run_once(std::chrono::milliseconds timeout)
{
	constexpr int kMaxEvents = 16;
	std::array<epoll_event, kMaxEvents> events{};
	const int n = epoll_wait(epfd_.get(), events.data(), kMaxEvents,
				 timeout.count() < 0 ? -1 : static_cast<int>(timeout.count()));

	if (n < 0) {
		if (errno == EINTR)
			return true;
		LOG_ERROR("epoll_wait: %s", std::strerror(errno));
		return false;
	}
	bool timer_fired = false;

	for (int i = 0; i < n; i++) {
		const epoll_event &ev = events.at(static_cast<std::size_t>(i));

		if (ev.data.u64 == kTimerKey) {
			timer_fired = true;
			continue;
		}
		auto it = watchers_.find(ev.data.u64);

		/* Removed by an earlier callback of this batch. */
		if (it == watchers_.end())
			continue;
		/* Keep the callback alive even if it unwatches itself. */
		const std::shared_ptr<Watcher> w = it->second;

		w->cb(ev.events);
		if (stopped_)
			return true;
	}
	if (timer_fired || (!timers_.empty() && timers_.begin()->first.first <= now()))
		run_due_timers();
	return true;
}

bool EventLoop::run()
{
	stopped_ = false;
	while (!stopped_) {
		if (!run_once(std::chrono::milliseconds(-1)))
			return false;
	}
	return true;
}

} // namespace ipwmodel
