/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/wait.h - waiting: wait queues, condition variables, completions
 *
 * ``WaitQueue::wait_until(ctx, timeout, pred)`` sleeps until ``pred()`` is
 * true (wait_event_timeout()); whatever ``pred`` reads must be safe to read
 * without a lock (an atomic, or data the predicate locks itself).
 *
 * ``CondVar`` is the condition variable of a ``Mutex``: ``wait()`` takes the
 * mutex guard, so the lock is provably held when the state is checked, is
 * dropped while sleeping and is held again when ``wait()`` returns.  Wakers
 * change the state under the mutex and then call ``notify_one()`` or
 * ``notify_all()``::
 *
 *	auto g = cmd.lock(ctx);
 *	while (g->busy)
 *		if (cv.wait(ctx, g, kcxx::Timeout::ms(500)) == kcxx::CondVar::timed_out)
 *			return kcxx::Err(-ETIMEDOUT);
 *
 * ``Completion`` is the kernel's struct completion: one side waits (may
 * sleep, needs the proof), any context completes.
 */
#pragma once

#include <kcxx/context.h>
#include <kcxx/layout.h>
#include <kcxx/lock_class.h>
#include <kcxx/shim.h>
#include <kcxx/sync.h>
#include <kcxx/time.h>
#include <kcxx/utility.h>

namespace kcxx {

namespace detail {
using RawWaitQueue = Opaque<KCXX_SIZEOF_WAIT_QUEUE_HEAD, KCXX_ALIGNOF_WAIT_QUEUE_HEAD>;
using RawWaitEntry = Opaque<KCXX_SIZEOF_WAIT_ENTRY, KCXX_ALIGNOF_WAIT_ENTRY>;
using RawCompletion = Opaque<KCXX_SIZEOF_COMPLETION, KCXX_ALIGNOF_COMPLETION>;
} // namespace detail

/** enum class WaitResult - how a wait ended. */
enum class WaitResult { woken, timed_out, interrupted };

/**
 * class WaitQueue - a wait_queue_head_t.  Its internal lock gets the
 * lockdep class of the declaration site, like the locks.
 */
class WaitQueue : Pinned {
public:
	explicit WaitQueue(LockClass &cls) { kcxx_shim_waitq_init(raw_.get(), cls.name, cls.key); }

	void wake_one() { kcxx_shim_wake_up(raw_.get()); }
	void wake_all() { kcxx_shim_wake_up_all(raw_.get()); }

	/**
	 * wait_until() - sleep until @pred() holds or @timeout passes.
	 * Return: woken if @pred() held (possibly without sleeping), timed_out.
	 */
	template <typename Pred> WaitResult wait_until(Sleepable &ctx, Timeout timeout, Pred &&pred) KCXX_REQUIRES(ctx)
	{
		return wait(ctx, timeout, pred, false);
	}

	/** wait_until_interruptible() - as wait_until(), but a signal ends the wait. */
	template <typename Pred>
	WaitResult wait_until_interruptible(Sleepable &ctx, Timeout timeout, Pred &&pred) KCXX_REQUIRES(ctx)
	{
		return wait(ctx, timeout, pred, true);
	}

	void *raw() { return raw_.get(); }

private:
	template <typename Pred> WaitResult wait(Sleepable &, Timeout timeout, Pred &pred, bool intr)
	{
		if (pred())
			return WaitResult::woken;
		detail::RawWaitEntry entry;
		long left = timeout.jiffies();
		WaitResult res = WaitResult::timed_out;
		kcxx_shim_wait_entry_init(entry.get());
		for (;;) {
			long sig = kcxx_shim_prepare_to_wait(raw_.get(), entry.get(), intr);
			if (pred()) {
				res = WaitResult::woken;
				break;
			}
			if (sig) {
				res = WaitResult::interrupted;
				break;
			}
			if (!left)
				break;
			left = kcxx_shim_schedule_timeout(left);
		}
		kcxx_shim_finish_wait(raw_.get(), entry.get());
		return res;
	}

	detail::RawWaitQueue raw_;
};

/**
 * class CondVar - a condition variable for data in a Mutex.
 */
class CondVar : Pinned {
public:
	explicit CondVar(LockClass &cls) : wq_(cls) {}

	/**
	 * wait() - drop the mutex of @g, sleep until notified or @timeout, take
	 * the mutex again.  Spurious wake-ups happen: re-check the state.
	 */
	template <typename T>
	WaitResult wait(Sleepable &ctx, MutexGuard<T> &g, Timeout timeout = Timeout::forever()) KCXX_REQUIRES(ctx)
	{
		return wait_impl(g, timeout, false);
	}

	template <typename T>
	WaitResult wait_interruptible(Sleepable &ctx, MutexGuard<T> &g, Timeout timeout = Timeout::forever())
		KCXX_REQUIRES(ctx)
	{
		return wait_impl(g, timeout, true);
	}

	void notify_one() { wq_.wake_one(); }
	void notify_all() { wq_.wake_all(); }

	static constexpr WaitResult timed_out = WaitResult::timed_out;

private:
	template <typename T> WaitResult wait_impl(MutexGuard<T> &g, Timeout timeout, bool intr)
	{
		long r = kcxx_shim_condvar_wait_mutex(wq_.raw(), g.lock_.raw_.get(), timeout.jiffies(), intr);
		if (r == KCXX_ERESTARTSYS)
			return WaitResult::interrupted;
		if (r == 0 && !timeout.is_forever())
			return WaitResult::timed_out;
		return WaitResult::woken;
	}

	WaitQueue wq_;
};

/**
 * class Completion - struct completion: an event that happens once (or
 * once per reinit()).
 */
class Completion : Pinned {
public:
	Completion() { kcxx_shim_completion_init(raw_.get()); }

	/** complete() - wake one waiter (or let the next wait() pass); any context. */
	void complete() { kcxx_shim_complete(raw_.get()); }
	/** complete_all() - wake every waiter, now and later, until reinit(). */
	void complete_all() { kcxx_shim_complete_all(raw_.get()); }
	/** reinit() - make the completion pending again; no waiter may be active. */
	void reinit() { kcxx_shim_completion_reinit(raw_.get()); }
	[[nodiscard]] bool done() { return kcxx_shim_completion_done(raw_.get()); }

	/** wait() - true if completed, false on timeout. */
	[[nodiscard]] bool wait(Sleepable &ctx, Timeout timeout) KCXX_REQUIRES(ctx)
	{
		return kcxx_shim_wait_for_completion_timeout(raw_.get(), timeout.jiffies(), 0) > 0;
	}

	/** wait_interruptible() - woken, timed_out or interrupted by a signal. */
	WaitResult wait_interruptible(Sleepable &ctx, Timeout timeout) KCXX_REQUIRES(ctx)
	{
		long r = kcxx_shim_wait_for_completion_timeout(raw_.get(), timeout.jiffies(), 1);
		if (r < 0)
			return WaitResult::interrupted;
		return r ? WaitResult::woken : WaitResult::timed_out;
	}

private:
	detail::RawCompletion raw_;
};

} // namespace kcxx
