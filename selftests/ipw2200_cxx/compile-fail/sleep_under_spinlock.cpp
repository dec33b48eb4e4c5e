// SPDX-License-Identifier: GPL-2.0
// expect: calling function 'lock' requires holding sleepable context 'ctx' exclusively
// A sleeping call (here: taking a mutex) while a spinlock guard is alive
// must not compile: the guard takes the Sleepable proof away.
#include <kcxx/sync.h>

struct Config {
	kcxx::u32 mode = 0;
};
struct Ring {
	kcxx::u32 head = 0;
};
struct Dev {
	kcxx::SpinLock<Ring> rx{KCXX_LOCK_CLASS("test:rx")};
	kcxx::Mutex<Config> cfg{KCXX_LOCK_CLASS("test:cfg")};
};

void reconfigure(Dev &d, kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	{
		auto g = d.rx.lock(ctx);
		g->head = 0;
#ifndef CONTROL
		auto c = d.cfg.lock(ctx);
		c->mode = 1;
#endif
	}
#ifdef CONTROL
	auto c = d.cfg.lock(ctx);
	c->mode = 1;
#endif
}
