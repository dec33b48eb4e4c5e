/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/work.h - deferred work: work items, workqueues, timers
 *
 * A ``Work`` runs a member function of its owner in process context (it
 * receives the Sleepable proof); a ``Timer`` runs one in softirq context (it
 * receives an AtomicContext).  Both are embedded in their owner and bound to
 * it at construction, with a lockdep class per declaration site::
 *
 *	struct Dev {
 *		void rx_work(kcxx::Sleepable &ctx);
 *		void watchdog(kcxx::AtomicContext &ctx);
 *		kcxx::Work rx{KCXX_LOCK_CLASS("ipw2200_cxx:rx_work"), kcxx::bind<&Dev::rx_work>(this)};
 *		kcxx::Timer wd{KCXX_LOCK_CLASS("ipw2200_cxx:watchdog"), kcxx::bind<&Dev::watchdog>(this)};
 *	};
 *
 * The owner must cancel (cancel_sync(), shutdown_sync()) before it goes
 * away; the destructors do it as a last line of defence, so a forgotten
 * cancel is a lockdep-visible wait, never a use after free.
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/context.h>
#include <kcxx/layout.h>
#include <kcxx/lock_class.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/sync.h>
#include <kcxx/time.h>
#include <kcxx/utility.h>

namespace kcxx {

/**
 * struct Callback - a C function and its argument, made by bind<>() from a
 * member function; the context parameter says where it will run.
 */
template <typename Ctx> struct Callback {
	void (*fn)(void *);
	void *arg;
};

namespace detail {
template <auto Method> struct Binder;

template <typename Owner, void (Owner::*M)(Sleepable &)> struct Binder<M> {
	using Ctx = Sleepable;
	static void run(void *arg)
	{
		with_sleepable([arg](Sleepable &ctx)
				       KCXX_NO_THREAD_SAFETY_ANALYSIS { (static_cast<Owner *>(arg)->*M)(ctx); });
	}
};

template <typename Owner, void (Owner::*M)(AtomicContext &)> struct Binder<M> {
	using Ctx = AtomicContext;
	static void run(void *arg)
	{
		with_atomic([arg](AtomicContext &ctx) { (static_cast<Owner *>(arg)->*M)(ctx); });
	}
};

using RawWork = Opaque<KCXX_SIZEOF_WORK, KCXX_ALIGNOF_WORK>;
using RawDelayedWork = Opaque<KCXX_SIZEOF_DWORK, KCXX_ALIGNOF_DWORK>;
using RawTimer = Opaque<KCXX_SIZEOF_TIMER, KCXX_ALIGNOF_TIMER>;
} // namespace detail

/**
 * bind() - a Callback that calls @Method on @owner.
 *
 * A method taking ``Sleepable &`` makes a Callback<Sleepable> (for Work and
 * DelayedWork), one taking ``AtomicContext &`` a Callback<AtomicContext>
 * (for Timer).
 */
template <auto Method> Callback<typename detail::Binder<Method>::Ctx> bind(typename OwnerOf<Method>::type *owner)
{
	return {&detail::Binder<Method>::run, owner};
}

/**
 * class WorkQueue - a workqueue of the driver's own (alloc_workqueue()).
 * Two-phase: construct, then create(); an uncreated one is never used by
 * Work (queue() on it falls back to nothing: create() must have succeeded).
 */
class WorkQueue : Pinned {
public:
	enum Kind : unsigned int {
		ordered = KCXX_WQ_ORDERED,
		highpri = KCXX_WQ_HIGHPRI,
		freezable = KCXX_WQ_FREEZABLE,
		mem_reclaim = KCXX_WQ_MEM_RECLAIM,
	};

	WorkQueue() = default;
	~WorkQueue()
	{
		if (wq_)
			kcxx_shim_wq_destroy(wq_);
	}

	/** create() - allocate the workqueue; @name must outlive nothing (copied). */
	Status create(Sleepable &ctx, const char *name, unsigned int kind) KCXX_REQUIRES(ctx)
	{
		if (wq_)
			return Err(err::busy);
		wq_ = kcxx_shim_wq_alloc(name, kind);
		return wq_ ? Status::ok() : Err(err::nomem);
	}

	/** flush() - wait for everything queued so far. */
	void flush(Sleepable &ctx) KCXX_REQUIRES(ctx) { kcxx_shim_wq_flush(wq_); }

	bool created() const { return wq_ != nullptr; }
	void *raw() const { return wq_; }

private:
	void *wq_ = nullptr;
};

/** class Work - a work_struct bound to a method taking ``Sleepable &``. */
class Work : Pinned {
public:
	Work(LockClass &cls, Callback<Sleepable> cb)
	{
		kcxx_shim_work_init(raw_.get(), cb.fn, cb.arg, cls.name, cls.key);
	}
	~Work() { kcxx_shim_work_cancel_sync(raw_.get()); }

	/** queue() - on the system workqueue; false if it was already pending. */
	bool queue() { return kcxx_shim_work_queue(raw_.get(), nullptr); }
	/** queue_on_cpu() - on the system workqueue's worker for @cpu. */
	bool queue_on_cpu(int cpu) { return kcxx_shim_work_queue_on_cpu(raw_.get(), nullptr, cpu); }
	/** queue_on() - on @wq, which must have been created. */
	bool queue_on(WorkQueue &wq) { return kcxx_shim_work_queue(raw_.get(), wq.raw()); }
	/** cancel_sync() - cancel and wait for a running instance; true if it was pending. */
	bool cancel_sync(Sleepable &ctx) KCXX_REQUIRES(ctx) { return kcxx_shim_work_cancel_sync(raw_.get()); }
	/** flush() - wait until the last queued instance has run. */
	bool flush(Sleepable &ctx) KCXX_REQUIRES(ctx) { return kcxx_shim_work_flush(raw_.get()); }
	bool pending() { return kcxx_shim_work_pending(raw_.get()); }

private:
	detail::RawWork raw_;
};

/** class DelayedWork - a delayed_work bound to a method taking ``Sleepable &``. */
class DelayedWork : Pinned {
public:
	DelayedWork(LockClass &cls, Callback<Sleepable> cb)
	{
		kcxx_shim_dwork_init(raw_.get(), cb.fn, cb.arg, cls.name, cls.key);
	}
	~DelayedWork() { kcxx_shim_dwork_cancel_sync(raw_.get()); }

	/** queue() - run after @delay unless already pending. */
	bool queue(Timeout delay) { return kcxx_shim_dwork_queue(raw_.get(), nullptr, delay.jiffies()); }
	bool queue_on(WorkQueue &wq, Timeout delay)
	{
		return kcxx_shim_dwork_queue(raw_.get(), wq.raw(), delay.jiffies());
	}
	/** modify() - (re)arm to run after @delay, pending or not. */
	bool modify(Timeout delay) { return kcxx_shim_dwork_mod(raw_.get(), nullptr, delay.jiffies()); }
	bool cancel_sync(Sleepable &ctx) KCXX_REQUIRES(ctx) { return kcxx_shim_dwork_cancel_sync(raw_.get()); }
	bool pending() { return kcxx_shim_dwork_pending(raw_.get()); }

private:
	detail::RawDelayedWork raw_;
};

/** class Timer - a timer_list bound to a method taking ``AtomicContext &``. */
class Timer : Pinned {
public:
	Timer(LockClass &cls, Callback<AtomicContext> cb)
	{
		kcxx_shim_timer_init(raw_.get(), cb.fn, cb.arg, cls.name, cls.key);
	}
	~Timer() { kcxx_shim_timer_shutdown_sync(raw_.get()); }

	/** arm() - (re)arm to fire after @delay; true if it was pending. */
	bool arm(Timeout delay) { return kcxx_shim_timer_mod(raw_.get(), delay.jiffies()); }
	/** cancel() - deactivate; the callback may still be running elsewhere. */
	bool cancel() { return kcxx_shim_timer_delete(raw_.get()); }
	/** cancel_sync() - deactivate and wait for a running callback. */
	bool cancel_sync(Sleepable &ctx) KCXX_REQUIRES(ctx) { return kcxx_shim_timer_delete_sync(raw_.get()); }
	/** shutdown_sync() - as cancel_sync(), and arm() does nothing afterwards. */
	void shutdown_sync(Sleepable &ctx) KCXX_REQUIRES(ctx) { (void)kcxx_shim_timer_shutdown_sync(raw_.get()); }
	bool pending() { return kcxx_shim_timer_pending(raw_.get()); }

private:
	detail::RawTimer raw_;
};

} // namespace kcxx
