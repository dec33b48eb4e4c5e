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
 * ``Atomic<int>`` and ``Atomic<u32>`` wrap atomic_t (read, set, add,
 * increment-and-return, compare-and-exchange).
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

template <typename T> class Atomic;

/** class Atomic<int> - atomic_t. */
template <> class Atomic<int> {
public:
	constexpr explicit Atomic(int v = 0) : counter_(v) {}
	Atomic(const Atomic &) = delete;
	Atomic &operator=(const Atomic &) = delete;

	[[nodiscard]] int read() const { return kcxx_shim_atomic_read(&counter_); }
	void set(int v) { kcxx_shim_atomic_set(&counter_, v); }
	void add(int v) { kcxx_shim_atomic_add(&counter_, v); }
	[[nodiscard]] int add_return(int v) { return kcxx_shim_atomic_add_return(&counter_, v); }
	[[nodiscard]] int inc_return() { return add_return(1); }
	[[nodiscard]] int dec_return() { return add_return(-1); }
	/** cmpxchg() - if the value is @old, make it @new; return what it was. */
	[[nodiscard]] int cmpxchg(int old, int new_value) { return kcxx_shim_atomic_cmpxchg(&counter_, old, new_value); }

private:
	int counter_; /* layout of atomic_t: { int counter; } */
};

} // namespace kcxx
