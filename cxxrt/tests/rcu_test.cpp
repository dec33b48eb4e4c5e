// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/rcu.h and arc.h: RCU read sections, Revocable<T>
// revoked while a reader is inside, Arc<T> reference counting.
#include <kcxx/arc.h>
#include <kcxx/atomic.h>
#include <kcxx/new.h>
#include <kcxx/rcu.h>
#include <kcxx/time.h>
#include <kcxx/wait.h>
#include <kcxx/work.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::Timeout;

namespace {

constinit kcxx::Atomic<int> live_regs{0};

struct Regs {
	int value;
	explicit Regs(int v) : value(v) { live_regs.add(1); }
	~Regs() { live_regs.sub(1); }
};

int rcu_read_guard(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	{
		kcxx::RcuReadGuard g(ctx);
		CHECK(kcxx_shim_rcu_read_lock_held());
	}
	kcxx::synchronize_rcu(ctx); // the proof is back after the guard
	return 0;
}

int revocable_access_and_revoke(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<kcxx::Revocable<Regs>> r(new (Gfp::kernel(ctx)) kcxx::Revocable<Regs>);
	CHECK(r);
	{
		auto a = r->try_access(ctx);
		CHECK(!a); // empty until emplace()
	}
	r->emplace(7);
	CHECK(live_regs.read() == 1);
	{
		auto a = r->try_access(ctx);
		CHECK(a && a->value == 7);
	}
	CHECK(r->revoke(ctx));
	CHECK(live_regs.read() == 0); // destroyed by revoke
	CHECK(!r->revoke(ctx));	      // once
	{
		auto a = r->try_access(ctx);
		CHECK(!a);
	}
	r->emplace(8); // a re-bound device
	CHECK(r->is_available() && live_regs.read() == 1);
	delete r.release(); // the owner goes: the data with it
	CHECK(live_regs.read() == 0);
	return 0;
}

// A reader in atomic context (a timer) keeps using the data while process
// context revokes: revoke() must wait for it.
struct RevokeRace {
	kcxx::Revocable<Regs> regs;
	kcxx::Atomic<int> reads{0};
	kcxx::Atomic<int> bad{0};
	kcxx::Atomic<int> stop{0};
	void reader(kcxx::AtomicContext &actx)
	{
		if (auto a = regs.try_access(actx)) {
			for (int i = 0; i < 100; i++)
				if (a->value != 99 || live_regs.read() != 1)
					bad.add(1);
			reads.add(1);
		}
		if (!stop.read())
			t.arm(Timeout::jiffies(1));
	}
	kcxx::Timer t{KCXX_LOCK_CLASS("kcxx_test:revoke_reader"), kcxx::bind<&RevokeRace::reader>(this)};
};

int revocable_revoke_waits_for_readers(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<RevokeRace> rr(new (Gfp::kernel(ctx)) RevokeRace);
	CHECK(rr);
	rr->regs.emplace(99);
	rr->t.arm(Timeout::jiffies(1));
	for (int i = 0; i < 400 && rr->reads.read() < 5; i++)
		kcxx::msleep(ctx, 2);
	CHECK(rr->reads.read() >= 5);
	CHECK(rr->regs.revoke(ctx));
	int after = rr->reads.read();
	kcxx::msleep(ctx, 20);
	CHECK(rr->reads.read() == after); // nobody gets in after revoke()
	rr->stop.set(1);
	rr->t.shutdown_sync(ctx);
	CHECK(rr->bad.read() == 0);
	CHECK(live_regs.read() == 0);
	return 0;
}

int arc_counts(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	{
		auto r = kcxx::Arc<Regs>::make(Gfp::kernel(ctx), 5);
		CHECK(r);
		kcxx::Arc<Regs> a = kcxx::move(r.value());
		CHECK(a.count() == 1 && a->value == 5);
		CHECK(live_regs.read() == 1);
		{
			kcxx::Arc<Regs> b = a;
			CHECK(a.count() == 2 && b.same(a));
			kcxx::Arc<Regs> c = kcxx::move(b);
			CHECK(!b && a.count() == 2);
			c.reset();
			CHECK(a.count() == 1);
		}
		CHECK(live_regs.read() == 1);
	}
	CHECK(live_regs.read() == 0); // the last reference deleted it
	return 0;
}

} // namespace

extern "C" int kcxx_test_rcu_read_guard(void)
{
	return run(rcu_read_guard);
}
extern "C" int kcxx_test_revocable_access_and_revoke(void)
{
	return run(revocable_access_and_revoke);
}
extern "C" int kcxx_test_revocable_revoke_waits_for_readers(void)
{
	return run(revocable_revoke_waits_for_readers);
}
extern "C" int kcxx_test_arc_counts(void)
{
	return run(arc_counts);
}
