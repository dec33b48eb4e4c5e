// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: work items, workqueues and timers for include/kcxx/work.h.  The
 * kernel calls a trampoline here, which calls the C++ callback stored next
 * to the kernel object (struct kcxx_work and friends, shim_types.h).  Each
 * object is initialised with the caller's lockdep class, so flush and cancel
 * dependencies are tracked per declaration site, as INIT_WORK() and
 * timer_setup() do per C call site.
 */
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/version.h>
#include <linux/export.h>
#include <kcxx/layout.h>
#include "../include/kcxx/shim.h"
#include "shim_types.h"

static_assert(sizeof(struct kcxx_work) == KCXX_SIZEOF_WORK, "kcxx/layout.h is stale");
static_assert(sizeof(struct kcxx_dwork) == KCXX_SIZEOF_DWORK, "kcxx/layout.h is stale");
static_assert(sizeof(struct kcxx_timer) == KCXX_SIZEOF_TIMER, "kcxx/layout.h is stale");

static void kcxx_work_fn(struct work_struct *w)
{
	struct kcxx_work *kw = container_of(w, struct kcxx_work, work);

	kw->fn(kw->arg);
}

static void kcxx_dwork_fn(struct work_struct *w)
{
	struct kcxx_dwork *kw = container_of(to_delayed_work(w), struct kcxx_dwork, dwork);

	kw->fn(kw->arg);
}

static void kcxx_timer_fn(struct timer_list *t)
{
	struct kcxx_timer *kt = container_of(t, struct kcxx_timer, timer);

	kt->fn(kt->arg);
}

static struct workqueue_struct *kcxx_wq(void *wq)
{
	return wq ? wq : system_wq;
}

void kcxx_shim_work_init(void *work, void (*fn)(void *), void *arg, const char *name, void *key)
{
	struct kcxx_work *kw = work;

	__INIT_WORK_KEY(&kw->work, kcxx_work_fn, 0, (struct lock_class_key *)key);
#ifdef CONFIG_LOCKDEP
	lockdep_init_map(&kw->work.lockdep_map, name, key, 0);
#endif
	kw->fn = fn;
	kw->arg = arg;
}
EXPORT_SYMBOL_GPL(kcxx_shim_work_init);

int kcxx_shim_work_queue(void *work, void *wq)
{
	return queue_work(kcxx_wq(wq), &((struct kcxx_work *)work)->work);
}
EXPORT_SYMBOL_GPL(kcxx_shim_work_queue);

int kcxx_shim_work_queue_on_cpu(void *work, void *wq, int cpu)
{
	return queue_work_on(cpu, kcxx_wq(wq), &((struct kcxx_work *)work)->work);
}
EXPORT_SYMBOL_GPL(kcxx_shim_work_queue_on_cpu);

int kcxx_shim_work_cancel_sync(void *work)
{
	return cancel_work_sync(&((struct kcxx_work *)work)->work);
}
EXPORT_SYMBOL_GPL(kcxx_shim_work_cancel_sync);

int kcxx_shim_work_flush(void *work)
{
	return flush_work(&((struct kcxx_work *)work)->work);
}
EXPORT_SYMBOL_GPL(kcxx_shim_work_flush);

int kcxx_shim_work_pending(void *work)
{
	return work_pending(&((struct kcxx_work *)work)->work);
}
EXPORT_SYMBOL_GPL(kcxx_shim_work_pending);

/* timer_init_key() was init_timer_key() before 6.16. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 16, 0)
#define kcxx_timer_init_key timer_init_key
#else
#define kcxx_timer_init_key init_timer_key
#endif

/*
 * What INIT_DELAYED_WORK() does for the timer half.  The timer only queues
 * the work; one lockdep class for all of them is enough.
 */
static void kcxx_dwork_timer_setup(struct delayed_work *dw)
{
	static struct lock_class_key kcxx_dwork_timer_key;

	kcxx_timer_init_key(&dw->timer, delayed_work_timer_fn, TIMER_IRQSAFE, "kcxx:delayed_work_timer",
			    &kcxx_dwork_timer_key);
}

void kcxx_shim_dwork_init(void *dwork, void (*fn)(void *), void *arg, const char *name, void *key)
{
	struct kcxx_dwork *kw = dwork;

	__INIT_WORK_KEY(&kw->dwork.work, kcxx_dwork_fn, 0, (struct lock_class_key *)key);
#ifdef CONFIG_LOCKDEP
	lockdep_init_map(&kw->dwork.work.lockdep_map, name, key, 0);
#endif
	kcxx_dwork_timer_setup(&kw->dwork);
	kw->fn = fn;
	kw->arg = arg;
}
EXPORT_SYMBOL_GPL(kcxx_shim_dwork_init);

int kcxx_shim_dwork_queue(void *dwork, void *wq, unsigned long delay)
{
	return queue_delayed_work(kcxx_wq(wq), &((struct kcxx_dwork *)dwork)->dwork, delay);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dwork_queue);

int kcxx_shim_dwork_mod(void *dwork, void *wq, unsigned long delay)
{
	return mod_delayed_work(kcxx_wq(wq), &((struct kcxx_dwork *)dwork)->dwork, delay);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dwork_mod);

int kcxx_shim_dwork_cancel_sync(void *dwork)
{
	return cancel_delayed_work_sync(&((struct kcxx_dwork *)dwork)->dwork);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dwork_cancel_sync);

int kcxx_shim_dwork_pending(void *dwork)
{
	return delayed_work_pending(&((struct kcxx_dwork *)dwork)->dwork);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dwork_pending);

void *kcxx_shim_wq_alloc(const char *name, unsigned int kind)
{
	unsigned int flags = 0;

	if (kind & KCXX_WQ_ORDERED)
		return alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, name);
	if (kind & KCXX_WQ_HIGHPRI)
		flags |= WQ_HIGHPRI;
	if (kind & KCXX_WQ_FREEZABLE)
		flags |= WQ_FREEZABLE;
	if (kind & KCXX_WQ_MEM_RECLAIM)
		flags |= WQ_MEM_RECLAIM;
	return alloc_workqueue("%s", flags | WQ_UNBOUND, 0, name);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wq_alloc);

void kcxx_shim_wq_destroy(void *wq)
{
	destroy_workqueue(wq);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wq_destroy);

void kcxx_shim_wq_flush(void *wq)
{
	flush_workqueue(wq);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wq_flush);

void kcxx_shim_timer_init(void *timer, void (*fn)(void *), void *arg, const char *name, void *key)
{
	struct kcxx_timer *kt = timer;

	kcxx_timer_init_key(&kt->timer, kcxx_timer_fn, 0, name, key);
	kt->fn = fn;
	kt->arg = arg;
}
EXPORT_SYMBOL_GPL(kcxx_shim_timer_init);

int kcxx_shim_timer_mod(void *timer, unsigned long delay)
{
	return mod_timer(&((struct kcxx_timer *)timer)->timer, jiffies + delay);
}
EXPORT_SYMBOL_GPL(kcxx_shim_timer_mod);

int kcxx_shim_timer_delete(void *timer)
{
	return timer_delete(&((struct kcxx_timer *)timer)->timer);
}
EXPORT_SYMBOL_GPL(kcxx_shim_timer_delete);

int kcxx_shim_timer_delete_sync(void *timer)
{
	return timer_delete_sync(&((struct kcxx_timer *)timer)->timer);
}
EXPORT_SYMBOL_GPL(kcxx_shim_timer_delete_sync);

int kcxx_shim_timer_shutdown_sync(void *timer)
{
	return timer_shutdown_sync(&((struct kcxx_timer *)timer)->timer);
}
EXPORT_SYMBOL_GPL(kcxx_shim_timer_shutdown_sync);

int kcxx_shim_timer_pending(void *timer)
{
	return timer_pending(&((struct kcxx_timer *)timer)->timer);
}
EXPORT_SYMBOL_GPL(kcxx_shim_timer_pending);
