// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/queue.h: the ISR -> bottom half queue.
#include <kcxx/new.h>
#include <kcxx/atomic.h>
#include <kcxx/queue.h>
#include <kcxx/time.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::u32;

namespace {

using Events = kcxx::IrqQueue<u32, 8>;

int queue_fifo(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Events> q(new (Gfp::kernel(ctx)) Events(KCXX_LOCK_CLASS("kcxx_test:events")));
	CHECK(q);
	CHECK(!q->pop(ctx));
	for (u32 i = 1; i <= 5; i++)
		CHECK(q->push(ctx, i));
	CHECK(q->size(ctx) == 5);
	for (u32 i = 1; i <= 5; i++) {
		auto v = q->pop(ctx);
		CHECK(v && *v == i);
	}
	CHECK(!q->pop(ctx));
	return 0;
}

int queue_full_and_wrap(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Events> q(new (Gfp::kernel(ctx)) Events(KCXX_LOCK_CLASS("kcxx_test:events")));
	CHECK(q);
	for (int round = 0; round < 3; round++) {
		for (u32 i = 0; i < Events::capacity(); i++)
			CHECK(q->push(ctx, 100 * round + i));
		CHECK(!q->push(ctx, 999)); // full: refused, nothing overwritten
		for (u32 i = 0; i < Events::capacity(); i++) {
			auto v = q->pop(ctx);
			CHECK(v && *v == 100u * round + i);
		}
	}
	return 0;
}

// Interrupt-context producer: an hrtimer (hard-IRQ context on UML and
// x86) pushes while process context pops, with lockdep watching.
constinit Events *irq_q = nullptr;
constinit kcxx::Atomic<int> irq_pushed{0};
constinit kcxx::Atomic<int> irq_dropped{0};

} // namespace

extern "C" void kcxx_test_queue_irq_push(void)
{
	kcxx::with_atomic([](kcxx::AtomicContext &actx) {
		if (irq_q->push(actx, static_cast<u32>(irq_pushed.read())))
			irq_pushed.add(1);
		else
			irq_dropped.add(1);
	});
}

namespace {

int queue_from_irq(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Events> q(new (Gfp::kernel(ctx)) Events(KCXX_LOCK_CLASS("kcxx_test:irq_events")));
	CHECK(q);
	irq_q = q.get();
	irq_pushed.set(0);
	irq_dropped.set(0);
	kcxx_test_shim_irq_source_start(50000, kcxx_test_queue_irq_push); // 50 us period
	u32 expect = 0;
	int popped = 0;
	kcxx::u64 deadline = kcxx_test_shim_now_ms() + 20000;
	while (popped < 2000) {
		auto v = q->pop(ctx);
		if (!v) {
			if (kcxx_test_shim_now_ms() > deadline)
				break; // the interrupt source stalled: reported below
			kcxx::cpu_relax();
			continue;
		}
		// FIFO across the interrupt boundary: values arrive in push order
		// (a dropped push does not advance the value).
		CHECK(*v == expect);
		expect++;
		popped++;
	}
	kcxx_test_shim_irq_source_stop();
	irq_q = nullptr;
	CHECK(popped == 2000);
	CHECK(irq_pushed.read() >= 2000);
	return 0;
}

} // namespace

extern "C" int kcxx_test_queue_fifo(void)
{
	return kcxx::with_sleepable(queue_fifo);
}
extern "C" int kcxx_test_queue_full_and_wrap(void)
{
	return kcxx::with_sleepable(queue_full_and_wrap);
}
extern "C" int kcxx_test_queue_from_irq(void)
{
	return kcxx::with_sleepable(queue_from_irq);
}
