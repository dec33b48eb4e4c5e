/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/time.h - timeouts and delays
 *
 * A ``Timeout`` is a relative time in jiffies, made from milliseconds or
 * ``Timeout::forever()``.  Sleeping delays (msleep, usleep_range) need the
 * Sleepable proof; the busy-wait udelay() does not, and is meant for the
 * few microseconds hardware sometimes needs between two register accesses::
 *
 *	kcxx::msleep(ctx, 10);
 *	if (!done.wait(ctx, kcxx::Timeout::ms(1000)))
 *		return kcxx::Err(-ETIMEDOUT);
 *
 * A ``Deadline`` bounds a polling loop that sleeps between polls; test the
 * condition once more after the deadline has passed, so a sleep that
 * overran the deadline does not turn into a spurious timeout::
 *
 *	auto dl = kcxx::Deadline::after_ms(500);
 *	for (;;) {
 *		bool done = regs.read32<GP_CNTRL>() & CLOCK_READY;
 *		if (done)
 *			break;
 *		if (dl.passed())
 *			return kcxx::Err(-ETIMEDOUT);
 *		kcxx::usleep_range(ctx, 100, 200);
 *	}
 */
#pragma once

#include <kcxx/context.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>

namespace kcxx {

/** class Timeout - a relative timeout in jiffies. */
class Timeout {
public:
	static Timeout ms(unsigned int ms) { return Timeout(static_cast<long>(kcxx_shim_msecs_to_jiffies(ms))); }
	static constexpr Timeout jiffies(long j) { return Timeout(j); }
	static constexpr Timeout forever() { return Timeout(KCXX_MAX_SCHEDULE_TIMEOUT); }

	constexpr long jiffies() const { return j_; }
	constexpr bool is_forever() const { return j_ == KCXX_MAX_SCHEDULE_TIMEOUT; }
	unsigned int to_ms() const { return kcxx_shim_jiffies_to_msecs(static_cast<unsigned long>(j_)); }

private:
	constexpr explicit Timeout(long j) : j_(j < 0 ? 0 : j) {}
	long j_;
};

/** jiffies_now() - the jiffies counter. */
inline unsigned long jiffies_now()
{
	return kcxx_shim_jiffies();
}

/** ktime_ms() - monotonic time (ktime_get()) in milliseconds, for logs and statistics. */
inline u64 ktime_ms()
{
	return kcxx_shim_ktime_get_ms();
}

/**
 * class Deadline - an absolute point in time, in jiffies, for bounded
 * polling loops.  Comparisons wrap like the kernel's time_after().
 */
class Deadline {
public:
	/** after_ms() - @ms milliseconds from now (rounded up to whole jiffies). */
	static Deadline after_ms(unsigned int ms) { return Deadline(jiffies_now() + kcxx_shim_msecs_to_jiffies(ms)); }
	/** after() - @t from now. */
	static Deadline after(Timeout t) { return Deadline(jiffies_now() + static_cast<unsigned long>(t.jiffies())); }

	/** passed() - whether now is after the deadline (time_after(jiffies, deadline)). */
	bool passed() const { return static_cast<long>(end_ - jiffies_now()) < 0; }
	/** remaining() - what is left of it, zero once passed. */
	Timeout remaining() const
	{
		long left = static_cast<long>(end_ - jiffies_now());
		return Timeout::jiffies(left > 0 ? left : 0);
	}

private:
	explicit Deadline(unsigned long end) : end_(end) {}
	unsigned long end_;
};

/** msleep() - sleep at least @ms milliseconds. */
inline void msleep(Sleepable &ctx, unsigned int ms) KCXX_REQUIRES(ctx)
{
	kcxx_shim_msleep(ms);
}

/** usleep_range() - sleep between @min_us and @max_us microseconds. */
inline void usleep_range(Sleepable &ctx, unsigned long min_us, unsigned long max_us) KCXX_REQUIRES(ctx)
{
	kcxx_shim_usleep_range(min_us, max_us);
}

/** udelay() - busy-wait @us microseconds; allowed in any context. */
inline void udelay(unsigned long us)
{
	kcxx_shim_udelay(us);
}

/** cpu_relax() - inside a busy-wait loop. */
inline void cpu_relax()
{
	kcxx_shim_cpu_relax();
}

} // namespace kcxx
