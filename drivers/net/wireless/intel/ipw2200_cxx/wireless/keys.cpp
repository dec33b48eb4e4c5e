// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/keys.cpp: the keys cfg80211 installs (add_key, del_key,
 * set_default_key) and the security of each data frame: WEP-40,
 * WEP-104, TKIP and CCMP.
 *
 * By default the host does the cryptography (the legacy driver's
 * default): frames leave with NO_WEP in the TFD, already protected, and
 * arrive still protected.  WEP is RC4 over the data and its CRC-32 ICV
 * (kcxx::Wep); TKIP is the per-packet key mixing, Michael over the MSDU
 * and RC4 (kcxx::tkip, kcxx::Michael); CCMP is AES-CCM (kcxx::Ccmp).
 * With the hwcrypto module parameter the firmware does WEP and CCMP
 * itself (hardware reference 14.8, 14.9, 15.2, 16.3): WEP keys and CCMP
 * group keys go to it with WEP_KEY, the CCMP pairwise key with
 * TGI_TX_KEY; frames leave as plaintext with the Protected bit and the
 * TFD's cipher and key index, and arrive decrypted with their IV and
 * ICV (WEP) or CCMP header and MIC (CCMP) still in place.  TKIP stays
 * on the host either way (the firmware's TKIP is not used).
 *
 * Static WEP (iw connect ... key, wpa_supplicant with wep_key): cfg80211
 * gives the keys with the connect request and installs them with add_key
 * once the association is reported (group keys, any index 0..3;
 * set_default_key names the transmit key).  Shared-key authentication is
 * the firmware's: connect() hands it the default key first (WEP_KEY)
 * whatever hwcrypto says (connect.cpp).
 *
 * WPA/WPA2: the supplicant runs the 4-way handshake over wlan0 (EAPOL
 * frames, ethertype 0x888e, through the packet socket) and installs the
 * pairwise key right after it has sent message 4/4.  Transmit decides
 * whether to protect a frame when the frame reaches the driver
 * (ndo_start_xmit), so 4/4 leaves unprotected, as the AP expects, and
 * every frame after the key is installed leaves protected.  Until there
 * is a key only EAPOL frames pass on a protected association, in both
 * directions (the controlled port is closed).
 *
 * Receive checks the packet number (CCMP) or sequence counter (TKIP) of
 * every frame against the last one accepted for its key and TID; TKIP
 * checks Michael over the whole MSDU (after reassembly) and reports a
 * failure to cfg80211 (the supplicant runs the countermeasures).
 *
 * The keys are the association's: link_down() clears them all, and
 * report_connected() too (cfg80211 installs a static WEP key again
 * after each connect; the supplicant installs its keys after each
 * handshake).
 */
#include <kcxx/errno.h>

#include "../fw_api.h"
#include "wireless.h"

namespace ipw {

namespace {

/* The receive sequence counter of add_key (little-endian, at most 6 bytes). */
u64 keys_rsc(const kcxx::KeyParams &k)
{
	u64 rsc = 0;
	for (size_t i = 0; k.seq && i < k.seq_len && i < 6; i++)
		rsc |= static_cast<u64>(k.seq[i]) << (8 * i);
	return rsc;
}

bool keys_is_wep(u32 cipher)
{
	return cipher == kcxx::cipher::wep40 || cipher == kcxx::cipher::wep104;
}

size_t keys_len(u32 cipher)
{
	switch (cipher) {
	case kcxx::cipher::wep40:
		return 5;
	case kcxx::cipher::wep104:
		return 13;
	case kcxx::cipher::tkip:
		return 32;
	case kcxx::cipher::ccmp:
		return kcxx::Ccmp::key_len;
	default:
		return 0;
	}
}

/* TKIP keys: the temporal key, then the MIC key of our frames, then the MIC key of the AP's. */
constexpr size_t tkip_tx_mic_at = 16;
constexpr size_t tkip_rx_mic_at = 24;

/* TFD key_index and tx_flags_ext with hardware crypto (15.2). */
constexpr u8 tfd_key_wep40 = 0x40;
constexpr u8 tfd_key_wep104 = 0x80;
constexpr u8 tfd_key_immediate = 0x20;
constexpr u8 tfd_ext_ccm = 0x08;
} // namespace

void Wireless::set_hwcrypto(bool on)
{
	hwcrypto_ = on;
}

/* WEP_KEY (14.8) for key @index: type (WEP 0x00, CCM 0x20) and material; @len 0 clears it. */
kcxx::Status Wireless::send_fw_key(kcxx::Sleepable &ctx, u8 index, u8 type, const u8 *key, size_t len)
{
	u8 cmd[wep_key_cmd::size] = {};
	cmd[0] = wep_key_cmd::dino_cmd_wep_key;
	cmd[2] = static_cast<u8>((index & 3) | type);
	cmd[3] = static_cast<u8>(len);
	if (len)
		__builtin_memcpy(cmd + 4, key, len);
	auto st = trans_.send_command(ctx, cmd::wep_key, cmd, sizeof(cmd));
	__builtin_memset(cmd, 0, sizeof(cmd));
	return st;
}

kcxx::Status Wireless::add_key(kcxx::Sleepable &ctx, const kcxx::KeyParams &k)
{
	size_t want = keys_len(k.cipher);
	if (!want) {
		trans_.dev().notice("add_key: cipher %08x is not supported\n", k.cipher);
		return kcxx::Err(kcxx::err::opnotsupp);
	}
	bool wep = keys_is_wep(k.cipher);
	/* No extended key IDs: the pairwise key is key 0, group keys 1..3; static WEP keys are 0..3. */
	if (k.key_len != want || k.index > 3 || (!wep && k.pairwise != (k.index == 0)) || (k.pairwise && k.index))
		return kcxx::Err(kcxx::err::inval);
	{
		auto l = link_.lock(ctx);
		if (!l->up)
			return kcxx::Err(kcxx::err::nolink);
		if (k.pairwise && (!k.mac || __builtin_memcmp(k.mac, l->bssid, 6) != 0))
			return kcxx::Err(kcxx::err::inval);
	}
	/* The firmware does WEP and CCMP with hwcrypto; TKIP is always the host's. */
	bool hw = hwcrypto_ && k.cipher != kcxx::cipher::tkip;
	kcxx::Box<kcxx::Ccmp> c;
	if (k.cipher == kcxx::cipher::ccmp && !hw) {
		c.reset(new (kcxx::Gfp::kernel(ctx)) kcxx::Ccmp);
		if (!c)
			return kcxx::Err(kcxx::err::nomem);
		auto st = c->init(ctx, k.key, k.key_len);
		if (!st) {
			trans_.dev().warn("add_key: no CCMP cipher: %d\n", st.error());
			return st;
		}
	}
	kcxx::Box<kcxx::Arc4> rc4;
	if (!hw && k.cipher != kcxx::cipher::ccmp) {
		bool have;
		{
			auto t = keys_.lock(ctx);
			have = static_cast<bool>(t->arc4);
		}
		if (!have) {
			rc4.reset(new (kcxx::Gfp::kernel(ctx)) kcxx::Arc4);
			if (!rc4 || !rc4->init(ctx))
				return kcxx::Err(kcxx::err::nomem);
		}
	}
	if (hw) {
		kcxx::Status st = kcxx::Status::ok();
		if (wep) {
			st = send_fw_key(ctx, k.index, wep_key_cmd::type_wep, k.key, k.key_len);
		} else if (k.pairwise) {
			u8 cmd[tgi_key_cmd::size] = {};
			cmd[0] = k.index;
			cmd[1] = tgi_key_cmd::security_ccm;
			__builtin_memcpy(cmd + 4, k.key, k.key_len);
			st = trans_.send_command(ctx, cmd::tgi_tx_key, cmd, sizeof(cmd));
			__builtin_memset(cmd, 0, sizeof(cmd));
		} else {
			st = send_fw_key(ctx, k.index, wep_key_cmd::type_ccm, k.key, k.key_len);
		}
		if (!st) {
			trans_.dev().warn("add_key: the firmware refused key %u: %d\n", k.index, st.error());
			return st;
		}
	}
	u64 rsc = keys_rsc(k);
	KeyDrop d; /* destroyed after keys_ is dropped */
	{
		auto t = keys_.lock(ctx);
		Key &slot = k.pairwise ? t->pairwise : t->group[k.index];
		d.k[0].reset(slot.ccmp.release());
		slot.ccmp.reset(c.release());
		slot.cipher = k.cipher;
		slot.hw = hw;
		slot.len = static_cast<u8>(k.key_len);
		__builtin_memset(slot.material, 0, sizeof(slot.material));
		__builtin_memcpy(slot.material, k.key, k.key_len);
		slot.tx_pn = 0;
		for (u64 &pn : slot.rx_pn)
			pn = rsc;
		if (!t->arc4)
			t->arc4.reset(rc4.release());
		/* Static WEP: the first key is the transmit key until set_default_key says otherwise. */
		if (wep && !k.pairwise && !t->group[t->default_index].cipher)
			t->default_index = k.index;
	}
	trans_.dev().dbg("%s %s key %u installed%s\n",
			 k.cipher == kcxx::cipher::ccmp	  ? "CCMP"
			 : k.cipher == kcxx::cipher::tkip ? "TKIP"
							  : "WEP",
			 k.pairwise ? "pairwise" : "group", k.index, hw ? " (firmware)" : "");
	return kcxx::Status::ok();
}

kcxx::Status Wireless::del_key(kcxx::Sleepable &ctx, u8 index, bool pairwise, const u8 *)
{
	if (index > 3 || (pairwise && index != 0))
		return kcxx::Err(kcxx::err::noent);
	KeyDrop d;
	bool hw_wep = false;
	{
		auto t = keys_.lock(ctx);
		Key &slot = pairwise ? t->pairwise : t->group[index];
		if (!slot.cipher)
			return kcxx::Err(kcxx::err::noent);
		hw_wep = slot.hw && !pairwise;
		d.k[0].reset(slot.ccmp.release());
		slot.cipher = 0;
		slot.hw = false;
		__builtin_memset(slot.material, 0, sizeof(slot.material));
	}
	if (hw_wep)
		(void)send_fw_key(ctx, index, wep_key_cmd::type_wep, nullptr, 0);
	return kcxx::Status::ok();
}

/* The transmit key of static WEP; WPA and RSN send everything with the pairwise key. */
kcxx::Status Wireless::set_default_key(kcxx::Sleepable &ctx, u8 index, bool, bool)
{
	if (index > 3)
		return kcxx::Err(kcxx::err::inval);
	auto t = keys_.lock(ctx);
	t->default_index = index;
	return kcxx::Status::ok();
}

void Wireless::keys_clear(kcxx::Sleepable &ctx)
{
	KeyDrop d; /* destroyed after keys_ is dropped */
	auto t = keys_.lock(ctx);
	Key *all[5] = {&t->pairwise, &t->group[0], &t->group[1], &t->group[2], &t->group[3]};
	for (unsigned int i = 0; i < 5; i++) {
		d.k[i].reset(all[i]->ccmp.release());
		all[i]->cipher = 0;
		all[i]->hw = false;
		__builtin_memset(all[i]->material, 0, sizeof(all[i]->material));
	}
	t->default_index = 0;
}

/* ---- transmit ------------------------------------------------------------ */

/* The key transmit uses (under keys_): the pairwise key, else the static WEP transmit key. */
Wireless::Key *Wireless::tx_key(KeyTable &t)
{
	if (t.pairwise.cipher)
		return &t.pairwise;
	Key &g = t.group[t.default_index];
	return keys_is_wep(g.cipher) ? &g : nullptr;
}

Wireless::TxSec Wireless::tx_security(kcxx::AtomicContext &ctx)
{
	TxSec s;
	auto t = keys_.lock(ctx);
	Key *k = tx_key(*t);
	if (!k)
		return s;
	s.cipher = k->cipher;
	s.hw = k->hw;
	if (k->hw) {
		/* The firmware inserts IV and ICV (WEP) or the CCMP header and MIC. */
		if (keys_is_wep(k->cipher)) {
			s.key_index = static_cast<u8>(
				t->default_index | (k->cipher == kcxx::cipher::wep40 ? tfd_key_wep40 : tfd_key_wep104));
		} else {
			s.key_index = tfd_key_immediate;
			s.flags_ext = tfd_ext_ccm;
		}
		return s;
	}
	switch (k->cipher) {
	case kcxx::cipher::ccmp:
		s.head = kcxx::Ccmp::header_len;
		s.tail = kcxx::Ccmp::mic_len;
		break;
	case kcxx::cipher::tkip:
		s.head = kcxx::tkip::iv_len;
		s.tail = kcxx::Michael::mic_len + kcxx::Wep::icv_len;
		break;
	default:
		s.head = kcxx::Wep::iv_len;
		s.tail = kcxx::Wep::icv_len;
		break;
	}
	return s;
}

/*
 * Protect one MSDU on the host: @h the 24-byte header (Protected set),
 * @da/@sa its addresses (Michael), @buf the transmit buffer: @s.head bytes
 * of room, then @body bytes of MSDU, then @s.tail bytes of room.  The key
 * must still be the one tx_security() saw.
 */
kcxx::Status Wireless::tx_protect(kcxx::AtomicContext &ctx, const TxSec &s, const u8 *h, const u8 *da, const u8 *sa,
				  u8 *buf, size_t body)
{
	u8 *data = buf + s.head;
	auto t = keys_.lock(ctx);
	Key *k = tx_key(*t);
	if (!k || k->cipher != s.cipher || k->hw)
		return kcxx::Err(kcxx::err::nokey);
	switch (k->cipher) {
	case kcxx::cipher::ccmp:
		if (!k->ccmp || k->tx_pn >= kcxx::Ccmp::pn_max)
			return kcxx::Err(kcxx::err::nokey);
		return k->ccmp->encrypt(h, 24, ++k->tx_pn, 0, buf, data, data, body, data + body);
	case kcxx::cipher::tkip: {
		if (!t->arc4 || k->tx_pn >= kcxx::tkip::tsc_max)
			return kcxx::Err(kcxx::err::nokey);
		kcxx::Michael m(k->material + tkip_tx_mic_at);
		m.header(da, sa, 0);
		m.update(data, body);
		m.final(data + body);
		u64 tsc = ++k->tx_pn;
		u16 ttak[5];
		u8 seed[16];
		kcxx::tkip::phase1(k->material, h + 10, static_cast<u32>(tsc >> 16), ttak);
		kcxx::tkip::phase2(k->material, ttak, static_cast<u16>(tsc), seed);
		kcxx::tkip::write_iv(buf, tsc, 0);
		size_t n = body + kcxx::Michael::mic_len;
		u8 *icv = data + n;
		kcxx::Wep::icv(data, n, icv);
		auto st = t->arc4->crypt(seed, sizeof(seed), data, data, n);
		if (st)
			st = t->arc4->crypt_more(icv, kcxx::Wep::icv_len);
		__builtin_memset(seed, 0, sizeof(seed));
		return st;
	}
	default: {
		if (!t->arc4)
			return kcxx::Err(kcxx::err::nokey);
		u32 iv = t->wep_iv++ & 0xffffff;
		u8 key_id = k == &t->pairwise ? 0 : t->default_index;
		return kcxx::Wep::encrypt(*t->arc4, k->material, k->len, iv, key_id, buf, data, body, data + body);
	}
	}
}

/* ---- receive ------------------------------------------------------------- */

/*
 * A protected MPDU from the AP: @hdr bytes of MAC header, the security
 * header, the body, the trailer.  Unicast frames use the pairwise key (or,
 * with static WEP, the key their key id names), group frames the group
 * key their key id names.  The plaintext goes to @out; for TKIP it still
 * ends with the Michael MIC, which rx_tkip_mic() checks once the MSDU is
 * whole (@sec says with which key).
 */
kcxx::Result<size_t> Wireless::rx_decrypt(kcxx::Sleepable &ctx, const u8 *f, size_t len, size_t hdr, bool group,
					  u8 *out, RxSec &sec)
{
	sec = RxSec{};
	if (len < hdr + kcxx::Wep::iv_len + kcxx::Wep::icv_len) {
		stats.rx_bad.add(1);
		return kcxx::Err(kcxx::err::inval);
	}
	const u8 *iv = f + hdr;
	u8 key_id = kcxx::Wep::key_id(iv);
	bool qos = f[0] & 0x80;
	unsigned int slot = qos ? kcxx::Ccmp::tid(f, hdr) : rx_pn_slots - 1;
	auto t = keys_.lock(ctx);
	Key *k = group ? &t->group[key_id] : &t->pairwise;
	if (!group && !k->cipher && keys_is_wep(t->group[key_id].cipher))
		k = &t->group[key_id];
	if (!k->cipher) {
		stats.rx_no_key.add(1);
		return kcxx::Err(kcxx::err::nokey);
	}
	bool ext = kcxx::Wep::ext_iv(iv);
	if (keys_is_wep(k->cipher) == ext) {
		/* WEP without Ext IV, TKIP and CCMP with it: anything else is not for this key. */
		stats.rx_decrypt_failed.add(1);
		return kcxx::Err(kcxx::err::inval);
	}
	switch (k->cipher) {
	case kcxx::cipher::ccmp: {
		if (len < hdr + kcxx::Ccmp::header_len + kcxx::Ccmp::mic_len) {
			stats.rx_bad.add(1);
			return kcxx::Err(kcxx::err::inval);
		}
		size_t body = len - hdr - kcxx::Ccmp::header_len - kcxx::Ccmp::mic_len;
		auto pn = kcxx::Ccmp::header_pn(iv);
		if (!pn || body > kcxx::Ccmp::max_body) {
			stats.rx_decrypt_failed.add(1);
			return kcxx::Err(kcxx::err::inval);
		}
		if (pn.value() <= k->rx_pn[slot]) {
			stats.rx_replays.add(1);
			return kcxx::Err(kcxx::err::already);
		}
		const u8 *in = iv + kcxx::Ccmp::header_len;
		if (k->hw) {
			/* The firmware checked the MIC: plaintext between the CCMP header and the MIC. */
			__builtin_memcpy(out, in, body);
			stats.rx_hw_decrypted.add(1);
		} else {
			if (!k->ccmp) {
				stats.rx_no_key.add(1);
				return kcxx::Err(kcxx::err::nokey);
			}
			auto st = k->ccmp->decrypt(f, hdr, iv, in, out, body, f + len - kcxx::Ccmp::mic_len);
			if (!st) {
				stats.rx_decrypt_failed.add(1);
				return kcxx::Err(st.error());
			}
			stats.rx_decrypted.add(1);
		}
		k->rx_pn[slot] = pn.value();
		return body;
	}
	case kcxx::cipher::tkip: {
		if (len < hdr + kcxx::tkip::iv_len + kcxx::Michael::mic_len + kcxx::Wep::icv_len || !t->arc4) {
			stats.rx_bad.add(1);
			return kcxx::Err(kcxx::err::inval);
		}
		size_t n = len - hdr - kcxx::tkip::iv_len - kcxx::Wep::icv_len; /* data and (part of) the MIC */
		auto tsc = kcxx::tkip::read_tsc(iv);
		if (!tsc || n > kcxx::Ccmp::max_body + kcxx::Michael::mic_len) {
			stats.rx_decrypt_failed.add(1);
			return kcxx::Err(kcxx::err::inval);
		}
		if (tsc.value() <= k->rx_pn[slot]) {
			stats.rx_replays.add(1);
			return kcxx::Err(kcxx::err::already);
		}
		u16 ttak[5];
		u8 seed[16];
		kcxx::tkip::phase1(k->material, f + 10, static_cast<u32>(tsc.value() >> 16), ttak);
		kcxx::tkip::phase2(k->material, ttak, static_cast<u16>(tsc.value()), seed);
		u8 icv[kcxx::Wep::icv_len], want[kcxx::Wep::icv_len];
		__builtin_memcpy(icv, f + len - kcxx::Wep::icv_len, sizeof(icv));
		auto st = t->arc4->crypt(seed, sizeof(seed), iv + kcxx::tkip::iv_len, out, n);
		if (st)
			st = t->arc4->crypt_more(icv, sizeof(icv));
		__builtin_memset(seed, 0, sizeof(seed));
		kcxx::Wep::icv(out, n, want);
		if (!st || __builtin_memcmp(icv, want, sizeof(icv)) != 0) {
			stats.rx_decrypt_failed.add(1);
			return kcxx::Err(kcxx::err::badmsg);
		}
		/* The counter moves once Michael has passed (rx_tkip_mic). */
		sec.tkip = true;
		sec.group = k != &t->pairwise;
		sec.key_id = key_id;
		sec.slot = static_cast<u8>(slot);
		sec.tsc = tsc.value();
		stats.rx_decrypted.add(1);
		return n;
	}
	default: {
		size_t body = len - hdr - kcxx::Wep::iv_len - kcxx::Wep::icv_len;
		if (body > kcxx::Ccmp::max_body) {
			stats.rx_bad.add(1);
			return kcxx::Err(kcxx::err::inval);
		}
		const u8 *in = iv + kcxx::Wep::iv_len;
		if (k->hw) {
			/* The firmware checked the ICV: plaintext between the IV and the ICV. */
			__builtin_memcpy(out, in, body);
			stats.rx_hw_decrypted.add(1);
			return body;
		}
		if (!t->arc4) {
			stats.rx_no_key.add(1);
			return kcxx::Err(kcxx::err::nokey);
		}
		auto st = kcxx::Wep::decrypt(*t->arc4, k->material, k->len, iv, in, out, body,
					     f + len - kcxx::Wep::icv_len);
		if (!st) {
			stats.rx_decrypt_failed.add(1);
			return kcxx::Err(st.error());
		}
		stats.rx_decrypted.add(1);
		return body;
	}
	}
}

/*
 * The Michael MIC of a whole TKIP MSDU (@len bytes at @msdu, the MIC its
 * last 8) from @sa to @da with priority @prio.  The body length without
 * the MIC, or -EBADMSG: counted, and reported to cfg80211 (from @ta).
 */
kcxx::Result<size_t> Wireless::rx_tkip_mic(kcxx::Sleepable &ctx, const RxSec &sec, const u8 *da, const u8 *sa,
					   const u8 *ta, u8 prio, const u8 *msdu, size_t len)
{
	if (len < kcxx::Michael::mic_len) {
		stats.rx_bad.add(1);
		return kcxx::Err(kcxx::err::inval);
	}
	size_t body = len - kcxx::Michael::mic_len;
	{
		auto t = keys_.lock(ctx);
		Key &k = sec.group ? t->group[sec.key_id] : t->pairwise;
		if (k.cipher != kcxx::cipher::tkip) {
			stats.rx_no_key.add(1);
			return kcxx::Err(kcxx::err::nokey);
		}
		u8 mic[kcxx::Michael::mic_len];
		kcxx::Michael m(k.material + tkip_rx_mic_at);
		m.header(da, sa, prio);
		m.update(msdu, body);
		m.final(mic);
		if (__builtin_memcmp(mic, msdu + body, sizeof(mic)) == 0) {
			if (sec.tsc > k.rx_pn[sec.slot])
				k.rx_pn[sec.slot] = sec.tsc;
			return body;
		}
	}
	stats.rx_mic_failures.add(1);
	u8 tsc[6];
	for (int i = 0; i < 6; i++)
		tsc[i] = static_cast<u8>(sec.tsc >> (8 * i));
	trans_.dev().notice("TKIP Michael MIC failure from %pM (%s key %u)\n", ta, sec.group ? "group" : "pairwise",
			    sec.key_id);
	wiphy_.michael_mic_failure(netdev_, ta, sec.group, sec.key_id, tsc, kcxx::Gfp::atomic());
	return kcxx::Err(kcxx::err::badmsg);
}

} // namespace ipw
