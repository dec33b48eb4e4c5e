// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/wireless.cpp: the wiphy and wlan%d (creation, registration,
 * teardown), the net device operations, and what the firmware reports
 * (frames for the BSS table, notifications, rf-kill, restarts).
 */
#include <kcxx/errno.h>
#include <kcxx/random.h>

#include "../fw_api.h"
#include "geo.h"
#include "wireless.h"

namespace ipw {

namespace {

/* 802.11b/g rates (100 kb/s, 802.11 rate byte); the 5 GHz band uses the OFDM eight. */
constexpr kcxx::Bitrate wl_rates[] = {
	{10, 0x02, 0},
	{20, 0x04, kcxx::rate_short_preamble},
	{55, 0x0b, kcxx::rate_short_preamble},
	{110, 0x16, kcxx::rate_short_preamble},
	{60, 0x0c, 0},
	{90, 0x12, 0},
	{120, 0x18, 0},
	{180, 0x24, 0},
	{240, 0x30, 0},
	{360, 0x48, 0},
	{480, 0x60, 0},
	{540, 0x6c, 0},
};
constexpr kcxx::size_t wl_n_cck = 4;

/* What the driver really implements (host CCMP, keys.cpp); cfg80211 refuses the others. */
/* What keys.cpp implements (on the host, and WEP and CCMP also in the firmware). */
constexpr kcxx::u32 wl_ciphers[] = {kcxx::cipher::wep40, kcxx::cipher::wep104, kcxx::cipher::tkip, kcxx::cipher::ccmp};

/* 802.11 frame control, first byte: type bits 3:2, subtype bits 7:4. */
bool is_beacon_or_probe_resp(kcxx::u8 fc0)
{
	return (fc0 & 0x0c) == 0 && ((fc0 >> 4) == 8 || (fc0 >> 4) == 5);
}
} // namespace

struct WirelessCfgOps {
	using Owner = Wireless;
	static constexpr auto scan = &Wireless::scan;
	static constexpr auto abort_scan = &Wireless::abort_scan;
	static constexpr auto connect = &Wireless::connect;
	static constexpr auto disconnect = &Wireless::disconnect;
	static constexpr auto get_station = &Wireless::get_station;
	static constexpr auto dump_station = &Wireless::dump_station;
	static constexpr auto add_key = &Wireless::add_key;
	static constexpr auto del_key = &Wireless::del_key;
	static constexpr auto set_default_key = &Wireless::set_default_key;
	static constexpr auto change_iftype = &Wireless::change_iftype;
	static constexpr auto set_monitor_channel = &Wireless::set_monitor_channel;
	static constexpr auto join_ibss = &Wireless::join_ibss;
	static constexpr auto leave_ibss = &Wireless::leave_ibss;
	/* radio.cpp */
	static constexpr auto set_power_mgmt = &Wireless::set_power_mgmt;
	static constexpr auto set_wiphy_params = &Wireless::set_wiphy_params;
	static constexpr auto set_tx_power = &Wireless::set_tx_power;
	static constexpr auto get_tx_power = &Wireless::get_tx_power;
};

struct WirelessEthtoolOps {
	using Owner = Wireless;
	static constexpr auto get_drvinfo = &Wireless::get_drvinfo;
	static constexpr auto get_eeprom_len = &Wireless::get_eeprom_len;
	static constexpr auto get_eeprom = &Wireless::get_eeprom;
};

struct WirelessNetOps {
	using Owner = Wireless;
	static constexpr auto open = &Wireless::ndo_open;
	static constexpr auto stop = &Wireless::ndo_stop;
	static constexpr auto start_xmit = &Wireless::ndo_start_xmit;
};

kcxx::Status Wireless::setup(kcxx::Sleepable &ctx)
{
	const EepromInfo &ee = trans_.eeprom();
	u8 mac[6];
	__builtin_memcpy(mac, ee.mac, sizeof(mac));
	const Geography *geo = nullptr;
	if (!(mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5])) {
		/* No firmware load yet (disable=1): no EEPROM, so no address and no geography. */
		kcxx::random_bytes(mac, sizeof(mac));
		mac[0] = static_cast<u8>((mac[0] & 0xfe) | 0x02); /* unicast, locally administered */
		trans_.dev().notice("radio off before the EEPROM was read: a random address, channels 1-11\n");
	} else {
		geo = find_geography(ee.country);
		if (!geo)
			trans_.dev().warn("geography %s is not known: using channels 1-11 only\n", ee.country);
	}
	if (!geo)
		geo = &restricted_geography();
	{
		auto mem = kcxx::DmaCoherent<TxBuf>::alloc(trans_.dev(), kcxx::Gfp::kernel(ctx), tx_bufs);
		if (!mem)
			return kcxx::Err(mem.error());
		tx_mem_.reset(new (kcxx::Gfp::kernel(ctx)) kcxx::DmaCoherent<TxBuf>(kcxx::move(mem.value())));
		if (!tx_mem_)
			return kcxx::Err(kcxx::err::nomem);
		auto p = tx_pool_.lock(ctx);
		for (unsigned int i = 0; i < tx_bufs; i++)
			p->free[i] = static_cast<u8>(i);
		p->n_free = tx_bufs;
	}
	kcxx::Status st = wiphy_.create<WirelessCfgOps>(ctx, trans_.dev(), this);
	if (!st)
		return st;
	kcxx::Channel ch[32];
	kcxx::size_t n_bg = geo_channels(*geo, kcxx::Band::ghz2, ch, 32);
	st = wiphy_.add_band(ctx, kcxx::Band::ghz2, ch, n_bg, wl_rates, sizeof(wl_rates) / sizeof(wl_rates[0]));
	kcxx::size_t n_a = 0;
	if (st && trans_.is_2915()) {
		n_a = geo_channels(*geo, kcxx::Band::ghz5, ch, 32);
		if (n_a)
			st = wiphy_.add_band(ctx, kcxx::Band::ghz5, ch, n_a, wl_rates + wl_n_cck,
					     sizeof(wl_rates) / sizeof(wl_rates[0]) - wl_n_cck);
	}
	if (!st)
		return st;
	kcxx::WiphyConfig cfg;
	cfg.perm_addr = mac;
	cfg.iftypes = 1u << kcxx::iftype::station | 1u << kcxx::iftype::adhoc | 1u << kcxx::iftype::monitor;
	cfg.ciphers = wl_ciphers;
	cfg.n_ciphers = sizeof(wl_ciphers) / sizeof(wl_ciphers[0]);
	/* The firmware probes for the wildcard SSID and one SSID of the last SSID command. */
	cfg.max_scan_ssids = 2;
	/* It builds its own probe requests: extra elements are accepted and not sent. */
	cfg.max_scan_ie_len = 1000;
	st = wiphy_.configure(ctx, cfg);
	/* The interface starts in the type of the firmware mode= loaded. */
	iftype_.set(trans_.mode() == 1	 ? kcxx::iftype::adhoc
		    : trans_.mode() == 2 ? kcxx::iftype::monitor
					 : kcxx::iftype::station);
	if (st)
		st = wiphy_.create_netdev<WirelessNetOps>(ctx, netdev_, iftype_.read(), "wlan%d", this);
	if (!st)
		return st;
	netdev_.set_address(mac);
	st = kcxx::set_ethtool<WirelessEthtoolOps>(ctx, netdev_);
	if (!st)
		return st;
	{
		char fw[32];
		trans_.fw_version(ctx, fw, sizeof(fw));
		wiphy_.set_fw_version(fw);
	}
	netdev_.carrier(false);
	st = wiphy_.register_dev(ctx);
	if (!st) {
		trans_.dev().err("cannot register the wiphy: %d\n", st.error());
		return st;
	}
	{
		auto g = scan_.lock(ctx);
		g->live = true;
		wiphy_.set_rfkill_hw(trans_.test(St::rf_kill_hw));
	}
	{
		auto c = conn_.lock(ctx);
		c->live = true;
	}
	{
		auto m = mon_.lock(ctx);
		m->live = true;
	}
	{
		auto i = ibss_.lock(ctx);
		i->live = true;
	}
	st = netdev_.register_dev(ctx);
	if (!st) {
		trans_.dev().err("cannot register the network interface: %d\n", st.error());
		return st;
	}
	trans_.dev().info("%s on %s: geography %s, %zu 802.11bg channels, %zu 802.11a channels\n", netdev_.name(),
			  wiphy_.name(), geo->name, n_bg, n_a);
	return kcxx::Status::ok();
}

/*
 * The interface first (closing it ends a scan), then nothing more may go to
 * cfg80211, then the wiphy; the watchdog last (it only talks to the firmware).
 */
void Wireless::teardown(kcxx::Sleepable &ctx)
{
	/* Closing it disconnects (cfg80211 calls disconnect, which reports); then no more reports. */
	netdev_.unregister(ctx);
	{
		auto c = conn_.lock(ctx);
		c->live = false;
		c->phase = Phase::idle;
	}
	/* The link record only: the net device is gone from the stack (no carrier event any more). */
	{
		auto l = link_.lock(ctx);
		l->up = false;
	}
	keys_clear(ctx);
	kcxx::ScanRequest left;
	{
		auto g = scan_.lock(ctx);
		g->live = false;
		left = kcxx::move(g->req);
	}
	left.done(true);
	{
		auto m = mon_.lock(ctx);
		m->live = false;
		m->open = false;
	}
	{
		auto i = ibss_.lock(ctx);
		i->live = false;
		i->want = false;
		i->phase = IbssPhase::idle;
	}
	wiphy_.unregister(ctx);
	mon_work_.cancel_sync(ctx);
	ibss_rejoin_.cancel_sync(ctx);
	scan_wd_.cancel_sync(ctx);
	conn_wd_.cancel_sync(ctx);
	disassoc_.cancel_sync(ctx);
	led_work_.cancel_sync(ctx);
}

/* ---- from the firmware --------------------------------------------------- */

void Wireless::rx_frame(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame, size_t len)
{
	if (iftype_.read() == kcxx::iftype::monitor) {
		mon_rx(ctx, info, frame, len);
		return;
	}
	if (len < 24) {
		stats.rx_bad.add(1);
		return;
	}
	if ((frame[0] & 0x0c) == 0x08) {
		rx_data(ctx, info, frame, len);
		return;
	}
	if (!is_beacon_or_probe_resp(frame[0]))
		return;
	rx_beacon_signal(ctx, info, frame);
	kcxx::Band band = (info.control & 1) ? kcxx::Band::ghz2 : kcxx::Band::ghz5;
	u16 freq = channel_freq(band, info.channel);
	kcxx::s32 mbm = (static_cast<kcxx::s32>(info.rssi_dbm_raw) - 112) * 100;
	auto g = scan_.lock(ctx);
	if (!g->live)
		return;
	auto bss = wiphy_.inform_bss_frame(kcxx::Gfp::kernel(ctx), freq, frame, len, mbm);
	if (bss) {
		stats.bss_reported.add(1);
		return;
	}
	long n = stats.bss_refused.add_return(1);
	if (n <= 4 || (n & (n - 1)) == 0)
		trans_.dev().dbg("a %zu-byte beacon or probe response on channel %u was not taken: %d (%ld so far)\n",
				 len, info.channel, bss.error(), n);
}

void Wireless::notification(kcxx::Sleepable &ctx, u8 subtype, const u8 *payload, size_t len)
{
	switch (subtype) {
	case notif::scan_completed:
		if (iftype_.read() == kcxx::iftype::monitor)
			mon_scan_done(ctx, payload, len);
		else
			scan_completed(ctx, payload, len);
		break;
	case notif::status_associated:
		if (iftype_.read() == kcxx::iftype::adhoc)
			ibss_status_associated(ctx, payload, len);
		else
			status_associated(ctx, payload, len);
		break;
	case notif::status_authenticate:
		status_authenticate(ctx, payload, len);
		break;
	case notif::beacon_state:
		beacon_state(ctx, payload, len);
		break;
	default:
		trans_.dev().dbg("notification %u (%zu bytes)\n", subtype, len);
		break;
	}
}

void Wireless::firmware_changed(kcxx::Sleepable &ctx)
{
	abort_scan_state(ctx, true);
	conn_lost(ctx);
	ibss_lost(ctx);
	auto m = mon_.lock(ctx);
	m->fw_busy = false;
}

void Wireless::rf_kill(kcxx::Sleepable &ctx, bool blocked)
{
	{
		auto g = scan_.lock(ctx);
		if (g->live)
			wiphy_.set_rfkill_hw(blocked);
	}
	if (blocked) {
		abort_scan_state(ctx, true);
		conn_lost(ctx);
		ibss_lost(ctx);
	}
}

/* ---- net_device operations ----------------------------------------------- */

/*
 * The radio runs from probe on (scans work on a closed interface too);
 * only one software rf-kill took down comes back here (radio.cpp).  A
 * monitor starts listening.
 */
kcxx::Status Wireless::ndo_open(kcxx::Sleepable &ctx)
{
	kcxx::Status st = radio_start(ctx);
	if (!st)
		return st;
	if (iftype_.read() == kcxx::iftype::monitor) {
		{
			auto m = mon_.lock(ctx);
			m->open = true;
		}
		/* A monitor has no link to wait for: it is "connected" to the air. */
		netdev_.carrier(true);
		mon_send_scan(ctx);
	}
	return kcxx::Status::ok();
}

/*
 * cfg80211 forgets a closed interface's scan request when the interface is
 * down (NETDEV_DOWN, after this), so it is reported here, and the firmware
 * is told to stop.
 */
void Wireless::ndo_stop(kcxx::Sleepable &ctx)
{
	{
		auto m = mon_.lock(ctx);
		m->open = false;
	}
	if (iftype_.read() == kcxx::iftype::monitor)
		netdev_.carrier(false);
	abort_scan_state(ctx, false);
	send_scan_abort(ctx);
	/* cfg80211 has disconnected already (NETDEV_GOING_DOWN); nothing may go out. */
	netdev_.stop_queues();
	/* Closed because of a software rf-kill: the radio goes off too (radio.cpp). */
	radio_stop(ctx);
}

} // namespace ipw
