// SPDX-License-Identifier: GPL-2.0
/* C shim: RCU and refcount_t for include/kcxx/rcu.h and include/kcxx/arc.h. */
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/export.h>
#include "../include/kcxx/shim.h"

static_assert(sizeof(refcount_t) == sizeof(int), "kcxx::Arc mirrors refcount_t as an int");

void kcxx_shim_rcu_read_lock(void)
{
	rcu_read_lock();
}
EXPORT_SYMBOL_GPL(kcxx_shim_rcu_read_lock);

void kcxx_shim_rcu_read_unlock(void)
{
	rcu_read_unlock();
}
EXPORT_SYMBOL_GPL(kcxx_shim_rcu_read_unlock);

void kcxx_shim_synchronize_rcu(void)
{
	synchronize_rcu();
}
EXPORT_SYMBOL_GPL(kcxx_shim_synchronize_rcu);

int kcxx_shim_rcu_read_lock_held(void)
{
	return rcu_read_lock_held();
}
EXPORT_SYMBOL_GPL(kcxx_shim_rcu_read_lock_held);

#define to_refcount(p) container_of(container_of((int *)(p), atomic_t, counter), refcount_t, refs)

void kcxx_shim_refcount_set(int *r, int v)
{
	refcount_set(to_refcount(r), v);
}
EXPORT_SYMBOL_GPL(kcxx_shim_refcount_set);

void kcxx_shim_refcount_inc(int *r)
{
	refcount_inc(to_refcount(r));
}
EXPORT_SYMBOL_GPL(kcxx_shim_refcount_inc);

int kcxx_shim_refcount_inc_not_zero(int *r)
{
	return refcount_inc_not_zero(to_refcount(r));
}
EXPORT_SYMBOL_GPL(kcxx_shim_refcount_inc_not_zero);

int kcxx_shim_refcount_dec_and_test(int *r)
{
	return refcount_dec_and_test(to_refcount(r));
}
EXPORT_SYMBOL_GPL(kcxx_shim_refcount_dec_and_test);

unsigned int kcxx_shim_refcount_read(const int *r)
{
	return refcount_read(to_refcount(r));
}
EXPORT_SYMBOL_GPL(kcxx_shim_refcount_read);
