// SPDX-License-Identifier: GPL-2.0
#include "core/manual_scheduler.h"

#include <algorithm>

namespace ipwmodel {

Scheduler::TimerId ManualScheduler::schedule(std::chrono::microseconds delay, std::function<void()> fn)
{
	const TimerId id = next_id_++;
	const Clock::time_point deadline = now_ + std::max(delay, std::chrono::microseconds(0));

	timers_.emplace(std::make_pair(deadline, id), std::move(fn));
	deadlines_.emplace(id, deadline);
	return id;
}

bool ManualScheduler::cancel(TimerId id)
{
	auto it = deadlines_.find(id);

	if (it == deadlines_.end())
		return false;
	timers_.erase(std::make_pair(it->second, id));
	deadlines_.erase(it);
	return true;
}

unsigned ManualScheduler::advance(std::chrono::microseconds us)
{
	const Clock::time_point target = now_ + std::max(us, std::chrono::microseconds(0));
	unsigned ran = 0;

	while (!timers_.empty()) {
		auto it = timers_.begin();

		if (it->first.first > target)
			break;
		/* The clock reads the callback's deadline while it runs. */
		now_ = std::max(now_, it->first.first);
		std::function<void()> fn = std::move(it->second);

		deadlines_.erase(it->first.second);
		timers_.erase(it);
		fn();
		ran++;
	}
	now_ = target;
	return ran;
}

} // namespace ipwmodel
