// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/keys.cpp: the keys wpa_supplicant installs (cfg80211 add_key,
 * del_key, set_default_key) and the receive half of host CCMP.
 *
 * The host does the cryptography (the legacy driver's default; its
 * hwcrypto option, the firmware's CCMP engine, is not used): frames
 * leave with NO_WEP in the TFD, already protected, and arrive still
 * protected.  Only CCMP is implemented, so only CCMP is advertised;
 * cfg80211 refuses a connect or a key with another cipher before the
 * driver sees it.
 *
 * The supplicant runs the 4-way handshake over wlan0 (EAPOL frames,
 * ethertype 0x888e, through the packet socket) and installs the pairwise
 * key right after it has sent message 4/4.  Transmit decides whether to
 * protect a frame when the frame reaches the driver (ndo_start_xmit), so
 * 4/4 leaves unprotected, as the AP expects, and every frame after the
 * key is installed leaves protected.  Until there is a pairwise key only
 * EAPOL frames pass on an RSN association, in both directions (the
 * controlled port is closed).
 *
 * The keys are the association's: link_down() clears them all (cfg80211
 * deletes the group keys after a disconnect, not the pairwise one).
 */
#include <kcxx/errno.h>

#include "wireless.h"

namespace ipw {

namespace {

/* The receive sequence counter of add_key (little-endian, at most 6 bytes for CCMP). */
u64 keys_rsc(const kcxx::KeyParams &k)
{
	u64 rsc = 0;
	for (size_t i = 0; k.seq && i < k.seq_len && i < 6; i++)
		rsc |= static_cast<u64>(k.seq[i]) << (8 * i);
	return rsc;
}
} // namespace

kcxx::Status Wireless::add_key(kcxx::Sleepable &ctx, const kcxx::KeyParams &k)
{
	if (k.cipher != kcxx::cipher::ccmp) {
		trans_.dev().notice("add_key: cipher %08x is not supported (CCMP only)\n", k.cipher);
		return kcxx::Err(kcxx::err::opnotsupp);
	}
	/* No extended key IDs: the pairwise key is key 0, group keys are 1..3. */
	if (k.key_len != kcxx::Ccmp::key_len || k.index > 3 || (k.pairwise != (k.index == 0)))
		return kcxx::Err(kcxx::err::inval);
	{
		auto l = link_.lock(ctx);
		if (!l->up)
			return kcxx::Err(kcxx::err::nolink);
		if (k.pairwise && (!k.mac || __builtin_memcmp(k.mac, l->bssid, 6) != 0))
			return kcxx::Err(kcxx::err::inval);
	}
	kcxx::Box<kcxx::Ccmp> c(new (kcxx::Gfp::kernel(ctx)) kcxx::Ccmp);
	if (!c)
		return kcxx::Err(kcxx::err::nomem);
	auto st = c->init(ctx, k.key, k.key_len);
	if (!st) {
		trans_.dev().warn("add_key: no CCMP cipher: %d\n", st.error());
		return st;
	}
	u64 rsc = keys_rsc(k);
	kcxx::Box<kcxx::Ccmp> old; /* destroyed after keys_ is dropped */
	{
		auto t = keys_.lock(ctx);
		Key &slot = k.pairwise ? t->pairwise : t->group[k.index];
		old.reset(slot.ccmp.release());
		slot.ccmp.reset(c.release());
		slot.tx_pn = 0;
		for (u64 &pn : slot.rx_pn)
			pn = rsc;
	}
	trans_.dev().dbg("CCMP %s key %u installed\n", k.pairwise ? "pairwise" : "group", k.index);
	return kcxx::Status::ok();
}

kcxx::Status Wireless::del_key(kcxx::Sleepable &ctx, u8 index, bool pairwise, const u8 *)
{
	if (index > 3 || (pairwise && index != 0))
		return kcxx::Err(kcxx::err::noent);
	kcxx::Box<kcxx::Ccmp> old;
	{
		auto t = keys_.lock(ctx);
		Key &slot = pairwise ? t->pairwise : t->group[index];
		if (!slot.ccmp)
			return kcxx::Err(kcxx::err::noent);
		old.reset(slot.ccmp.release());
	}
	return kcxx::Status::ok();
}

/* Which group key transmit would use: CCMP sends everything with the pairwise key; kept for the record. */
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
	d.k[0].reset(t->pairwise.ccmp.release());
	for (unsigned int i = 0; i < 4; i++)
		d.k[1 + i].reset(t->group[i].ccmp.release());
	t->default_index = 0;
}

/*
 * A protected MPDU from the AP: @hdr bytes of MAC header, the CCMP
 * header, the ciphertext, the MIC.  Unicast frames use the pairwise key,
 * group frames the group key their key id names.  A packet number not
 * above the last one accepted for the TID is a replay.
 */
kcxx::Result<size_t> Wireless::rx_decrypt(kcxx::Sleepable &ctx, const u8 *f, size_t len, size_t hdr, bool group,
					  u8 *out)
{
	if (len < hdr + kcxx::Ccmp::header_len + kcxx::Ccmp::mic_len) {
		stats.rx_bad.add(1);
		return kcxx::Err(kcxx::err::inval);
	}
	const u8 *ch = f + hdr;
	size_t body = len - hdr - kcxx::Ccmp::header_len - kcxx::Ccmp::mic_len;
	auto pn = kcxx::Ccmp::header_pn(ch);
	if (!pn || body > kcxx::Ccmp::max_body) {
		/* Not CCMP (a WEP or TKIP frame), or too long for an MSDU. */
		stats.rx_decrypt_failed.add(1);
		return kcxx::Err(kcxx::err::inval);
	}
	bool qos = f[0] & 0x80;
	unsigned int slot = qos ? kcxx::Ccmp::tid(f, hdr) : rx_pn_slots - 1;
	auto t = keys_.lock(ctx);
	Key &k = group ? t->group[kcxx::Ccmp::header_key_id(ch)] : t->pairwise;
	if (!k.ccmp) {
		stats.rx_no_key.add(1);
		return kcxx::Err(kcxx::err::nokey);
	}
	if (pn.value() <= k.rx_pn[slot]) {
		stats.rx_replays.add(1);
		return kcxx::Err(kcxx::err::already);
	}
	auto st = k.ccmp->decrypt(f, hdr, ch, ch + kcxx::Ccmp::header_len, out, body, f + len - kcxx::Ccmp::mic_len);
	if (!st) {
		stats.rx_decrypt_failed.add(1);
		return kcxx::Err(st.error());
	}
	k.rx_pn[slot] = pn.value();
	stats.rx_decrypted.add(1);
	return body;
}

} // namespace ipw
