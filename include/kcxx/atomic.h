/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/atomic.h - atomic status bits and counters
 *
 * ``AtomicBits<E>`` is a status word whose bits are named by an enum and
 * changed only with the kernel's atomic bit operations (set_bit,
 * clear_bit, test_and_set_bit, ...), never with a plain read-modify-write:
 * the legacy driver's ``priv->status`` u32, written from the interrupt
 * handler, the tasklet and work items, is what this replaces.  The plain
 * operations are unordered, as in the kernel; ``test_and_set_lock()`` and
 * ``clear_unlock()`` are the acquire/release forms for a bit used as a lock
 * or a "busy" flag that publishes data::
 *
 *	enum class Status : unsigned { rf_kill_hw, scanning, associated };
 *	kcxx::AtomicBits<Status> status;
 *	if (status.test_and_set(Status::scanning))
 *		return kcxx::Err(-EBUSY);
 *
 * ``Atomic<T>`` wraps atomic_t for 32-bit and atomic64_t for 64-bit integers
 * (read, set, add, increment-and-return, compare-and-exchange, exchange).
 */
#pragma once

#include <kcxx/shim.h>
#include <kcxx/types.h>

namespace kcxx {

template <typename E> class AtomicBits {
public:
	constexpr AtomicBits() = default;
	AtomicBits(const AtomicBits &) = delete;
	AtomicBits &operator=(const AtomicBits &) = delete;

	void set(E bit) { kcxx_shim_set_bit(nr(bit), &word_); }
	void clear(E bit) { kcxx_shim_clear_bit(nr(bit), &word_); }
	[[nodiscard]] bool test(E bit) const { return kcxx_shim_test_bit(nr(bit), &word_); }
	/** test_and_set() - set @bit, return whether it was set (fully ordered). */
	[[nodiscard]] bool test_and_set(E bit) { return kcxx_shim_test_and_set_bit(nr(bit), &word_); }
	/** test_and_clear() - clear @bit, return whether it was set (fully ordered). */
	[[nodiscard]] bool test_and_clear(E bit) { return kcxx_shim_test_and_clear_bit(nr(bit), &word_); }
	/** test_and_set_lock() - test_and_set_bit_lock(): acquire ordering. */
	[[nodiscard]] bool test_and_set_lock(E bit) { return kcxx_shim_test_and_set_bit_lock(nr(bit), &word_); }
	/** clear_unlock() - clear_bit_unlock(): release ordering. */
	void clear_unlock(E bit) { kcxx_shim_clear_bit_unlock(nr(bit), &word_); }
	/** snapshot() - all bits at once, for logging and sysfs. */
	[[nodiscard]] unsigned long snapshot() const { return kcxx_shim_read_word(&word_); }

private:
	static unsigned int nr(E bit)
	{
		static_assert(sizeof(E) <= sizeof(unsigned int));
		return static_cast<unsigned int>(bit);
	}
	unsigned long word_ = 0;
};

namespace detail {
/* The kernel atomic type behind Atomic<T>: atomic_t for 32-bit, atomic64_t for 64-bit values. */
template <size_t Bytes> struct AtomicOps;
template <> struct AtomicOps<4> {
	using Raw = int;
	static Raw read(const Raw *c) { return kcxx_shim_atomic_read(c); }
	static void set(Raw *c, Raw v) { kcxx_shim_atomic_set(c, v); }
	static void add(Raw *c, Raw v) { kcxx_shim_atomic_add(c, v); }
	static Raw add_return(Raw *c, Raw v) { return kcxx_shim_atomic_add_return(c, v); }
	static Raw cmpxchg(Raw *c, Raw o, Raw n) { return kcxx_shim_atomic_cmpxchg(c, o, n); }
	static Raw xchg(Raw *c, Raw v) { return kcxx_shim_atomic_xchg(c, v); }
};
template <> struct AtomicOps<8> {
	using Raw = long long;
	static Raw read(const Raw *c) { return kcxx_shim_atomic64_read(c); }
	static void set(Raw *c, Raw v) { kcxx_shim_atomic64_set(c, v); }
	static void add(Raw *c, Raw v) { kcxx_shim_atomic64_add(c, v); }
	static Raw add_return(Raw *c, Raw v) { return kcxx_shim_atomic64_add_return(c, v); }
	static Raw cmpxchg(Raw *c, Raw o, Raw n) { return kcxx_shim_atomic64_cmpxchg(c, o, n); }
	static Raw xchg(Raw *c, Raw v) { return kcxx_shim_atomic64_xchg(c, v); }
};

template <typename T> inline constexpr bool atomic_value_ok = false;
template <> inline constexpr bool atomic_value_ok<int> = true;
template <> inline constexpr bool atomic_value_ok<unsigned int> = true;
template <> inline constexpr bool atomic_value_ok<long> = true;
template <> inline constexpr bool atomic_value_ok<unsigned long> = true;
template <> inline constexpr bool atomic_value_ok<long long> = true;
template <> inline constexpr bool atomic_value_ok<unsigned long long> = true;
} // namespace detail

/**
 * class Atomic - an integer changed only atomically: atomic_t for 32-bit
 * types (int, u32), atomic64_t for 64-bit ones (long, u64, s64).  Unsigned
 * values wrap as the kernel's atomics do (two's complement).  read() and
 * set() are unordered; add_return(), cmpxchg() and xchg() are fully ordered.
 */
template <typename T> class Atomic {
	static_assert(detail::atomic_value_ok<T>, "Atomic<T> is for int, u32, long, u64, s64");
	using Ops = detail::AtomicOps<sizeof(T)>;
	using Raw = typename Ops::Raw;

public:
	constexpr explicit Atomic(T v = 0) : counter_(static_cast<Raw>(v)) {}
	Atomic(const Atomic &) = delete;
	Atomic &operator=(const Atomic &) = delete;

	[[nodiscard]] T read() const { return static_cast<T>(Ops::read(&counter_)); }
	void set(T v) { Ops::set(&counter_, static_cast<Raw>(v)); }
	void add(T v) { Ops::add(&counter_, static_cast<Raw>(v)); }
	void sub(T v) { Ops::add(&counter_, -static_cast<Raw>(v)); }
	[[nodiscard]] T add_return(T v) { return static_cast<T>(Ops::add_return(&counter_, static_cast<Raw>(v))); }
	[[nodiscard]] T inc_return() { return add_return(1); }
	[[nodiscard]] T dec_return() { return static_cast<T>(Ops::add_return(&counter_, -1)); }
	/** cmpxchg() - if the value is @old, make it @new_value; return what it was. */
	[[nodiscard]] T cmpxchg(T old, T new_value)
	{
		return static_cast<T>(Ops::cmpxchg(&counter_, static_cast<Raw>(old), static_cast<Raw>(new_value)));
	}
	/** xchg() - store @v, return the previous value. */
	[[nodiscard]] T xchg(T v) { return static_cast<T>(Ops::xchg(&counter_, static_cast<Raw>(v))); }

private:
	Raw counter_; /* layout of atomic_t / atomic64_t: { counter; } */
};

} // namespace kcxx
