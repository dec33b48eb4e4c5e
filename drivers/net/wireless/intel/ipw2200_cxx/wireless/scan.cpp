// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/scan.cpp: cfg80211 scans on the firmware's scan command.
 *
 * One scan at a time, in the firmware and in cfg80211.  The scan op turns
 * the request into SCAN_REQUEST_EXT (preceded by an SSID command for a
 * directed scan); the firmware then hands every beacon and probe response
 * it hears to the receive ring (wireless.cpp feeds them to cfg80211's BSS
 * table) and ends with a SCAN_COMPLETED notification, which reports the
 * request done.  Who reports the request (exactly once, ScanRequest
 * enforces it) depends on what happens first:
 *
 *  - SCAN_COMPLETED: the bottom half (status 1: done, 2: aborted);
 *  - the interface goes down (ndo_stop), the firmware goes down or
 *    restarts, the radio is killed: that path, as aborted;
 *  - no SCAN_COMPLETED: the watchdog sends SCAN_ABORT after
 *    scan_timeout_ms, and if that is not answered either, reports the
 *    scan aborted and reloads the firmware (as the legacy driver did).
 *
 * While the scan op is still sending the request ("starting"), the others
 * only note what happened and the op reports it before it returns: a
 * request whose op fails must not be reported at all (cfg80211 frees it).
 * No lock is held while a command is sent.
 */
#include <kcxx/errno.h>

#include "../fw_api.h"
#include "wireless.h"

namespace ipw {

namespace {

/* Dwell times (ms) per scan type: passive ones hear one beacon interval and a bit. */
constexpr u16 scan_dwell_ms[scan_req::n_types] = {120, 120, 40, 40, 40};
/* SCAN_COMPLETED must come within this (the legacy driver waited 5 s too). */
constexpr unsigned int scan_timeout_ms = 5000;
/* ...and after a SCAN_ABORT, within this. */
constexpr unsigned int scan_abort_timeout_ms = 2000;

/* Scan-type nibble of channels_list index @idx: even indices high, odd low. */
void set_scan_type(u8 *cmd, unsigned int idx, u8 type)
{
	u8 &b = cmd[scan_req::types_at + idx / 2];
	if (idx % 2 == 0)
		b = static_cast<u8>((b & 0x0f) | (type << 4));
	else
		b = static_cast<u8>((b & 0xf0) | (type & 0x0f));
}
} // namespace

/*
 * build_scan() - SCAN_REQUEST_EXT for @req: the 5 GHz group first, then the
 * 2.4 GHz one; channels the regulatory rules make passive are scanned
 * passively whatever the request says.  -EINVAL: nothing to scan, or more
 * channels than the command holds.
 */
kcxx::Status Wireless::build_scan(const kcxx::ScanRequest &req, u32 index, ScanCommand &out)
{
	__builtin_memset(&out, 0, sizeof(out));
	bool wildcard = false;
	for (u32 i = 0; i < req.n_ssids(); i++) {
		auto s = req.ssid(i);
		if (!s)
			return kcxx::Err(s.error());
		if (!s.value().len) {
			wildcard = true;
		} else if (!out.directed) {
			__builtin_memcpy(out.ssid, s.value().data, s.value().len);
			out.ssid_len = s.value().len;
			out.directed = true;
		}
	}
	u8 active = req.n_ssids() == 0 ? scan_req::passive
		    : out.directed     ? (wildcard ? scan_req::broadcast_directed : scan_req::directed)
				       : scan_req::broadcast;
	u8 *list = out.bytes + scan_req::channels_at;
	unsigned int idx = 0;
	static constexpr kcxx::Band group_order[] = {kcxx::Band::ghz5, kcxx::Band::ghz2};
	for (kcxx::Band band : group_order) {
		unsigned int hdr = idx;
		unsigned int count = 0;
		for (u32 i = 0; i < req.n_channels(); i++) {
			auto c = req.channel(i);
			if (!c)
				return kcxx::Err(c.error());
			if (c.value().band != static_cast<int>(band))
				continue;
			if (!count)
				idx++; /* the group's header */
			if (idx >= scan_req::channels_len || count == 0x3f || !c.value().hw_value ||
			    c.value().hw_value > 0xff)
				return kcxx::Err(kcxx::err::inval);
			list[idx] = static_cast<u8>(c.value().hw_value);
			bool passive = c.value().flags & kcxx::chan::no_ir;
			set_scan_type(out.bytes, idx, passive ? scan_req::passive : active);
			idx++;
			count++;
		}
		if (count) {
			u8 b = band == kcxx::Band::ghz5 ? scan_req::band_a : scan_req::band_bg;
			list[hdr] = static_cast<u8>(b << 6 | count);
		}
	}
	if (!idx)
		return kcxx::Err(kcxx::err::inval);
	put_le32(out.bytes + scan_req::index_at, index);
	for (unsigned int t = 0; t < scan_req::n_types; t++)
		put_le16(out.bytes + scan_req::dwell_at + 2 * t, scan_dwell_ms[t]);
	return kcxx::Status::ok();
}

kcxx::Status Wireless::scan(kcxx::Sleepable &ctx, kcxx::ScanRequest &req)
{
	/* The sniffer firmware's scan engine tunes the monitor (modes.cpp). */
	if (iftype_.read() == kcxx::iftype::monitor)
		return kcxx::Err(kcxx::err::opnotsupp);
	if (!trans_.test(St::ready))
		return kcxx::Err(kcxx::err::netdown);
	ScanCommand cmd;
	kcxx::Status st = build_scan(req, 0, cmd);
	if (!st)
		return st;
	{
		auto g = scan_.lock(ctx);
		/* The firmware may still be ending a scan that was abandoned (aborted): give it a moment. */
		for (int i = 0; i < 4 && g->fw_busy; i++)
			(void)scan_idle_.wait(ctx, g, kcxx::Timeout::ms(250));
		if (!g->live || g->req || g->starting || g->fw_busy)
			return kcxx::Err(kcxx::err::busy);
		g->starting = true;
		g->pending = Pending::none;
		g->fw_busy = true;
		g->abort_sent = false;
		g->deadline = kcxx::Deadline::after_ms(scan_timeout_ms);
		put_le32(cmd.bytes + scan_req::index_at, ++g->index);
		g->req = kcxx::move(req);
	}
	scan_wd_.modify(kcxx::Timeout::ms(scan_timeout_ms));
	if (cmd.directed)
		st = trans_.send_command(ctx, cmd::ssid, cmd.ssid, cmd.ssid_len);
	if (st)
		st = trans_.send_command(ctx, cmd::scan_request_ext, cmd.bytes, sizeof(cmd.bytes));

	kcxx::ScanRequest finish;
	bool aborted = false;
	{
		auto g = scan_.lock(ctx);
		g->starting = false;
		if (!st) {
			/* Not taken: cfg80211 gets its request back and frees it. */
			firmware_scan_over(*g);
			g->pending = Pending::none;
			req = kcxx::move(g->req);
			return st;
		}
		if (g->pending != Pending::none) {
			aborted = g->pending == Pending::aborted;
			finish = kcxx::move(g->req);
			g->pending = Pending::none;
		}
	}
	stats.scans.add(1);
	if (finish) {
		if (aborted)
			stats.scans_aborted.add(1);
		finish.done(aborted);
		if (aborted)
			send_scan_abort(ctx);
	}
	return kcxx::Status::ok();
}

/* The firmware answers with SCAN_COMPLETED (status 2), which reports the request. */
void Wireless::abort_scan(kcxx::Sleepable &ctx)
{
	send_scan_abort(ctx);
}

void Wireless::send_scan_abort(kcxx::Sleepable &ctx)
{
	{
		auto g = scan_.lock(ctx);
		if (!g->fw_busy || g->abort_sent)
			return;
		g->abort_sent = true;
	}
	auto st = trans_.send_command(ctx, cmd::scan_abort, nullptr, 0);
	if (!st)
		trans_.dev().dbg("SCAN_ABORT: %d\n", st.error());
}

/* The firmware runs no scan any more: a new one may start, waiters look again. */
void Wireless::firmware_scan_over(ScanState &s)
{
	s.fw_busy = false;
	s.abort_sent = false;
	scan_idle_.notify_all();
}

/*
 * The request cfg80211 waits for ends aborted: returned for the caller to
 * report after unlocking, or, while the scan op is still sending it, left
 * for the op to report.
 */
kcxx::ScanRequest Wireless::take_aborted(ScanState &s)
{
	if (s.starting) {
		s.pending = Pending::aborted;
		return {};
	}
	return kcxx::move(s.req);
}

void Wireless::abort_scan_state(kcxx::Sleepable &ctx, bool firmware_lost)
{
	kcxx::ScanRequest finish;
	{
		auto g = scan_.lock(ctx);
		if (firmware_lost && g->fw_busy)
			firmware_scan_over(*g);
		finish = take_aborted(*g);
	}
	if (finish) {
		stats.scans_aborted.add(1);
		finish.done(true);
	}
}

void Wireless::scan_completed(kcxx::Sleepable &ctx, const u8 *payload, size_t len)
{
	if (len != scan_done::size)
		trans_.dev().warn("SCAN_COMPLETED with %zu bytes of payload, not %u\n", len, scan_done::size);
	u8 status = len > 2 ? payload[2] : 0;
	bool aborted = status != scan_done::status_complete;
	kcxx::ScanRequest finish;
	{
		auto g = scan_.lock(ctx);
		if (!g->fw_busy) {
			/* Not for a scan we know of (it was already given up): nothing to report. */
			trans_.dev().dbg("SCAN_COMPLETED (status %u) without a scan\n", status);
			return;
		}
		firmware_scan_over(*g);
		if (g->starting) {
			if (g->pending == Pending::none || aborted)
				g->pending = aborted ? Pending::aborted : Pending::completed;
		} else {
			finish = kcxx::move(g->req);
		}
	}
	if (finish) {
		if (aborted)
			stats.scans_aborted.add(1);
		finish.done(aborted);
	}
}

/*
 * Armed at every scan start; a run for an earlier scan finds the deadline
 * of the current one not passed yet and waits for it.
 */
void Wireless::scan_watchdog(kcxx::Sleepable &ctx)
{
	kcxx::ScanRequest finish;
	bool give_up = false;
	{
		auto g = scan_.lock(ctx);
		if (!g->fw_busy)
			return;
		if (!g->deadline.passed()) {
			scan_wd_.modify(g->deadline.remaining());
			return;
		}
		if (!g->abort_sent) {
			g->abort_sent = true;
			g->deadline = kcxx::Deadline::after_ms(scan_abort_timeout_ms);
		} else {
			give_up = true;
			firmware_scan_over(*g);
			finish = take_aborted(*g);
		}
	}
	if (!give_up) {
		stats.scan_timeouts.add(1);
		trans_.dev().warn("scan not completed within %u ms: aborting it\n", scan_timeout_ms);
		auto st = trans_.send_command(ctx, cmd::scan_abort, nullptr, 0);
		if (!st)
			trans_.dev().dbg("SCAN_ABORT: %d\n", st.error());
		scan_wd_.modify(kcxx::Timeout::ms(scan_abort_timeout_ms));
		return;
	}
	if (finish) {
		stats.scans_aborted.add(1);
		finish.done(true);
	}
	trans_.schedule_restart("the firmware did not end an aborted scan");
}

} // namespace ipw
