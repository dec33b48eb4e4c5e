// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: atomic bit operations and atomic_t for include/kcxx/atomic.h.
 * Atomic<int> embeds atomic_t as its single int member; the assertion
 * checks that layout.
 */
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/export.h>
#include "../include/kcxx/shim.h"

static_assert(sizeof(atomic_t) == sizeof(int), "Atomic<int> mirrors atomic_t");

#define to_atomic(p) container_of((int *)(p), atomic_t, counter)

void kcxx_shim_set_bit(unsigned int nr, unsigned long *word)
{
	set_bit(nr, word);
}
EXPORT_SYMBOL_GPL(kcxx_shim_set_bit);

void kcxx_shim_clear_bit(unsigned int nr, unsigned long *word)
{
	clear_bit(nr, word);
}
EXPORT_SYMBOL_GPL(kcxx_shim_clear_bit);

int kcxx_shim_test_bit(unsigned int nr, const unsigned long *word)
{
	return test_bit(nr, word);
}
EXPORT_SYMBOL_GPL(kcxx_shim_test_bit);

int kcxx_shim_test_and_set_bit(unsigned int nr, unsigned long *word)
{
	return test_and_set_bit(nr, word);
}
EXPORT_SYMBOL_GPL(kcxx_shim_test_and_set_bit);

int kcxx_shim_test_and_clear_bit(unsigned int nr, unsigned long *word)
{
	return test_and_clear_bit(nr, word);
}
EXPORT_SYMBOL_GPL(kcxx_shim_test_and_clear_bit);

int kcxx_shim_test_and_set_bit_lock(unsigned int nr, unsigned long *word)
{
	return test_and_set_bit_lock(nr, word);
}
EXPORT_SYMBOL_GPL(kcxx_shim_test_and_set_bit_lock);

void kcxx_shim_clear_bit_unlock(unsigned int nr, unsigned long *word)
{
	clear_bit_unlock(nr, word);
}
EXPORT_SYMBOL_GPL(kcxx_shim_clear_bit_unlock);

unsigned long kcxx_shim_read_word(const unsigned long *word)
{
	return READ_ONCE(*word);
}
EXPORT_SYMBOL_GPL(kcxx_shim_read_word);

int kcxx_shim_atomic_read(const int *counter)
{
	return atomic_read(to_atomic(counter));
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic_read);

void kcxx_shim_atomic_set(int *counter, int v)
{
	atomic_set(to_atomic(counter), v);
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic_set);

void kcxx_shim_atomic_add(int *counter, int v)
{
	atomic_add(v, to_atomic(counter));
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic_add);

int kcxx_shim_atomic_add_return(int *counter, int v)
{
	return atomic_add_return(v, to_atomic(counter));
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic_add_return);

int kcxx_shim_atomic_cmpxchg(int *counter, int old, int new_value)
{
	return atomic_cmpxchg(to_atomic(counter), old, new_value);
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic_cmpxchg);

int kcxx_shim_atomic_xchg(int *counter, int v)
{
	return atomic_xchg(to_atomic(counter), v);
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic_xchg);

/* atomic64_t: Atomic<s64>, and Atomic<long> on 64-bit kernels. */
static_assert(sizeof(atomic64_t) == sizeof(long long), "Atomic<s64> mirrors atomic64_t");

#define to_atomic64(p) container_of((s64 *)(p), atomic64_t, counter)

long long kcxx_shim_atomic64_read(const long long *counter)
{
	return atomic64_read(to_atomic64(counter));
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic64_read);

void kcxx_shim_atomic64_set(long long *counter, long long v)
{
	atomic64_set(to_atomic64(counter), v);
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic64_set);

void kcxx_shim_atomic64_add(long long *counter, long long v)
{
	atomic64_add(v, to_atomic64(counter));
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic64_add);

long long kcxx_shim_atomic64_add_return(long long *counter, long long v)
{
	return atomic64_add_return(v, to_atomic64(counter));
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic64_add_return);

long long kcxx_shim_atomic64_cmpxchg(long long *counter, long long old, long long new_value)
{
	return atomic64_cmpxchg(to_atomic64(counter), old, new_value);
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic64_cmpxchg);

long long kcxx_shim_atomic64_xchg(long long *counter, long long v)
{
	return atomic64_xchg(to_atomic64(counter), v);
}
EXPORT_SYMBOL_GPL(kcxx_shim_atomic64_xchg);
