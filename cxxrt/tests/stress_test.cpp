// SPDX-License-Identifier: GPL-2.0
// The stress test: both CPUs (a work item pinned to each) and a hard-IRQ
// source (an hrtimer) hammer one IrqSpinLock, a bit lock in AtomicBits,
// a 64-bit Atomic and the ISR queue at once, with lockdep watching.  Every
// shared datum carries an invariant that a lost update or a torn critical
// section would break; the counts must add up exactly at the end.
#include <kcxx/atomic.h>
#include <kcxx/new.h>
#include <kcxx/queue.h>
#include <kcxx/sync.h>
#include <kcxx/time.h>
#include <kcxx/wait.h>
#include <kcxx/work.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::Timeout;
using kcxx::u32;
using kcxx::u64;

namespace {

enum class Bit : unsigned int { busy, seen_irq };

struct Stress {
	struct Pair {
		u64 a = 0;
		u64 b = 0;
	};
	kcxx::IrqSpinLock<Pair> pair{KCXX_LOCK_CLASS("kcxx_stress:pair")};
	kcxx::AtomicBits<Bit> bits;
	u64 bit_locked_count = 0; // only under the Bit::busy bit lock
	kcxx::Atomic<u64> total{0};
	kcxx::IrqQueue<u32, 64> q{KCXX_LOCK_CLASS("kcxx_stress:queue")};
	kcxx::Atomic<long> pushed{0};
	kcxx::Atomic<long> popped{0};
	kcxx::Atomic<long> irq_runs{0};
	kcxx::Atomic<int> torn{0};
	kcxx::Atomic<int> stop{0};
	kcxx::Atomic<long> bit_entries{0};
	kcxx::Atomic<int> cpus_seen{0};
	kcxx::Completion finished[2];

	void bump_pair(kcxx::IrqSpinLock<Pair>::Guard &g)
	{
		if (g->a != g->b)
			torn.add(1);
		g->a++;
		g->b++;
	}

	void bit_locked()
	{
		if (bits.test_and_set_lock(Bit::busy))
			return; // someone else is inside; a bit lock is try-only here
		bit_locked_count++;
		bit_entries.add(1);
		bits.clear_unlock(Bit::busy);
	}

	template <int Id> void worker(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		cpus_seen.add(1 << Id);
		unsigned long long iters = 0;
		while (!stop.read()) {
			{
				auto g = pair.lock(ctx);
				bump_pair(g);
			}
			total.add(1);
			bit_locked();
			while (auto v = q.pop(ctx)) {
				(void)*v;
				popped.add(1);
			}
			if (++iters % 1024 == 0)
				kcxx::usleep_range(ctx, 20, 50); // not a CPU hog to the workqueue
		}
		finished[Id].complete();
	}

	void irq(kcxx::AtomicContext &actx)
	{
		{
			auto g = pair.lock(actx);
			bump_pair(g);
		}
		total.add(1);
		bit_locked();
		bits.set(Bit::seen_irq);
		if (q.push(actx, static_cast<u32>(irq_runs.read())))
			pushed.add(1);
		irq_runs.add(1);
	}

	kcxx::Work w0{KCXX_LOCK_CLASS("kcxx_stress:worker0"), kcxx::bind<&Stress::worker<0>>(this)};
	kcxx::Work w1{KCXX_LOCK_CLASS("kcxx_stress:worker1"), kcxx::bind<&Stress::worker<1>>(this)};
};

constinit Stress *stress = nullptr;

int stress_two_cpus_and_irq(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	CHECK(kcxx_test_shim_online_cpus() >= 2);
	kcxx::Box<Stress> s(new (Gfp::kernel(ctx)) Stress);
	CHECK(s);
	stress = s.get();
	kcxx_test_shim_irq_source_start(100000, kcxx_test_stress_irq); // every 100 us
	CHECK(s->w0.queue_on_cpu(0));
	CHECK(s->w1.queue_on_cpu(1));
	kcxx::msleep(ctx, 1500);
	s->stop.set(1);
	CHECK(s->finished[0].wait(ctx, Timeout::ms(5000)));
	CHECK(s->finished[1].wait(ctx, Timeout::ms(5000)));
	kcxx_test_shim_irq_source_stop();
	stress = nullptr;
	while (auto v = s->q.pop(ctx)) {
		(void)*v;
		s->popped.add(1);
	}

	CHECK(s->cpus_seen.read() == 3); // both workers ran
	CHECK(s->irq_runs.read() > 10);	 // and the interrupt source did
	CHECK(s->bits.test(Bit::seen_irq));
	CHECK(!s->bits.test(Bit::busy));
	CHECK(s->torn.read() == 0);
	{
		auto g = s->pair.lock(ctx);
		CHECK(g->a == g->b);
		CHECK(g->a == s->total.read()); // no lost update anywhere
	}
	CHECK(s->bit_locked_count == static_cast<u64>(s->bit_entries.read()));
	CHECK(s->pushed.read() == s->popped.read());
	s->w0.flush(ctx);
	s->w1.flush(ctx);
	return 0;
}

} // namespace

extern "C" void kcxx_test_stress_irq(void)
{
	kcxx::with_atomic([](kcxx::AtomicContext &actx) {
		if (stress)
			stress->irq(actx);
	});
}

extern "C" int kcxx_test_stress_two_cpus_and_irq(void)
{
	return run(stress_two_cpus_and_irq);
}
