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
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/mount.h>
#include <linux/namei.h>
#include <linux/path.h>
#include <linux/cred.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "hooks.h"

#define KCXX_CASE(hook)                                                                                                \
	static void hook##_case(struct kunit *test)                                                                    \
	{                                                                                                              \
		int line = kcxx_test_##hook();                                                                         \
		KUNIT_EXPECT_EQ_MSG(test, line, 0, "kcxx_test_" #hook " failed a check at line %d", line);             \
	}

KCXX_CASE(new_delete)
KCXX_CASE(new_atomic)
KCXX_CASE(new_array)
KCXX_CASE(new_aligned)
KCXX_CASE(new_constructs_in_place)

static struct kunit_case kcxx_runtime_cases[] = {KUNIT_CASE(new_delete_case),
						 KUNIT_CASE(new_atomic_case),
						 KUNIT_CASE(new_array_case),
						 KUNIT_CASE(new_aligned_case),
						 KUNIT_CASE(new_constructs_in_place_case),
						 {}};

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

static struct kunit_case kcxx_sync_cases[] = {KUNIT_CASE(spin_guard_data_case),
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
					      {}};

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
	KUNIT_CASE(bits_set_clear_case),      KUNIT_CASE(bits_test_and_set_case),
	KUNIT_CASE(bits_test_and_clear_case), KUNIT_CASE(bits_lock_unlock_case),
	KUNIT_CASE(bits_independent_case),    KUNIT_CASE(atomic_int_ops_case),
	KUNIT_CASE(atomic_cmpxchg_case),      KUNIT_CASE(atomic_widths_case),
	KUNIT_CASE(atomic_xchg_case),	      {}};

static struct kunit_suite kcxx_atomic_suite = {
	.name = "kcxx_atomic",
	.test_cases = kcxx_atomic_cases,
};

KCXX_CASE(queue_fifo)
KCXX_CASE(queue_full_and_wrap)
KCXX_CASE(queue_from_irq)

static struct kunit_case kcxx_queue_cases[] = {
	KUNIT_CASE(queue_fifo_case), KUNIT_CASE(queue_full_and_wrap_case), KUNIT_CASE(queue_from_irq_case), {}};

static struct kunit_suite kcxx_queue_suite = {
	.name = "kcxx_queue",
	.test_cases = kcxx_queue_cases,
};

KCXX_CASE(waitq_wakes)
KCXX_CASE(waitq_times_out)
KCXX_CASE(condvar_wait_notify)
KCXX_CASE(condvar_times_out)
KCXX_CASE(completion_basic)

static struct kunit_case kcxx_wait_cases[] = {KUNIT_CASE(waitq_wakes_case),	    KUNIT_CASE(waitq_times_out_case),
					      KUNIT_CASE(condvar_wait_notify_case), KUNIT_CASE(condvar_times_out_case),
					      KUNIT_CASE(completion_basic_case),    {}};

static struct kunit_suite kcxx_wait_suite = {
	.name = "kcxx_wait",
	.test_cases = kcxx_wait_cases,
};

KCXX_CASE(work_runs_in_process_context)
KCXX_CASE(work_cancel)
KCXX_CASE(workqueue_ordered)
KCXX_CASE(timer_fires_rearms_shutdown)

static struct kunit_case kcxx_work_cases[] = {KUNIT_CASE(work_runs_in_process_context_case),
					      KUNIT_CASE(work_cancel_case),
					      KUNIT_CASE(workqueue_ordered_case),
					      KUNIT_CASE(timer_fires_rearms_shutdown_case),
					      {}};

static struct kunit_suite kcxx_work_suite = {
	.name = "kcxx_work",
	.test_cases = kcxx_work_cases,
};

KCXX_CASE(rcu_read_guard)
KCXX_CASE(revocable_access_and_revoke)
KCXX_CASE(revocable_revoke_waits_for_readers)
KCXX_CASE(arc_counts)

static struct kunit_case kcxx_lifetime_cases[] = {KUNIT_CASE(rcu_read_guard_case),
						  KUNIT_CASE(revocable_access_and_revoke_case),
						  KUNIT_CASE(revocable_revoke_waits_for_readers_case),
						  KUNIT_CASE(arc_counts_case),
						  {}};

static struct kunit_suite kcxx_lifetime_suite = {
	.name = "kcxx_lifetime",
	.test_cases = kcxx_lifetime_cases,
};

KCXX_CASE(io_bounds)
KCXX_CASE(bytes_checked_reads)

/* Cases that need a struct device: a KUnit-managed one, DMA-capable. */
#define KCXX_DEV_CASE(hook)                                                                                            \
	static void hook##_case(struct kunit *test)                                                                    \
	{                                                                                                              \
		struct device *dev = kunit_device_register(test, "kcxx-test-dev");                                     \
		int line;                                                                                              \
                                                                                                                       \
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);                                                               \
		dev->dma_mask = &dev->coherent_dma_mask;                                                               \
		line = kcxx_test_##hook(dev);                                                                          \
		KUNIT_EXPECT_EQ_MSG(test, line, 0, "kcxx_test_" #hook " failed a check at line %d", line);             \
	}

KCXX_DEV_CASE(firmware_missing)
KCXX_DEV_CASE(dma_coherent_and_streaming)

static struct kunit_case kcxx_device_cases[] = {KUNIT_CASE(io_bounds_case),
						KUNIT_CASE(bytes_checked_reads_case),
						KUNIT_CASE(firmware_missing_case),
						KUNIT_CASE(dma_coherent_and_streaming_case),
						{}};

static struct kunit_suite kcxx_device_suite = {
	.name = "kcxx_device",
	.test_cases = kcxx_device_cases,
};

KCXX_CASE(textbuf_bounds)
KCXX_CASE(debugfs_callbacks)
KCXX_CASE(debugfs_lifetimes)

/*
 * kcxx/debugfs.h through the VFS: open the files of kcxx_test_rt by path
 * on a kernel-internal mount of debugfs (kernel threads do not see user
 * space's mounts) and call their (debugfs proxy) read and write with a
 * user buffer mapped into this test thread, as a system call would.
 */
#define KCXX_RT "kcxx_test_rt/"

struct kcxx_rt {
	struct kunit *test;
	struct vfsmount *mnt; /* debugfs */
	char __user *u;	      /* two user pages */
	char *k;	      /* one kernel page */
};

static struct file *kcxx_rt_open(struct kcxx_rt *rt, const char *name, int flags)
{
	struct path path;
	struct file *f;
	int err = vfs_path_lookup(rt->mnt->mnt_root, rt->mnt, name, 0, &path);

	if (err)
		return ERR_PTR(err);
	f = dentry_open(&path, flags, current_cred());
	path_put(&path);
	return f;
}

static void kcxx_rt_unmount(void *mnt)
{
	kern_unmount(mnt);
}

static ssize_t kcxx_rt_read(struct kcxx_rt *rt, struct file *f, size_t count, loff_t *pos)
{
	ssize_t n = f->f_op->read(f, rt->u, count, pos);

	memset(rt->k, 0, PAGE_SIZE);
	if (n > 0 && copy_from_user(rt->k, rt->u, min_t(size_t, n, PAGE_SIZE - 1)))
		return -EFAULT;
	return n;
}

static ssize_t kcxx_rt_write(struct kcxx_rt *rt, struct file *f, const char *s, size_t count)
{
	loff_t pos = 0;

	if (copy_to_user(rt->u, s, count))
		return -EFAULT;
	return f->f_op->write(f, rt->u, count, &pos);
}

static long kcxx_rt_open_err(struct kcxx_rt *rt, const char *path, int flags)
{
	struct file *f = kcxx_rt_open(rt, path, flags);

	if (IS_ERR(f))
		return PTR_ERR(f);
	filp_close(f, NULL);
	return 0;
}

static void kcxx_rt_free(void *owner)
{
	kcxx_test_debugfs_rt_remove(owner);
	kcxx_test_debugfs_rt_free(owner);
}

static void debugfs_vfs_round_trip_case(struct kunit *test)
{
	struct kcxx_rt rt = {.test = test};
	struct file_system_type *fst = get_fs_type("debugfs");
	void *owner = kcxx_test_debugfs_rt_setup();
	int shows, stores;
	struct file *f, *big, *fail;
	loff_t pos;
	char *page;

	KUNIT_ASSERT_NOT_NULL(test, owner);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, kcxx_rt_free, owner), 0);
	if (!fst)
		kunit_skip(test, "no debugfs");
	rt.mnt = kern_mount(fst);
	module_put(fst->owner);
	if (IS_ERR(rt.mnt))
		kunit_skip(test, "cannot mount debugfs (%ld)", PTR_ERR(rt.mnt));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, kcxx_rt_unmount, rt.mnt), 0);
	f = kcxx_rt_open(&rt, KCXX_RT "echo", O_RDWR);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(f), "open: %ld", PTR_ERR(f));
	rt.u = (char __user *)kunit_vm_mmap(test, NULL, 0, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
					    MAP_ANONYMOUS | MAP_PRIVATE, 0);
	rt.k = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	page = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	if (IS_ERR_VALUE((unsigned long)rt.u) || !rt.u || !rt.k || !page) {
		filp_close(f, NULL);
		KUNIT_FAIL(test, "no user or kernel buffer");
		return;
	}

	/* A write is one Store; a read at 0 runs Show. */
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, "hello", 5), 5);
	pos = 0;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 64, &pos), 5);
	KUNIT_EXPECT_STREQ(test, rt.k, "hello");
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 64, &pos), 0); /* end of file */

	/* Partial reads at offsets come from one snapshot. */
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, "abcdefgh", 8), 8);
	kcxx_test_debugfs_rt_counts(owner, &shows, &stores);
	pos = 0;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 3, &pos), 3);
	KUNIT_EXPECT_STREQ(test, rt.k, "abc");
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, "XYZ", 3), 3); /* not seen mid-read */
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 3, &pos), 3);
	KUNIT_EXPECT_STREQ(test, rt.k, "def");
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 100, &pos), 2);
	KUNIT_EXPECT_STREQ(test, rt.k, "gh");
	pos = 1 << 20;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 100, &pos), 0);
	pos = -1;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 100, &pos), -EINVAL);
	{
		int s2, st2;

		kcxx_test_debugfs_rt_counts(owner, &s2, &st2);
		KUNIT_EXPECT_EQ(test, s2, shows + 1);
		KUNIT_EXPECT_EQ(test, st2, stores + 1);
	}
	pos = 0;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 100, &pos), 3); /* offset 0: fresh */
	KUNIT_EXPECT_STREQ(test, rt.k, "XYZ");

	/* Empty, maximal and oversized writes; Store's error is the result. */
	kcxx_test_debugfs_rt_counts(owner, &shows, &stores);
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, "", 0), 0);
	memset(page, 'a', PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, page, PAGE_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, page, PAGE_SIZE - 1), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, page, 64), -ENOSPC);
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, page, 63), 63);
	{
		int s2, st2;

		kcxx_test_debugfs_rt_counts(owner, &s2, &st2);
		KUNIT_EXPECT_EQ(test, st2, stores + 1);
	}
	pos = 0;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, PAGE_SIZE, &pos), 63);

	/* Show's output is bounded by a page; Show's error is the read's. */
	big = kcxx_rt_open(&rt, KCXX_RT "big", O_RDONLY);
	KUNIT_ASSERT_FALSE(test, IS_ERR(big));
	pos = 0;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, big, 2 * PAGE_SIZE, &pos), (ssize_t)PAGE_SIZE - 1);
	KUNIT_EXPECT_EQ(test, memcmp(rt.k, "line 0000\nline 0001\n", 20), 0);
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, big, PAGE_SIZE, &pos), 0);
	filp_close(big, NULL);
	fail = kcxx_rt_open(&rt, KCXX_RT "fail", O_RDWR);
	KUNIT_ASSERT_FALSE(test, IS_ERR(fail));
	pos = 0;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, fail, 100, &pos), -EIO);
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, fail, "x", 1), -EPERM);
	filp_close(fail, NULL);

	/* A file without Show cannot be opened for reading, and vice versa. */
	KUNIT_EXPECT_EQ(test, kcxx_rt_open_err(&rt, KCXX_RT "ro", O_RDWR), -EACCES);
	KUNIT_EXPECT_EQ(test, kcxx_rt_open_err(&rt, KCXX_RT "ro", O_RDONLY), 0);
	KUNIT_EXPECT_EQ(test, kcxx_rt_open_err(&rt, KCXX_RT "wo", O_RDONLY), -EACCES);
	KUNIT_EXPECT_EQ(test, kcxx_rt_open_err(&rt, KCXX_RT "wo", O_WRONLY), 0);
	KUNIT_EXPECT_EQ(test, kcxx_rt_open_err(&rt, KCXX_RT "sub/echo", O_RDONLY), 0);

	/*
	 * Removed while open (parent before subdirectory): reads and writes
	 * fail without reaching the owner, release still frees the open file.
	 */
	kcxx_test_debugfs_rt_remove(owner);
	pos = 0;
	KUNIT_EXPECT_EQ(test, kcxx_rt_read(&rt, f, 100, &pos), -EIO);
	KUNIT_EXPECT_EQ(test, kcxx_rt_write(&rt, f, "x", 1), -EIO);
	filp_close(f, NULL);
	KUNIT_EXPECT_EQ(test, kcxx_rt_open_err(&rt, KCXX_RT "echo", O_RDONLY), -ENOENT);
	KUNIT_EXPECT_EQ(test, kcxx_rt_open_err(&rt, KCXX_RT "sub/echo", O_RDONLY), -ENOENT);
}

static struct kunit_case kcxx_debugfs_cases[] = {KUNIT_CASE(textbuf_bounds_case),
						 KUNIT_CASE(debugfs_callbacks_case),
						 KUNIT_CASE(debugfs_lifetimes_case),
						 KUNIT_CASE(debugfs_vfs_round_trip_case),
						 {}};

static struct kunit_suite kcxx_debugfs_suite = {
	.name = "kcxx_debugfs",
	.test_cases = kcxx_debugfs_cases,
};

KCXX_CASE(irq_binding)
KCXX_CASE(pci_claims)

static void pci_device_case(struct kunit *test)
{
	void *pdev = kcxx_test_shim_pci_get_unbound();
	int line;

	if (!pdev)
		kunit_skip(test, "no PCI device without a driver");
	line = IS_ENABLED(CONFIG_PCI) ? kcxx_test_pci_device(pdev) : 0;
	kcxx_test_shim_pci_put(pdev);
	KUNIT_EXPECT_EQ_MSG(test, line, 0, "kcxx_test_pci_device failed a check at line %d", line);
}

KCXX_CASE(random_values)
KCXX_CASE(deadline_polling)

static struct kunit_case kcxx_bus_cases[] = {KUNIT_CASE(irq_binding_case),	KUNIT_CASE(pci_claims_case),
					     KUNIT_CASE(pci_device_case),	KUNIT_CASE(random_values_case),
					     KUNIT_CASE(deadline_polling_case), {}};

static struct kunit_suite kcxx_bus_suite = {
	.name = "kcxx_bus",
	.test_cases = kcxx_bus_cases,
};

KCXX_CASE(stress_two_cpus_and_irq)

static struct kunit_case kcxx_stress_cases[] = {KUNIT_CASE_SLOW(stress_two_cpus_and_irq_case), {}};

static struct kunit_suite kcxx_stress_suite = {
	.name = "kcxx_stress",
	.test_cases = kcxx_stress_cases,
};

#if IS_ENABLED(CONFIG_CFG80211)
KCXX_CASE(netdev_ops)
KCXX_CASE(netdev_no_xmit)
KCXX_DEV_CASE(wiphy_ops)
KCXX_DEV_CASE(wiphy_mode_ops)
KCXX_DEV_CASE(wiphy_bss)

static struct kunit_case kcxx_net_cases[] = {KUNIT_CASE(netdev_ops_case), KUNIT_CASE(netdev_no_xmit_case),
					     KUNIT_CASE(wiphy_ops_case),  KUNIT_CASE(wiphy_mode_ops_case),
					     KUNIT_CASE(wiphy_bss_case),  {}};

static struct kunit_suite kcxx_net_suite = {
	.name = "kcxx_net",
	.test_cases = kcxx_net_cases,
};
#define KCXX_NET_SUITE &kcxx_net_suite,
#else
#define KCXX_NET_SUITE
#endif

KCXX_CASE(ccmp_known_answer)
KCXX_CASE(ccmp_tampered)
KCXX_CASE(ccmp_qos_a4)
KCXX_CASE(aes_ccm_bounds)
KCXX_CASE(wep_known_answer)
KCXX_CASE(michael_known_answer)
KCXX_CASE(tkip_key_mixing)

static struct kunit_case kcxx_crypto_cases[] = {
	KUNIT_CASE(ccmp_known_answer_case), KUNIT_CASE(ccmp_tampered_case),
	KUNIT_CASE(ccmp_qos_a4_case),	    KUNIT_CASE(aes_ccm_bounds_case),
	KUNIT_CASE(wep_known_answer_case),  KUNIT_CASE(michael_known_answer_case),
	KUNIT_CASE(tkip_key_mixing_case),   {}};

static struct kunit_suite kcxx_crypto_suite = {
	.name = "kcxx_crypto",
	.test_cases = kcxx_crypto_cases,
};

kunit_test_suites(&kcxx_runtime_suite, &kcxx_sync_suite, &kcxx_atomic_suite, &kcxx_queue_suite, &kcxx_wait_suite,
		  &kcxx_work_suite, &kcxx_lifetime_suite, &kcxx_device_suite, &kcxx_debugfs_suite, &kcxx_bus_suite,
		  KCXX_NET_SUITE &kcxx_crypto_suite, &kcxx_stress_suite);

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
