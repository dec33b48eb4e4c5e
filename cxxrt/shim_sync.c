// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: locks for include/kcxx/sync.h.  C++ embeds spinlock_t and struct
 * mutex as opaque storage sized by the generated kcxx/layout.h; the
 * assertions below catch a layout header that does not match this kernel.
 * Every lock is initialised with the caller's lockdep class (key and name),
 * which the C++ side creates per declaration site (KCXX_LOCK_CLASS).
 */
#include <linux/spinlock.h>
#include <linux/bottom_half.h>
#include <linux/mutex.h>
#include <linux/lockdep.h>
#include <linux/bug.h>
#include <linux/kernel.h>
#include <linux/export.h>
#include <kcxx/layout.h>
#include "../include/kcxx/shim.h"

static_assert(sizeof(spinlock_t) == KCXX_SIZEOF_SPINLOCK, "kcxx/layout.h is stale: spinlock_t");
static_assert(__alignof__(spinlock_t) == KCXX_ALIGNOF_SPINLOCK, "kcxx/layout.h is stale: spinlock_t");
static_assert(sizeof(struct mutex) == KCXX_SIZEOF_MUTEX, "kcxx/layout.h is stale: struct mutex");
static_assert(__alignof__(struct mutex) == KCXX_ALIGNOF_MUTEX, "kcxx/layout.h is stale: struct mutex");
static_assert(sizeof(struct lock_class_key) == KCXX_SIZEOF_LOCK_CLASS_KEY,
	      "kcxx/layout.h is stale: struct lock_class_key");

void kcxx_shim_might_sleep(void)
{
	might_sleep();
}
EXPORT_SYMBOL_GPL(kcxx_shim_might_sleep);

void kcxx_shim_spin_init(void *lock, const char *name, void *key)
{
	spin_lock_init((spinlock_t *)lock);
	lockdep_set_class_and_name((spinlock_t *)lock, (struct lock_class_key *)key, name);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_init);

void kcxx_shim_spin_lock(void *lock)
{
	spin_lock((spinlock_t *)lock);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_lock);

void kcxx_shim_spin_lock_nested(void *lock, unsigned int subclass)
{
	spin_lock_nested((spinlock_t *)lock, subclass);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_lock_nested);

int kcxx_shim_spin_trylock(void *lock)
{
	return spin_trylock((spinlock_t *)lock);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_trylock);

void kcxx_shim_spin_unlock(void *lock)
{
	spin_unlock((spinlock_t *)lock);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_unlock);

void kcxx_shim_spin_lock_bh(void *lock)
{
	spin_lock_bh((spinlock_t *)lock);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_lock_bh);

void kcxx_shim_spin_lock_bh_nested(void *lock, unsigned int subclass)
{
	/* spin_lock_bh_nested() does not exist; this is what it would be. */
	local_bh_disable();
	spin_lock_nested((spinlock_t *)lock, subclass);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_lock_bh_nested);

void kcxx_shim_spin_unlock_bh(void *lock)
{
	spin_unlock_bh((spinlock_t *)lock);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_unlock_bh);

unsigned long kcxx_shim_spin_lock_irqsave(void *lock)
{
	unsigned long flags;

	spin_lock_irqsave((spinlock_t *)lock, flags);
	return flags;
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_lock_irqsave);

unsigned long kcxx_shim_spin_lock_irqsave_nested(void *lock, unsigned int subclass)
{
	unsigned long flags;

	spin_lock_irqsave_nested((spinlock_t *)lock, flags, subclass);
	return flags;
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_lock_irqsave_nested);

void kcxx_shim_spin_unlock_irqrestore(void *lock, unsigned long flags)
{
	spin_unlock_irqrestore((spinlock_t *)lock, flags);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_unlock_irqrestore);

void kcxx_shim_spin_assert_held(void *lock)
{
	lockdep_assert_held((spinlock_t *)lock);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_assert_held);

int kcxx_shim_spin_is_locked(void *lock)
{
	return spin_is_locked((spinlock_t *)lock);
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_is_locked);

const char *kcxx_shim_spin_class_name(void *lock)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	return ((spinlock_t *)lock)->dep_map.name;
#else
	return NULL;
#endif
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_class_name);

const void *kcxx_shim_spin_class_key(void *lock)
{
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	return ((spinlock_t *)lock)->dep_map.key;
#else
	return NULL;
#endif
}
EXPORT_SYMBOL_GPL(kcxx_shim_spin_class_key);

void kcxx_shim_mutex_init(void *mutex, const char *name, void *key)
{
	__mutex_init((struct mutex *)mutex, name, (struct lock_class_key *)key);
}
EXPORT_SYMBOL_GPL(kcxx_shim_mutex_init);

void kcxx_shim_mutex_destroy(void *mutex)
{
	mutex_destroy((struct mutex *)mutex);
}
EXPORT_SYMBOL_GPL(kcxx_shim_mutex_destroy);

void kcxx_shim_mutex_lock(void *mutex)
{
	mutex_lock((struct mutex *)mutex);
}
EXPORT_SYMBOL_GPL(kcxx_shim_mutex_lock);

void kcxx_shim_mutex_lock_nested(void *mutex, unsigned int subclass)
{
	mutex_lock_nested((struct mutex *)mutex, subclass);
}
EXPORT_SYMBOL_GPL(kcxx_shim_mutex_lock_nested);

int kcxx_shim_mutex_trylock(void *mutex)
{
	return mutex_trylock((struct mutex *)mutex);
}
EXPORT_SYMBOL_GPL(kcxx_shim_mutex_trylock);

void kcxx_shim_mutex_unlock(void *mutex)
{
	mutex_unlock((struct mutex *)mutex);
}
EXPORT_SYMBOL_GPL(kcxx_shim_mutex_unlock);

void kcxx_shim_mutex_assert_held(void *mutex)
{
	lockdep_assert_held((struct mutex *)mutex);
}
EXPORT_SYMBOL_GPL(kcxx_shim_mutex_assert_held);

int kcxx_shim_mutex_is_locked(void *mutex)
{
	return mutex_is_locked((struct mutex *)mutex);
}
EXPORT_SYMBOL_GPL(kcxx_shim_mutex_is_locked);

void kcxx_shim_warn_locked_by(const char *what)
{
	WARN(1, "kcxx: %s\n", what);
}
EXPORT_SYMBOL_GPL(kcxx_shim_warn_locked_by);
