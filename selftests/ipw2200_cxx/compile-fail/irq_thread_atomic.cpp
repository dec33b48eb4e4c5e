// SPDX-License-Identifier: GPL-2.0
// expect: the IRQ thread handler must be IrqReturn (Owner::*)(kcxx::Sleepable &)
// The thread half of a threaded interrupt runs in process context and gets
// the Sleepable proof; binding a method that takes an AtomicContext there
// (here: the two handlers swapped) must not compile.
#include <kcxx/irq.h>

struct Dev {
	kcxx::IrqReturn isr(kcxx::AtomicContext &) { return kcxx::IrqReturn::wake_thread; }
	kcxx::IrqReturn irq_thread(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) { return kcxx::IrqReturn::handled; }
	kcxx::ThreadedIrq irq;
};

int setup_irq(Dev *d, kcxx::Sleepable &ctx, unsigned int line) KCXX_REQUIRES(ctx);
int setup_irq(Dev *d, kcxx::Sleepable &ctx, unsigned int line)
{
#ifdef CONTROL
	auto r = d->irq.request<&Dev::isr, &Dev::irq_thread>(ctx, line, d, "test", true);
#else
	auto r = d->irq.request<&Dev::irq_thread, &Dev::isr>(ctx, line, d, "test", true);
#endif
	return r.error();
}
