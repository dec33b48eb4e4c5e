/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/sync.h - locks that own their data
 *
 * ``SpinLock<T>``, ``IrqSpinLock<T>`` and ``Mutex<T>`` contain the ``T`` they
 * protect.  The only door to it is a guard returned by ``lock()`` (or
 * ``try_lock()``): ``[[nodiscard]]``, neither copyable nor movable, unlocking
 * when it goes out of scope.  The locks and guards carry clang capability
 * annotations, so ``-Wthread-safety`` proves that helper functions declared
 * ``KCXX_REQUIRES(lock)`` are only called with the lock held, and that no
 * sleeping call happens under a spinlock (see kcxx/context.h)::
 *
 *	struct Rx { u32 head; u32 tail; };
 *	kcxx::IrqSpinLock<Rx> rx{KCXX_LOCK_CLASS("ipw2200_cxx:rx_ring")};
 *
 *	void irq_path(kcxx::AtomicContext &ctx)
 *	{
 *		auto g = rx.lock(ctx);
 *		g->head++;
 *	}
 *
 * Each lock is initialised with its lockdep class (``KCXX_LOCK_CLASS``), so
 * classes follow declaration sites, not this header.
 */
#pragma once

#include <kcxx/annotations.h>
#include <kcxx/context.h>
#include <kcxx/layout.h>
#include <kcxx/lock_class.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

#include <kcxx/shim.h>

namespace kcxx {

namespace detail {

template <size_t Size, size_t Align> struct Opaque {
	alignas(Align) unsigned char bytes[Size > 0 ? Size : 1];
	void *get() { return bytes; }
};

using RawSpinLock = Opaque<KCXX_SIZEOF_SPINLOCK, KCXX_ALIGNOF_SPINLOCK>;
using RawMutex = Opaque<KCXX_SIZEOF_MUTEX, KCXX_ALIGNOF_MUTEX>;

/* How a spinlock flavour locks and unlocks; State is what the guard keeps. */
struct PlainSpin {
	using State = int;
	static State lock(void *l, unsigned int sub)
	{
		if (sub)
			kcxx_shim_spin_lock_nested(l, sub);
		else
			kcxx_shim_spin_lock(l);
		return 0;
	}
	static void unlock(void *l, State) { kcxx_shim_spin_unlock(l); }
};

struct IrqSaveSpin {
	using State = unsigned long;
	static State lock(void *l, unsigned int sub)
	{
		return sub ? kcxx_shim_spin_lock_irqsave_nested(l, sub) : kcxx_shim_spin_lock_irqsave(l);
	}
	static void unlock(void *l, State flags) { kcxx_shim_spin_unlock_irqrestore(l, flags); }
};

/* Softirqs (bottom halves) disabled while held. */
struct BhSpin {
	using State = int;
	static State lock(void *l, unsigned int sub)
	{
		if (sub)
			kcxx_shim_spin_lock_bh_nested(l, sub);
		else
			kcxx_shim_spin_lock_bh(l);
		return 0;
	}
	static void unlock(void *l, State) { kcxx_shim_spin_unlock_bh(l); }
};

} // namespace detail

template <typename T, typename Flavour> class SpinLockBase;

/**
 * class SpinGuardBase - holds a spinlock; grants access to its data.
 *
 * Made only by SpinLockBase::lock().  From sleepable code the guard takes
 * the Sleepable capability away until it is destroyed.  atomic() gives the
 * AtomicContext token that nested spinlocks need.
 */
template <typename T, typename Flavour> class [[nodiscard]] KCXX_SCOPED_CAPABILITY SpinGuardBase : Pinned {
	using Lock = SpinLockBase<T, Flavour>;
	friend Lock;

public:
	~SpinGuardBase() KCXX_RELEASE() { Flavour::unlock(lock_.raw_.get(), state_); }

	T *operator->() KCXX_NO_THREAD_SAFETY_ANALYSIS { return &lock_.data_; }
	T &operator*() KCXX_NO_THREAD_SAFETY_ANALYSIS { return lock_.data_; }

	/** atomic() - the atomic-context token, for locks nested in this one. */
	AtomicContext &atomic() { return atomic_; }

	/** lock() - the lock this guard holds (for LockedBy checks). */
	const Lock &lock() const { return lock_; }

private:
	SpinGuardBase(Lock &l, Sleepable &ctx, unsigned int sub) KCXX_ACQUIRE(l) KCXX_RELEASE(ctx)
		: lock_(l), state_(Flavour::lock(l.raw_.get(), sub))
	{
	}
	SpinGuardBase(Lock &l, AtomicContext &, unsigned int sub) KCXX_ACQUIRE(l)
		: lock_(l), state_(Flavour::lock(l.raw_.get(), sub))
	{
	}

	Lock &lock_;
	typename Flavour::State state_;
	AtomicContext atomic_;
};

/**
 * class SpinLockBase - a spinlock that owns a ``T``.  Use the aliases
 * SpinLock<T> (never taken from hard-IRQ context), BhSpinLock<T> (softirqs
 * disabled while held: data shared with a softirq, a BH workqueue item or a
 * timer) and IrqSpinLock<T> (interrupts disabled while held: data shared
 * with an interrupt handler).
 */
template <typename T, typename Flavour> class KCXX_CAPABILITY("spinlock") SpinLockBase : Pinned {
public:
	using Guard = SpinGuardBase<T, Flavour>;

	/**
	 * SpinLockBase() - initialise the lock with its lockdep class; the
	 * remaining arguments construct the data in place.
	 */
	template <typename... Args>
	explicit SpinLockBase(LockClass &cls, Args &&...args) : data_(forward<Args>(args)...)
	{
		kcxx_shim_spin_init(raw_.get(), cls.name, cls.key);
	}

	/** lock() - from sleepable code; no sleeping until the guard is gone. */
	Guard lock(Sleepable &ctx) KCXX_ACQUIRE(this) KCXX_RELEASE(ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS
	{
		return Guard(*this, ctx, 0u);
	}

	/** lock() - from atomic context (IRQ, bottom half, nested in a spinlock). */
	Guard lock(AtomicContext &ctx) KCXX_ACQUIRE(this) KCXX_NO_THREAD_SAFETY_ANALYSIS
	{
		return Guard(*this, ctx, 0u);
	}

	/**
	 * lock_nested() - nested acquisition of a second lock of the same class,
	 * with a lockdep subclass (see Documentation/locking/lockdep-design.rst).
	 */
	Guard lock_nested(AtomicContext &ctx, unsigned int subclass) KCXX_ACQUIRE(this) KCXX_NO_THREAD_SAFETY_ANALYSIS
	{
		return Guard(*this, ctx, subclass);
	}

	/** get() - the data, for code that proves it holds the lock. */
	T &get() KCXX_REQUIRES(this) { return data_; }

	/** assert_held() - lockdep_assert_held(), and tells the analysis so. */
	void assert_held() KCXX_ASSERT_CAPABILITY(this) { kcxx_shim_spin_assert_held(raw_.get()); }

	bool is_locked() { return kcxx_shim_spin_is_locked(raw_.get()); }

	/** class_name(), class_key() - the lockdep class (NULL without lockdep). */
	const char *class_name() { return kcxx_shim_spin_class_name(raw_.get()); }
	const void *class_key() { return kcxx_shim_spin_class_key(raw_.get()); }

private:
	friend Guard;
	detail::RawSpinLock raw_;
	T data_ KCXX_GUARDED_BY(this);
};

template <typename T> using SpinLock = SpinLockBase<T, detail::PlainSpin>;
template <typename T> using BhSpinLock = SpinLockBase<T, detail::BhSpin>;
template <typename T> using IrqSpinLock = SpinLockBase<T, detail::IrqSaveSpin>;

template <typename T> class Mutex;
class CondVar;

/**
 * class MutexGuard - holds a Mutex; sleeping stays allowed.
 *
 * Unlike the spinlock guards this is not a clang scoped capability: clang
 * reads a capability requirement on a function that returns a scoped
 * capability as "adopt", which would hand the Sleepable proof to the guard.
 * The proof is checked where it matters (lock() requires it), and the data
 * is reachable only through the guard; helpers that need the lock held take
 * a ``MutexGuard<T> &``.
 */
template <typename T> class [[nodiscard]] MutexGuard : Pinned {
	friend class Mutex<T>;

public:
	~MutexGuard() { kcxx_shim_mutex_unlock(lock_.raw_.get()); }
	T *operator->() KCXX_NO_THREAD_SAFETY_ANALYSIS { return &lock_.data_; }
	T &operator*() KCXX_NO_THREAD_SAFETY_ANALYSIS { return lock_.data_; }
	const Mutex<T> &lock() const { return lock_; }

private:
	friend class CondVar;
	explicit MutexGuard(Mutex<T> &m) : lock_(m) {}
	Mutex<T> &lock_;
};

/**
 * class Mutex - a sleeping lock that owns a ``T``.  lock() needs a
 * Sleepable proof, so it cannot be called under a spinlock or from IRQ
 * context.
 */
template <typename T> class Mutex : Pinned {
public:
	using Guard = MutexGuard<T>;

	template <typename... Args> explicit Mutex(LockClass &cls, Args &&...args) : data_(forward<Args>(args)...)
	{
		kcxx_shim_mutex_init(raw_.get(), cls.name, cls.key);
	}
	~Mutex() { kcxx_shim_mutex_destroy(raw_.get()); }

	/** lock() - may sleep: needs the Sleepable proof. */
	Guard lock(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		kcxx_shim_mutex_lock(raw_.get());
		return Guard(*this);
	}

	Guard lock_nested(Sleepable &ctx, unsigned int subclass) KCXX_REQUIRES(ctx)
	{
		kcxx_shim_mutex_lock_nested(raw_.get(), subclass);
		return Guard(*this);
	}

	/** assert_held() - lockdep_assert_held() on the mutex. */
	void assert_held() { kcxx_shim_mutex_assert_held(raw_.get()); }
	bool is_locked() { return kcxx_shim_mutex_is_locked(raw_.get()); }

private:
	friend Guard;
	friend class CondVar;
	detail::RawMutex raw_;
	T data_;
};

/**
 * class LockedBy - data owned by a lock that lives in another object.
 *
 * Reached only with a guard of the owning lock; the guard is checked at run
 * time to be for that very lock (a WARN and no access otherwise would need a
 * Result; access to the wrong lock's data is a bug, reported loudly).
 */
template <typename T, typename Owner> class LockedBy : Pinned {
public:
	template <typename... Args>
	explicit LockedBy(Owner &owner, Args &&...args) : owner_(owner), data_(forward<Args>(args)...)
	{
	}

	template <typename Guard> T &get(Guard &g)
	{
		if (&g.lock() != &owner_)
			kcxx_shim_warn_locked_by("LockedBy: guard of another lock");
		return data_;
	}

private:
	const Owner &owner_;
	T data_;
};

} // namespace kcxx
