/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/context.h - execution contexts as compile-time capabilities
 *
 * A call that may sleep (mutex lock, waits, GFP_KERNEL allocation, firmware
 * request, msleep) takes a ``Sleepable &`` and is annotated as requiring it.
 * Taking a spinlock from sleepable code *releases* that capability for as
 * long as the guard lives (the guard's constructor is annotated so), so a
 * sleeping call under a spinlock guard does not compile (clang
 * ``-Wthread-safety`` as an error).
 *
 * Code that runs in atomic context (hard IRQ, the bottom half, timers) gets an
 * ``AtomicContext &`` instead, and a spinlock guard hands one out for locks nested
 * inside it.  Neither token can be made by driver code: the C glue that
 * enters C++ from a kernel callback creates the right one, knowing which
 * context the kernel calls it in, and checks it at run time as well
 * (might_sleep() for Sleepable).
 */
#pragma once

#include <kcxx/annotations.h>
#include <kcxx/utility.h>

#include <kcxx/shim.h>

namespace kcxx {

class Sleepable;
class AtomicContext;

namespace detail {
struct ContextFactory;
} // namespace detail

/**
 * class Sleepable - proof that the current code may sleep.
 *
 * Passed by reference down the call chain from a sleepable entry point.
 * Functions that may sleep are declared ``KCXX_REQUIRES(ctx)`` on their
 * ``Sleepable &ctx`` parameter.
 */
class KCXX_CAPABILITY("sleepable context") Sleepable : Pinned {
	friend struct detail::ContextFactory;
	Sleepable() = default;
};

/**
 * class AtomicContext - proof of atomic context (IRQ, bottom half, or inside a
 * spinlock): what may be done here must not sleep.
 */
class KCXX_CAPABILITY("atomic context") AtomicContext : Pinned {
	friend struct detail::ContextFactory;
	template <typename, typename> friend class SpinGuardBase;
	AtomicContext() = default;
};

namespace detail {
/* Only the entry glue (kcxx/entry.h) and the guards make tokens. */
struct ContextFactory {
	static Sleepable make_sleepable() { return Sleepable(); }
	static AtomicContext make_atomic() { return AtomicContext(); }
};
} // namespace detail

/**
 * with_sleepable() - run @fn with a Sleepable token.
 * @fn: callable taking ``Sleepable &``
 *
 * For the C glue of kernel callbacks that are documented to run in process
 * context (probe, remove, work items, netdev and cfg80211 ops, module
 * init).  Checks the claim at run time with might_sleep().
 */
template <typename Fn> inline decltype(auto) with_sleepable(Fn &&fn) KCXX_NO_THREAD_SAFETY_ANALYSIS
{
	kcxx_shim_might_sleep();
	Sleepable ctx = detail::ContextFactory::make_sleepable();
	return fn(ctx);
}

/**
 * with_atomic() - run @fn with an AtomicContext token: for the glue of hard-IRQ,
 * softirq and timer callbacks.
 */
template <typename Fn> inline decltype(auto) with_atomic(Fn &&fn) KCXX_NO_THREAD_SAFETY_ANALYSIS
{
	AtomicContext ctx = detail::ContextFactory::make_atomic();
	return fn(ctx);
}

} // namespace kcxx
