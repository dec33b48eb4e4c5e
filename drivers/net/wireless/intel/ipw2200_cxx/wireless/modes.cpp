// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/modes.cpp: the interface types (station, IBSS, monitor) and
 * monitor mode.
 *
 * Each type has its own firmware (hardware reference 7.1): ipw2200-bss.fw,
 * ipw2200-ibss.fw, ipw2200-sniffer.fw.  A type change loads the other
 * image (Transport::set_mode(): the file is requested and checked first,
 * then the adapter goes down and up with it), so it is refused while the
 * interface is up (-EBUSY); cfg80211 has disconnected or left the IBSS
 * before the op runs.
 *
 * Monitor mode: the sniffer firmware hands the host every frame it hears
 * on the channel it is tuned to, and the tuning is a scan request (one
 * channel, passive, a 2 s dwell) sent again each time the firmware
 * reports it complete.  The request is sent from process context (the
 * operations, the open, a work item after SCAN_COMPLETED: the bottom half
 * completes commands and cannot send one).  Each frame goes to the net
 * device behind a radiotap header built from the receive header: flags
 * (short preamble), rate, channel (frequency, band, CCK or OFDM), signal
 * (dBm) and antenna.  The interface never transmits.
 *
 * The monitor state (mon_) is one mutex: the channel, whether the
 * interface is open, whether a monitor scan runs in the firmware.  It is
 * never held while a command is sent (the scan_ rule).
 */
#include <kcxx/errno.h>

#include "../fw_api.h"
#include "geo.h"
#include "wireless.h"

namespace ipw {

namespace {

/* The sniffer's dwell on its channel, as the legacy driver asked for it. */
constexpr u16 mon_dwell_ms = 2000;
/* A monitor scan that ended early (not a channel change): try again after this. */
constexpr unsigned int mon_retry_ms = 100;

/* PLCP rate code of the receive header (16.3) in 500 kb/s units; 0 unknown. */
u8 mon_rate_500k(u8 code)
{
	switch (code) {
	case 0x0a:
		return 2;
	case 0x14:
		return 4;
	case 0x37:
		return 11;
	case 0x6e:
		return 22;
	case 0x0d:
		return 12;
	case 0x0f:
		return 18;
	case 0x05:
		return 24;
	case 0x07:
		return 36;
	case 0x09:
		return 48;
	case 0x0b:
		return 72;
	case 0x01:
		return 96;
	case 0x03:
		return 108;
	default:
		return 0;
	}
}

/* Radiotap (radiotap.org): the fields present, in bit order, and the header's layout. */
constexpr u32 rt_flags = 1u << 1;
constexpr u32 rt_rate = 1u << 2;
constexpr u32 rt_channel = 1u << 3;
constexpr u32 rt_dbm_antsignal = 1u << 5;
constexpr u32 rt_antenna = 1u << 11;
constexpr u8 rt_flag_short_preamble = 0x02;
constexpr u16 rt_chan_cck = 0x0020;
constexpr u16 rt_chan_ofdm = 0x0040;
constexpr u16 rt_chan_2ghz = 0x0080;
constexpr u16 rt_chan_5ghz = 0x0100;
/* version, pad, le16 length, le32 present; flags u8, rate u8, channel le16 + le16, signal s8, antenna u8 */
constexpr size_t rt_len = 16;

} // namespace

/* ---- interface types ----------------------------------------------------- */

/*
 * change_iftype() - station, IBSS or monitor: the firmware of that mode is
 * loaded now (a second or so).  Only on a closed interface.
 */
kcxx::Status Wireless::change_iftype(kcxx::Sleepable &ctx, u32 type, bool running)
{
	int mode;
	switch (type) {
	case kcxx::iftype::station:
		mode = 0;
		break;
	case kcxx::iftype::adhoc:
		mode = 1;
		break;
	case kcxx::iftype::monitor:
		mode = 2;
		break;
	default:
		return kcxx::Err(kcxx::err::opnotsupp);
	}
	u32 old_type = iftype_.read();
	if (type == old_type)
		return kcxx::Status::ok();
	if (running) {
		trans_.dev().notice("%s is up: take it down to change its type (the firmware is reloaded)\n",
				    netdev_.name());
		return kcxx::Err(kcxx::err::busy);
	}
	int old_mode = trans_.mode();
	kcxx::Status st = trans_.set_mode(ctx, mode);
	if (!st) {
		/* Back to the firmware of the type cfg80211 keeps (nothing happens if it never changed). */
		if (trans_.mode() != old_mode && !trans_.set_mode(ctx, old_mode))
			trans_.dev().err("the firmware of the old type did not come back either\n");
		return st;
	}
	iftype_.set(type);
	trans_.dev().info("%s is now %s\n", netdev_.name(),
			  type == kcxx::iftype::adhoc	  ? "an IBSS interface"
			  : type == kcxx::iftype::monitor ? "a monitor interface"
							  : "a station");
	return kcxx::Status::ok();
}

void Wireless::firmware_configured(kcxx::Sleepable &ctx)
{
	if (iftype_.read() == kcxx::iftype::adhoc) {
		/* A reloaded IBSS firmware is in no cell: the one cfg80211 counts us in is joined again. */
		auto s = ibss_.lock(ctx);
		if (s->live && s->want)
			ibss_rejoin_.queue();
		return;
	}
	if (iftype_.read() != kcxx::iftype::monitor)
		return;
	/* A reloaded sniffer listens nowhere until it is tuned again. */
	auto m = mon_.lock(ctx);
	if (m->live && m->open)
		mon_work_.modify(kcxx::Timeout::ms(0));
}

/* ---- monitor mode -------------------------------------------------------- */

kcxx::Status Wireless::set_monitor_channel(kcxx::Sleepable &ctx, const kcxx::ScanChannel &ch)
{
	if (iftype_.read() != kcxx::iftype::monitor)
		return kcxx::Err(kcxx::err::busy);
	if (ch.band < 0 || !ch.hw_value || ch.hw_value > 0xff)
		return kcxx::Err(kcxx::err::inval);
	bool busy, open;
	{
		auto m = mon_.lock(ctx);
		m->band = ch.band;
		m->channel = static_cast<u8>(ch.hw_value);
		busy = m->fw_busy;
		open = m->open;
	}
	if (!open)
		return kcxx::Status::ok();
	/* The running scan is ended; its SCAN_COMPLETED sends the new channel's request. */
	if (busy)
		return trans_.send_command(ctx, cmd::scan_abort, nullptr, 0);
	mon_send_scan(ctx);
	return kcxx::Status::ok();
}

/* Tune the sniffer: a passive scan of the one channel (hardware reference 14.12, monitor builds). */
void Wireless::mon_send_scan(kcxx::Sleepable &ctx)
{
	u8 req[scan_req::size] = {};
	{
		auto m = mon_.lock(ctx);
		if (!m->live || !m->open || m->fw_busy || iftype_.read() != kcxx::iftype::monitor)
			return;
		m->fw_busy = true;
		u8 ch = m->channel ? m->channel : 1;
		u8 band = m->channel && m->band == static_cast<int>(kcxx::Band::ghz5) ? scan_req::band_a
										      : scan_req::band_bg;
		u32 idx = ++m->index;
		for (int i = 0; i < 4; i++)
			req[scan_req::index_at + i] = static_cast<u8>(idx >> (8 * i));
		req[scan_req::channels_at] = static_cast<u8>(band << 6 | 1);
		req[scan_req::channels_at + 1] = ch;
		/* List index 1 (odd): the low nibble of the first type byte. */
		req[scan_req::types_at] = scan_req::passive;
		put_le16(req + scan_req::dwell_at + 2 * scan_req::passive, mon_dwell_ms);
	}
	auto st = trans_.send_command(ctx, cmd::scan_request_ext, req, sizeof(req));
	if (!st) {
		auto m = mon_.lock(ctx);
		m->fw_busy = false;
		trans_.dev().dbg("monitor scan request failed: %d\n", st.error());
		return;
	}
	stats.monitor_scans.add(1);
}

/* SCAN_COMPLETED (bottom half): the dwell is over or the scan was ended; tune again from the work. */
void Wireless::mon_scan_done(kcxx::Sleepable &ctx, const u8 *payload, size_t len)
{
	bool complete = len >= 3 && payload[2] == scan_done::status_complete;
	auto m = mon_.lock(ctx);
	m->fw_busy = false;
	if (m->live && m->open)
		mon_work_.modify(kcxx::Timeout::ms(complete ? 0 : mon_retry_ms));
}

void Wireless::mon_work(kcxx::Sleepable &ctx)
{
	mon_send_scan(ctx);
}

/* One frame the sniffer heard: radiotap header from the receive header, then the frame. */
void Wireless::mon_rx(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame, size_t len)
{
	/* The shortest 802.11 frames (ACK, CTS) have 10 bytes. */
	if (len < 10) {
		stats.rx_bad.add(1);
		return;
	}
	{
		auto m = mon_.lock(ctx);
		if (!m->live || !m->open)
			return;
	}
	bool ghz2 = info.control & 1;
	bool cck = info.antenna_phy & 0x20;
	u8 rt[rt_len] = {};
	put_le16(rt + 2, rt_len);
	u32 present = rt_flags | rt_rate | rt_channel | rt_dbm_antsignal | rt_antenna;
	for (int i = 0; i < 4; i++)
		rt[4 + i] = static_cast<u8>(present >> (8 * i));
	rt[8] = (info.antenna_phy & 0x40) ? rt_flag_short_preamble : 0;
	rt[9] = mon_rate_500k(info.rate);
	put_le16(rt + 10, channel_freq(ghz2 ? kcxx::Band::ghz2 : kcxx::Band::ghz5, info.channel));
	put_le16(rt + 12, static_cast<u16>((ghz2 ? rt_chan_2ghz : rt_chan_5ghz) | (cck ? rt_chan_cck : rt_chan_ofdm)));
	rt[14] = static_cast<u8>(static_cast<int>(info.rssi_dbm_raw) - 112);
	rt[15] = info.antenna_phy & 0x03;
	auto st = netdev_.rx_monitor(rt, sizeof(rt), frame, len);
	if (st)
		stats.monitor_frames.add(1);
	else
		stats.rx_bad.add(1);
}

} // namespace ipw
