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

	/* cfg80211 operations (wiphy mutex held) */
	kcxx::Status scan(kcxx::Sleepable &ctx, kcxx::ScanRequest &req) KCXX_REQUIRES(ctx);
	void abort_scan(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* net_device operations */
	kcxx::Status ndo_open(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void ndo_stop(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void ndo_start_xmit(kcxx::AtomicContext &ctx, kcxx::SkBuff skb);

	struct Stats {
		kcxx::Atomic<long> scans{0}, scans_aborted{0}, scan_timeouts{0};
		kcxx::Atomic<long> bss_reported{0}, bss_refused{0};
	};
	Stats stats;

private:
	/* Whether the scan ends in success or is reported aborted (while the op still runs). */
	enum class Pending : u8 { none, completed, aborted };
	struct ScanState {
		bool live = false;	  /* the wiphy is registered: results may go to cfg80211 */
		kcxx::ScanRequest req;	  /* the scan cfg80211 waits for (empty: none) */
		bool starting = false;	  /* the scan op is sending the request: others leave req to it */
		Pending pending = Pending::none; /* what happened meanwhile */
		bool fw_busy = false;	  /* the firmware runs a scan: no SCAN_COMPLETED yet */
		bool abort_sent = false;  /* SCAN_ABORT sent for that scan */
		u32 index = 0;		  /* SCAN_REQUEST_EXT full_scan_index */
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

	Transport &trans_;
	kcxx::Mutex<ScanState> scan_{KCXX_LOCK_CLASS("ipw2200_cxx:scan_state")};
	kcxx::CondVar scan_idle_{KCXX_LOCK_CLASS("ipw2200_cxx:scan_idle")};
	kcxx::DelayedWork scan_wd_{KCXX_LOCK_CLASS("ipw2200_cxx:scan_watchdog"),
				   kcxx::bind<&Wireless::scan_watchdog>(this)};
	/* Declared in this order so the net device is freed before its wiphy. */
	kcxx::Wiphy wiphy_;
	kcxx::NetDevice netdev_;
};

} // namespace ipw
