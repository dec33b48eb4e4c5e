/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: wireless/wireless.h - the wireless layer: wiphy, wlan netdev, scans
 *
 * &Wireless is the adapter's face to cfg80211: a wiphy whose bands come
 * from the EEPROM geography, a ``wlan%d`` net device (station), and the
 * cfg80211 operations, of which this first part implements scan and
 * abort_scan.  It sits on the transport (iwlwifi's split): it sends host
 * commands through Transport::send_command() and receives frames and
 * notifications from the adapter's TransportClient callbacks.
 *
 * Both devices are registered at probe, once the transport has loaded and
 * configured the firmware (the EEPROM, and with it the MAC address and the
 * geography, is read by the first load), and unregistered at remove
 * before the transport goes.
 *
 * Scan state: one owner, the scan_ mutex (Documentation/locking.rst):
 * the request cfg80211 waits for, whether the firmware still runs a scan,
 * and whether results may go to cfg80211 at all.  It is never held while
 * a command is sent or waited for: the command's completion comes from the
 * bottom half, which takes scan_ for every frame it hands over.  Taken
 * with cfg80211's wiphy mutex held (the scan ops), with the RTNL held
 * (ndo_stop), with the transport's rx_ held (the bottom half) and with its
 * life_ held (firmware up/down); it nests inside all of them and takes
 * nothing but cfg80211's own short locks.
 */
#pragma once

#include <kcxx/atomic.h>
#include <kcxx/crypto.h>
#include <kcxx/dma.h>
#include <kcxx/ethtool.h>
#include <kcxx/net.h>
#include <kcxx/sync.h>
#include <kcxx/time.h>
#include <kcxx/wait.h>
#include <kcxx/wireless.h>
#include <kcxx/work.h>

#include "../transport/trans.h"

namespace ipw {

class Wireless : kcxx::Pinned {
public:
	explicit Wireless(Transport &trans) : trans_(trans) {}

	/** setup() - create and register the wiphy and wlan%d (probe, after the transport is up). */
	[[nodiscard]] kcxx::Status setup(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/** teardown() - unregister both; nothing reaches cfg80211 afterwards.  Idempotent. */
	void teardown(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* From the adapter's TransportClient callbacks (bottom half, restart work, probe). */
	void rx_frame(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame, size_t len) KCXX_REQUIRES(ctx);
	void notification(kcxx::Sleepable &ctx, u8 subtype, const u8 *payload, size_t len) KCXX_REQUIRES(ctx);
	/** firmware_changed() - the firmware went down or came up: what it was doing is lost. */
	void firmware_changed(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void rf_kill(kcxx::Sleepable &ctx, bool blocked) KCXX_REQUIRES(ctx);

	/* Data ring reports (transport bottom half or restart work; no ring lock held). */
	void tx_done(void *cookie, bool sent);
	void tx_flow(unsigned int q, bool stop);
	/** set_hwcrypto() - the firmware does WEP and CCMP (the hwcrypto parameter); before setup(). */
	void set_hwcrypto(bool on);
	bool hwcrypto() const { return hwcrypto_; }
	/** set_system_config() - the SYSTEM_CONFIG the adapter sent at init; association sends it again. */
	void set_system_config(kcxx::Sleepable &ctx, const u8 (&cfg)[20]) KCXX_REQUIRES(ctx);

	/* cfg80211 operations (wiphy mutex held) */
	kcxx::Status scan(kcxx::Sleepable &ctx, kcxx::ScanRequest &req) KCXX_REQUIRES(ctx);
	void abort_scan(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status connect(kcxx::Sleepable &ctx, const kcxx::ConnectParams &p) KCXX_REQUIRES(ctx);
	kcxx::Status disconnect(kcxx::Sleepable &ctx, u16 reason) KCXX_REQUIRES(ctx);
	kcxx::Status get_station(kcxx::Sleepable &ctx, const u8 *mac, kcxx::StationInfo &out) KCXX_REQUIRES(ctx);
	kcxx::Status dump_station(kcxx::Sleepable &ctx, int idx, u8 *mac, kcxx::StationInfo &out) KCXX_REQUIRES(ctx);
	kcxx::Status add_key(kcxx::Sleepable &ctx, const kcxx::KeyParams &k) KCXX_REQUIRES(ctx);
	kcxx::Status del_key(kcxx::Sleepable &ctx, u8 index, bool pairwise, const u8 *mac) KCXX_REQUIRES(ctx);
	kcxx::Status set_default_key(kcxx::Sleepable &ctx, u8 index, bool unicast, bool multicast) KCXX_REQUIRES(ctx);

	/* Interface modes (modes.cpp: type changes and monitor; ibss.cpp); wiphy mutex held. */
	kcxx::Status change_iftype(kcxx::Sleepable &ctx, u32 iftype, bool running) KCXX_REQUIRES(ctx);
	kcxx::Status set_monitor_channel(kcxx::Sleepable &ctx, const kcxx::ScanChannel &ch) KCXX_REQUIRES(ctx);
	kcxx::Status join_ibss(kcxx::Sleepable &ctx, const kcxx::IbssParams &p) KCXX_REQUIRES(ctx);
	kcxx::Status leave_ibss(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/** firmware_configured() - the firmware took HOST_COMPLETE: start again what the mode runs. */
	void firmware_configured(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/* Radio settings (radio.cpp; cfg80211 operations, wiphy mutex held) */
	kcxx::Status set_power_mgmt(kcxx::Sleepable &ctx, bool enabled, int timeout_ms) KCXX_REQUIRES(ctx);
	kcxx::Status set_wiphy_params(kcxx::Sleepable &ctx, const kcxx::WiphyParams &p) KCXX_REQUIRES(ctx);
	kcxx::Status set_tx_power(kcxx::Sleepable &ctx, kcxx::TxPower type, int mbm) KCXX_REQUIRES(ctx);
	kcxx::Status get_tx_power(kcxx::Sleepable &ctx, int &dbm) KCXX_REQUIRES(ctx);
	/** send_tx_power() - TX_POWER for every band at @dbm (the initial configuration, set_tx_power). */
	kcxx::Status send_tx_power(kcxx::Sleepable &ctx, int dbm) KCXX_REQUIRES(ctx);
	kcxx::Status send_rts(kcxx::Sleepable &ctx, u32 rts) KCXX_REQUIRES(ctx);
	/** radio_up() - after HOST_COMPLETE: the settings the user changed, the LEDs. */
	kcxx::Status radio_up(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/** struct RadioSettings - what the user set; sent again with every firmware load. */
	struct RadioSettings {
		bool power_save = false;
		u32 rts = 2304;
		u32 frag = 2346;
		u8 retry_short = 7, retry_long = 4;
		int tx_power_dbm = 20;
		bool radio_killed = false; /* software rf-kill took the firmware down */
	};
	RadioSettings radio_settings(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/** set_leds_enabled() - the led module parameter (before setup()). */
	void set_leds_enabled(bool on) { leds_enabled_ = on; }

	/* ethtool (radio.cpp; RTNL held) */
	void get_drvinfo(kcxx::Sleepable &ctx, kcxx::DrvInfo &out) KCXX_REQUIRES(ctx);
	size_t get_eeprom_len() const;
	kcxx::Status get_eeprom(kcxx::Sleepable &ctx, size_t offset, size_t len, u8 *out) KCXX_REQUIRES(ctx);
	static constexpr const char *driver_version = "0.7";

	/* net_device operations */
	kcxx::Status ndo_open(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void ndo_stop(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void ndo_start_xmit(kcxx::AtomicContext &ctx, kcxx::SkBuff skb);

	struct Stats {
		kcxx::Atomic<long> scans{0}, scans_aborted{0}, scan_timeouts{0};
		kcxx::Atomic<long> bss_reported{0}, bss_refused{0};
		kcxx::Atomic<long> connects{0}, connect_failures{0}, connect_timeouts{0}, disconnects{0};
		kcxx::Atomic<long> beacon_losses{0};
		kcxx::Atomic<long> rx_data{0}, rx_filtered{0}, rx_dups{0}, rx_defrag{0}, rx_bad{0};
		kcxx::Atomic<long> rx_protected{0}; /* protected frames dropped (no key, replay, MIC/ICV) */
		kcxx::Atomic<long> tx_data{0}, tx_dropped{0};
		/* Host CCMP (keys.cpp, data.cpp) */
		kcxx::Atomic<long> rx_decrypted{0}, rx_replays{0}, rx_decrypt_failed{0}, rx_no_key{0};
		kcxx::Atomic<long> rx_unprotected{0}, tx_encrypted{0}, tx_port_closed{0};
		/* Interface modes (ibss.cpp, modes.cpp) */
		kcxx::Atomic<long> ibss_joins{0}, ibss_starts{0}, ibss_stations_full{0};
		kcxx::Atomic<long> monitor_scans{0}, monitor_frames{0};
		/* WEP and TKIP (keys.cpp), and the firmware's crypto (hwcrypto) */
		kcxx::Atomic<long> rx_mic_failures{0}, rx_hw_decrypted{0}, tx_hw_protected{0};
	};
	Stats stats;

private:
	/* Whether the scan ends in success or is reported aborted (while the op still runs). */
	enum class Pending : u8 { none, completed, aborted };
	struct ScanState {
		bool live = false;		 /* the wiphy is registered: results may go to cfg80211 */
		kcxx::ScanRequest req;		 /* the scan cfg80211 waits for (empty: none) */
		bool starting = false;		 /* the scan op is sending the request: others leave req to it */
		Pending pending = Pending::none; /* what happened meanwhile */
		bool fw_busy = false;		 /* the firmware runs a scan: no SCAN_COMPLETED yet */
		bool abort_sent = false;	 /* SCAN_ABORT sent for that scan */
		u32 index = 0;			 /* SCAN_REQUEST_EXT full_scan_index */
		kcxx::Deadline deadline = kcxx::Deadline::after_ms(0); /* for the watchdog */
	};

	struct ScanCommand {
		u8 bytes[96];
		u8 ssid[32];
		u8 ssid_len;
		bool directed;
	};
	[[nodiscard]] kcxx::Status build_scan(const kcxx::ScanRequest &req, u32 index, ScanCommand &out);
	void scan_watchdog(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/* End the scan cfg80211 waits for as aborted (interface down, firmware lost it, rf-kill). */
	void abort_scan_state(kcxx::Sleepable &ctx, bool firmware_lost) KCXX_REQUIRES(ctx);
	void scan_completed(kcxx::Sleepable &ctx, const u8 *payload, size_t len) KCXX_REQUIRES(ctx);
	void send_scan_abort(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/* Helpers on the scan state; the caller holds scan_. */
	void firmware_scan_over(ScanState &s);
	[[nodiscard]] static kcxx::ScanRequest take_aborted(ScanState &s);

	/* ---- association (connect.cpp) ---- */
	static constexpr size_t bss_ies_room = 1536;
	static constexpr size_t req_ie_room = 256;
	/* The network being joined or joined: a copy, made by the connect op. */
	struct Network {
		kcxx::BssInfo bss;    /* BSSID, channel, capability, beacon interval, TSF, signal */
		u8 ies[bss_ies_room]; /* its elements, to put it back into cfg80211's table */
		size_t ies_len;	      /* 0: did not fit, cfg80211 finds it by BSSID and SSID */
		u8 ssid[32];
		u8 ssid_len;
		u8 req_ie[req_ie_room]; /* user space's elements (RSN, WPA, ...) */
		size_t req_ie_len;
		u8 assoc_cmd[40]; /* the ASSOCIATE sent (disassociation resends it, type 2) */
		bool static_wep;  /* a privacy network without WPA/RSN */
	};
	enum class Phase : u8 { idle, associating, associated };
	struct ConnState {
		bool live = false;	   /* the net device is registered: reports may go to cfg80211 */
		Phase phase = Phase::idle; /* what cfg80211 has been told, or waits for */
		bool fw_linked = false;	   /* ASSOCIATE sent and not ended by a "state 0" notification */
		u32 attempt = 0;	   /* numbers connect attempts, for the watchdog */
		kcxx::Deadline deadline = kcxx::Deadline::after_ms(0);
		u8 sys_config[20] = {}; /* the adapter's SYSTEM_CONFIG, sent again with each association */
		Network net;
	};
	kcxx::Status send_associate(kcxx::Sleepable &ctx, const kcxx::ConnectParams &p, const kcxx::BssInfo &bss,
				    const u8 *ies, size_t ies_len, u32 attempt) KCXX_REQUIRES(ctx);
	void status_associated(kcxx::Sleepable &ctx, const u8 *payload, size_t len) KCXX_REQUIRES(ctx);
	void status_authenticate(kcxx::Sleepable &ctx, const u8 *payload, size_t len) KCXX_REQUIRES(ctx);
	void beacon_state(kcxx::Sleepable &ctx, const u8 *payload, size_t len) KCXX_REQUIRES(ctx);
	/* Under conn_: report the connection up, failed, or ended; the data path follows. */
	void report_connected(kcxx::Sleepable &ctx, ConnState &c) KCXX_REQUIRES(ctx);
	void report_failed(ConnState &c, u16 status);
	void report_disconnected(kcxx::Sleepable &ctx, ConnState &c, u16 reason, bool local) KCXX_REQUIRES(ctx);
	/* The data path stops and the keys go. */
	void link_down(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void conn_watchdog(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void disassoc_work(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status send_disassociate(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/* The firmware's link is gone (firmware down, radio killed). */
	void conn_lost(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* ---- data path (data.cpp) ---- */
	/*
	 * The association as the data path sees it (the legacy driver's
	 * assoc_network, as a record): a copy under its own spinlock, written
	 * by the association state machine (conn_ held), read by transmit
	 * (softirq), receive (bottom half) and the station getters.
	 */
	struct Link {
		bool up = false;
		u32 epoch = 0; /* changes with every association */
		u8 bssid[6] = {};
		u8 mac[6] = {};
		u16 freq = 0;
		u8 ieee_mode = 0;
		bool short_preamble = false;
		bool rsn = false;  /* a protected association (RSN/WPA, static WEP): only EAPOL passes without a key */
		bool ibss = false; /* in an IBSS cell: no DS bits, the peers are stations (ibss.cpp) */
		bool has_signal = false;
		int signal_dbm = 0;
		u8 rx_rate_code = 0;
		unsigned long since = 0;   /* jiffies at association */
		unsigned long last_rx = 0; /* jiffies */
		u64 rx_packets = 0, rx_bytes = 0, tx_packets = 0, tx_bytes = 0;
		u32 tx_failed = 0, rx_dropped = 0;
	};
	/* Receive state: the bottom half only (uncontended; the lock makes the owner explicit). */
	static constexpr size_t defrag_room = 2400;
	struct RxState {
		u32 epoch = ~0u;
		u16 last_seq[2] = {0xffff, 0xffff}; /* [group]: sequence control of the last frame */
		bool defrag_live = false;
		u16 defrag_seq = 0; /* sequence number (bits 15:4) */
		u8 defrag_next = 0; /* the fragment number expected */
		size_t defrag_len = 0;
		u8 defrag[defrag_room];		    /* the MSDU body so far */
		u8 plain[kcxx::Ccmp::max_body + 8]; /* the decrypted body of the current MPDU (TKIP: and its MIC) */
	};
	/* ---- keys (keys.cpp) ---- */
	/* Replay counters: one per TID, and one for frames without QoS. */
	static constexpr unsigned int rx_pn_slots = 17;
	/* One key: its cipher, its material, its cipher state and its packet numbers. */
	struct Key {
		u32 cipher = 0;		     /* kcxx::cipher::*; 0: no key in this slot */
		u8 len = 0;		     /* bytes of material */
		u8 material[32] = {};	     /* WEP key; TKIP: temporal key, tx MIC key, rx MIC key; CCMP key */
		bool hw = false;	     /* the firmware has it and does the crypto (hwcrypto) */
		kcxx::Box<kcxx::Ccmp> ccmp;  /* host CCMP */
		u64 tx_pn = 0;		     /* the last packet number (CCMP) or TSC (TKIP) sent */
		u64 rx_pn[rx_pn_slots] = {}; /* the last one accepted, per TID */
	};
	/*
	 * The keys of the current association: the pairwise key (index 0) and
	 * the group keys (1..3; static WEP keys 0..3, default_index the
	 * transmit key).  Written by the key operations and cleared when the
	 * link goes down; read and advanced by transmit (bottom halves off)
	 * and receive (the bottom half), which also run the ciphers with keys_
	 * held (a Ccmp or the Arc4 runs one operation at a time).  A Ccmp
	 * taken out of the table is destroyed after keys_ is dropped; the Arc4
	 * state is made by the first WEP or TKIP key and kept.
	 */
	struct KeyTable {
		Key pairwise;
		Key group[4];
		u8 default_index = 0;
		u32 wep_iv = 0; /* the next WEP IV (24 bits) */
		kcxx::Box<kcxx::Arc4> arc4;
	};
	/* Take every key out of the table (under keys_); the caller destroys them unlocked. */
	struct KeyDrop {
		kcxx::Box<kcxx::Ccmp> k[5];
	};
	/* How transmit protects a frame (keys.cpp decides, data.cpp builds the TFD). */
	struct TxSec {
		u32 cipher = 0;	  /* 0: not protected */
		bool hw = false;  /* the firmware encrypts */
		u8 head = 0;	  /* host crypto: bytes before the MSDU (IV, CCMP header) */
		u8 tail = 0;	  /* and after it (MIC, ICV) */
		u8 key_index = 0; /* TFD key_index and tx_flags_ext (hardware crypto) */
		u8 flags_ext = 0;
	};
	/* What receive still has to check once the MSDU is whole (TKIP: Michael). */
	struct RxSec {
		bool tkip = false;
		bool group = false;
		u8 key_id = 0;
		u8 slot = 0;
		u64 tsc = 0;
	};
	void keys_clear(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status send_fw_key(kcxx::Sleepable &ctx, u8 index, u8 type, const u8 *key, size_t len) KCXX_REQUIRES(ctx);
	static Key *tx_key(KeyTable &t);
	TxSec tx_security(kcxx::AtomicContext &ctx);
	kcxx::Status tx_protect(kcxx::AtomicContext &ctx, const TxSec &s, const u8 *h, const u8 *da, const u8 *sa,
				u8 *buf, size_t body);
	/* Receive: decrypt the MPDU @f (header @hdr bytes) into @out; the body length or an error. */
	kcxx::Result<size_t> rx_decrypt(kcxx::Sleepable &ctx, const u8 *f, size_t len, size_t hdr, bool group, u8 *out,
					RxSec &sec) KCXX_REQUIRES(ctx);
	kcxx::Result<size_t> rx_tkip_mic(kcxx::Sleepable &ctx, const RxSec &sec, const u8 *da, const u8 *sa,
					 const u8 *ta, u8 prio, const u8 *msdu, size_t len) KCXX_REQUIRES(ctx);
	bool hwcrypto_ = false; /* set before registration, read-only afterwards */

	/* One transmit buffer per frame on a data ring (coherent DMA: the firmware reads chunk 0 here). */
	static constexpr size_t tx_buf_size = 2048;
	static constexpr unsigned int tx_bufs = 64;
	struct TxBuf {
		u8 bytes[tx_buf_size];
	};
	struct TxPool {
		u8 free[tx_bufs];
		unsigned int n_free = 0;
	};
	void rx_data(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame, size_t len) KCXX_REQUIRES(ctx);
	void deliver(const u8 *da, const u8 *sa, const u8 *body, size_t len);
	void rx_beacon_signal(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame) KCXX_REQUIRES(ctx);
	void fill_station(kcxx::Sleepable &ctx, kcxx::StationInfo &out) KCXX_REQUIRES(ctx);

	/* ---- radio (radio.cpp) ---- */
	kcxx::Status send_frag(kcxx::Sleepable &ctx, u32 frag) KCXX_REQUIRES(ctx);
	kcxx::Status send_retry(kcxx::Sleepable &ctx, u8 short_limit, u8 long_limit) KCXX_REQUIRES(ctx);
	kcxx::Status send_power_mode(kcxx::Sleepable &ctx, bool save) KCXX_REQUIRES(ctx);
	void radio_stop(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status radio_start(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/* LEDs: the event register's bits from the link state and recent frames. */
	void leds_update(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void leds_changed() { led_work_.queue(kcxx::Timeout::ms(0)); }
	void led_activity();
	void led_work(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* ---- interface modes (modes.cpp, ibss.cpp) ---- */
	/* Monitor mode: the sniffer firmware, tuned by a passive one-channel scan, again and again. */
	struct MonState {
		bool live = false;    /* the net device is registered */
		bool open = false;    /* the interface is up in monitor mode */
		int band = 0;	      /* kcxx::Band of the channel */
		u8 channel = 0;	      /* 0: none set yet (channel 1) */
		bool fw_busy = false; /* a monitor scan runs in the firmware */
		u32 index = 0;	      /* SCAN_REQUEST_EXT full_scan_index */
	};
	void mon_scan_done(kcxx::Sleepable &ctx, const u8 *payload, size_t len) KCXX_REQUIRES(ctx);
	void mon_rx(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame, size_t len) KCXX_REQUIRES(ctx);
	void mon_work(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void mon_send_scan(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* IBSS: the cell being joined or joined (the firmware beacons in it). */
	enum class IbssPhase : u8 { idle, joining, joined };
	struct IbssState {
		bool live = false;
		IbssPhase phase = IbssPhase::idle;
		bool fw_linked = false; /* ASSOCIATE sent and not ended by a "state 0" */
		bool start = false;	/* ASSOCIATE type 3 (a new cell), else 0 (a known one) */
		bool want = false;	/* between join_ibss and leave_ibss: rejoin after a reload */
		u8 bssid[6] = {};
		u8 ssid[32] = {};
		u8 ssid_len = 0;
		u8 channel = 0;
		int band = 0;
		u16 freq = 0;
		u16 capability = 0;
		u16 beacon_interval = 0;
		u8 rates[12] = {}; /* 802.11 rate bytes, basic bit kept */
		u8 n_rates = 0;
		u8 assoc_cmd[40] = {};
	};
	void ibss_status_associated(kcxx::Sleepable &ctx, const u8 *payload, size_t len) KCXX_REQUIRES(ctx);
	void ibss_report_joined(kcxx::Sleepable &ctx, IbssState &s) KCXX_REQUIRES(ctx);
	void ibss_lost(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status ibss_send(kcxx::Sleepable &ctx, const IbssState &n) KCXX_REQUIRES(ctx);
	void ibss_rejoin_work(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/* The IBSS station table (hardware reference 12.7): BAR0 and its copy here. */
	struct Stations {
		u8 mac[32][6];
		unsigned int n = 0;
	};
	/* The index of @mac in the station table, added if new; -1 if the table is full. */
	int ibss_station(kcxx::AtomicContext &ctx, const u8 *mac);
	void ibss_clear_stations(kcxx::AtomicContext &ctx);

	Transport &trans_;
	/* The user's radio settings: the cfg80211 ops, firmware_up and ndo_open/stop (process context). */
	kcxx::Mutex<RadioSettings> radio_{KCXX_LOCK_CLASS("ipw2200_cxx:radio_settings")};
	bool leds_enabled_ = true;	/* set before setup(), then read only */
	kcxx::Atomic<int> activity_{0}; /* a frame since the LED work last looked */
	/* The interface type (cfg80211's); written by change_iftype() only, with the interface down. */
	kcxx::Atomic<u32> iftype_{kcxx::iftype::station};
	kcxx::Mutex<MonState> mon_{KCXX_LOCK_CLASS("ipw2200_cxx:monitor")};
	kcxx::DelayedWork mon_work_{KCXX_LOCK_CLASS("ipw2200_cxx:monitor_work"), kcxx::bind<&Wireless::mon_work>(this)};
	kcxx::Mutex<IbssState> ibss_{KCXX_LOCK_CLASS("ipw2200_cxx:ibss")};
	kcxx::CondVar ibss_idle_{KCXX_LOCK_CLASS("ipw2200_cxx:ibss_idle")};
	kcxx::Work ibss_rejoin_{KCXX_LOCK_CLASS("ipw2200_cxx:ibss_rejoin"),
				kcxx::bind<&Wireless::ibss_rejoin_work>(this)};
	kcxx::BhSpinLock<Stations> stations_{KCXX_LOCK_CLASS("ipw2200_cxx:ibss_stations")};
	kcxx::Mutex<ConnState> conn_{KCXX_LOCK_CLASS("ipw2200_cxx:conn_state")};
	kcxx::CondVar conn_idle_{KCXX_LOCK_CLASS("ipw2200_cxx:conn_idle")};
	kcxx::DelayedWork conn_wd_{KCXX_LOCK_CLASS("ipw2200_cxx:conn_watchdog"),
				   kcxx::bind<&Wireless::conn_watchdog>(this)};
	kcxx::Work disassoc_{KCXX_LOCK_CLASS("ipw2200_cxx:disassoc_work"), kcxx::bind<&Wireless::disassoc_work>(this)};
	kcxx::BhSpinLock<Link> link_{KCXX_LOCK_CLASS("ipw2200_cxx:link")};
	kcxx::Mutex<RxState> rx_state_{KCXX_LOCK_CLASS("ipw2200_cxx:rx_state")};
	kcxx::BhSpinLock<KeyTable> keys_{KCXX_LOCK_CLASS("ipw2200_cxx:keys")};
	kcxx::BhSpinLock<TxPool> tx_pool_{KCXX_LOCK_CLASS("ipw2200_cxx:tx_pool")};
	kcxx::Box<kcxx::DmaCoherent<TxBuf>> tx_mem_;
	kcxx::Mutex<ScanState> scan_{KCXX_LOCK_CLASS("ipw2200_cxx:scan_state")};
	kcxx::CondVar scan_idle_{KCXX_LOCK_CLASS("ipw2200_cxx:scan_idle")};
	kcxx::DelayedWork scan_wd_{KCXX_LOCK_CLASS("ipw2200_cxx:scan_watchdog"),
				   kcxx::bind<&Wireless::scan_watchdog>(this)};
	/* Declared in this order so the net device is freed before its wiphy. */
	kcxx::Wiphy wiphy_;
	kcxx::NetDevice netdev_;
	/*
	 * Last, so destroyed first: the data path may queue it until the
	 * interrupt is gone (after teardown()); its destructor cancels it
	 * while everything it reads still exists.
	 */
	kcxx::DelayedWork led_work_{KCXX_LOCK_CLASS("ipw2200_cxx:led_work"), kcxx::bind<&Wireless::led_work>(this)};
};

} // namespace ipw
