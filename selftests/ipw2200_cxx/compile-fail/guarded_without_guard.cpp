// SPDX-License-Identifier: GPL-2.0
// expect: calling function 'get' requires holding spinlock 'd.rx' exclusively
// Touching a guarded datum without its guard must not compile.
#include <kcxx/sync.h>

struct Ring {
	kcxx::u32 head = 0;
};
struct Dev {
	kcxx::SpinLock<Ring> rx{KCXX_LOCK_CLASS("test:rx")};
};

void touch(Dev &d, kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
{
#ifdef CONTROL
	auto g = d.rx.lock(ctx);
#endif
	d.rx.get().head = 1;
}
