// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/random.h and the Deadline of kcxx/time.h.
#include <kcxx/random.h>
#include <kcxx/time.h>
#include "hooks.h"

using kcxx::Sleepable;
using kcxx::u32;
using kcxx::u8;

namespace {

int random_values(Sleepable &)
{
	// 8 equal values in a row from a 32-bit generator: p = 2^-224.
	u32 first = kcxx::random_u32();
	bool differ = false;
	for (int i = 0; i < 7; i++)
		differ |= kcxx::random_u32() != first;
	CHECK(differ);

	u8 buf[67] = {};
	kcxx::random_bytes(buf + 1, 64); // an odd start and length
	int zero = 0;
	for (int i = 1; i <= 64; i++)
		zero += buf[i] == 0;
	CHECK(zero < 16);
	CHECK(buf[0] == 0 && buf[65] == 0 && buf[66] == 0); // nothing outside
	kcxx::random_bytes(buf, 0);
	return 0;
}

int deadline_polling(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::u64 t0 = kcxx::ktime_ms();
	auto dl = kcxx::Deadline::after_ms(50);
	CHECK(!dl.passed());
	CHECK(dl.remaining().jiffies() > 0);
	int polls = 0;
	while (!dl.passed()) {
		kcxx::msleep(ctx, 5);
		polls++;
		CHECK(polls < 1000);
	}
	kcxx::u64 elapsed = kcxx::ktime_ms() - t0;
	CHECK(elapsed >= 40); // at least the deadline (jiffies granularity)
	CHECK(dl.remaining().jiffies() == 0);
	auto now = kcxx::Deadline::after(kcxx::Timeout::jiffies(0));
	kcxx::msleep(ctx, 20);
	CHECK(now.passed());
	return 0;
}

} // namespace

extern "C" int kcxx_test_random_values(void)
{
	return run(random_values);
}
extern "C" int kcxx_test_deadline_polling(void)
{
	return run(deadline_polling);
}
