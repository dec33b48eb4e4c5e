/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/shim.h - the C shim's interface
 *
 * The functions cxxrt's C shim implements for C++ (cxxrt/shim_*.c), declared
 * once for both sides.  Plain C, opaque pointers and fixed-width types only:
 * reading it needs no kernel header.  Driver code does not call these; it
 * uses the kcxx abstractions built on them.
 */
#ifndef KCXX_SHIM_H
#define KCXX_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* Allocation contexts, kcxx::Gfp::Kind. */
enum kcxx_gfp { KCXX_GFP_KERNEL = 0, KCXX_GFP_ATOMIC = 1, KCXX_GFP_NOWAIT = 2 };

void *kcxx_shim_kmalloc(__SIZE_TYPE__ size, unsigned int gfp_kind);
void *kcxx_shim_kmalloc_aligned(__SIZE_TYPE__ size, __SIZE_TYPE__ align, unsigned int gfp_kind);
void kcxx_shim_kfree(void *p);
void kcxx_shim_pure_virtual_called(void);

/* context (kcxx/context.h) */
void kcxx_shim_might_sleep(void);

/* locks (kcxx/sync.h) */
void kcxx_shim_spin_init(void *lock, const char *name, void *key);
void kcxx_shim_spin_lock(void *lock);
void kcxx_shim_spin_lock_nested(void *lock, unsigned int subclass);
int kcxx_shim_spin_trylock(void *lock);
void kcxx_shim_spin_unlock(void *lock);
void kcxx_shim_spin_lock_bh(void *lock);
void kcxx_shim_spin_lock_bh_nested(void *lock, unsigned int subclass);
void kcxx_shim_spin_unlock_bh(void *lock);
unsigned long kcxx_shim_spin_lock_irqsave(void *lock);
unsigned long kcxx_shim_spin_lock_irqsave_nested(void *lock, unsigned int subclass);
void kcxx_shim_spin_unlock_irqrestore(void *lock, unsigned long flags);
void kcxx_shim_spin_assert_held(void *lock);
int kcxx_shim_spin_is_locked(void *lock);
const char *kcxx_shim_spin_class_name(void *lock);
const void *kcxx_shim_spin_class_key(void *lock);
void kcxx_shim_mutex_init(void *mutex, const char *name, void *key);
void kcxx_shim_mutex_destroy(void *mutex);
void kcxx_shim_mutex_lock(void *mutex);
void kcxx_shim_mutex_lock_nested(void *mutex, unsigned int subclass);
int kcxx_shim_mutex_trylock(void *mutex);
void kcxx_shim_mutex_unlock(void *mutex);
void kcxx_shim_mutex_assert_held(void *mutex);
int kcxx_shim_mutex_is_locked(void *mutex);
void kcxx_shim_warn_locked_by(const char *what);

/* atomics (kcxx/atomic.h) */
void kcxx_shim_set_bit(unsigned int nr, unsigned long *word);
void kcxx_shim_clear_bit(unsigned int nr, unsigned long *word);
int kcxx_shim_test_bit(unsigned int nr, const unsigned long *word);
int kcxx_shim_test_and_set_bit(unsigned int nr, unsigned long *word);
int kcxx_shim_test_and_clear_bit(unsigned int nr, unsigned long *word);
int kcxx_shim_test_and_set_bit_lock(unsigned int nr, unsigned long *word);
void kcxx_shim_clear_bit_unlock(unsigned int nr, unsigned long *word);
unsigned long kcxx_shim_read_word(const unsigned long *word);
int kcxx_shim_atomic_read(const int *counter);
void kcxx_shim_atomic_set(int *counter, int v);
void kcxx_shim_atomic_add(int *counter, int v);
int kcxx_shim_atomic_add_return(int *counter, int v);
int kcxx_shim_atomic_cmpxchg(int *counter, int old, int new_value);
int kcxx_shim_atomic_xchg(int *counter, int v);
long long kcxx_shim_atomic64_read(const long long *counter);
void kcxx_shim_atomic64_set(long long *counter, long long v);
void kcxx_shim_atomic64_add(long long *counter, long long v);
long long kcxx_shim_atomic64_add_return(long long *counter, long long v);
long long kcxx_shim_atomic64_cmpxchg(long long *counter, long long old, long long new_value);
long long kcxx_shim_atomic64_xchg(long long *counter, long long v);

/* wait queues, condition waits, completions, time (kcxx/wait.h, kcxx/time.h) */
#define KCXX_MAX_SCHEDULE_TIMEOUT __LONG_MAX__
#define KCXX_ERESTARTSYS (-512)
void kcxx_shim_waitq_init(void *wq, const char *name, void *key);
void kcxx_shim_wake_up(void *wq);
void kcxx_shim_wake_up_all(void *wq);
void kcxx_shim_wait_entry_init(void *entry);
long kcxx_shim_prepare_to_wait(void *wq, void *entry, int interruptible);
void kcxx_shim_finish_wait(void *wq, void *entry);
long kcxx_shim_schedule_timeout(long timeout);
long kcxx_shim_condvar_wait_mutex(void *wq, void *mutex, long timeout, int interruptible);
void kcxx_shim_completion_init(void *c);
void kcxx_shim_completion_reinit(void *c);
void kcxx_shim_complete(void *c);
void kcxx_shim_complete_all(void *c);
int kcxx_shim_completion_done(void *c);
long kcxx_shim_wait_for_completion_timeout(void *c, long timeout, int interruptible);
unsigned long kcxx_shim_jiffies(void);
unsigned long kcxx_shim_msecs_to_jiffies(unsigned int ms);
unsigned int kcxx_shim_jiffies_to_msecs(unsigned long j);
void kcxx_shim_msleep(unsigned int ms);
void kcxx_shim_usleep_range(unsigned long min_us, unsigned long max_us);
void kcxx_shim_udelay(unsigned long us);
void kcxx_shim_cpu_relax(void);
unsigned long long kcxx_shim_ktime_get_ms(void);

/* work items, workqueues, timers (kcxx/work.h) */
enum kcxx_wq_kind { KCXX_WQ_ORDERED = 1, KCXX_WQ_HIGHPRI = 2, KCXX_WQ_FREEZABLE = 4, KCXX_WQ_MEM_RECLAIM = 8 };
void kcxx_shim_work_init(void *work, void (*fn)(void *), void *arg, const char *name, void *key);
int kcxx_shim_work_queue(void *work, void *wq);
int kcxx_shim_work_queue_on_cpu(void *work, void *wq, int cpu);
int kcxx_shim_work_cancel_sync(void *work);
int kcxx_shim_work_flush(void *work);
int kcxx_shim_work_pending(void *work);
void kcxx_shim_dwork_init(void *dwork, void (*fn)(void *), void *arg, const char *name, void *key);
int kcxx_shim_dwork_queue(void *dwork, void *wq, unsigned long delay);
int kcxx_shim_dwork_mod(void *dwork, void *wq, unsigned long delay);
int kcxx_shim_dwork_cancel_sync(void *dwork);
int kcxx_shim_dwork_pending(void *dwork);
void *kcxx_shim_wq_alloc(const char *name, unsigned int kind);
void kcxx_shim_wq_destroy(void *wq);
void kcxx_shim_wq_flush(void *wq);
void kcxx_shim_timer_init(void *timer, void (*fn)(void *), void *arg, const char *name, void *key);
int kcxx_shim_timer_mod(void *timer, unsigned long delay);
int kcxx_shim_timer_delete(void *timer);
int kcxx_shim_timer_delete_sync(void *timer);
int kcxx_shim_timer_shutdown_sync(void *timer);
int kcxx_shim_timer_pending(void *timer);

/* RCU and refcount_t (kcxx/rcu.h, kcxx/arc.h) */
void kcxx_shim_rcu_read_lock(void);
void kcxx_shim_rcu_read_unlock(void);
void kcxx_shim_synchronize_rcu(void);
int kcxx_shim_rcu_read_lock_held(void);
void kcxx_shim_refcount_set(int *r, int v);
void kcxx_shim_refcount_inc(int *r);
int kcxx_shim_refcount_inc_not_zero(int *r);
int kcxx_shim_refcount_dec_and_test(int *r);
unsigned int kcxx_shim_refcount_read(const int *r);

/* logging, devices, DMA, MMIO, firmware (kcxx/log.h, device.h, dma.h, io.h, firmware.h) */
enum kcxx_dma_dir { KCXX_DMA_BIDIRECTIONAL = 0, KCXX_DMA_TO_DEVICE = 1, KCXX_DMA_FROM_DEVICE = 2 };
void kcxx_shim_vlog(const void *dev, int level, const char *fmt, __builtin_va_list *ap);
const char *kcxx_shim_dev_name(const void *dev);
void kcxx_shim_get_device(void *dev);
void kcxx_shim_put_device(void *dev);
int kcxx_shim_dma_set_mask_and_coherent(void *dev, unsigned long long mask);
void *kcxx_shim_dma_alloc_coherent(void *dev, __SIZE_TYPE__ size, unsigned long long *handle, unsigned int gfp_kind);
void kcxx_shim_dma_free_coherent(void *dev, __SIZE_TYPE__ size, void *cpu, unsigned long long handle);
int kcxx_shim_dma_map_single(void *dev, void *cpu, __SIZE_TYPE__ size, int dir, unsigned long long *handle);
void kcxx_shim_dma_unmap_single(void *dev, unsigned long long handle, __SIZE_TYPE__ size, int dir);
void kcxx_shim_dma_sync_for_cpu(void *dev, unsigned long long handle, __SIZE_TYPE__ size, int dir);
void kcxx_shim_dma_sync_for_device(void *dev, unsigned long long handle, __SIZE_TYPE__ size, int dir);
unsigned int kcxx_shim_readl(const void *addr);
unsigned short kcxx_shim_readw(const void *addr);
unsigned char kcxx_shim_readb(const void *addr);
void kcxx_shim_writel(unsigned int v, void *addr);
void kcxx_shim_writew(unsigned short v, void *addr);
void kcxx_shim_writeb(unsigned char v, void *addr);
int kcxx_shim_request_firmware(const void **fw, const char *name, void *dev);
const unsigned char *kcxx_shim_firmware_data(const void *fw, __SIZE_TYPE__ *size);
void kcxx_shim_release_firmware(const void *fw);

/* PCI devices (kcxx/pci.h); only with CONFIG_PCI */
enum kcxx_pci_id {
	KCXX_PCI_ID_VENDOR,
	KCXX_PCI_ID_DEVICE,
	KCXX_PCI_ID_SUBSYSTEM_VENDOR,
	KCXX_PCI_ID_SUBSYSTEM_DEVICE,
	KCXX_PCI_ID_REVISION
};
enum kcxx_pci_power { KCXX_PCI_D0 = 0, KCXX_PCI_D3HOT = 3 };
void *kcxx_shim_pci_to_dev(void *pdev);
unsigned short kcxx_shim_pci_id(const void *pdev, int which);
unsigned int kcxx_shim_pci_irq(const void *pdev);
const char *kcxx_shim_pci_name(const void *pdev);
int kcxx_shim_pci_read_config_dword(const void *pdev, unsigned int off, unsigned int *v);
int kcxx_shim_pci_write_config_dword(const void *pdev, unsigned int off, unsigned int v);
int kcxx_shim_pci_enable_device(void *pdev);
void kcxx_shim_pci_disable_device(void *pdev);
void kcxx_shim_pci_set_master(void *pdev);
void kcxx_shim_pci_clear_master(void *pdev);
int kcxx_shim_pci_request_regions(void *pdev, const char *name);
void kcxx_shim_pci_release_regions(void *pdev);
unsigned long long kcxx_shim_pci_bar_len(const void *pdev, int bar);
int kcxx_shim_pci_bar_is_mem(const void *pdev, int bar);
void *kcxx_shim_pci_ioremap_bar(void *pdev, int bar);
void kcxx_shim_iounmap(void *base);
int kcxx_shim_pci_save_state(void *pdev);
void kcxx_shim_pci_restore_state(void *pdev);
int kcxx_shim_pci_set_power_state(void *pdev, int state);
void kcxx_shim_pci_set_drvdata(void *pdev, void *p);
void *kcxx_shim_pci_get_drvdata(const void *pdev);

/* threaded interrupt handlers (kcxx/irq.h); dev_id is the kcxx_irq_handler */
enum kcxx_irq_return { KCXX_IRQ_NONE = 0, KCXX_IRQ_HANDLED = 1, KCXX_IRQ_WAKE_THREAD = 2 };
struct kcxx_irq_handler {
	int (*hard)(void *arg);	  /* hard-IRQ context; returns a kcxx_irq_return */
	int (*thread)(void *arg); /* the IRQ thread (process context) */
	void *arg;
};
int kcxx_shim_request_threaded_irq(unsigned int irq, struct kcxx_irq_handler *h, const char *name, int shared);
void kcxx_shim_free_irq(unsigned int irq, struct kcxx_irq_handler *h);
void kcxx_shim_synchronize_irq(unsigned int irq);

/* debugfs (kcxx/debugfs.h) */
struct kcxx_debugfs_ops {
	/* Fill @buf (@cap bytes); return the length written or a negative errno. */
	long (*show)(void *owner, char *buf, __SIZE_TYPE__ cap);
	/* Take @len bytes at @buf (NUL-terminated); return 0 or a negative errno. */
	int (*store)(void *owner, const char *buf, __SIZE_TYPE__ len);
};
void *kcxx_shim_debugfs_create_dir(const char *name, void *parent);
void kcxx_shim_debugfs_create_file(void *dir, const char *name, unsigned int mode, void *owner,
				   const struct kcxx_debugfs_ops *ops);
void kcxx_shim_debugfs_remove(void *dir);
int kcxx_shim_vsnprintf(char *buf, __SIZE_TYPE__ size, const char *fmt, __builtin_va_list *ap);

/* random numbers (kcxx/random.h) */
unsigned int kcxx_shim_get_random_u32(void);
void kcxx_shim_get_random_bytes(void *buf, __SIZE_TYPE__ len);

/* network devices (kcxx/net.h); only with CONFIG_NET */
struct kcxx_netdev_ops {
	int (*open)(void *owner);		    /* ndo_open: process context, RTNL held */
	int (*stop)(void *owner);		    /* ndo_stop: process context, RTNL held */
	void (*start_xmit)(void *owner, void *skb); /* ndo_start_xmit: BHs off; takes the skb */
};
/* ethtool (kcxx/ethtool.h): what ethtool -i shows, and an EEPROM to dump. */
struct kcxx_drvinfo {
	char driver[32], version[32], fw_version[32];
};
struct kcxx_ethtool_ops {
	void (*get_drvinfo)(void *owner, struct kcxx_drvinfo *out); /* RTNL held */
	int (*get_eeprom_len)(void *owner);
	int (*get_eeprom)(void *owner, unsigned int offset, unsigned int len, unsigned char *out);
};
/* Give @ndev (before registration) ethtool operations on its owner; link state is its carrier. */
void kcxx_shim_netdev_set_ethtool(void *ndev, const struct kcxx_ethtool_ops *ops);
void *kcxx_shim_netdev_alloc(const char *name, void *owner, const struct kcxx_netdev_ops *ops);
void kcxx_shim_netdev_free(void *ndev);
int kcxx_shim_netdev_register(void *ndev);
void kcxx_shim_netdev_unregister(void *ndev);
const char *kcxx_shim_netdev_name(const void *ndev);
void kcxx_shim_netdev_set_addr(void *ndev, const unsigned char *mac);
void kcxx_shim_netdev_carrier(void *ndev, int on);
void kcxx_shim_netdev_queues(void *ndev, int run);
void kcxx_shim_netdev_tx_dropped(void *ndev);
void kcxx_shim_skb_free(void *skb);
unsigned int kcxx_shim_skb_len(const void *skb);
/* skb_copy_bits(): 0, or -EFAULT when [offset, offset + len) is not in the frame. */
int kcxx_shim_skb_copy(const void *skb, unsigned int offset, void *to, unsigned int len);
/* The device's statistics (struct net_device_stats, atomic counters). */
enum kcxx_netdev_stat {
	KCXX_STAT_RX_PACKETS,
	KCXX_STAT_RX_BYTES,
	KCXX_STAT_RX_ERRORS,
	KCXX_STAT_RX_DROPPED,
	KCXX_STAT_TX_PACKETS,
	KCXX_STAT_TX_BYTES,
	KCXX_STAT_TX_ERRORS,
	KCXX_STAT_TX_DROPPED,
};
void kcxx_shim_netdev_stat_add(void *ndev, unsigned int which, unsigned long n);
/*
 * An Ethernet frame (@eth_hdr: 14 bytes, then @len bytes of payload) to
 * the stack through netif_rx(); counted.  0, -ENOMEM (counted dropped).
 */
int kcxx_shim_netdev_rx(void *ndev, const unsigned char *eth_hdr, const void *payload, unsigned int len);
/*
 * A received 802.11 frame (no FCS) behind a radiotap header @rtap of
 * @rtap_len bytes, to a monitor interface (netif_rx()).  0, -ENOMEM.
 */
int kcxx_shim_netdev_rx_monitor(void *ndev, const void *rtap, unsigned int rtap_len, const void *frame,
				unsigned int len);

/*
 * AES-CCM through the crypto API's synchronous "ccm(aes)" (kcxx/crypto.h).
 * new: process context; @max_len bounds the data of one operation.  NULL
 * on failure, *@err the reason.  crypt: any context, never concurrently on
 * one object; @in and @out may be the same buffer; 0, -EINVAL, -EBADMSG
 * (decryption: the MIC does not match; nothing is written to @out).
 */
void *kcxx_shim_aes_ccm_new(const unsigned char *key, unsigned int key_len, unsigned int mic_len, unsigned int max_len,
			    int *err);
int kcxx_shim_aes_ccm_crypt(void *ccm, int encrypt, const unsigned char *nonce, unsigned int nonce_len, const void *aad,
			    unsigned int aad_len, const void *in, unsigned int len, void *out, unsigned char *mic);
void kcxx_shim_aes_ccm_free(void *ccm);

/*
 * ARC4 (lib/crypto/arc4) and CRC-32 (lib/crc32) for kcxx/crypto.h's WEP
 * and TKIP.  arc4_new: the state, kmalloc'd (process context); NULL when
 * out of memory.  setkey/crypt: any context, one caller at a time per
 * state; crypt continues the keystream of the last setkey.
 */
void *kcxx_shim_arc4_new(void);
void kcxx_shim_arc4_setkey(void *arc4, const unsigned char *key, unsigned int key_len);
void kcxx_shim_arc4_crypt(void *arc4, const void *in, void *out, unsigned int len);
void kcxx_shim_arc4_free(void *arc4);
unsigned int kcxx_shim_crc32_le(unsigned int crc, const void *p, unsigned long len);

/* cfg80211 (kcxx/wireless.h); only with CONFIG_CFG80211 */
enum kcxx_band { KCXX_BAND_2GHZ = 0, KCXX_BAND_5GHZ = 1, KCXX_BANDS = 2 };
enum kcxx_chan_flag { KCXX_CHAN_NO_IR = 1, KCXX_CHAN_RADAR = 2, KCXX_CHAN_NO_OFDM = 4 };
enum kcxx_rate_flag { KCXX_RATE_SHORT_PREAMBLE = 1 };
struct kcxx_channel {
	unsigned short freq;	 /* MHz */
	unsigned short hw_value; /* the driver's channel number */
	unsigned int flags;	 /* kcxx_chan_flag */
};
struct kcxx_bitrate {
	unsigned short rate; /* 100 kb/s */
	unsigned short hw_value;
	unsigned int flags; /* kcxx_rate_flag */
};
struct kcxx_wiphy_config {
	const unsigned char *perm_addr; /* 6 bytes */
	unsigned int iftypes;		/* BIT(NL80211_IFTYPE_*) */
	const unsigned int *ciphers;	/* WLAN_CIPHER_SUITE_* */
	unsigned int n_ciphers;
	unsigned int max_scan_ssids;
	unsigned int max_scan_ie_len;
};
/* What a connect request asks for (struct cfg80211_connect_params, flattened). */
enum kcxx_auth { KCXX_AUTH_OPEN = 0, KCXX_AUTH_SHARED = 1, KCXX_AUTH_AUTOMATIC = 2, KCXX_AUTH_OTHER = 3 };
struct kcxx_connect_params {
	const unsigned char *ssid;
	unsigned int ssid_len;
	const unsigned char *bssid;	 /* this BSS only, or NULL */
	const unsigned char *bssid_hint; /* preferred BSS, or NULL */
	unsigned int freq;		 /* this channel only (MHz), or 0 */
	unsigned int freq_hint;		 /* preferred channel, or 0 */
	int auth;			 /* kcxx_auth */
	const unsigned char *ie;	 /* elements for the association request */
	unsigned int ie_len;
	int privacy;
	unsigned int wpa_versions;    /* NL80211_WPA_VERSION_* */
	unsigned int cipher_group;    /* WLAN_CIPHER_SUITE_*, 0 none */
	unsigned int cipher_pairwise; /* the first pairwise cipher, 0 none */
	const unsigned char *key;     /* static WEP key, or NULL */
	unsigned int key_len, key_idx;
};
/* What get_station/dump_station report (struct station_info, the part a station fills). */
struct kcxx_station_info {
	int has_signal;
	int signal; /* dBm */
	unsigned long long rx_packets, tx_packets, rx_bytes, tx_bytes;
	unsigned int tx_failed, rx_dropped;
	unsigned int tx_rate, rx_rate; /* 100 kb/s; 0 unknown */
	unsigned int connected_s;      /* 0 unknown */
	unsigned int inactive_ms;
};
/* One add_key request (struct key_params and its addressing, flattened). */
struct kcxx_key_params {
	unsigned int index;	  /* 0..5 as cfg80211 allows */
	int pairwise;		  /* a pairwise key (for @mac), else a group/default key */
	const unsigned char *mac; /* the peer, or NULL */
	unsigned int cipher;	  /* WLAN_CIPHER_SUITE_* (cfg80211 checked it against the wiphy's list) */
	const unsigned char *key;
	unsigned int key_len;
	const unsigned char *seq; /* receive sequence counter (PN), little-endian, or NULL */
	unsigned int seq_len;
};
struct kcxx_scan_channel;
/* One join_ibss request (struct cfg80211_ibss_params, the part kcxx passes on). */
struct kcxx_ibss_params {
	const unsigned char *ssid;
	unsigned int ssid_len;
	const unsigned char *bssid;   /* a fixed BSSID, or NULL */
	int band;		      /* kcxx_band of the channel, or -1 */
	unsigned short freq;	      /* MHz */
	unsigned short hw_value;      /* as given to kcxx_shim_wiphy_add_band() */
	unsigned int beacon_interval; /* TU */
	unsigned int basic_rates;     /* bit i: the band's bitrate i is basic */
	int channel_fixed;
	int privacy;
	int wep_keys; /* static WEP keys were given */
};
/* set_wiphy_params: what changed (KCXX_WIPHY_*) and the wiphy's values now. */
#define KCXX_WIPHY_RETRY_SHORT 0x1u
#define KCXX_WIPHY_RETRY_LONG 0x2u
#define KCXX_WIPHY_FRAG 0x4u
#define KCXX_WIPHY_RTS 0x8u
struct kcxx_wiphy_params {
	unsigned int changed;
	unsigned int rts_threshold;  /* bytes; 0xffffffff off */
	unsigned int frag_threshold; /* bytes; 0xffffffff off */
	unsigned int retry_short, retry_long;
};
/* The cfg80211 operations a C++ owner implements; NULL: not implemented. */
struct kcxx_cfg80211_ops {
	int (*scan)(void *owner, void *req);				  /* wiphy mutex held */
	void (*abort_scan)(void *owner);				  /* wiphy mutex held */
	int (*connect)(void *owner, const struct kcxx_connect_params *p); /* wiphy mutex held */
	int (*disconnect)(void *owner, unsigned int reason);		  /* wiphy mutex held */
	int (*get_station)(void *owner, const unsigned char *mac, struct kcxx_station_info *out);
	int (*dump_station)(void *owner, int idx, unsigned char *mac, struct kcxx_station_info *out);
	int (*add_key)(void *owner, const struct kcxx_key_params *k); /* wiphy mutex held */
	int (*del_key)(void *owner, unsigned int index, int pairwise, const unsigned char *mac);
	int (*set_default_key)(void *owner, unsigned int index, int unicast, int multicast);
	/* Interface modes (wiphy mutex and RTNL held). */
	int (*change_iftype)(void *owner, unsigned int iftype, int running);
	int (*set_monitor_channel)(void *owner, const struct kcxx_scan_channel *ch);
	int (*join_ibss)(void *owner, const struct kcxx_ibss_params *p);
	int (*leave_ibss)(void *owner);
	/* Radio settings (wiphy mutex held): power save, RTS/fragmentation/retries, transmit power. */
	int (*set_power_mgmt)(void *owner, int enabled, int timeout_ms);
	int (*set_wiphy_params)(void *owner, const struct kcxx_wiphy_params *p);
	int (*set_tx_power)(void *owner, int type, int mbm); /* enum nl80211_tx_power_setting, mBm */
	int (*get_tx_power)(void *owner, int *dbm);
};
/* One entry of cfg80211's BSS table, as kcxx_shim_get_bss() copies it out. */
struct kcxx_bss_info {
	unsigned char bssid[6];
	unsigned short channel; /* the channel's hw_value */
	unsigned int freq;	/* MHz */
	int band;		/* kcxx_band, or -1 */
	unsigned short capability;
	unsigned short beacon_interval;
	unsigned long long tsf;
	int signal_mbm;
	unsigned int ies_len; /* of the entry; at most the caller's room was copied */
};
struct kcxx_scan_channel {
	int band; /* kcxx_band, or -1 for a band kcxx does not know */
	unsigned short freq;
	unsigned short hw_value;
	unsigned int flags; /* kcxx_chan_flag */
};
void *kcxx_shim_wiphy_new(void *parent, const struct kcxx_cfg80211_ops *ops, void *owner);
int kcxx_shim_wiphy_add_band(void *wiphy, int band, const struct kcxx_channel *ch, unsigned int n_ch,
			     const struct kcxx_bitrate *rates, unsigned int n_rates);
int kcxx_shim_wiphy_configure(void *wiphy, const struct kcxx_wiphy_config *cfg);
int kcxx_shim_wiphy_register(void *wiphy);
void kcxx_shim_wiphy_unregister(void *wiphy);
void kcxx_shim_wiphy_free(void *wiphy);
const char *kcxx_shim_wiphy_name(const void *wiphy);
void kcxx_shim_wiphy_rfkill_hw(void *wiphy, int blocked);
/* 1 if the wiphy's rfkill is blocked in software (rfkill block, or an airplane-mode key). */
int kcxx_shim_wiphy_rfkill_soft(const void *wiphy);
/* The firmware version ethtool and nl80211 show (copied, truncated to 31 characters). */
void kcxx_shim_wiphy_set_fw_version(void *wiphy, const char *version);
void *kcxx_shim_wiphy_netdev_alloc(void *wiphy, const char *name, unsigned int iftype, void *owner,
				   const struct kcxx_netdev_ops *ops);
unsigned int kcxx_shim_scan_req_n_channels(const void *req);
int kcxx_shim_scan_req_channel(const void *req, unsigned int i, struct kcxx_scan_channel *out);
unsigned int kcxx_shim_scan_req_n_ssids(const void *req);
int kcxx_shim_scan_req_ssid(const void *req, unsigned int i, const unsigned char **ssid, unsigned int *len);
void kcxx_shim_scan_done(void *req, int aborted);
void *kcxx_shim_inform_bss_frame(void *wiphy, unsigned int freq, const void *frame, __SIZE_TYPE__ len, int signal_mbm,
				 unsigned int gfp_kind, int *err);
void kcxx_shim_put_bss(void *wiphy, void *bss);
/*
 * cfg80211_get_bss() for an ESS with @ssid (and @bssid, @freq when not
 * NULL/0): copy the entry to @out and up to @ies_room bytes of its
 * elements to @ies.  0, -ENOENT.
 */
int kcxx_shim_get_bss(void *wiphy, unsigned int freq, const unsigned char *bssid, const unsigned char *ssid,
		      unsigned int ssid_len, struct kcxx_bss_info *out, void *ies, unsigned int ies_room);
/* cfg80211_inform_bss() from such a copy; the referenced entry or NULL. */
void *kcxx_shim_inform_bss(void *wiphy, const struct kcxx_bss_info *b, const void *ies, unsigned int ies_len,
			   unsigned int gfp_kind);
/*
 * cfg80211_connect_bss(): @status 0 success (takes the reference on @bss,
 * which must be the connected BSS), an 802.11 status code, or -1 for a
 * timeout (@bss must then be NULL).
 */
void kcxx_shim_connect_result(void *ndev, const unsigned char *bssid, void *bss, const void *req_ie,
			      unsigned int req_ie_len, int status, unsigned int gfp_kind);
void kcxx_shim_disconnected(void *ndev, unsigned int reason, int locally_generated, unsigned int gfp_kind);
/* Interface modes: cfg80211_get_bss() for an IBSS (as kcxx_shim_get_bss()), cfg80211_ibss_joined(). */
int kcxx_shim_get_ibss(void *wiphy, unsigned int freq, const unsigned char *bssid, const unsigned char *ssid,
		       unsigned int ssid_len, struct kcxx_bss_info *out, void *ies, unsigned int ies_room);
void kcxx_shim_ibss_joined(void *ndev, const unsigned char *bssid, unsigned int freq, unsigned int gfp_kind);
void kcxx_shim_michael_mic_failure(void *ndev, const unsigned char *addr, int group, unsigned int key_id,
				   const unsigned char *tsc, unsigned int gfp_kind);

#ifdef __cplusplus
}
#endif

#endif /* KCXX_SHIM_H */
