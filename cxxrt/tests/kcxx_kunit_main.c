// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suites for cxxrt and include/kcxx.  KUnit's macros are C, so the
 * suites are C and the bodies under test are C++ (runtime_test.cpp,
 * sync_test.cpp), reached through extern "C" hooks that return 0 or the
 * line of the first failed check.
 *
 * The module also keeps two locks of one type, declared at two sites,
 * alive while it is loaded, so /proc/lockdep can be checked for two
 * classes named after their data (selftests/ipw2200_cxx/kcxx_kunit.sh).
 */
#include <kunit/test.h>
#include <kunit/device.h>
#include <linux/device.h>
#include <linux/module.h>
#include "hooks.h"

#define KCXX_CASE(hook)								\
	static void hook##_case(struct kunit *test)				\
	{									\
		int line = kcxx_test_##hook();					\
		KUNIT_EXPECT_EQ_MSG(test, line, 0,				\
				    "kcxx_test_" #hook " failed a check at line %d", line); \
	}

KCXX_CASE(new_delete)
KCXX_CASE(new_atomic)
KCXX_CASE(new_array)
KCXX_CASE(new_aligned)
KCXX_CASE(new_constructs_in_place)

static struct kunit_case kcxx_runtime_cases[] = {
	KUNIT_CASE(new_delete_case),
	KUNIT_CASE(new_atomic_case),
	KUNIT_CASE(new_array_case),
	KUNIT_CASE(new_aligned_case),
	KUNIT_CASE(new_constructs_in_place_case),
	{}
};

static struct kunit_suite kcxx_runtime_suite = {
	.name = "kcxx_runtime",
	.test_cases = kcxx_runtime_cases,
};

KCXX_CASE(spin_guard_data)
KCXX_CASE(spin_is_locked)
KCXX_CASE(spin_nested_via_atomic)
KCXX_CASE(spin_lock_nested_subclass)
KCXX_CASE(irqspin_disables_irqs)
KCXX_CASE(spin_assert_held)
KCXX_CASE(spin_bh)
KCXX_CASE(mutex_guard_data)
KCXX_CASE(mutex_sleep_while_held)
KCXX_CASE(locked_by)
KCXX_CASE(lock_class_per_site)
KCXX_CASE(lock_class_same_site)
KCXX_CASE(lock_class_names)

static struct kunit_case kcxx_sync_cases[] = {
	KUNIT_CASE(spin_guard_data_case),
	KUNIT_CASE(spin_is_locked_case),
	KUNIT_CASE(spin_nested_via_atomic_case),
	KUNIT_CASE(spin_lock_nested_subclass_case),
	KUNIT_CASE(irqspin_disables_irqs_case),
	KUNIT_CASE(spin_assert_held_case),
	KUNIT_CASE(spin_bh_case),
	KUNIT_CASE(mutex_guard_data_case),
	KUNIT_CASE(mutex_sleep_while_held_case),
	KUNIT_CASE(locked_by_case),
	KUNIT_CASE(lock_class_per_site_case),
	KUNIT_CASE(lock_class_same_site_case),
	KUNIT_CASE(lock_class_names_case),
	{}
};

static struct kunit_suite kcxx_sync_suite = {
	.name = "kcxx_sync",
	.test_cases = kcxx_sync_cases,
};

KCXX_CASE(bits_set_clear)
KCXX_CASE(bits_test_and_set)
KCXX_CASE(bits_test_and_clear)
KCXX_CASE(bits_lock_unlock)
KCXX_CASE(bits_independent)
KCXX_CASE(atomic_int_ops)
KCXX_CASE(atomic_cmpxchg)
KCXX_CASE(atomic_widths)
KCXX_CASE(atomic_xchg)

static struct kunit_case kcxx_atomic_cases[] = {
	KUNIT_CASE(bits_set_clear_case),
	KUNIT_CASE(bits_test_and_set_case),
	KUNIT_CASE(bits_test_and_clear_case),
	KUNIT_CASE(bits_lock_unlock_case),
	KUNIT_CASE(bits_independent_case),
	KUNIT_CASE(atomic_int_ops_case),
	KUNIT_CASE(atomic_cmpxchg_case),
	KUNIT_CASE(atomic_widths_case),
	KUNIT_CASE(atomic_xchg_case),
	{}
};

static struct kunit_suite kcxx_atomic_suite = {
	.name = "kcxx_atomic",
	.test_cases = kcxx_atomic_cases,
};

KCXX_CASE(queue_fifo)
KCXX_CASE(queue_full_and_wrap)
KCXX_CASE(queue_from_irq)

static struct kunit_case kcxx_queue_cases[] = {
	KUNIT_CASE(queue_fifo_case),
	KUNIT_CASE(queue_full_and_wrap_case),
	KUNIT_CASE(queue_from_irq_case),
	{}
};

static struct kunit_suite kcxx_queue_suite = {
	.name = "kcxx_queue",
	.test_cases = kcxx_queue_cases,
};

KCXX_CASE(waitq_wakes)
KCXX_CASE(waitq_times_out)
KCXX_CASE(condvar_wait_notify)
KCXX_CASE(condvar_times_out)
KCXX_CASE(completion_basic)

static struct kunit_case kcxx_wait_cases[] = {
	KUNIT_CASE(waitq_wakes_case),
	KUNIT_CASE(waitq_times_out_case),
	KUNIT_CASE(condvar_wait_notify_case),
	KUNIT_CASE(condvar_times_out_case),
	KUNIT_CASE(completion_basic_case),
	{}
};

static struct kunit_suite kcxx_wait_suite = {
	.name = "kcxx_wait",
	.test_cases = kcxx_wait_cases,
};

KCXX_CASE(work_runs_in_process_context)
KCXX_CASE(work_cancel)
KCXX_CASE(workqueue_ordered)
KCXX_CASE(timer_fires_rearms_shutdown)

static struct kunit_case kcxx_work_cases[] = {
	KUNIT_CASE(work_runs_in_process_context_case),
	KUNIT_CASE(work_cancel_case),
	KUNIT_CASE(workqueue_ordered_case),
	KUNIT_CASE(timer_fires_rearms_shutdown_case),
	{}
};

static struct kunit_suite kcxx_work_suite = {
	.name = "kcxx_work",
	.test_cases = kcxx_work_cases,
};

KCXX_CASE(rcu_read_guard)
KCXX_CASE(revocable_access_and_revoke)
KCXX_CASE(revocable_revoke_waits_for_readers)
KCXX_CASE(arc_counts)

static struct kunit_case kcxx_lifetime_cases[] = {
	KUNIT_CASE(rcu_read_guard_case),
	KUNIT_CASE(revocable_access_and_revoke_case),
	KUNIT_CASE(revocable_revoke_waits_for_readers_case),
	KUNIT_CASE(arc_counts_case),
	{}
};

static struct kunit_suite kcxx_lifetime_suite = {
	.name = "kcxx_lifetime",
	.test_cases = kcxx_lifetime_cases,
};

KCXX_CASE(io_bounds)
KCXX_CASE(bytes_checked_reads)

/* Cases that need a struct device: a KUnit-managed one, DMA-capable. */
#define KCXX_DEV_CASE(hook)							\
	static void hook##_case(struct kunit *test)				\
	{									\
		struct device *dev = kunit_device_register(test, "kcxx-test-dev"); \
		int line;							\
										\
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);			\
		dev->dma_mask = &dev->coherent_dma_mask;			\
		line = kcxx_test_##hook(dev);					\
		KUNIT_EXPECT_EQ_MSG(test, line, 0,				\
				    "kcxx_test_" #hook " failed a check at line %d", line); \
	}

KCXX_DEV_CASE(firmware_missing)
KCXX_DEV_CASE(dma_coherent_and_streaming)

static struct kunit_case kcxx_device_cases[] = {
	KUNIT_CASE(io_bounds_case),
	KUNIT_CASE(bytes_checked_reads_case),
	KUNIT_CASE(firmware_missing_case),
	KUNIT_CASE(dma_coherent_and_streaming_case),
	{}
};

static struct kunit_suite kcxx_device_suite = {
	.name = "kcxx_device",
	.test_cases = kcxx_device_cases,
};

KCXX_CASE(stress_two_cpus_and_irq)

static struct kunit_case kcxx_stress_cases[] = {
	KUNIT_CASE_SLOW(stress_two_cpus_and_irq_case),
	{}
};

static struct kunit_suite kcxx_stress_suite = {
	.name = "kcxx_stress",
	.test_cases = kcxx_stress_cases,
};

kunit_test_suites(&kcxx_runtime_suite, &kcxx_sync_suite, &kcxx_atomic_suite, &kcxx_queue_suite,
		  &kcxx_wait_suite, &kcxx_work_suite, &kcxx_lifetime_suite, &kcxx_device_suite,
		  &kcxx_stress_suite);

static int __init kcxx_kunit_init(void)
{
	return kcxx_test_keep_site_locks() ? -EINVAL : 0;
}

static void __exit kcxx_kunit_exit(void)
{
	kcxx_test_drop_site_locks();
}

module_init(kcxx_kunit_init);
module_exit(kcxx_kunit_exit);
MODULE_DESCRIPTION("KUnit tests for cxxrt and the kcxx C++ abstractions");
MODULE_LICENSE("GPL");
