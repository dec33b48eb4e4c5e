/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A Scheduler with a manual clock for unit tests: time stands still until
 * advance() moves it, running every callback that falls due, in deadline
 * order (callbacks scheduled by callbacks run too if they fall due within
 * the same advance).
 */
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <unordered_map>
#include <utility>

#include "core/scheduler.h"

namespace ipwmodel {

class ManualScheduler final : public Scheduler {
public:
	ManualScheduler() = default;

	TimerId schedule(std::chrono::microseconds delay, std::function<void()> fn) override;
	bool cancel(TimerId id) override;
	[[nodiscard]] Clock::time_point now() const override { return now_; }

	/* Move the clock forward by @us, running due callbacks; returns how many ran. */
	unsigned advance(std::chrono::microseconds us);
	/* Run callbacks already due (zero-delay ones) without moving the clock. */
	unsigned run_pending() { return advance(std::chrono::microseconds(0)); }

	[[nodiscard]] std::size_t pending() const { return timers_.size(); }

private:
	/* An arbitrary, non-zero epoch so that time_point{} is never "now". */
	Clock::time_point now_ = Clock::time_point(std::chrono::seconds(1000));
	TimerId next_id_ = 1;
	std::map<std::pair<Clock::time_point, TimerId>, std::function<void()>> timers_;
	std::unordered_map<TimerId, Clock::time_point> deadlines_;
};

} // namespace ipwmodel
