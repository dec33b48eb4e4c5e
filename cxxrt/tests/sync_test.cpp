// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/sync.h: owning locks, guards, contexts, lockdep
// classes per declaration site.  Each hook runs a body that needs a
// Sleepable proof (KUnit cases run in process context).
#include <kcxx/new.h>
#include <kcxx/sync.h>
#include <kcxx/time.h>
#include "hooks.h"

using kcxx::Box;
using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::u32;

namespace {

struct Ring {
	u32 head = 0;
	u32 tail = 0;
	Ring() = default;
	Ring(u32 h, u32 t) : head(h), tail(t) {}
};

using RingLock = kcxx::SpinLock<Ring>;
using IrqRingLock = kcxx::IrqSpinLock<Ring>;
using RingMutex = kcxx::Mutex<Ring>;

bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

int spin_guard_data(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<RingLock> lock(new (Gfp::kernel(ctx)) RingLock(KCXX_LOCK_CLASS("kcxx_test:ring"), 3u, 4u));
	CHECK(lock);
	{
		auto g = lock->lock(ctx);
		CHECK(g->head == 3 && g->tail == 4);
		g->head = 10;
		(*g).tail = 11;
	}
	auto g = lock->lock(ctx);
	CHECK(lock->get().head == 10);
	CHECK(g->tail == 11);
	return 0;
}

int spin_is_locked(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<RingLock> lock(new (Gfp::kernel(ctx)) RingLock(KCXX_LOCK_CLASS("kcxx_test:ring")));
	CHECK(lock);
	CHECK(!lock->is_locked());
	{
		auto g = lock->lock(ctx);
		CHECK(lock->is_locked());
		CHECK(!kcxx_test_shim_preemptible());
	}
	CHECK(!lock->is_locked());
	return 0;
}

struct Pair {
	RingLock outer{KCXX_LOCK_CLASS("kcxx_test:outer")};
	IrqRingLock inner{KCXX_LOCK_CLASS("kcxx_test:inner")};
};

int spin_nested_via_atomic(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<Pair> pair(new (Gfp::kernel(ctx)) Pair);
	CHECK(pair);
	for (int i = 0; i < 3; i++) {
		auto go = pair->outer.lock(ctx);
		auto gi = pair->inner.lock(go.atomic());
		go->head++;
		gi->head += 2;
	}
	auto go = pair->outer.lock(ctx);
	auto gi = pair->inner.lock(go.atomic());
	CHECK(go->head == 3 && gi->head == 6);
	return 0;
}

RingLock *make_peer_lock(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	return new (Gfp::kernel(ctx)) RingLock(KCXX_LOCK_CLASS("kcxx_test:peer"));
}

int spin_lock_nested_subclass(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	// Two locks of one class (made by one helper site), nested with a
	// lockdep subclass.
	Box<RingLock> a(make_peer_lock(ctx));
	Box<RingLock> b(make_peer_lock(ctx));
	CHECK(a && b);
	CHECK(a->class_key() == b->class_key());
	auto ga = a->lock(ctx);
	auto gb = b->lock_nested(ga.atomic(), 1);
	ga->head = 1;
	gb->head = 2;
	CHECK(ga->head == 1 && gb->head == 2);
	return 0;
}

int irqspin_disables_irqs(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<IrqRingLock> lock(new (Gfp::kernel(ctx)) IrqRingLock(KCXX_LOCK_CLASS("kcxx_test:irq_ring")));
	CHECK(lock);
	CHECK(!kcxx_test_shim_irqs_disabled());
	{
		auto g = lock->lock(ctx);
		CHECK(kcxx_test_shim_irqs_disabled());
		g->tail = 1;
	}
	CHECK(!kcxx_test_shim_irqs_disabled());
	return 0;
}

int spin_bh(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	using BhRingLock = kcxx::BhSpinLock<Ring>;
	Box<BhRingLock> lock(new (Gfp::kernel(ctx)) BhRingLock(KCXX_LOCK_CLASS("kcxx_test:bh_ring"), 1u, 2u));
	CHECK(lock);
	CHECK(!kcxx_test_shim_in_softirq_disabled());
	{
		auto g = lock->lock(ctx);
		CHECK(kcxx_test_shim_in_softirq_disabled());
		CHECK(!kcxx_test_shim_irqs_disabled()); // only bottom halves are off
		g->head += g->tail;
	}
	CHECK(!kcxx_test_shim_in_softirq_disabled());
	auto g = lock->lock(ctx);
	CHECK(g->head == 3);
	return 0;
}

int spin_assert_held(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<RingLock> lock(new (Gfp::kernel(ctx)) RingLock(KCXX_LOCK_CLASS("kcxx_test:ring")));
	CHECK(lock);
	auto g = lock->lock(ctx);
	lock->assert_held();
	lock->get().head = 9;
	CHECK(g->head == 9);
	return 0;
}

int mutex_guard_data(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<RingMutex> m(new (Gfp::kernel(ctx)) RingMutex(KCXX_LOCK_CLASS("kcxx_test:config"), 1u, 2u));
	CHECK(m);
	CHECK(!m->is_locked());
	{
		auto g = m->lock(ctx);
		CHECK(m->is_locked());
		m->assert_held();
		CHECK(g->head == 1 && g->tail == 2);
		g->head = 5;
	}
	CHECK(!m->is_locked());
	auto g = m->lock(ctx);
	CHECK(g->head == 5);
	return 0;
}

int mutex_sleep_while_held(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<RingMutex> m(new (Gfp::kernel(ctx)) RingMutex(KCXX_LOCK_CLASS("kcxx_test:config")));
	CHECK(m);
	auto g = m->lock(ctx);
	CHECK(kcxx_test_shim_preemptible());
	kcxx::msleep(ctx, 1); // compiles: a mutex is held, not a spinlock
	g->tail = 1;
	return 0;
}

struct Stats {
	u32 packets = 0;
};
struct Device {
	RingLock lock{KCXX_LOCK_CLASS("kcxx_test:device")};
	kcxx::LockedBy<Stats, RingLock> stats{lock};
};

int locked_by(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<Device> dev(new (Gfp::kernel(ctx)) Device);
	CHECK(dev);
	auto g = dev->lock.lock(ctx);
	dev->stats.get(g).packets += 2;
	CHECK(dev->stats.get(g).packets == 2);
	return 0;
}

// A helper that makes a lock: one declaration site, so one class however
// many callers it has.
RingLock *make_helper_lock(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	return new (Gfp::kernel(ctx)) RingLock(KCXX_LOCK_CLASS("kcxx_test:helper"));
}

int lock_class_per_site(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	// The same name at two sites is still two classes.
	Box<RingLock> a(new (Gfp::kernel(ctx)) RingLock(KCXX_LOCK_CLASS("kcxx_test:site")));
	Box<RingLock> b(new (Gfp::kernel(ctx)) RingLock(KCXX_LOCK_CLASS("kcxx_test:site")));
	CHECK(a && b);
	CHECK(a->class_key() && b->class_key());
	CHECK(a->class_key() != b->class_key());
	return 0;
}

int lock_class_same_site(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<RingLock> a(make_helper_lock(ctx));
	Box<RingLock> b(make_helper_lock(ctx));
	CHECK(a && b);
	CHECK(a->class_key() && a->class_key() == b->class_key());
	return 0;
}

int lock_class_names(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	Box<IrqRingLock> lock(new (Gfp::kernel(ctx)) IrqRingLock(KCXX_LOCK_CLASS("ipw2200_cxx:rx_ring")));
	CHECK(lock);
	CHECK(str_eq(lock->class_name(), "ipw2200_cxx:rx_ring"));
	return 0;
}

struct SiteLocks {
	RingLock a{KCXX_LOCK_CLASS("kcxx_test:rx_ring_site_a")};
	RingLock b{KCXX_LOCK_CLASS("kcxx_test:rx_ring_site_b")};
};
constinit SiteLocks *kept_site_locks = nullptr;

int keep_site_locks(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	auto *s = new (Gfp::kernel(ctx)) SiteLocks;
	CHECK(s);
	{
		auto g = s->a.lock(ctx); // lockdep registers a class on first use
		g->head = 1;
	}
	{
		auto g = s->b.lock(ctx);
		g->head = 2;
	}
	kept_site_locks = s;
	return 0;
}

} // namespace

extern "C" int kcxx_test_spin_guard_data(void)
{
	return run(spin_guard_data);
}
extern "C" int kcxx_test_spin_is_locked(void)
{
	return run(spin_is_locked);
}
extern "C" int kcxx_test_spin_nested_via_atomic(void)
{
	return run(spin_nested_via_atomic);
}
extern "C" int kcxx_test_spin_lock_nested_subclass(void)
{
	return run(spin_lock_nested_subclass);
}
extern "C" int kcxx_test_irqspin_disables_irqs(void)
{
	return run(irqspin_disables_irqs);
}
extern "C" int kcxx_test_spin_assert_held(void)
{
	return run(spin_assert_held);
}
extern "C" int kcxx_test_spin_bh(void)
{
	return run(spin_bh);
}
extern "C" int kcxx_test_mutex_guard_data(void)
{
	return run(mutex_guard_data);
}
extern "C" int kcxx_test_mutex_sleep_while_held(void)
{
	return run(mutex_sleep_while_held);
}
extern "C" int kcxx_test_locked_by(void)
{
	return run(locked_by);
}
extern "C" int kcxx_test_lock_class_per_site(void)
{
	return run(lock_class_per_site);
}
extern "C" int kcxx_test_lock_class_same_site(void)
{
	return run(lock_class_same_site);
}
extern "C" int kcxx_test_lock_class_names(void)
{
	return run(lock_class_names);
}
extern "C" int kcxx_test_keep_site_locks(void)
{
	return run(keep_site_locks);
}

extern "C" void kcxx_test_drop_site_locks(void)
{
	delete kept_site_locks;
	kept_site_locks = nullptr;
}
