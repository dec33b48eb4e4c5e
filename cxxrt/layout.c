// SPDX-License-Identifier: GPL-2.0
/*
 * Sizes and alignments of the kernel objects that C++ embeds by value,
 * generated at build time from the real kernel configuration (the
 * asm-offsets technique): this file is compiled to assembly, and the
 * "->SYMBOL value" markers become include/kcxx/layout.h in each C++-using
 * module's build directory.  C++ never sees the kernel types, only opaque
 * storage of exactly this size and alignment; the C shim checks the match
 * with static_assert (cxxrt/shim_sync.c).
 */
#include <linux/kbuild.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/lockdep_types.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include "shim_types.h"

#define KCXX_LAYOUT(name, type)                                                                                        \
	DEFINE(KCXX_SIZEOF_##name, sizeof(type));                                                                      \
	DEFINE(KCXX_ALIGNOF_##name, __alignof__(type))

int main(void);
int main(void)
{
	KCXX_LAYOUT(SPINLOCK, spinlock_t);
	KCXX_LAYOUT(MUTEX, struct mutex);
	KCXX_LAYOUT(LOCK_CLASS_KEY, struct lock_class_key);
	KCXX_LAYOUT(WAIT_QUEUE_HEAD, struct wait_queue_head);
	KCXX_LAYOUT(WAIT_ENTRY, struct wait_queue_entry);
	KCXX_LAYOUT(COMPLETION, struct completion);
	KCXX_LAYOUT(WORK, struct kcxx_work);
	KCXX_LAYOUT(DWORK, struct kcxx_dwork);
	KCXX_LAYOUT(TIMER, struct kcxx_timer);
	return 0;
}
