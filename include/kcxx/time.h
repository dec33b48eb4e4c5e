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
 */
#pragma once

#include <kcxx/context.h>
#include <kcxx/shim.h>

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
