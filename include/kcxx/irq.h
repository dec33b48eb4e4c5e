/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/irq.h - threaded interrupt handlers
 *
 * ``ThreadedIrq`` is request_threaded_irq() with both halves bound to
 * methods of one owner.  The hard handler runs in hard-IRQ context and gets
 * an ``AtomicContext``; the thread handler runs in the interrupt's kernel
 * thread (process context) and gets a ``Sleepable``, so it may take
 * mutexes and wait for the device.  Binding a method with the wrong context
 * does not compile::
 *
 *	struct Dev {
 *		kcxx::IrqReturn isr(kcxx::AtomicContext &ctx);	// mask, ack, return wake_thread
 *		kcxx::IrqReturn irq_thread(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
 *		kcxx::ThreadedIrq irq;
 *	};
 *
 *	auto r = d->irq.request<&Dev::isr, &Dev::irq_thread>(ctx, pdev.irq(), d, "ipw2200_cxx", true);
 *	...
 *	d->irq.free(ctx);	// remove: both halves have finished when it returns
 *
 * The line is requested without ``IRQF_ONESHOT``: it stays unmasked while
 * the thread runs.  So the hard handler must silence the device itself
 * (mask or acknowledge its interrupt sources) before it returns
 * ``IrqReturn::wake_thread``; otherwise a level-triggered line fires again
 * at once, forever.  It returns ``IrqReturn::none`` when the interrupt was
 * not its device's (shared lines, a device already gone: all-ones reads).
 * The thread handler returns ``handled`` or ``none`` (``wake_thread`` from
 * the thread counts as ``handled``).
 *
 * The owner must be ready for both handlers before request() (shared lines
 * call the handler at once for other devices' interrupts, and
 * ``CONFIG_DEBUG_SHIRQ`` calls it on purpose), and @name must stay valid
 * until free() (the kernel keeps the pointer: use a string literal).
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/context.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/utility.h>

namespace kcxx {

/** enum class IrqReturn - what a handler says about one interrupt (irqreturn_t). */
enum class IrqReturn : int {
	none = KCXX_IRQ_NONE,		    /* not ours */
	handled = KCXX_IRQ_HANDLED,	    /* ours, done */
	wake_thread = KCXX_IRQ_WAKE_THREAD, /* ours, run the thread handler */
};

namespace detail {
template <auto Method> struct IrqHardBinder {
	static_assert(dependent_false_v<Method>,
		      "the hard-IRQ handler must be IrqReturn (Owner::*)(kcxx::AtomicContext &)");
};
template <typename Owner, IrqReturn (Owner::*M)(AtomicContext &)> struct IrqHardBinder<M> {
	static int run(void *arg)
	{
		return static_cast<int>(
			with_atomic([arg](AtomicContext &ctx) { return (static_cast<Owner *>(arg)->*M)(ctx); }));
	}
};

template <auto Method> struct IrqThreadBinder {
	static_assert(dependent_false_v<Method>,
		      "the IRQ thread handler must be IrqReturn (Owner::*)(kcxx::Sleepable &)");
};
template <typename Owner, IrqReturn (Owner::*M)(Sleepable &)> struct IrqThreadBinder<M> {
	static int run(void *arg)
	{
		return static_cast<int>(with_sleepable([arg](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
			return (static_cast<Owner *>(arg)->*M)(ctx);
		}));
	}
};
} // namespace detail

/**
 * class ThreadedIrq - one requested interrupt line with a hard and a thread
 * handler.  Default-constructed (not requested), then request(); free() in
 * the owner's teardown, the destructor frees as a last line of defence.
 */
class ThreadedIrq : Pinned {
public:
	ThreadedIrq() = default;
	~ThreadedIrq()
	{
		if (requested_)
			kcxx_shim_free_irq(irq_, &handler_);
	}

	/**
	 * request() - request_threaded_irq() with @Hard and @Thread on @owner.
	 * @ctx: may sleep
	 * @irq: the interrupt number (PciDevice::irq())
	 * @owner: the object both handlers are called on
	 * @name: for /proc/interrupts; must outlive the request (a literal)
	 * @shared: ``IRQF_SHARED``; the line may be shared with other devices
	 *
	 * @Hard is ``IrqReturn (Owner::*)(AtomicContext &)``, @Thread
	 * ``IrqReturn (Owner::*)(Sleepable &)``, both of the same Owner.
	 *
	 * Return: 0, -EBUSY if already requested, or request_threaded_irq()'s
	 * error.
	 */
	template <auto Hard, auto Thread>
	[[nodiscard]] Status request(Sleepable &ctx, unsigned int irq, typename OwnerOf<Hard>::type *owner,
				     const char *name, bool shared) KCXX_REQUIRES(ctx)
	{
		static_assert(is_same_v<typename OwnerOf<Hard>::type, typename OwnerOf<Thread>::type>,
			      "both IRQ handlers must be methods of the same class");
		if (requested_)
			return Err(err::busy);
		handler_.hard = &detail::IrqHardBinder<Hard>::run;
		handler_.thread = &detail::IrqThreadBinder<Thread>::run;
		handler_.arg = owner;
		int r = kcxx_shim_request_threaded_irq(irq, &handler_, name, shared);
		if (r)
			return Err(r);
		irq_ = irq;
		requested_ = true;
		return Status::ok();
	}

	/**
	 * free() - free_irq(): when it returns, neither handler is running or
	 * will run again.  Does nothing if not requested (idempotent).
	 */
	void free(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (!requested_)
			return;
		kcxx_shim_free_irq(irq_, &handler_);
		requested_ = false;
	}

	/** synchronize() - synchronize_irq(): wait for running handlers (both halves). */
	void synchronize(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (requested_)
			kcxx_shim_synchronize_irq(irq_);
	}

	bool requested() const { return requested_; }
	/** irq() - the line, while requested. */
	unsigned int irq() const { return irq_; }

private:
	kcxx_irq_handler handler_{};
	unsigned int irq_ = 0;
	bool requested_ = false;
};

} // namespace kcxx
