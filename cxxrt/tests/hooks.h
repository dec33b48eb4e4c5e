/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C++ test bodies, called from the KUnit suites in kcxx_kunit_main.c.
 * Each returns 0 on success or the (positive) source line of the first
 * failed check, which the suite reports.
 */
#ifndef KCXX_TEST_HOOKS_H
#define KCXX_TEST_HOOKS_H

#ifdef __cplusplus
extern "C" {
#endif

int kcxx_test_new_delete(void);
int kcxx_test_new_atomic(void);
int kcxx_test_new_array(void);
int kcxx_test_new_aligned(void);
int kcxx_test_new_constructs_in_place(void);

int kcxx_test_spin_guard_data(void);
int kcxx_test_spin_is_locked(void);
int kcxx_test_spin_nested_via_atomic(void);
int kcxx_test_spin_lock_nested_subclass(void);
int kcxx_test_irqspin_disables_irqs(void);
int kcxx_test_spin_assert_held(void);
int kcxx_test_mutex_guard_data(void);
int kcxx_test_mutex_sleep_while_held(void);
int kcxx_test_locked_by(void);
int kcxx_test_lock_class_per_site(void);
int kcxx_test_lock_class_same_site(void);
int kcxx_test_lock_class_names(void);
int kcxx_test_bits_set_clear(void);
int kcxx_test_bits_test_and_set(void);
int kcxx_test_bits_test_and_clear(void);
int kcxx_test_bits_lock_unlock(void);
int kcxx_test_bits_independent(void);
int kcxx_test_atomic_int_ops(void);
int kcxx_test_atomic_cmpxchg(void);

int kcxx_test_spin_bh(void);
int kcxx_test_atomic_widths(void);
int kcxx_test_atomic_xchg(void);

int kcxx_test_waitq_wakes(void);
int kcxx_test_waitq_times_out(void);
int kcxx_test_condvar_wait_notify(void);
int kcxx_test_condvar_times_out(void);
int kcxx_test_completion_basic(void);

int kcxx_test_work_runs_in_process_context(void);
int kcxx_test_work_cancel(void);
int kcxx_test_workqueue_ordered(void);
int kcxx_test_timer_fires_rearms_shutdown(void);

int kcxx_test_rcu_read_guard(void);
int kcxx_test_revocable_access_and_revoke(void);
int kcxx_test_revocable_revoke_waits_for_readers(void);
int kcxx_test_arc_counts(void);

int kcxx_test_io_bounds(void);
int kcxx_test_bytes_checked_reads(void);
int kcxx_test_firmware_missing(void *dev);
int kcxx_test_dma_coherent_and_streaming(void *dev);

int kcxx_test_stress_two_cpus_and_irq(void);

int kcxx_test_textbuf_bounds(void);
int kcxx_test_debugfs_callbacks(void);
int kcxx_test_debugfs_lifetimes(void);
/* The owner of /sys/kernel/debug/kcxx_test_rt (files echo, ro, wo, big, fail, sub/echo). */
void *kcxx_test_debugfs_rt_setup(void);
void kcxx_test_debugfs_rt_counts(void *owner, int *shows, int *stores);
void kcxx_test_debugfs_rt_remove(void *owner);
void kcxx_test_debugfs_rt_free(void *owner);

int kcxx_test_irq_binding(void);
int kcxx_test_pci_claims(void);
int kcxx_test_pci_device(void *pdev);
int kcxx_test_random_values(void);
int kcxx_test_deadline_polling(void);

int kcxx_test_queue_fifo(void);
int kcxx_test_queue_full_and_wrap(void);
int kcxx_test_queue_from_irq(void);
/* Called by the hrtimer of kcxx_test_shim_irq_source_start(), in IRQ context. */
void kcxx_test_stress_irq(void);
void kcxx_test_queue_irq_push(void);

/* AES-CCM and 802.11 CCMP (crypto_test.cpp). */
int kcxx_test_ccmp_known_answer(void);
int kcxx_test_ccmp_tampered(void);
int kcxx_test_ccmp_qos_a4(void);
int kcxx_test_aes_ccm_bounds(void);
/* WEP (ARC4, CRC-32) and TKIP (Michael, key mixing) (crypto_test.cpp). */
int kcxx_test_wep_known_answer(void);
int kcxx_test_michael_known_answer(void);
int kcxx_test_tkip_key_mixing(void);

/* Net devices and cfg80211 (wireless_test.cpp); with CONFIG_CFG80211 only. */
int kcxx_test_netdev_ops(void);
int kcxx_test_netdev_no_xmit(void);
int kcxx_test_wiphy_ops(void *dev);
int kcxx_test_wiphy_mode_ops(void *dev);
int kcxx_test_wiphy_bss(void *dev);
/* dev_open()/dev_close() under the RTNL; ndo_start_xmit of a zeroed @len-byte frame with BHs off. */
int kcxx_test_shim_netdev_open(void *ndev);
void kcxx_test_shim_netdev_close(void *ndev);
int kcxx_test_shim_netdev_xmit(void *ndev, unsigned int len);
unsigned long kcxx_test_shim_netdev_tx_dropped(void *ndev);
/*
 * Whether the wiphy's cfg80211_ops has @which: 0 scan, 1 abort_scan, 2 connect, 3 add/del/set_default_key;
 * 4: how many of change_virtual_intf, set_monitor_channel, join_ibss, leave_ibss.
 */
int kcxx_test_shim_wiphy_has_op(void *wiphy, int which);
/* Call the wiphy's scan op with a request for its 2.4 GHz channels and @ssid; its result. */
int kcxx_test_shim_wiphy_fake_scan(void *wiphy, const char *ssid);

/* Locks of two declaration sites, kept alive for /proc/lockdep checks. */
int kcxx_test_keep_site_locks(void);
void kcxx_test_drop_site_locks(void);

/* Shim helpers only the tests use. */
int kcxx_test_shim_irqs_disabled(void);
int kcxx_test_shim_in_softirq_disabled(void);
int kcxx_test_shim_preemptible(void);
unsigned long long kcxx_test_shim_now_ms(void);
/* An hrtimer firing every @period_ns in hard-IRQ context, calling @fn. */
void kcxx_test_shim_irq_source_start(unsigned long period_ns, void (*fn)(void));
int kcxx_test_shim_online_cpus(void);
void kcxx_test_shim_irq_source_stop(void);
/* A PCI device no driver is bound to (a counted reference), or NULL. */
void *kcxx_test_shim_pci_get_unbound(void);
void kcxx_test_shim_pci_put(void *pdev);

#ifdef __cplusplus
}

#include <kcxx/context.h>

/* Run a test body that needs the Sleepable proof (KUnit cases are process context). */
template <typename Body> inline int run(Body body)
{
	return kcxx::with_sleepable(body);
}

/* In the C++ bodies: on failure, return the line of the failed check. */
#define CHECK(cond)                                                                                                    \
	do {                                                                                                           \
		if (!(cond))                                                                                           \
			return __LINE__;                                                                               \
	} while (0)
#endif

#endif
