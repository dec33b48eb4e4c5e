/* SPDX-License-Identifier: GPL-2.0 */
/*
 * C-side wrappers that the C shim puts around kernel objects which call
 * back into C++ (work items, timers): the kernel object plus the C++
 * callback and its argument.  C++ embeds them as opaque storage sized by
 * the generated kcxx/layout.h (see layout.c).
 */
#ifndef KCXX_SHIM_TYPES_H
#define KCXX_SHIM_TYPES_H

#include <linux/workqueue.h>
#include <linux/timer.h>

struct kcxx_work {
	struct work_struct work;
	void (*fn)(void *arg);
	void *arg;
};

struct kcxx_dwork {
	struct delayed_work dwork;
	void (*fn)(void *arg);
	void *arg;
};

struct kcxx_timer {
	struct timer_list timer;
	void (*fn)(void *arg);
	void *arg;
};

#endif
