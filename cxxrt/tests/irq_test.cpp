// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/irq.h and the claims of pci.h: the handler
// trampolines and their context tokens, a request that fails cleanly,
// claims that undo their step when dropped, Slot<T>.
#include <kcxx/atomic.h>
#include <kcxx/irq.h>
#include <kcxx/new.h>
#include <kcxx/pci.h>
#include <kcxx/time.h>
#include "hooks.h"

using kcxx::AtomicContext;
using kcxx::Gfp;
using kcxx::IrqReturn;
using kcxx::Sleepable;
using kcxx::u32;

namespace {

struct IrqOwner {
	kcxx::Atomic<int> hard{0};
	kcxx::Atomic<int> thread{0};
	kcxx::Atomic<int> thread_preemptible{0};

	IrqReturn isr(AtomicContext &)
	{
		// First interrupt: ours, wake the thread; then: not ours.
		return hard.inc_return() == 1 ? IrqReturn::wake_thread : IrqReturn::none;
	}
	IrqReturn irq_thread(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (kcxx_test_shim_preemptible())
			thread_preemptible.add(1);
		kcxx::msleep(ctx, 1); // the thread handler may sleep
		thread.add(1);
		return IrqReturn::handled;
	}
	kcxx::ThreadedIrq irq;
};

static_assert(kcxx::is_same_v<kcxx::OwnerOf<&IrqOwner::isr>::type, IrqOwner>);
static_assert(static_cast<int>(IrqReturn::none) == KCXX_IRQ_NONE &&
	      static_cast<int>(IrqReturn::handled) == KCXX_IRQ_HANDLED &&
	      static_cast<int>(IrqReturn::wake_thread) == KCXX_IRQ_WAKE_THREAD);

int irq_binding(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<IrqOwner> o(new (Gfp::kernel(ctx)) IrqOwner);
	CHECK(o);
	// The trampolines request() installs, called as the shim calls them.
	using Hard = kcxx::detail::IrqHardBinder<&IrqOwner::isr>;
	using Thread = kcxx::detail::IrqThreadBinder<&IrqOwner::irq_thread>;
	CHECK(Hard::run(o.get()) == KCXX_IRQ_WAKE_THREAD);
	CHECK(Hard::run(o.get()) == KCXX_IRQ_NONE);
	CHECK(Thread::run(o.get()) == KCXX_IRQ_HANDLED);
	CHECK(o->hard.read() == 2 && o->thread.read() == 1 && o->thread_preemptible.read() == 1);

	// A line that does not exist: the error, and nothing requested.
	CHECK(!o->irq.requested());
	auto r = o->irq.request<&IrqOwner::isr, &IrqOwner::irq_thread>(ctx, 1u << 30, o.get(), "kcxx_test", true);
	CHECK(!r && r.error() == -22);
	CHECK(!o->irq.requested());
	o->irq.synchronize(ctx); // no-ops when not requested
	o->irq.free(ctx);
	o->irq.free(ctx);
	return 0;
}

// Claims give their resource back when dropped, and only once.
int released = 0;
struct CountRelease {
	static void release(void *, void *res) { released += static_cast<int>(reinterpret_cast<kcxx::uintptr_t>(res)); }
};
using TestClaim = kcxx::detail::PciClaim<CountRelease>;
int token;

kcxx::Result<TestClaim> claim_or_fail(bool fail)
{
	if (fail)
		return kcxx::Err(-16);
	return TestClaim(&token, reinterpret_cast<void *>(1), 4096);
}

int pci_claims(Sleepable &)
{
	released = 0;
	{
		auto c = claim_or_fail(false);
		CHECK(c && c.value().len() == 4096);
	} // dropped: released
	CHECK(released == 1);
	{
		auto c = claim_or_fail(false);
		CHECK(c);
		TestClaim moved(kcxx::move(c.value()));
		CHECK(c.value().pdev() == nullptr && moved.pdev() == &token);
	} // released once, by the new owner of the claim
	CHECK(released == 2);
	{
		auto c = claim_or_fail(false);
		CHECK(c);
		CHECK(c.value().take() == &token); // taken over: not released
	}
	CHECK(released == 2);
	{
		auto c = claim_or_fail(true);
		CHECK(!c && c.error() == -16);
	}
	CHECK(released == 2);

	kcxx::Slot<kcxx::Atomic<int>> s;
	CHECK(!s && s.operator->() == nullptr);
	s.emplace(5);
	s.emplace(6); // already there: ignored
	CHECK(s && s->read() == 5);
	s.reset();
	CHECK(!s);
	return 0;
}

} // namespace

extern "C" int kcxx_test_irq_binding(void)
{
	return run(irq_binding);
}
extern "C" int kcxx_test_pci_claims(void)
{
	return run(pci_claims);
}
