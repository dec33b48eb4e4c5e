/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Deferred work for device models (firmware start-up delays, command
 * completion, periodic notifications).  The event loop implements it; unit
 * tests use a manual clock.  Callbacks run on the event-loop thread, never
 * re-entrantly from inside a register access.
 */
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace ipwmodel {

class Scheduler {
public:
	using Clock = std::chrono::steady_clock;
	using TimerId = std::uint64_t;

	virtual ~Scheduler() = default;
	/* Run @fn once after @delay; returns an id for cancel(). */
	virtual TimerId schedule(std::chrono::microseconds delay, std::function<void()> fn) = 0;
	/* Cancel a pending timer; false if it already ran or never existed. */
	virtual bool cancel(TimerId id) = 0;
	virtual Clock::time_point now() const = 0;
};

} // namespace ipwmodel
