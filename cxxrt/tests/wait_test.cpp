// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/wait.h and time.h: wait queues, condition
// variables over a Mutex, completions.  Wakers run as work items.
#include <kcxx/atomic.h>
#include <kcxx/new.h>
#include <kcxx/time.h>
#include <kcxx/wait.h>
#include <kcxx/work.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::Timeout;
using kcxx::WaitResult;

namespace {

struct Flag {
	kcxx::WaitQueue wq{KCXX_LOCK_CLASS("kcxx_test:flag_wq")};
	kcxx::Atomic<int> value{0};
	void raise(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		kcxx::msleep(ctx, 20);
		value.set(1);
		wq.wake_all();
	}
	kcxx::Work waker{KCXX_LOCK_CLASS("kcxx_test:flag_waker"), kcxx::bind<&Flag::raise>(this)};
};

int waitq_wakes(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Flag> f(new (Gfp::kernel(ctx)) Flag);
	CHECK(f);
	CHECK(f->waker.queue());
	auto r = f->wq.wait_until(ctx, Timeout::ms(2000), [&] { return f->value.read() == 1; });
	CHECK(r == WaitResult::woken);
	f->waker.flush(ctx);
	return 0;
}

int waitq_times_out(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::WaitQueue wq{KCXX_LOCK_CLASS("kcxx_test:idle_wq")};
	unsigned long t0 = kcxx::jiffies_now();
	auto r = wq.wait_until(ctx, Timeout::ms(30), [] { return false; });
	CHECK(r == WaitResult::timed_out);
	CHECK(kcxx::jiffies_now() - t0 >= Timeout::ms(30).jiffies());
	// A predicate that already holds returns at once.
	CHECK(wq.wait_until(ctx, Timeout::ms(0), [] { return true; }) == WaitResult::woken);
	return 0;
}

struct Mailbox {
	struct State {
		int posted = 0;
		int value = 0;
	};
	kcxx::Mutex<State> m{KCXX_LOCK_CLASS("kcxx_test:mailbox")};
	kcxx::CondVar cv{KCXX_LOCK_CLASS("kcxx_test:mailbox_cv")};
	void post(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		kcxx::msleep(ctx, 10);
		{
			auto g = m.lock(ctx);
			g->value = 42;
			g->posted = 1;
		}
		cv.notify_all();
	}
	kcxx::Work poster{KCXX_LOCK_CLASS("kcxx_test:mailbox_poster"), kcxx::bind<&Mailbox::post>(this)};
};

int condvar_wait_notify(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Mailbox> mb(new (Gfp::kernel(ctx)) Mailbox);
	CHECK(mb);
	CHECK(mb->poster.queue());
	{
		auto g = mb->m.lock(ctx);
		int rounds = 0;
		while (!g->posted) {
			CHECK(mb->cv.wait(ctx, g, Timeout::ms(2000)) != WaitResult::timed_out);
			CHECK(++rounds < 100);
		}
		// The mutex is held again: the data is consistent.
		CHECK(g->value == 42);
		CHECK(mb->m.is_locked());
	}
	CHECK(!mb->m.is_locked());
	mb->poster.flush(ctx);
	return 0;
}

int condvar_times_out(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Mailbox> mb(new (Gfp::kernel(ctx)) Mailbox);
	CHECK(mb);
	auto g = mb->m.lock(ctx);
	CHECK(mb->cv.wait(ctx, g, Timeout::ms(20)) == WaitResult::timed_out);
	CHECK(mb->m.is_locked());
	return 0;
}

struct Done {
	kcxx::Completion c;
	void fire(Sleepable &) { c.complete(); }
	kcxx::Work w{KCXX_LOCK_CLASS("kcxx_test:completer"), kcxx::bind<&Done::fire>(this)};
};

int completion_basic(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Done> d(new (Gfp::kernel(ctx)) Done);
	CHECK(d);
	CHECK(!d->c.done());
	CHECK(!d->c.wait(ctx, Timeout::ms(10))); // nobody completes: times out
	CHECK(d->w.queue());
	CHECK(d->c.wait(ctx, Timeout::ms(2000)));
	d->w.flush(ctx);
	d->c.complete_all();
	CHECK(d->c.wait(ctx, Timeout::ms(0)));
	CHECK(d->c.wait(ctx, Timeout::ms(0))); // complete_all lets every wait pass
	d->c.reinit();
	CHECK(!d->c.done());
	return 0;
}

} // namespace

extern "C" int kcxx_test_waitq_wakes(void)
{
	return run(waitq_wakes);
}
extern "C" int kcxx_test_waitq_times_out(void)
{
	return run(waitq_times_out);
}
extern "C" int kcxx_test_condvar_wait_notify(void)
{
	return run(condvar_wait_notify);
}
extern "C" int kcxx_test_condvar_times_out(void)
{
	return run(condvar_times_out);
}
extern "C" int kcxx_test_completion_basic(void)
{
	return run(completion_basic);
}
