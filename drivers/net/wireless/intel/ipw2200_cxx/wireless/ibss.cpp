// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/ibss.cpp: cfg80211 join_ibss and leave_ibss on the IBSS
 * firmware (ipw2200-ibss.fw), and the IBSS station table.
 *
 * The firmware runs the cell: given SSID, SUPPORTED_RATES, SYSTEM_CONFIG
 * and ASSOCIATE, it starts a cell (type 3, IBSS_START: the host's BSSID,
 * TSF 0) or joins a known one (type 0: its BSSID and the TSF of its last
 * beacon), beacons in it and answers probe requests, and reports
 * STATUS_ASSOCIATED 12; ASSOCIATE type 2 leaves the cell (STATUS_ASSOCIATED
 * 0).  There is no authentication or association exchange in an IBSS.
 *
 * join_ibss looks the SSID up in cfg80211's table (an IBSS, on the
 * requested channel; with the BSSID if it is fixed): a cell that is known
 * is joined, otherwise one is started (with the fixed BSSID, or a random
 * locally administered one).  When the firmware reports the cell, its BSS
 * is put into cfg80211's table (SSID, rates, DS and IBSS parameter sets)
 * and cfg80211_ibss_joined() reports it; the link record takes the cell
 * (Link::ibss) and the data path sends and takes frames without DS bits:
 * address 1 the destination, 2 the source, 3 the BSSID.
 *
 * The state (ibss_) has one owner, a mutex, with the rule of conn_: the
 * report is made under it by whoever moves the phase, it is never held
 * while a command is sent, and leave waits (briefly) for the firmware's
 * "state 0", so that it cannot be taken for the end of the next cell.
 * cfg80211 has no "left" event: a cell the firmware loses (reload,
 * rf-kill) only takes the link down.
 *
 * The station table (BAR0 0xC0C, 12.7): every data frame's TFD names its
 * destination by its index there (station_number), and the legacy driver
 * added each address it sent to or heard from; so does this one, under
 * stations_ (a BH spinlock: transmit runs in softirq), cleared when a
 * cell is joined.
 */
#include <kcxx/errno.h>
#include <kcxx/random.h>

#include "../fw_api.h"
#include "wireless.h"

namespace ipw {

namespace {

/* How long leave waits for the firmware's "state 0". */
constexpr unsigned int ibss_leave_wait_ms = 1000;
constexpr u16 ibss_default_beacon_tu = 100;

/* 802.11 capability bits. */
constexpr u16 cap_ibss = 0x0002;
constexpr u16 cap_short_slot = 0x0400;

/* The rates of a known cell: its Supported and Extended Supported Rates the firmware knows. */
u8 ibss_cell_rates(const u8 *ies, size_t len, u8 (&out)[12], bool ofdm_ok)
{
	u8 n = 0;
	size_t i = 0;
	while (i + 2 <= len) {
		u8 id = ies[i], elen = ies[i + 1];
		if (i + 2 + elen > len)
			break;
		if (id == 1 || id == 50)
			for (u8 k = 0; k < elen && n < 12; k++) {
				u8 r = ies[i + 2 + k] & 0x7f;
				if (fw_known_rate(r) && (ofdm_ok || r == 2 || r == 4 || r == 11 || r == 22))
					out[n++] = ies[i + 2 + k];
			}
		i += 2 + elen;
	}
	return n;
}

/* What join_ibss works on: too big for the stack with the cell's elements. */
struct IbssJoin {
	kcxx::BssInfo bss;
	u8 ies[1024];
};
} // namespace

/*
 * join_ibss() - join the cell @p names, or start it.  Reported later
 * (STATUS_ASSOCIATED 12: cfg80211_ibss_joined()).
 */
kcxx::Status Wireless::join_ibss(kcxx::Sleepable &ctx, const kcxx::IbssParams &p)
{
	if (!trans_.test(St::ready))
		return kcxx::Err(kcxx::err::netdown);
	if (iftype_.read() != kcxx::iftype::adhoc)
		return kcxx::Err(kcxx::err::opnotsupp);
	if (!p.ssid.len || p.ssid.len > 32)
		return kcxx::Err(kcxx::err::inval);
	if (p.privacy || p.wep_keys) {
		trans_.dev().notice("join_ibss: encryption in an IBSS is not supported\n");
		return kcxx::Err(kcxx::err::opnotsupp);
	}
	if (p.channel.band < 0 || !p.channel.hw_value || p.channel.hw_value > 0xff)
		return kcxx::Err(kcxx::err::inval);
	bool ghz5 = p.channel.band == static_cast<int>(kcxx::Band::ghz5);

	kcxx::Box<IbssJoin> j(new (kcxx::Gfp::kernel(ctx)) IbssJoin);
	if (!j)
		return kcxx::Err(kcxx::err::nomem);
	bool known = wiphy_.get_ibss(ctx, p.ssid, p.bssid, p.channel.freq, j->bss, j->ies, sizeof(j->ies)) &&
		     j->bss.channel == p.channel.hw_value && j->bss.ies_len <= sizeof(j->ies);

	IbssState n;
	n.ssid_len = p.ssid.len;
	__builtin_memcpy(n.ssid, p.ssid.data, p.ssid.len);
	n.channel = static_cast<u8>(p.channel.hw_value);
	n.band = p.channel.band;
	n.freq = p.channel.freq;
	n.start = !known;
	u64 tsf = 0;
	if (known) {
		__builtin_memcpy(n.bssid, j->bss.bssid, 6);
		n.capability = j->bss.capability;
		n.beacon_interval = j->bss.beacon_interval;
		tsf = j->bss.tsf;
		n.n_rates = ibss_cell_rates(j->ies, j->bss.ies_len, n.rates, true);
	} else {
		if (p.bssid) {
			__builtin_memcpy(n.bssid, p.bssid, 6);
		} else {
			kcxx::random_bytes(n.bssid, 6);
			n.bssid[0] = static_cast<u8>((n.bssid[0] & 0xfe) | 0x02); /* unicast, locally administered */
		}
		n.capability = cap_ibss;
		n.beacon_interval = p.beacon_interval ? p.beacon_interval : ibss_default_beacon_tu;
		/* The band's rates; basic as cfg80211 asks (its bit i is the band's bitrate i). */
		unsigned int first = ghz5 ? fw_n_cck : 0;
		for (unsigned int i = first; i < sizeof(fw_rates); i++) {
			bool basic = p.basic_rates & (1u << (i - first));
			n.rates[n.n_rates++] = static_cast<u8>(fw_rates[i] | (basic ? 0x80 : 0));
		}
	}
	if (!n.n_rates) {
		trans_.dev().notice("join_ibss: no rate in common with the cell %pM\n", n.bssid);
		return kcxx::Err(kcxx::err::inval);
	}
	u8 mode = assoc::mode_b;
	for (unsigned int i = 0; i < n.n_rates; i++) {
		u8 r = n.rates[i] & 0x7f;
		if (r != 2 && r != 4 && r != 11 && r != 22)
			mode = assoc::mode_g;
	}
	if (ghz5)
		mode = assoc::mode_a;

	u8 *a = n.assoc_cmd;
	a[assoc::channel_at] = n.channel;
	a[assoc::auth_at] = assoc::auth_open;
	a[assoc::type_at] = n.start ? assoc::type_ibss_start : assoc::type_associate;
	a[assoc::preamble_at] = assoc::preamble_long;
	a[assoc::mode_at] = mode;
	__builtin_memcpy(a + assoc::bssid_at, n.bssid, 6);
	put_le32(a + assoc::tsf_msw_at, static_cast<u32>(tsf >> 32));
	put_le32(a + assoc::tsf_lsw_at, static_cast<u32>(tsf));
	put_le16(a + assoc::capability_at, static_cast<u16>(n.capability & ~cap_short_slot));
	put_le16(a + assoc::listen_at, 10);
	put_le16(a + assoc::beacon_at, n.beacon_interval);
	__builtin_memset(a + assoc::dest_at, 0xff, 6);

	{
		auto s = ibss_.lock(ctx);
		if (!s->live)
			return kcxx::Err(kcxx::err::netdown);
		if (s->phase != IbssPhase::idle)
			return kcxx::Err(kcxx::err::already);
		/* The last cell's end not heard yet: give the firmware a moment. */
		while (s->fw_linked)
			if (ibss_idle_.wait(ctx, s, kcxx::Timeout::ms(ibss_leave_wait_ms)) ==
			    kcxx::WaitResult::timed_out)
				break;
		if (s->phase != IbssPhase::idle)
			return kcxx::Err(kcxx::err::already);
		bool live = s->live;
		*s = n;
		s->live = live;
		s->phase = IbssPhase::joining;
		s->want = true;
	}
	trans_.dev().info("%s IBSS %pM (%.*s) on channel %u, %s mode\n", n.start ? "starting" : "joining", n.bssid,
			  n.ssid_len, n.ssid, n.channel,
			  mode == assoc::mode_a	  ? "A"
			  : mode == assoc::mode_g ? "G"
						  : "B");
	kcxx::Status st = ibss_send(ctx, n);
	if (!st) {
		auto s = ibss_.lock(ctx);
		s->want = false;
		trans_.dev().notice("join_ibss: commands failed: %d\n", st.error());
		return st;
	}
	(n.start ? stats.ibss_starts : stats.ibss_joins).add(1);
	return kcxx::Status::ok();
}

/*
 * The commands of a join (phase joining, set by the caller): SSID,
 * SUPPORTED_RATES, SYSTEM_CONFIG, ASSOCIATE.  If they fail, the phase is
 * idle again; if a leave came meanwhile, ASSOCIATE is not sent.
 */
kcxx::Status Wireless::ibss_send(kcxx::Sleepable &ctx, const IbssState &n)
{
	u8 mode = n.assoc_cmd[assoc::mode_at];
	u8 rates[rates_cmd::size] = {};
	rates[0] = mode;
	rates[1] = n.n_rates;
	rates[2] = rates_cmd::purpose_connect;
	__builtin_memcpy(rates + 4, n.rates, n.n_rates);
	u8 sys[sys_cfg::size];
	{
		auto c = conn_.lock(ctx);
		__builtin_memcpy(sys, c->sys_config, sizeof(sys));
	}
	sys[sys_cfg::dot11g_auto_detection_at] = mode == assoc::mode_g;
	sys[sys_cfg::answer_broadcast_probe_at] = 1;

	kcxx::Status st = trans_.send_command(ctx, cmd::ssid, n.ssid, n.ssid_len);
	if (st)
		st = trans_.send_command(ctx, cmd::supported_rates, rates, sizeof(rates));
	if (st)
		st = trans_.send_command(ctx, cmd::system_config, sys, sizeof(sys));
	if (st) {
		/* The firmware may answer before the command returns: it is in the cell from here on. */
		auto s = ibss_.lock(ctx);
		if (s->phase != IbssPhase::joining)
			return kcxx::Status::ok(); /* left meanwhile */
		s->fw_linked = true;
	}
	if (st)
		st = trans_.send_command(ctx, cmd::associate, n.assoc_cmd, assoc::size);
	if (!st) {
		auto s = ibss_.lock(ctx);
		if (s->phase == IbssPhase::joining) {
			s->phase = IbssPhase::idle;
			s->fw_linked = false;
			ibss_idle_.notify_all();
		}
	}
	return st;
}

/*
 * After a firmware reload (or rf-kill) in a cell cfg80211 still counts us
 * in: the same join again (the cell may be gone: then the firmware says
 * state 0 and the link stays down).
 */
void Wireless::ibss_rejoin_work(kcxx::Sleepable &ctx)
{
	IbssState n;
	{
		auto s = ibss_.lock(ctx);
		if (!s->live || !s->want || s->phase != IbssPhase::idle || s->fw_linked ||
		    iftype_.read() != kcxx::iftype::adhoc)
			return;
		n = *s;
		s->phase = IbssPhase::joining;
	}
	trans_.dev().info("rejoining IBSS %pM\n", n.bssid);
	auto st = ibss_send(ctx, n);
	if (!st)
		trans_.dev().notice("rejoining IBSS %pM failed: %d\n", n.bssid, st.error());
}

/* leave_ibss() - the firmware leaves the cell (ASSOCIATE type 2); its "state 0" is awaited briefly. */
kcxx::Status Wireless::leave_ibss(kcxx::Sleepable &ctx)
{
	u8 cmd[assoc::size];
	{
		auto s = ibss_.lock(ctx);
		if (s->phase == IbssPhase::joined) {
			link_down(ctx);
			trans_.dev().info("left IBSS %pM\n", s->bssid);
		}
		s->phase = IbssPhase::idle;
		s->want = false;
		if (!s->fw_linked)
			return kcxx::Status::ok();
		__builtin_memcpy(cmd, s->assoc_cmd, sizeof(cmd));
	}
	cmd[assoc::type_at] = assoc::type_disassociate;
	auto st = trans_.send_command(ctx, cmd::associate, cmd, sizeof(cmd));
	auto s = ibss_.lock(ctx);
	if (!st) {
		/* The firmware is not there to answer (down, killed): it is in no cell. */
		s->fw_linked = false;
		ibss_idle_.notify_all();
		return kcxx::Status::ok();
	}
	while (s->fw_linked)
		if (ibss_idle_.wait(ctx, s, kcxx::Timeout::ms(ibss_leave_wait_ms)) == kcxx::WaitResult::timed_out) {
			trans_.dev().dbg("the firmware did not leave the cell within %u ms\n", ibss_leave_wait_ms);
			break;
		}
	return kcxx::Status::ok();
}

/* ---- reports (ibss_ held) ------------------------------------------------ */

/* The cell into cfg80211's table (it WARNs at ibss_joined otherwise), the report, the data path. */
void Wireless::ibss_report_joined(kcxx::Sleepable &ctx, IbssState &s)
{
	s.phase = IbssPhase::joined;
	u8 ies[2 + 32 + 2 + 8 + 3 + 4 + 2 + 12];
	size_t n = 0;
	ies[n++] = 0; /* SSID */
	ies[n++] = s.ssid_len;
	__builtin_memcpy(ies + n, s.ssid, s.ssid_len);
	n += s.ssid_len;
	u8 n_sup = s.n_rates > 8 ? 8 : s.n_rates;
	ies[n++] = 1; /* Supported Rates */
	ies[n++] = n_sup;
	__builtin_memcpy(ies + n, s.rates, n_sup);
	n += n_sup;
	if (s.band == static_cast<int>(kcxx::Band::ghz2)) {
		ies[n++] = 3; /* DS Parameter Set */
		ies[n++] = 1;
		ies[n++] = s.channel;
	}
	ies[n++] = 6; /* IBSS Parameter Set: ATIM window 0 */
	ies[n++] = 2;
	ies[n++] = 0;
	ies[n++] = 0;
	if (s.n_rates > n_sup) {
		ies[n++] = 50; /* Extended Supported Rates */
		ies[n++] = static_cast<u8>(s.n_rates - n_sup);
		__builtin_memcpy(ies + n, s.rates + n_sup, s.n_rates - n_sup);
		n += s.n_rates - n_sup;
	}
	kcxx::BssInfo b{};
	__builtin_memcpy(b.bssid, s.bssid, 6);
	b.channel = s.channel;
	b.freq = s.freq;
	b.band = s.band;
	b.capability = static_cast<u16>((s.capability | cap_ibss) & ~0x0001);
	b.beacon_interval = s.beacon_interval;
	b.signal_mbm = 0;
	auto bss = wiphy_.inform_bss(kcxx::Gfp::kernel(ctx), b, ies, n);
	keys_clear(ctx);
	{
		auto l = link_.lock(ctx);
		l->up = true;
		l->ibss = true;
		l->epoch++;
		__builtin_memcpy(l->bssid, s.bssid, 6);
		__builtin_memcpy(l->mac, trans_.eeprom().mac, 6);
		l->freq = s.freq;
		l->ieee_mode = s.assoc_cmd[assoc::mode_at];
		l->short_preamble = false;
		l->rsn = false;
		l->has_signal = false;
		l->rx_rate_code = 0;
		l->since = kcxx::jiffies_now();
		l->last_rx = l->since;
		l->rx_packets = l->rx_bytes = l->tx_packets = l->tx_bytes = 0;
		l->tx_failed = l->rx_dropped = 0;
	}
	kcxx::with_atomic([&](kcxx::AtomicContext &a) { ibss_clear_stations(a); });
	if (bss)
		wiphy_.ibss_joined(netdev_, s.bssid, s.freq, kcxx::Gfp::kernel(ctx));
	else
		trans_.dev().warn("in IBSS %pM, but cfg80211 does not take its BSS: %d\n", s.bssid, bss.error());
	netdev_.carrier(true);
	netdev_.wake_queues();
	trans_.dev().info("in IBSS %pM\n", s.bssid);
}

/* STATUS_ASSOCIATED in the IBSS firmware (bottom half): 12 in the cell, 0 out of it. */
void Wireless::ibss_status_associated(kcxx::Sleepable &ctx, const u8 *payload, size_t len)
{
	if (len < 1) {
		trans_.dev().warn("STATUS_ASSOCIATED without a state\n");
		return;
	}
	u8 state = payload[0];
	auto s = ibss_.lock(ctx);
	if (!s->live)
		return;
	if (state == cmas::associated) {
		if (s->phase == IbssPhase::joining && s->fw_linked)
			ibss_report_joined(ctx, *s);
		else
			trans_.dev().dbg("in a cell, but no join waits for it\n");
		return;
	}
	if (state != cmas::init)
		return;
	bool was_linked = s->fw_linked;
	s->fw_linked = false;
	ibss_idle_.notify_all();
	if (!was_linked || s->phase == IbssPhase::idle)
		return;
	if (s->phase == IbssPhase::joined)
		link_down(ctx);
	trans_.dev().notice("the firmware left IBSS %pM\n", s->bssid);
	s->phase = IbssPhase::idle;
}

/* The firmware went down, restarted, or the radio was killed: it is in no cell. */
void Wireless::ibss_lost(kcxx::Sleepable &ctx)
{
	auto s = ibss_.lock(ctx);
	s->fw_linked = false;
	ibss_idle_.notify_all();
	if (s->phase == IbssPhase::joined)
		link_down(ctx);
	s->phase = IbssPhase::idle;
}

/* ---- the station table --------------------------------------------------- */

int Wireless::ibss_station(kcxx::AtomicContext &ctx, const u8 *mac)
{
	auto t = stations_.lock(ctx);
	for (unsigned int i = 0; i < t->n; i++)
		if (__builtin_memcmp(t->mac[i], mac, 6) == 0)
			return static_cast<int>(i);
	if (t->n >= regs::max_stations) {
		stats.ibss_stations_full.add(1);
		return -1;
	}
	unsigned int i = t->n++;
	__builtin_memcpy(t->mac[i], mac, 6);
	trans_.write_station(i, mac);
	return static_cast<int>(i);
}

void Wireless::ibss_clear_stations(kcxx::AtomicContext &ctx)
{
	auto t = stations_.lock(ctx);
	for (unsigned int i = 0; i < t->n; i++)
		trans_.write_station(i, nullptr);
	t->n = 0;
}

} // namespace ipw
