/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/rcu.h - RCU read-side sections and Revocable<T>
 *
 * ``RcuReadGuard`` is an RCU read-side critical section.  Like a spinlock
 * guard it takes the Sleepable proof away while it lives: no sleeping inside
 * rcu_read_lock(), checked at compile time.
 *
 * ``Revocable<T>`` holds a resource that can vanish while others still try
 * to use it: the mapped registers of a device being unbound, say.  Users
 * reach it only through ``try_access()``, which fails once the resource is
 * revoked; ``revoke()`` marks it gone, waits for every reader that got in
 * (synchronize_rcu()) and then destroys the ``T``::
 *
 *	kcxx::Revocable<Regs> regs;		// set up in probe
 *	if (auto r = regs.try_access(ctx))	// sysfs, work, IRQ: any context
 *		val = r->read32(...);
 *	regs.revoke(ctx);			// unbind: afterwards nobody can
 */
#pragma once

#include <kcxx/annotations.h>
#include <kcxx/atomic.h>
#include <kcxx/context.h>
#include <kcxx/new.h>
#include <kcxx/shim.h>
#include <kcxx/utility.h>

namespace kcxx {

/** class RcuReadSide - the capability "inside an RCU read-side section". */
class KCXX_CAPABILITY("rcu") RcuReadSide {};

/* Only a name for the analysis: never defined, never used at run time. */
extern RcuReadSide rcu_read_side;

/** class RcuReadGuard - rcu_read_lock() .. rcu_read_unlock(). */
class [[nodiscard]] KCXX_SCOPED_CAPABILITY RcuReadGuard : Pinned {
public:
	explicit RcuReadGuard(Sleepable &ctx) KCXX_ACQUIRE_SHARED(rcu_read_side) KCXX_RELEASE(ctx)
	{
		kcxx_shim_rcu_read_lock();
	}
	explicit RcuReadGuard(AtomicContext &) KCXX_ACQUIRE_SHARED(rcu_read_side) { kcxx_shim_rcu_read_lock(); }
	~RcuReadGuard() KCXX_RELEASE() { kcxx_shim_rcu_read_unlock(); }
};

/** synchronize_rcu() - wait until every read-side section now running has ended. */
inline void synchronize_rcu(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx_shim_synchronize_rcu();
}

template <typename T> class Revocable;

/**
 * class RevocableGuard - access to a Revocable's data, inside an RCU
 * read-side section; empty if the data was revoked.
 */
template <typename T> class [[nodiscard]] KCXX_SCOPED_CAPABILITY RevocableGuard : Pinned {
	friend class Revocable<T>;

public:
	~RevocableGuard() KCXX_RELEASE() { kcxx_shim_rcu_read_unlock(); }

	explicit operator bool() const { return data_ != nullptr; }
	T *operator->() const { return data_; }
	T &operator*() const { return *data_; }

private:
	RevocableGuard(T *data, Sleepable &ctx) KCXX_ACQUIRE_SHARED(rcu_read_side) KCXX_RELEASE(ctx) : data_(data) {}
	RevocableGuard(T *data, AtomicContext &) KCXX_ACQUIRE_SHARED(rcu_read_side) : data_(data) {}
	T *data_;
};

/**
 * class Revocable - a T that can be revoked (destroyed) while others may
 * still be trying to reach it.
 */
template <typename T> class Revocable : Pinned {
public:
	/** Revocable() - empty (as if already revoked) until emplace(). */
	Revocable() = default;
	~Revocable() { drop(); }

	/**
	 * emplace() - construct the data in place and make it available.  Only
	 * before anyone can call try_access(), or after a revoke().
	 */
	template <typename... Args> void emplace(Args &&...args)
	{
		if (state_.read() != empty)
			return;
		new (storage_) T(forward<Args>(args)...);
		state_.set(available); /* published by whatever publishes *this */
	}

	/** try_access() - the data, if not revoked; holds rcu_read_lock() meanwhile. */
	RevocableGuard<T> try_access(Sleepable &ctx) KCXX_ACQUIRE_SHARED(rcu_read_side)
		KCXX_RELEASE(ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS
	{
		kcxx_shim_rcu_read_lock();
		return RevocableGuard<T>(state_.read() == available ? ptr() : nullptr, ctx);
	}
	RevocableGuard<T> try_access(AtomicContext &ctx)
		KCXX_ACQUIRE_SHARED(rcu_read_side) KCXX_NO_THREAD_SAFETY_ANALYSIS
	{
		kcxx_shim_rcu_read_lock();
		return RevocableGuard<T>(state_.read() == available ? ptr() : nullptr, ctx);
	}

	/**
	 * revoke() - make the data unavailable, wait for the readers that got
	 * it, destroy it.  Return: true if this call revoked it.
	 */
	bool revoke(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (state_.cmpxchg(available, revoking) != available)
			return false;
		kcxx_shim_synchronize_rcu();
		ptr()->~T();
		state_.set(empty);
		return true;
	}

	[[nodiscard]] bool is_available() const { return state_.read() == available; }

private:
	enum : int { empty = 0, available = 1, revoking = 2 };

	void drop()
	{
		/* The owner is going away: nobody can be inside try_access() any more. */
		if (state_.read() == available) {
			ptr()->~T();
			state_.set(empty);
		}
	}
	T *ptr() { return reinterpret_cast<T *>(storage_); }

	Atomic<int> state_{empty};
	alignas(T) unsigned char storage_[sizeof(T)];
};

} // namespace kcxx
