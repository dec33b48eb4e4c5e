// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: wait queues, condition waits, completions and sleeping for
 * include/kcxx/wait.h and include/kcxx/time.h.
 */
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/mutex.h>
#include <linux/jiffies.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <linux/export.h>
#include <kcxx/layout.h>
#include "../include/kcxx/shim.h"

static_assert(sizeof(struct wait_queue_head) == KCXX_SIZEOF_WAIT_QUEUE_HEAD, "kcxx/layout.h is stale");
static_assert(sizeof(struct wait_queue_entry) == KCXX_SIZEOF_WAIT_ENTRY, "kcxx/layout.h is stale");
static_assert(sizeof(struct completion) == KCXX_SIZEOF_COMPLETION, "kcxx/layout.h is stale");
static_assert(KCXX_MAX_SCHEDULE_TIMEOUT == MAX_SCHEDULE_TIMEOUT, "kcxx/shim.h: MAX_SCHEDULE_TIMEOUT");
static_assert(KCXX_ERESTARTSYS == -ERESTARTSYS, "kcxx/shim.h: ERESTARTSYS");

void kcxx_shim_waitq_init(void *wq, const char *name, void *key)
{
	__init_waitqueue_head(wq, name, key);
}
EXPORT_SYMBOL_GPL(kcxx_shim_waitq_init);

void kcxx_shim_wake_up(void *wq)
{
	wake_up((struct wait_queue_head *)wq);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wake_up);

void kcxx_shim_wake_up_all(void *wq)
{
	wake_up_all((struct wait_queue_head *)wq);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wake_up_all);

void kcxx_shim_wait_entry_init(void *entry)
{
	init_wait_entry(entry, 0);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wait_entry_init);

long kcxx_shim_prepare_to_wait(void *wq, void *entry, int interruptible)
{
	return prepare_to_wait_event(wq, entry, interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE);
}
EXPORT_SYMBOL_GPL(kcxx_shim_prepare_to_wait);

void kcxx_shim_finish_wait(void *wq, void *entry)
{
	finish_wait(wq, entry);
}
EXPORT_SYMBOL_GPL(kcxx_shim_finish_wait);

long kcxx_shim_schedule_timeout(long timeout)
{
	return schedule_timeout(timeout);
}
EXPORT_SYMBOL_GPL(kcxx_shim_schedule_timeout);

/*
 * The condition-variable wait: queue ourselves before the mutex is dropped,
 * so a notify that follows any state change made under the mutex cannot be
 * missed; sleep; take the mutex again before returning.
 */
long kcxx_shim_condvar_wait_mutex(void *wq, void *mutex, long timeout, int interruptible)
{
	DEFINE_WAIT(wait);
	long ret;

	prepare_to_wait(wq, &wait, interruptible ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE);
	mutex_unlock(mutex);
	if (interruptible && signal_pending(current))
		ret = -ERESTARTSYS;
	else
		ret = schedule_timeout(timeout);
	finish_wait(wq, &wait);
	mutex_lock(mutex);
	return ret;
}
EXPORT_SYMBOL_GPL(kcxx_shim_condvar_wait_mutex);

void kcxx_shim_completion_init(void *c)
{
	init_completion(c);
}
EXPORT_SYMBOL_GPL(kcxx_shim_completion_init);

void kcxx_shim_completion_reinit(void *c)
{
	reinit_completion(c);
}
EXPORT_SYMBOL_GPL(kcxx_shim_completion_reinit);

void kcxx_shim_complete(void *c)
{
	complete(c);
}
EXPORT_SYMBOL_GPL(kcxx_shim_complete);

void kcxx_shim_complete_all(void *c)
{
	complete_all(c);
}
EXPORT_SYMBOL_GPL(kcxx_shim_complete_all);

int kcxx_shim_completion_done(void *c)
{
	return completion_done(c);
}
EXPORT_SYMBOL_GPL(kcxx_shim_completion_done);

long kcxx_shim_wait_for_completion_timeout(void *c, long timeout, int interruptible)
{
	if (interruptible)
		return wait_for_completion_interruptible_timeout(c, timeout);
	return wait_for_completion_timeout(c, timeout);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wait_for_completion_timeout);

unsigned long kcxx_shim_jiffies(void)
{
	return jiffies;
}
EXPORT_SYMBOL_GPL(kcxx_shim_jiffies);

unsigned long kcxx_shim_msecs_to_jiffies(unsigned int ms)
{
	return msecs_to_jiffies(ms);
}
EXPORT_SYMBOL_GPL(kcxx_shim_msecs_to_jiffies);

unsigned int kcxx_shim_jiffies_to_msecs(unsigned long j)
{
	return jiffies_to_msecs(j);
}
EXPORT_SYMBOL_GPL(kcxx_shim_jiffies_to_msecs);

void kcxx_shim_msleep(unsigned int ms)
{
	msleep(ms);
}
EXPORT_SYMBOL_GPL(kcxx_shim_msleep);

void kcxx_shim_usleep_range(unsigned long min_us, unsigned long max_us)
{
	usleep_range(min_us, max_us);
}
EXPORT_SYMBOL_GPL(kcxx_shim_usleep_range);

void kcxx_shim_udelay(unsigned long us)
{
	udelay(us);
}
EXPORT_SYMBOL_GPL(kcxx_shim_udelay);

void kcxx_shim_cpu_relax(void)
{
	cpu_relax();
}
EXPORT_SYMBOL_GPL(kcxx_shim_cpu_relax);

unsigned long long kcxx_shim_ktime_get_ms(void)
{
	return ktime_to_ms(ktime_get());
}
EXPORT_SYMBOL_GPL(kcxx_shim_ktime_get_ms);
