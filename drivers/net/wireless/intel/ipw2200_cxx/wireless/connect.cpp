// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/connect.cpp: cfg80211 connect and disconnect on the firmware's
 * ASSOCIATE command, and the association state machine.
 *
 * The firmware authenticates and associates by itself (a fullmac card):
 * the host names the network (SSID, supported rates, ASSOCIATE with the
 * BSSID, channel, capability, beacon interval and TSF of its last beacon)
 * and hears the outcome as notifications: STATUS_AUTHENTICATE and
 * STATUS_ASSOCIATED with a connection-manager state (12: associated, 0:
 * failed or ended).  The network comes from cfg80211's BSS table, which
 * the scans fill; a connect to a network cfg80211 has not seen is refused
 * with -ENOENT (user space scans first, as wpa_supplicant does).
 *
 * One owner, the conn_ mutex (Documentation/locking.rst), holds what
 * cfg80211 has been told (the phase), whether the firmware still has a
 * link (fw_linked: an ASSOCIATE not yet ended by a "state 0"), and the
 * network record.  Every report to cfg80211 (connected, connect failed,
 * disconnected) is made with conn_ held, by whoever moves the phase, so
 * each attempt and each connection is reported exactly once and in the
 * order the phase changed.  conn_ is never held while a command is sent:
 * commands complete in the bottom half, which takes conn_ for every
 * notification.
 */
#include <kcxx/errno.h>

#include "../fw_api.h"
#include "wireless.h"

namespace ipw {

namespace {

/* The firmware ends an attempt itself (answer or timeout); this is the host's limit. */
constexpr unsigned int conn_timeout_ms = 10000;
/* How long a disconnect waits for the firmware's "state 0". */
constexpr unsigned int disassoc_wait_ms = 1000;
/* More missed beacons than this while associated: the AP is gone (3 x the legacy roaming threshold). */
constexpr u32 beacon_loss_limit = 24;

/* 802.11 status and reason codes used here. */
constexpr u16 wlan_status_unspecified = 1;
constexpr u16 wlan_reason_unspecified = 1;
constexpr u16 wlan_reason_inactivity = 4;
constexpr u16 wlan_reason_leaving = 3;

/*
 * The firmware's SUPPORTED_RATES for the BSS: its Supported Rates and
 * Extended Supported Rates elements, restricted to rates the firmware
 * knows, basic bits kept.  Returns the number of rates (0: none in common).
 */
unsigned int conn_bss_rates(const u8 *ies, size_t len, u8 (&out)[rates_cmd::max_rates], bool ofdm_ok)
{
	unsigned int n = 0;
	size_t i = 0;
	while (i + 2 <= len) {
		u8 id = ies[i], elen = ies[i + 1];
		if (i + 2 + elen > len)
			break;
		if (id == 1 || id == 50) {
			for (u8 k = 0; k < elen && n < rates_cmd::max_rates; k++) {
				u8 r = ies[i + 2 + k];
				u8 rate = r & 0x7f;
				if (!fw_known_rate(rate))
					continue;
				if (!ofdm_ok && rate != 2 && rate != 4 && rate != 11 && rate != 22)
					continue;
				out[n++] = r;
			}
		}
		i += 2 + elen;
	}
	return n;
}

/* The RSN (48) or WPA (221, 00:50:f2 type 1) element of @ie, whole; nullptr if none. */
const u8 *conn_find_wpa_ie(const u8 *ie, size_t len, size_t &elen)
{
	size_t i = 0;
	while (ie && i + 2 <= len) {
		u8 id = ie[i], l = ie[i + 1];
		if (i + 2 + l > len)
			break;
		if (id == 48 || (id == 221 && l >= 4 && ie[i + 2] == 0x00 && ie[i + 3] == 0x50 && ie[i + 4] == 0xf2 &&
				 ie[i + 5] == 1)) {
			elen = 2u + l;
			return ie + i;
		}
		i += 2 + l;
	}
	return nullptr;
}
} // namespace

void Wireless::set_system_config(kcxx::Sleepable &ctx, const u8 (&cfg)[20])
{
	auto c = conn_.lock(ctx);
	__builtin_memcpy(c->sys_config, cfg, sizeof(cfg));
}

/*
 * connect() - join the ESS @p names.  The network is taken from cfg80211's
 * table (restricted by a BSSID or channel, hints tried first); the commands
 * are those the legacy driver sent for an association, in its order.  The
 * outcome is reported later (notifications, or the watchdog).
 */
kcxx::Status Wireless::connect(kcxx::Sleepable &ctx, const kcxx::ConnectParams &p)
{
	if (!trans_.test(St::ready))
		return kcxx::Err(kcxx::err::netdown);
	if (!p.ssid.len || p.ssid.len > 32)
		return kcxx::Err(kcxx::err::inval);
	if (p.auth != kcxx::Auth::open && p.auth != kcxx::Auth::automatic && p.auth != kcxx::Auth::shared_key) {
		trans_.dev().notice("connect: only open-system and shared-key authentication are supported\n");
		return kcxx::Err(kcxx::err::opnotsupp);
	}
	size_t wpa_len = 0;
	const u8 *wpa = conn_find_wpa_ie(p.ie, p.ie_len, wpa_len);
	/* Static WEP: a privacy network without WPA/RSN; its key comes with the request (keys.cpp). */
	bool static_wep = p.privacy && !wpa;
	bool shared = p.auth == kcxx::Auth::shared_key;
	if (shared && (!static_wep || !p.key || (p.key_len != 5 && p.key_len != 13) || p.key_idx > 3)) {
		trans_.dev().notice("connect: shared-key authentication needs a WEP key\n");
		return kcxx::Err(kcxx::err::inval);
	}
	if (p.ie_len > req_ie_room)
		return kcxx::Err(kcxx::err::inval);

	/* The BSS: with the hints first, then with what is required only. */
	Network *net = new (kcxx::Gfp::kernel(ctx)) Network;
	kcxx::Box<Network> holder(net);
	if (!net)
		return kcxx::Err(kcxx::err::nomem);
	const u8 *bssid = p.bssid ? p.bssid : p.bssid_hint;
	u32 freq = p.freq ? p.freq : p.freq_hint;
	kcxx::Status st = wiphy_.get_bss(ctx, p.ssid, bssid, freq, net->bss, net->ies, sizeof(net->ies));
	if (!st && !p.bssid && !p.freq && (p.bssid_hint || p.freq_hint))
		st = wiphy_.get_bss(ctx, p.ssid, nullptr, 0, net->bss, net->ies, sizeof(net->ies));
	if (!st) {
		trans_.dev().notice("connect: %.*s is not in the scan results (scan first)\n", p.ssid.len, p.ssid.data);
		return kcxx::Err(kcxx::err::noent);
	}
	/* Its elements are kept whole (the BSS is informed again from them) or not at all. */
	if (net->bss.ies_len > sizeof(net->ies)) {
		trans_.dev().notice("connect: %pM has %u bytes of elements, more than kept\n", net->bss.bssid,
				    net->bss.ies_len);
		return kcxx::Err(kcxx::err::inval);
	}
	net->ies_len = net->bss.ies_len;
	if (net->bss.band < 0 || !net->bss.channel || net->bss.channel > 0xff)
		return kcxx::Err(kcxx::err::inval);
	__builtin_memcpy(net->ssid, p.ssid.data, p.ssid.len);
	net->ssid_len = p.ssid.len;
	net->req_ie_len = p.ie_len;
	net->static_wep = static_wep;
	if (p.ie_len)
		__builtin_memcpy(net->req_ie, p.ie, p.ie_len);

	u8 rates[rates_cmd::size] = {};
	bool ghz5 = net->bss.band == static_cast<int>(kcxx::Band::ghz5);
	u8 list[rates_cmd::max_rates];
	unsigned int n_rates = conn_bss_rates(net->ies, net->ies_len, list, true);
	if (!n_rates) {
		trans_.dev().notice("connect: no rate in common with %pM\n", net->bss.bssid);
		return kcxx::Err(kcxx::err::inval);
	}
	u8 mode = assoc::mode_b;
	for (unsigned int i = 0; i < n_rates; i++) {
		u8 r = list[i] & 0x7f;
		if (r != 2 && r != 4 && r != 11 && r != 22)
			mode = assoc::mode_g;
	}
	if (ghz5)
		mode = assoc::mode_a;
	rates[0] = mode;
	rates[1] = static_cast<u8>(n_rates);
	rates[2] = rates_cmd::purpose_connect;
	__builtin_memcpy(rates + 4, list, n_rates);

	u8 *a = net->assoc_cmd;
	__builtin_memset(a, 0, assoc::size);
	u16 cap = net->bss.capability;
	a[assoc::channel_at] = static_cast<u8>(net->bss.channel);
	/* Shared key: the firmware answers the challenge with the default key (high nibble). */
	a[assoc::auth_at] = shared ? static_cast<u8>(assoc::auth_shared | p.key_idx << 4) : assoc::auth_open;
	a[assoc::type_at] = assoc::type_associate;
	put_le16(a + assoc::policy_at, wpa ? assoc::policy_rsn : 0);
	if (cap & 0x0020) {
		a[assoc::preamble_at] = assoc::preamble_short;
	} else {
		a[assoc::preamble_at] = assoc::preamble_long;
	}
	a[assoc::mode_at] = mode;
	__builtin_memcpy(a + assoc::bssid_at, net->bss.bssid, 6);
	put_le32(a + assoc::tsf_msw_at, static_cast<u32>(net->bss.tsf >> 32));
	put_le32(a + assoc::tsf_lsw_at, static_cast<u32>(net->bss.tsf));
	put_le16(a + assoc::capability_at, cap);
	put_le16(a + assoc::listen_at, 10);
	put_le16(a + assoc::beacon_at, net->bss.beacon_interval);
	__builtin_memcpy(a + assoc::dest_at, net->bss.bssid, 6);

	u8 sys[sys_cfg::size];
	u32 attempt;
	{
		auto c = conn_.lock(ctx);
		if (!c->live)
			return kcxx::Err(kcxx::err::netdown);
		if (c->phase != Phase::idle)
			return kcxx::Err(kcxx::err::already);
		/* The last link's end not heard yet: give the firmware a moment. */
		while (c->fw_linked)
			if (conn_idle_.wait(ctx, c, kcxx::Timeout::ms(disassoc_wait_ms)) == kcxx::WaitResult::timed_out)
				break;
		if (c->phase != Phase::idle)
			return kcxx::Err(kcxx::err::already);
		c->fw_linked = false;
		__builtin_memcpy(sys, c->sys_config, sizeof(sys));
		c->net = *net;
		c->phase = Phase::associating;
		attempt = ++c->attempt;
		c->deadline = kcxx::Deadline::after_ms(conn_timeout_ms);
	}
	sys[sys_cfg::dot11g_auto_detection_at] = mode == assoc::mode_g;
	/* hwcrypto: the firmware decrypts what it has keys for (keys.cpp). */
	sys[sys_cfg::disable_unicast_decryption_at] = !hwcrypto_;
	sys[sys_cfg::disable_multicast_decryption_at] = !hwcrypto_;
	conn_wd_.modify(kcxx::Timeout::ms(conn_timeout_ms));

	trans_.dev().info("associating with %pM (%.*s) on channel %u, %s mode, %u rates%s\n", net->bss.bssid,
			  p.ssid.len, p.ssid.data, net->bss.channel,
			  mode == assoc::mode_a	  ? "A"
			  : mode == assoc::mode_g ? "G"
						  : "B",
			  n_rates,
			  wpa	       ? ", RSN/WPA"
			  : shared     ? ", WEP shared key"
			  : static_wep ? ", WEP"
				       : "");
	st = kcxx::Status::ok();
	/* Shared-key authentication is the firmware's: it needs the key first (18.3). */
	if (shared)
		st = send_fw_key(ctx, p.key_idx, wep_key_cmd::type_wep, p.key, p.key_len);
	if (st && wpa)
		st = trans_.send_command(ctx, cmd::rsn_capabilities, wpa, wpa_len);
	if (st)
		st = trans_.send_command(ctx, cmd::ssid, p.ssid.data, p.ssid.len);
	if (st)
		st = trans_.send_command(ctx, cmd::supported_rates, rates, sizeof(rates));
	if (st)
		st = trans_.send_command(ctx, cmd::system_config, sys, sizeof(sys));
	if (st) {
		u8 sens[4] = {};
		int dbm = net->bss.signal_mbm / 100;
		int raw = dbm + 112;
		put_le16(sens, static_cast<u16>(raw < 0 ? 0 : raw > 0xff ? 0xff : raw));
		st = trans_.send_command(ctx, cmd::sensitivity_calib, sens, sizeof(sens));
	}
	if (st) {
		/* The firmware may answer before the command returns: it is linked from here on. */
		auto c = conn_.lock(ctx);
		if (c->attempt == attempt && c->phase == Phase::associating)
			c->fw_linked = true;
	}
	if (st)
		st = trans_.send_command(ctx, cmd::associate, net->assoc_cmd, assoc::size);
	if (!st) {
		/* Not taken: the op fails, and cfg80211 expects no report for it. */
		auto c = conn_.lock(ctx);
		if (c->attempt == attempt && c->phase == Phase::associating) {
			c->phase = Phase::idle;
			c->fw_linked = false;
			conn_idle_.notify_all();
		}
		trans_.dev().notice("connect: association commands failed: %d\n", st.error());
		return st;
	}
	stats.connects.add(1);
	return kcxx::Status::ok();
}

/*
 * disconnect() - end the connection or the attempt.  A connection is
 * reported disconnected here (locally generated); an attempt cfg80211 has
 * already forgotten is not reported.  The firmware is told to
 * disassociate, and its "state 0" is awaited (briefly), so that it cannot
 * be taken for the end of the next attempt.
 */
kcxx::Status Wireless::disconnect(kcxx::Sleepable &ctx, u16 reason)
{
	bool send = false;
	{
		auto c = conn_.lock(ctx);
		if (c->phase == Phase::associated)
			report_disconnected(ctx, *c, reason, true);
		c->phase = Phase::idle;
		send = c->fw_linked;
	}
	stats.disconnects.add(1);
	if (!send)
		return kcxx::Status::ok();
	auto st = send_disassociate(ctx);
	auto c = conn_.lock(ctx);
	if (!st) {
		/* The firmware is not there to answer (down, killed): nothing is linked any more. */
		c->fw_linked = false;
		conn_idle_.notify_all();
		return kcxx::Status::ok();
	}
	while (c->fw_linked)
		if (conn_idle_.wait(ctx, c, kcxx::Timeout::ms(disassoc_wait_ms)) == kcxx::WaitResult::timed_out) {
			trans_.dev().dbg("no end of association from the firmware after %u ms\n", disassoc_wait_ms);
			break;
		}
	return kcxx::Status::ok();
}

kcxx::Status Wireless::send_disassociate(kcxx::Sleepable &ctx)
{
	u8 cmd[assoc::size];
	{
		auto c = conn_.lock(ctx);
		__builtin_memcpy(cmd, c->net.assoc_cmd, sizeof(cmd));
	}
	cmd[assoc::type_at] = assoc::type_disassociate;
	return trans_.send_command(ctx, cmd::associate, cmd, sizeof(cmd));
}

/* ---- reports (conn_ held) ------------------------------------------------ */

void Wireless::report_connected(kcxx::Sleepable &ctx, ConnState &c)
{
	Network &n = c.net;
	c.phase = Phase::associated;
	size_t wpa_len = 0;
	/* RSN/WPA or static WEP: only EAPOL passes without a key. */
	bool rsn = conn_find_wpa_ie(n.req_ie, n.req_ie_len, wpa_len) != nullptr || n.static_wep;
	/* A new association: no key of an earlier one survives. */
	keys_clear(ctx);
	{
		auto l = link_.lock(ctx);
		l->up = true;
		l->epoch++;
		__builtin_memcpy(l->bssid, n.bss.bssid, 6);
		__builtin_memcpy(l->mac, trans_.eeprom().mac, 6);
		l->freq = static_cast<u16>(n.bss.freq);
		l->ieee_mode = n.assoc_cmd[assoc::mode_at];
		l->short_preamble = n.assoc_cmd[assoc::preamble_at] == assoc::preamble_short;
		l->rsn = rsn;
		l->has_signal = true;
		l->signal_dbm = n.bss.signal_mbm / 100;
		l->rx_rate_code = 0;
		l->since = kcxx::jiffies_now();
		l->last_rx = l->since;
		l->rx_packets = l->rx_bytes = l->tx_packets = l->tx_bytes = 0;
		l->tx_failed = l->rx_dropped = 0;
	}
	/*
	 * cfg80211 must know the BSS: put it back from the copy (it may have
	 * expired from the table since the connect op) and hand it over.
	 */
	auto bss = wiphy_.inform_bss(kcxx::Gfp::kernel(ctx), n.bss, n.ies, n.ies_len);
	if (!bss) {
		trans_.dev().warn("associated, but cfg80211 does not take %pM back: %d\n", n.bss.bssid, bss.error());
		link_down(ctx);
		report_failed(c, wlan_status_unspecified);
		disassoc_.queue();
		return;
	}
	wiphy_.connected(netdev_, kcxx::move(bss.value()), n.bss.bssid, n.req_ie, n.req_ie_len, kcxx::Gfp::kernel(ctx));
	netdev_.carrier(true);
	netdev_.wake_queues();
	leds_changed();
	trans_.dev().info("associated with %pM\n", n.bss.bssid);
}

void Wireless::report_failed(ConnState &c, u16 status)
{
	c.phase = Phase::idle;
	stats.connect_failures.add(1);
	wiphy_.connect_failed(netdev_, c.net.bss.bssid, status, kcxx::Gfp::atomic());
}

void Wireless::report_disconnected(kcxx::Sleepable &ctx, ConnState &c, u16 reason, bool local)
{
	c.phase = Phase::idle;
	link_down(ctx);
	wiphy_.disconnected(netdev_, reason, local, kcxx::Gfp::atomic());
	trans_.dev().info("disassociated from %pM (reason %u%s)\n", c.net.bss.bssid, reason, local ? ", ours" : "");
}

/* The data path stops: no frame goes out, none is taken in; the association's keys go. */
void Wireless::link_down(kcxx::Sleepable &ctx)
{
	{
		auto l = link_.lock(ctx);
		l->up = false;
		l->rsn = false;
		l->ibss = false;
	}
	keys_clear(ctx);
	netdev_.carrier(false);
	netdev_.stop_queues();
	leds_changed();
}

/* ---- from the firmware (bottom half) ------------------------------------- */

void Wireless::status_associated(kcxx::Sleepable &ctx, const u8 *payload, size_t len)
{
	if (len < 1) {
		trans_.dev().warn("STATUS_ASSOCIATED without a state\n");
		return;
	}
	u8 state = payload[0];
	auto c = conn_.lock(ctx);
	if (!c->live)
		return;
	if (state == cmas::associated) {
		if (c->phase == Phase::associating && c->fw_linked)
			report_connected(ctx, *c);
		else
			trans_.dev().dbg("associated, but no attempt waits for it\n");
		return;
	}
	if (state == cmas::init || (state == cmas::authenticated && c->phase == Phase::associated)) {
		/* The firmware's link ended: refused, timed out, or the AP left us. */
		bool was_linked = c->fw_linked;
		c->fw_linked = false;
		conn_idle_.notify_all();
		if (!was_linked)
			return;
		if (c->phase == Phase::associating)
			report_failed(*c, wlan_status_unspecified);
		else if (c->phase == Phase::associated)
			report_disconnected(ctx, *c, wlan_reason_unspecified, false);
		return;
	}
	if (state != cmas::rx_assoc_resp)
		trans_.dev().dbg("association state %u\n", state);
}

void Wireless::status_authenticate(kcxx::Sleepable &ctx, const u8 *payload, size_t len)
{
	if (len < 1) {
		trans_.dev().warn("STATUS_AUTHENTICATE without a state\n");
		return;
	}
	u8 state = payload[0];
	if (state != cmas::init) {
		trans_.dev().dbg("authentication state %u\n", state);
		return;
	}
	u16 code = len >= auth_note::status_at + 2
			   ? static_cast<u16>(payload[auth_note::status_at] | payload[auth_note::status_at + 1] << 8)
			   : 0;
	auto c = conn_.lock(ctx);
	if (!c->live || !c->fw_linked)
		return;
	c->fw_linked = false;
	conn_idle_.notify_all();
	if (c->phase == Phase::associating)
		report_failed(*c, code ? code : wlan_status_unspecified);
	else if (c->phase == Phase::associated)
		report_disconnected(ctx, *c, code ? code : wlan_reason_unspecified, false);
}

/* Beacons missing while associated: the AP is gone; the firmware is told to let go (from a work item). */
void Wireless::beacon_state(kcxx::Sleepable &ctx, const u8 *payload, size_t len)
{
	kcxx::Bytes b(payload, len);
	if (len != beacon_note::size) {
		trans_.dev().warn("STATUS_BEACON_STATE with %zu bytes of payload, not %u\n", len, beacon_note::size);
		return;
	}
	if (b.read_le32(0).value_or(0) != beacon_note::missing)
		return;
	u32 missed = b.read_le32(4).value_or(0);
	auto c = conn_.lock(ctx);
	if (!c->live || c->phase != Phase::associated || missed <= beacon_loss_limit)
		return;
	stats.beacon_losses.add(1);
	trans_.dev().notice("%u beacons missed: the AP is gone\n", missed);
	report_disconnected(ctx, *c, wlan_reason_inactivity, false);
	disassoc_.queue();
}

/* ---- work items ---------------------------------------------------------- */

/* The firmware still holds a link nobody wants (beacon loss, a refused report): end it. */
void Wireless::disassoc_work(kcxx::Sleepable &ctx)
{
	{
		auto c = conn_.lock(ctx);
		if (!c->live || c->phase != Phase::idle || !c->fw_linked)
			return;
	}
	auto st = send_disassociate(ctx);
	if (!st) {
		auto c = conn_.lock(ctx);
		c->fw_linked = false;
		conn_idle_.notify_all();
	}
}

/* No outcome for an attempt within conn_timeout_ms: report a timeout, end the firmware's attempt. */
void Wireless::conn_watchdog(kcxx::Sleepable &ctx)
{
	{
		auto c = conn_.lock(ctx);
		if (!c->live || c->phase != Phase::associating)
			return;
		if (!c->deadline.passed()) {
			conn_wd_.modify(c->deadline.remaining());
			return;
		}
		stats.connect_timeouts.add(1);
		trans_.dev().notice("no association with %pM within %u ms\n", c->net.bss.bssid, conn_timeout_ms);
		report_failed(*c, 0);
		if (!c->fw_linked)
			return;
	}
	disassoc_work(ctx);
}

/* The firmware went down, restarted, or the radio was killed: its link is gone. */
void Wireless::conn_lost(kcxx::Sleepable &ctx)
{
	auto c = conn_.lock(ctx);
	c->fw_linked = false;
	conn_idle_.notify_all();
	if (!c->live)
		return;
	if (c->phase == Phase::associating)
		report_failed(*c, 0);
	else if (c->phase == Phase::associated)
		report_disconnected(ctx, *c, wlan_reason_leaving, true);
}

} // namespace ipw
