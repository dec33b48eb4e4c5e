/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/queue.h - the interrupt handler to bottom half hand-off
 *
 * ``IrqQueue<T, N>`` is a bounded FIFO of ``T`` under an irqsave spinlock:
 * the hard-IRQ handler pushes (AtomicContext context), the bottom half pops (from a
 * threaded IRQ or work item, Sleepable context, or any AtomicContext context).  It
 * is irq-safe by construction: every access disables local interrupts, so
 * an interrupt arriving on the CPU that is popping cannot deadlock on the
 * queue's lock (the interlocked-queue lesson).  Full is reported to the
 * pusher, never silently overwritten.
 *
 *	kcxx::IrqQueue<u32, 64> events{KCXX_LOCK_CLASS("ipw2200_cxx:irq_events")};
 *	// ISR:  if (!events.push(actx, inta)) stats.dropped++;
 *	// BH:   while (auto e = events.pop(ctx)) handle(*e);
 */
#pragma once

#include <kcxx/sync.h>

namespace kcxx {

/** class Maybe - a value or nothing (what pop() returns). */
template <typename T> class Maybe {
public:
	Maybe() : has_(false), value_() {}
	explicit Maybe(const T &v) : has_(true), value_(v) {}
	explicit operator bool() const { return has_; }
	const T &operator*() const { return value_; }

private:
	bool has_;
	T value_;
};

template <typename T, unsigned int N> class IrqQueue {
	static_assert(N > 0 && (N & (N - 1)) == 0, "capacity must be a power of two");

	struct Ring {
		T slots[N] = {};
		unsigned int head = 0; /* next to pop */
		unsigned int count = 0;
	};

public:
	explicit IrqQueue(LockClass &cls) : ring_(cls) {}

	/** push() - append @v; false if the queue is full. */
	[[nodiscard]] bool push(AtomicContext &ctx, const T &v)
	{
		auto g = ring_.lock(ctx);
		return push_locked(*g, v);
	}
	[[nodiscard]] bool push(Sleepable &ctx, const T &v) KCXX_REQUIRES(ctx)
	{
		auto g = ring_.lock(ctx);
		return push_locked(*g, v);
	}

	/** pop() - the oldest element, or nothing if empty. */
	[[nodiscard]] Maybe<T> pop(AtomicContext &ctx)
	{
		auto g = ring_.lock(ctx);
		return pop_locked(*g);
	}
	[[nodiscard]] Maybe<T> pop(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		auto g = ring_.lock(ctx);
		return pop_locked(*g);
	}

	/** size() - elements queued now (a snapshot). */
	[[nodiscard]] unsigned int size(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		auto g = ring_.lock(ctx);
		return g->count;
	}

	static constexpr unsigned int capacity() { return N; }

private:
	static bool push_locked(Ring &r, const T &v)
	{
		if (r.count == N)
			return false;
		r.slots[(r.head + r.count) & (N - 1)] = v;
		r.count++;
		return true;
	}

	static Maybe<T> pop_locked(Ring &r)
	{
		if (!r.count)
			return Maybe<T>();
		Maybe<T> v(r.slots[r.head]);
		r.head = (r.head + 1) & (N - 1);
		r.count--;
		return v;
	}

	IrqSpinLock<Ring> ring_;
};

} // namespace kcxx
