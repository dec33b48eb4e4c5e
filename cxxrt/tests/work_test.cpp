// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/work.h: work items, delayed work, workqueues and
// timers, each bound to a member function and run in the right context.
#include <kcxx/atomic.h>
#include <kcxx/new.h>
#include <kcxx/sync.h>
#include <kcxx/time.h>
#include <kcxx/wait.h>
#include <kcxx/work.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::Timeout;

namespace {

struct Counter {
	kcxx::Atomic<int> runs{0};
	kcxx::Atomic<int> preemptible_runs{0};
	kcxx::Completion done;
	void tick(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (kcxx_test_shim_preemptible())
			preemptible_runs.add(1);
		kcxx::msleep(ctx, 1); // process context: sleeping is allowed
		runs.add(1);
		done.complete();
	}
	kcxx::Work w{KCXX_LOCK_CLASS("kcxx_test:counter_work"), kcxx::bind<&Counter::tick>(this)};
	kcxx::DelayedWork dw{KCXX_LOCK_CLASS("kcxx_test:counter_dwork"), kcxx::bind<&Counter::tick>(this)};
};

int work_runs_in_process_context(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Counter> c(new (Gfp::kernel(ctx)) Counter);
	CHECK(c);
	CHECK(c->w.queue());
	CHECK(c->done.wait(ctx, Timeout::ms(2000)));
	c->w.flush(ctx);
	CHECK(c->runs.read() == 1);
	CHECK(c->preemptible_runs.read() == 1);
	CHECK(!c->w.pending());
	return 0;
}

int work_cancel(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Counter> c(new (Gfp::kernel(ctx)) Counter);
	CHECK(c);
	CHECK(c->dw.queue(Timeout::ms(5000)));
	CHECK(c->dw.pending());
	CHECK(!c->dw.queue(Timeout::ms(5000))); // already pending
	CHECK(c->dw.cancel_sync(ctx));
	CHECK(!c->dw.pending());
	CHECK(c->runs.read() == 0);
	// modify() re-arms a pending item to run soon.
	CHECK(c->dw.queue(Timeout::ms(5000)));
	CHECK(c->dw.modify(Timeout::ms(1)));
	CHECK(c->done.wait(ctx, Timeout::ms(2000)));
	CHECK(!c->dw.cancel_sync(ctx));
	CHECK(c->runs.read() == 1);
	return 0;
}

struct Ordered {
	struct Log {
		int seq[8] = {};
		int n = 0;
	};
	kcxx::Mutex<Log> log{KCXX_LOCK_CLASS("kcxx_test:ordered_log")};
	kcxx::WorkQueue wq;
	template <int Id> void step(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		auto g = log.lock(ctx);
		if (g->n < 8)
			g->seq[g->n++] = Id;
	}
	kcxx::Work a{KCXX_LOCK_CLASS("kcxx_test:ordered_a"), kcxx::bind<&Ordered::step<1>>(this)};
	kcxx::Work b{KCXX_LOCK_CLASS("kcxx_test:ordered_b"), kcxx::bind<&Ordered::step<2>>(this)};
	kcxx::Work c{KCXX_LOCK_CLASS("kcxx_test:ordered_c"), kcxx::bind<&Ordered::step<3>>(this)};
};

int workqueue_ordered(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Ordered> o(new (Gfp::kernel(ctx)) Ordered);
	CHECK(o);
	CHECK(o->wq.create(ctx, "kcxx_test_ordered", kcxx::WorkQueue::ordered));
	CHECK(o->wq.created());
	CHECK(!o->wq.create(ctx, "again", 0)); // created once
	CHECK(o->a.queue_on(o->wq));
	CHECK(o->b.queue_on(o->wq));
	CHECK(o->c.queue_on(o->wq));
	o->wq.flush(ctx);
	auto g = o->log.lock(ctx);
	CHECK(g->n == 3);
	CHECK(g->seq[0] == 1 && g->seq[1] == 2 && g->seq[2] == 3);
	return 0;
}

struct Ticker {
	kcxx::Atomic<int> fired{0};
	kcxx::Atomic<int> fired_atomic{0};
	// Shared with the timer (softirq): softirqs off while process context holds it.
	kcxx::BhSpinLock<int> total{KCXX_LOCK_CLASS("kcxx_test:ticker_total"), 0};
	void fire(kcxx::AtomicContext &actx)
	{
		if (!kcxx_test_shim_preemptible())
			fired_atomic.add(1);
		auto g = total.lock(actx); // softirq context: the AtomicContext token
		*g += 1;
		if (fired.inc_return() < 3)
			t.arm(Timeout::jiffies(1));
	}
	kcxx::Timer t{KCXX_LOCK_CLASS("kcxx_test:ticker"), kcxx::bind<&Ticker::fire>(this)};
};

int timer_fires_rearms_shutdown(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Ticker> t(new (Gfp::kernel(ctx)) Ticker);
	CHECK(t);
	CHECK(!t->t.arm(Timeout::ms(1)));
	CHECK(t->t.pending());
	for (int i = 0; i < 200 && t->fired.read() < 3; i++)
		kcxx::msleep(ctx, 5);
	CHECK(t->fired.read() == 3);
	CHECK(t->fired_atomic.read() == 3);
	{
		auto g = t->total.lock(ctx);
		CHECK(*g == 3);
	}
	// A cancelled timer does not fire; after shutdown, arm() is ignored.
	t->t.arm(Timeout::ms(1000));
	CHECK(t->t.cancel_sync(ctx));
	t->t.shutdown_sync(ctx);
	t->t.arm(Timeout::jiffies(1));
	CHECK(!t->t.pending());
	kcxx::msleep(ctx, 20);
	CHECK(t->fired.read() == 3);
	return 0;
}

} // namespace

extern "C" int kcxx_test_work_runs_in_process_context(void)
{
	return run(work_runs_in_process_context);
}
extern "C" int kcxx_test_work_cancel(void)
{
	return run(work_cancel);
}
extern "C" int kcxx_test_workqueue_ordered(void)
{
	return run(workqueue_ordered);
}
extern "C" int kcxx_test_timer_fires_rearms_shutdown(void)
{
	return run(timer_fires_rearms_shutdown);
}
