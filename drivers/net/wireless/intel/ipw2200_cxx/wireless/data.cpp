// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/data.cpp: the data path and the station the AP is to cfg80211.
 *
 * Transmit (ndo_start_xmit, bottom halves off): an Ethernet frame becomes
 * an 802.11 data frame to the AP (ToDS; address 1 the BSSID, 2 the
 * source, 3 the destination) whose header is copied into the TFD and
 * whose body (RFC 1042 / bridge-tunnel SNAP header, then the payload) is
 * copied into one of the adapter's coherent transmit buffers, chunk 0 of
 * the TFD.  The firmware numbers the frames, picks the rate and
 * fragments.  Once there is a key (the pairwise key, or the static WEP
 * transmit key) the frame is protected, decided when it reaches the
 * driver (keys.cpp says why): by the host (NO_WEP in the TFD; the
 * security header before the body, MIC and ICV after it, the Protected
 * bit in the header) or, with hwcrypto, by the firmware (plaintext, the
 * Protected bit, the TFD's cipher and key index).  On a protected
 * association without a key only EAPOL frames go out.  The
 * transport's flow control (tx_flow) stops and wakes the
 * queue at its ring marks; tx_done gives the buffer back.
 *
 * Receive (the bottom half): data frames from the AP (FromDS) for us or
 * for a group, not our own echoed back, no duplicate (Retry bit and the
 * same sequence control as the last one), reassembled from fragments,
 * become Ethernet frames for netif_rx().  EAPOL frames take the same way
 * (wpa_supplicant reads them from its packet socket).  Protected frames
 * are decrypted first (keys.cpp: key, replay check, MIC or ICV; TKIP's
 * Michael once the MSDU is whole) and dropped and counted when that
 * fails; on a protected association unprotected frames other than EAPOL
 * are dropped.
 */
#include <kcxx/errno.h>

#include "../fw_api.h"
#include "wireless.h"

namespace ipw {

namespace {

constexpr u8 data_rfc1042[6] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00};
constexpr u8 data_bridge_tunnel[6] = {0xaa, 0xaa, 0x03, 0x00, 0x00, 0xf8};
/* The 802.1X (EAPOL) ethertype: the controlled port's traffic. */
constexpr u16 data_eapol = 0x888e;
/* The largest MSDU 802.11 carries. */
constexpr size_t data_max_msdu = 2304;

/* 802.11 frame control, second byte. */
constexpr u8 fc1_to_ds = 0x01;
constexpr u8 fc1_from_ds = 0x02;
constexpr u8 fc1_more_frags = 0x04;
constexpr u8 fc1_retry = 0x08;
constexpr u8 fc1_protected = 0x40;

bool data_is_group(const u8 *a)
{
	return a[0] & 0x01;
}

bool data_same_addr(const u8 *a, const u8 *b)
{
	return __builtin_memcmp(a, b, 6) == 0;
}

/* PLCP rate code of the receive header / TX_CURR_RATE (16.3) in 100 kb/s; 0 unknown. */
unsigned int data_plcp_rate(u8 code)
{
	switch (code) {
	case 0x0a:
		return 10;
	case 0x14:
		return 20;
	case 0x37:
		return 55;
	case 0x6e:
		return 110;
	case 0x0d:
		return 60;
	case 0x0f:
		return 90;
	case 0x05:
		return 120;
	case 0x07:
		return 180;
	case 0x09:
		return 240;
	case 0x0b:
		return 360;
	case 0x01:
		return 480;
	case 0x03:
		return 540;
	default:
		return 0;
	}
}

} // namespace

/* ---- transmit ------------------------------------------------------------ */

void Wireless::ndo_start_xmit(kcxx::AtomicContext &ctx, kcxx::SkBuff skb)
{
	auto drop = [this] {
		stats.tx_dropped.add(1);
		netdev_.count_tx_dropped();
	};
	size_t len = skb.len();
	u8 eth[14];
	if (len < sizeof(eth) || !skb.copy(0, eth, sizeof(eth)) || !tx_mem_)
		return drop();
	u8 bssid[6];
	bool short_preamble, cck, rsn, ibss;
	{
		auto l = link_.lock(ctx);
		if (!l->up)
			return drop();
		__builtin_memcpy(bssid, l->bssid, 6);
		short_preamble = l->short_preamble;
		cck = l->ieee_mode == assoc::mode_b;
		rsn = l->rsn;
		ibss = l->ibss;
	}
	/* In an IBSS the TFD names the destination by its station-table index (ibss.cpp). */
	int station = ibss ? ibss_station(ctx, eth) : 0;
	if (station < 0)
		return drop();
	u16 type = static_cast<u16>(eth[12] << 8 | eth[13]);
	/* Protected once there is a key: decided now, for this frame (EAPOL 4/4 before the pairwise key). */
	TxSec sec = tx_security(ctx);
	bool protect = sec.cipher != 0;
	if (!protect && rsn && type != data_eapol) {
		stats.tx_port_closed.add(1);
		return drop();
	}
	size_t payload = len - sizeof(eth);
	/* Ethernet II frames get a SNAP header; 802.3 frames already carry their LLC header. */
	size_t snap = type >= 0x0600 ? 8 : 0;
	size_t body = snap + payload;
	/* Host crypto: room for the security header before the body and the MIC/ICV after it. */
	size_t sec_head = sec.head, sec_tail = sec.tail;
	if (body > data_max_msdu || sec_head + body + sec_tail > tx_buf_size)
		return drop();

	int slot = -1;
	{
		auto p = tx_pool_.lock(ctx);
		if (p->n_free)
			slot = p->free[--p->n_free];
	}
	if (slot < 0) {
		/* Cannot happen while the ring's marks stop the queue in time. */
		netdev_.stop_queues();
		return drop();
	}
	TxBuf *buf = tx_mem_->at(static_cast<size_t>(slot));
	u8 *msdu = buf->bytes + sec_head;
	if (snap) {
		/* AppleTalk AARP and IPX go in bridge-tunnel encapsulation (802.1H). */
		bool tunnel = type == 0x80f3 || type == 0x8137;
		__builtin_memcpy(msdu, tunnel ? data_bridge_tunnel : data_rfc1042, 6);
		msdu[6] = eth[12];
		msdu[7] = eth[13];
	}
	auto give_back = [&] {
		auto p = tx_pool_.lock(ctx);
		p->free[p->n_free++] = static_cast<u8>(slot);
	};
	if (!skb.copy(sizeof(eth), msdu + snap, payload)) {
		give_back();
		return drop();
	}

	Tfd t;
	__builtin_memset(t.bytes, 0, sizeof(t.bytes));
	u8 *b = t.bytes;
	b[0] = tfd::tx_frame_type;
	b[tfd::control_at] = tfd::need_irq;
	b[tfd::station_at] = static_cast<u8>(station);
	b[tfd::cmd_id_at] = tfd::dino_cmd_tx;
	/* The firmware encrypts only with hwcrypto (keys.cpp); CCMP in hardware always asks for an ACK. */
	u8 flags = sec.hw ? 0 : tfd::flag_no_wep;
	if (!data_is_group(eth) || (sec.hw && sec.flags_ext))
		flags |= tfd::flag_ack;
	if (short_preamble)
		flags |= tfd::flag_short_preamble;
	b[tfd::flags_at] = flags;
	b[tfd::flags_ext_at] = static_cast<u8>((cck ? tfd::ext_mode_cck : 0) | sec.flags_ext);
	b[tfd::key_index_at] = sec.key_index;
	u8 *h = b + tfd::header_at;
	h[0] = 0x08; /* data */
	if (ibss) {
		/* No DS bits: address 1 the destination, 2 the source, 3 the cell. */
		h[1] = protect ? fc1_protected : 0;
		__builtin_memcpy(h + 4, eth, 6);
		__builtin_memcpy(h + 10, eth + 6, 6);
		__builtin_memcpy(h + 16, bssid, 6);
	} else {
		h[1] = protect ? fc1_to_ds | fc1_protected : fc1_to_ds;
		__builtin_memcpy(h + 4, bssid, 6);
		__builtin_memcpy(h + 10, eth + 6, 6);
		__builtin_memcpy(h + 16, eth, 6);
	}
	if (protect && !sec.hw) {
		/* Encrypted in place in the transmit buffer. */
		auto st = tx_protect(ctx, sec, h, eth, eth + 6, buf->bytes, body);
		if (!st) {
			give_back();
			return drop();
		}
		body += sec_head + sec_tail;
		stats.tx_encrypted.add(1);
	} else if (protect) {
		stats.tx_hw_protected.add(1);
	}
	put_le16(b + tfd::len_at, static_cast<u16>(body));
	put_le32(b + tfd::n_chunks_at, 1);
	put_le32(b + tfd::chunk_ptr_at, static_cast<u32>(tx_mem_->bus_addr_of(static_cast<size_t>(slot))));
	put_le16(b + tfd::chunk_len_at, static_cast<u16>(body));

	/* The cookie is the buffer's index + 1 (never null). */
	void *cookie = reinterpret_cast<void *>(static_cast<unsigned long>(slot) + 1);
	auto st = trans_.tx_submit(0, t, cookie);
	if (!st) {
		give_back();
		return drop();
	}
	stats.tx_data.add(1);
	led_activity();
	netdev_.count(kcxx::NetDevice::Stat::tx_packets);
	netdev_.count(kcxx::NetDevice::Stat::tx_bytes, len);
	auto l = link_.lock(ctx);
	l->tx_packets++;
	l->tx_bytes += len;
}

void Wireless::tx_done(void *cookie, bool sent)
{
	unsigned long idx = reinterpret_cast<unsigned long>(cookie);
	if (idx == 0 || idx > tx_bufs) {
		trans_.dev().warn("transmit done for an unknown buffer %lu\n", idx);
		return;
	}
	kcxx::with_atomic([&](kcxx::AtomicContext &a) {
		{
			auto p = tx_pool_.lock(a);
			if (p->n_free < tx_bufs)
				p->free[p->n_free++] = static_cast<u8>(idx - 1);
		}
		if (!sent) {
			auto l = link_.lock(a);
			l->tx_failed++;
		}
	});
	if (!sent)
		netdev_.count(kcxx::NetDevice::Stat::tx_errors);
}

/* Only ring 0 carries data (no QoS). */
void Wireless::tx_flow(unsigned int q, bool stop)
{
	if (q != 0)
		return;
	if (stop) {
		netdev_.stop_queues();
		return;
	}
	bool up = kcxx::with_atomic([this](kcxx::AtomicContext &a) {
		auto l = link_.lock(a);
		return l->up;
	});
	if (up)
		netdev_.wake_queues();
}

/* ---- receive ------------------------------------------------------------- */

/* A beacon of our AP: its signal is the link's. */
void Wireless::rx_beacon_signal(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame)
{
	auto l = link_.lock(ctx);
	if (l->up && data_same_addr(frame + 16, l->bssid)) {
		l->has_signal = true;
		l->signal_dbm = static_cast<int>(info.rssi_dbm_raw) - 112;
	}
}

/* An MSDU body (LLC header first) from @sa to @da, as an Ethernet frame. */
void Wireless::deliver(const u8 *da, const u8 *sa, const u8 *body, size_t len)
{
	u8 eth[14];
	__builtin_memcpy(eth, da, 6);
	__builtin_memcpy(eth + 6, sa, 6);
	const u8 *payload = body;
	size_t plen = len;
	if (len >= 8 &&
	    (__builtin_memcmp(body, data_rfc1042, 6) == 0 || __builtin_memcmp(body, data_bridge_tunnel, 6) == 0)) {
		u16 type = static_cast<u16>(body[6] << 8 | body[7]);
		bool tunnel = body[5] == 0xf8;
		/* RFC 1042 never carries AARP or IPX: those frames keep their SNAP header. */
		if (tunnel || (type != 0x80f3 && type != 0x8137)) {
			eth[12] = body[6];
			eth[13] = body[7];
			payload = body + 8;
			plen = len - 8;
		}
	}
	if (payload == body) {
		/* An 802.3 frame: the length field. */
		eth[12] = static_cast<u8>(len >> 8);
		eth[13] = static_cast<u8>(len);
	}
	auto st = netdev_.rx(eth, payload, plen);
	if (!st)
		stats.rx_bad.add(1);
}

void Wireless::rx_data(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *f, size_t len)
{
	u8 fc0 = f[0], fc1 = f[1];
	u8 subtype = fc0 >> 4;
	/* Null data and CF frames carry nothing. */
	if (subtype & 0x04)
		return;
	size_t hdr = (subtype & 0x08) ? 26 : 24; /* QoS data: QoS control */
	if (len < hdr) {
		stats.rx_filtered.add(1);
		return;
	}
	u8 ds = fc1 & (fc1_to_ds | fc1_from_ds);
	const u8 *a1 = f + 4, *a2 = f + 10, *a3 = f + 16;
	const u8 *sa = a3;
	u32 epoch;
	bool rsn, ibss;
	{
		auto l = link_.lock(ctx);
		ibss = l->ibss;
		bool ours;
		if (ibss) {
			/* IBSS (ibss.cpp): no DS bits, not from us; a group frame of our cell, or to us. */
			ours = l->up && ds == 0 && !data_same_addr(a2, l->mac) &&
			       (data_is_group(a1) ? data_same_addr(a3, l->bssid) : data_same_addr(a1, l->mac));
			sa = a2;
		} else {
			ours = l->up && ds == fc1_from_ds && data_same_addr(a2, l->bssid) &&
			       (data_is_group(a1) ? !data_same_addr(a3, l->mac) : data_same_addr(a1, l->mac));
		}
		if (!ours) {
			stats.rx_filtered.add(1);
			return;
		}
		rsn = l->rsn;
		epoch = l->epoch;
		l->has_signal = true;
		l->signal_dbm = static_cast<int>(info.rssi_dbm_raw) - 112;
		l->rx_rate_code = info.rate;
		l->last_rx = kcxx::jiffies_now();
		l->rx_packets++;
		l->rx_bytes += len - hdr;
	}
	if (ibss)
		kcxx::with_atomic([&](kcxx::AtomicContext &a) { (void)ibss_station(a, a2); });
	u16 sc = static_cast<u16>(f[22] | f[23] << 8);
	u8 frag = sc & 0x0f;
	bool more = fc1 & fc1_more_frags;
	bool group = data_is_group(a1);
	const u8 *body = f + hdr;
	size_t blen = len - hdr;

	auto rx = rx_state_.lock(ctx);
	if (rx->epoch != epoch) {
		rx->epoch = epoch;
		rx->last_seq[0] = rx->last_seq[1] = 0xffff;
		rx->defrag_live = false;
	}
	u16 &last = rx->last_seq[group ? 1 : 0];
	if ((fc1 & fc1_retry) && sc == last) {
		stats.rx_dups.add(1);
		return;
	}
	last = sc;
	auto dropped = [&](kcxx::Atomic<long> &counter) KCXX_REQUIRES(ctx) {
		counter.add(1);
		netdev_.count(kcxx::NetDevice::Stat::rx_dropped);
		auto l = link_.lock(ctx);
		l->rx_dropped++;
	};
	RxSec sec;
	if (fc1 & fc1_protected) {
		auto plain = rx_decrypt(ctx, f, len, hdr, group, rx->plain, sec);
		if (!plain)
			return dropped(stats.rx_protected);
		body = rx->plain;
		blen = plain.value();
	} else if (rsn && !(frag == 0 && blen >= 8 && __builtin_memcmp(body, data_rfc1042, 6) == 0 &&
			    static_cast<u16>(body[6] << 8 | body[7]) == data_eapol)) {
		/* An RSN association: unprotected, only EAPOL passes. */
		return dropped(stats.rx_unprotected);
	}
	/* TKIP: Michael over the whole MSDU (the MIC its last 8 bytes), with the key of its last fragment. */
	u8 prio = (subtype & 0x08) ? f[24] & 0x0f : 0;
	auto mic_ok = [&](const u8 *msdu, size_t &mlen) KCXX_REQUIRES(ctx) {
		if (!sec.tkip)
			return true;
		auto r = rx_tkip_mic(ctx, sec, a1, sa, a2, prio, msdu, mlen);
		if (!r) {
			dropped(stats.rx_protected);
			return false;
		}
		mlen = r.value();
		return true;
	};
	if (!more && frag == 0) {
		rx->defrag_live = false;
		if (!mic_ok(body, blen))
			return;
		stats.rx_data.add(1);
		led_activity();
		deliver(a1, sa, body, blen);
		return;
	}
	/* A fragment: the first starts a reassembly, each next one must follow in order. */
	if (frag == 0) {
		rx->defrag_live = true;
		rx->defrag_seq = sc >> 4;
		rx->defrag_next = 0;
		rx->defrag_len = 0;
	}
	if (!rx->defrag_live || rx->defrag_seq != (sc >> 4) || rx->defrag_next != frag ||
	    blen > sizeof(rx->defrag) - rx->defrag_len) {
		rx->defrag_live = false;
		stats.rx_bad.add(1);
		netdev_.count(kcxx::NetDevice::Stat::rx_errors);
		return;
	}
	__builtin_memcpy(rx->defrag + rx->defrag_len, body, blen);
	rx->defrag_len += blen;
	rx->defrag_next++;
	if (more)
		return;
	rx->defrag_live = false;
	size_t mlen = rx->defrag_len;
	if (!mic_ok(rx->defrag, mlen))
		return;
	stats.rx_defrag.add(1);
	stats.rx_data.add(1);
	led_activity();
	deliver(a1, sa, rx->defrag, mlen);
}

/* ---- the AP as a station ------------------------------------------------- */

void Wireless::fill_station(kcxx::Sleepable &ctx, kcxx::StationInfo &out)
{
	u8 rate_code = 0;
	unsigned long now = kcxx::jiffies_now();
	{
		auto l = link_.lock(ctx);
		out.has_signal = l->has_signal;
		out.signal = l->signal_dbm;
		out.rx_packets = l->rx_packets;
		out.tx_packets = l->tx_packets;
		out.rx_bytes = l->rx_bytes;
		out.tx_bytes = l->tx_bytes;
		out.tx_failed = l->tx_failed;
		out.rx_dropped = l->rx_dropped;
		out.rx_rate = data_plcp_rate(l->rx_rate_code);
		out.connected_s = kcxx::Timeout::jiffies(static_cast<long>(now - l->since)).to_ms() / 1000;
		out.inactive_ms = kcxx::Timeout::jiffies(static_cast<long>(now - l->last_rx)).to_ms();
	}
	/* The firmware's rate control: its current transmit rate. */
	u32 code = 0;
	if (trans_.ordinal(ctx, ord::tx_curr_rate, &code, sizeof(code)))
		rate_code = static_cast<u8>(code);
	out.tx_rate = data_plcp_rate(rate_code);
}

kcxx::Status Wireless::get_station(kcxx::Sleepable &ctx, const u8 *mac, kcxx::StationInfo &out)
{
	{
		auto l = link_.lock(ctx);
		if (!l->up || !mac || !data_same_addr(mac, l->bssid))
			return kcxx::Err(kcxx::err::noent);
	}
	fill_station(ctx, out);
	return kcxx::Status::ok();
}

kcxx::Status Wireless::dump_station(kcxx::Sleepable &ctx, int idx, u8 *mac, kcxx::StationInfo &out)
{
	{
		auto l = link_.lock(ctx);
		if (idx != 0 || !l->up)
			return kcxx::Err(kcxx::err::noent);
		__builtin_memcpy(mac, l->bssid, 6);
	}
	fill_station(ctx, out);
	return kcxx::Status::ok();
}

} // namespace ipw
