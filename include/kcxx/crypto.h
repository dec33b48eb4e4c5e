/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/crypto.h - AES-CCM, and 802.11 CCMP on it
 *
 * ``AesCcm`` is one AES key in CCM mode (the crypto API's synchronous
 * ``ccm(aes)``, cxxrt/shim_crypto.c)::
 *
 *	kcxx::AesCcm c;
 *	st = c.init(ctx, key, 16, 8, 2400);	// key, MIC length, largest text
 *	st = c.encrypt(nonce, 13, aad, aad_len, in, out, len, mic);
 *	st = c.decrypt(nonce, 13, aad, aad_len, in, out, len, mic); // -EBADMSG
 *
 * init() allocates everything an operation needs (process context);
 * encrypt() and decrypt() allocate nothing and may run in any context,
 * bottom halves off and spinlocks held included, but one object runs one
 * operation at a time: its owner serializes them (a lock around the key).
 * Destroy it where sleeping is allowed, not under a spinlock.
 *
 * ``Ccmp`` is an 802.11 CCMP temporal key (IEEE 802.11-2020 12.5.3): the
 * 8-byte CCMP header, the additional authenticated data built from the
 * MAC header (the mutable bits masked), the nonce (priority, address 2,
 * packet number) and the 8-byte MIC.  Packet numbers (48 bits) and replay
 * windows belong to the caller, who keeps them per key (and per TID).
 *
 * ``Arc4`` is the kernel's ARC4 (lib/crypto) with its state allocated once:
 * ``crypt(key, key_len, in, out, len)`` keys it and runs it over one
 * frame.  ``Wep`` builds and opens WEP MPDU bodies on it (IEEE 802.11-2020
 * 12.3.2: IV and key id, RC4 over data and the CRC-32 ICV).  ``Michael``
 * is TKIP's message integrity code and ``tkip`` its per-packet key mixing
 * (12.5.2.3, 12.5.2.5), both computed here from the standard's
 * definitions (this kernel has no michael_mic shash any more); their
 * Annex M vectors are in the kcxx_crypto KUnit suite.
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/context.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

namespace kcxx {

/** class AesCcm - one AES key in CCM mode.  Move-only; empty until init(). */
class AesCcm {
public:
	AesCcm() = default;
	AesCcm(AesCcm &&o) : c_(o.c_) { o.c_ = nullptr; }
	AesCcm(const AesCcm &) = delete;
	AesCcm &operator=(const AesCcm &) = delete;
	AesCcm &operator=(AesCcm &&) = delete;
	~AesCcm() { kcxx_shim_aes_ccm_free(c_); }

	/**
	 * init() - set up @key (16, 24 or 32 bytes) with a @mic_len byte MIC
	 * (4..16, even) for texts of up to @max_len bytes (at most 4096).
	 * -EINVAL, -ENOMEM, -ENOENT (no ccm(aes) in this kernel), -EBUSY if
	 * already set up.
	 */
	[[nodiscard]] Status init(Sleepable &ctx, const u8 *key, size_t key_len, size_t mic_len, size_t max_len)
		KCXX_REQUIRES(ctx)
	{
		if (c_)
			return Err(err::busy);
		if (key_len > 32 || mic_len > 16 || max_len > 4096)
			return Err(err::inval);
		int err = 0;
		c_ = kcxx_shim_aes_ccm_new(key, static_cast<unsigned int>(key_len), static_cast<unsigned int>(mic_len),
					   static_cast<unsigned int>(max_len), &err);
		return c_ ? Status::ok() : Status(Err(err ? err : -12));
	}

	explicit operator bool() const { return c_ != nullptr; }

	/**
	 * encrypt() - @len bytes at @in to @out (may be @in), authenticating
	 * them and @aad_len (at most 32) bytes of @aad; the MIC goes to @mic.
	 * @nonce: 7..13 bytes.  -EINVAL.
	 */
	[[nodiscard]] Status encrypt(const u8 *nonce, size_t nonce_len, const u8 *aad, size_t aad_len, const u8 *in,
				     u8 *out, size_t len, u8 *mic)
	{
		return crypt(1, nonce, nonce_len, aad, aad_len, in, out, len, mic);
	}
	/** decrypt() - the reverse; -EBADMSG when @mic does not match (@out untouched). */
	[[nodiscard]] Status decrypt(const u8 *nonce, size_t nonce_len, const u8 *aad, size_t aad_len, const u8 *in,
				     u8 *out, size_t len, const u8 *mic)
	{
		return crypt(0, nonce, nonce_len, aad, aad_len, in, out, len, const_cast<u8 *>(mic));
	}

private:
	Status crypt(int enc, const u8 *nonce, size_t nonce_len, const u8 *aad, size_t aad_len, const u8 *in, u8 *out,
		     size_t len, u8 *mic)
	{
		if (!c_ || nonce_len > 13 || aad_len > 32 || len > 4096)
			return Err(err::inval);
		int r = kcxx_shim_aes_ccm_crypt(c_, enc, nonce, static_cast<unsigned int>(nonce_len), aad,
						static_cast<unsigned int>(aad_len), in, static_cast<unsigned int>(len),
						out, mic);
		return r ? Status(Err(r)) : Status::ok();
	}

	void *c_ = nullptr;
};

/** class Ccmp - one 802.11 CCMP temporal key (CCMP-128). */
class Ccmp {
public:
	static constexpr size_t key_len = 16;
	static constexpr size_t header_len = 8; /* the CCMP header after the MAC header */
	static constexpr size_t mic_len = 8;
	static constexpr size_t max_body = 2304; /* the largest MSDU */
	static constexpr u64 pn_max = (1ull << 48) - 1;

	/** init() - the 16-byte temporal key @tk.  -EINVAL, -ENOMEM, -ENOENT. */
	[[nodiscard]] Status init(Sleepable &ctx, const u8 *tk, size_t len) KCXX_REQUIRES(ctx)
	{
		if (len != key_len)
			return Err(err::inval);
		return ccm_.init(ctx, tk, len, mic_len, max_body);
	}
	explicit operator bool() const { return static_cast<bool>(ccm_); }

	/**
	 * mac_header_len() - the length of the MAC header of a data or
	 * management frame of @len bytes at @f (addresses, address 4, QoS
	 * control); 0 if it is shorter than that or a control frame.
	 */
	static size_t mac_header_len(const u8 *f, size_t len)
	{
		if (len < 24 || (f[0] & 0x0c) == 0x04)
			return 0;
		size_t n = 24;
		if ((f[1] & 0x03) == 0x03)
			n += 6;
		if (is_qos_data(f))
			n += 2;
		return n <= len ? n : 0;
	}

	/** write_header() - the CCMP header for @pn and key id @key_id (0..3) to @out (8 bytes). */
	static void write_header(u8 *out, u64 pn, u8 key_id)
	{
		out[0] = static_cast<u8>(pn);
		out[1] = static_cast<u8>(pn >> 8);
		out[2] = 0;
		out[3] = static_cast<u8>(0x20 | (key_id & 3) << 6); /* Ext IV */
		for (int i = 0; i < 4; i++)
			out[4 + i] = static_cast<u8>(pn >> (16 + 8 * i));
	}
	/** header_pn() - the packet number of CCMP header @h; -EINVAL without Ext IV (not CCMP). */
	static Result<u64> header_pn(const u8 *h)
	{
		if (!(h[3] & 0x20))
			return Err(err::inval);
		u64 pn = static_cast<u64>(h[0]) | static_cast<u64>(h[1]) << 8;
		for (int i = 0; i < 4; i++)
			pn |= static_cast<u64>(h[4 + i]) << (16 + 8 * i);
		return pn;
	}
	static u8 header_key_id(const u8 *h) { return h[3] >> 6; }
	/** tid() - the TID of a QoS data frame, 0 otherwise. */
	static u8 tid(const u8 *f, size_t hdr_len) { return is_qos_data(f) ? f[hdr_len - 2] & 0x0f : 0; }

	/**
	 * encrypt() - protect one MPDU: @hdr (@hdr_len bytes, the MAC header
	 * as it will be sent, Protected bit set), packet number @pn, key id
	 * @key_id; the CCMP header goes to @ccmp_hdr, the @len bytes at @in
	 * encrypted to @out (may be @in), the MIC to @mic.  Any context, one
	 * operation at a time per key.  -EINVAL.
	 */
	[[nodiscard]] Status encrypt(const u8 *hdr, size_t hdr_len, u64 pn, u8 key_id, u8 *ccmp_hdr, const u8 *in,
				     u8 *out, size_t len, u8 *mic)
	{
		if (pn > pn_max || !hdr_len || hdr_len != mac_header_len(hdr, hdr_len))
			return Err(err::inval);
		write_header(ccmp_hdr, pn, key_id);
		u8 aad[30], nonce[13];
		size_t aad_len = build(hdr, hdr_len, pn, aad, nonce);
		return ccm_.encrypt(nonce, sizeof(nonce), aad, aad_len, in, out, len, mic);
	}
	/**
	 * decrypt() - the reverse for a received MPDU: @hdr as received,
	 * @ccmp_hdr its CCMP header, @len bytes of ciphertext at @in, then
	 * the MIC at @mic; the plaintext to @out.  -EINVAL (not CCMP),
	 * -EBADMSG (the MIC does not match).  The replay check is the caller's.
	 */
	[[nodiscard]] Status decrypt(const u8 *hdr, size_t hdr_len, const u8 *ccmp_hdr, const u8 *in, u8 *out,
				     size_t len, const u8 *mic)
	{
		auto pn = header_pn(ccmp_hdr);
		if (!pn)
			return Err(pn.error());
		if (!hdr_len || hdr_len != mac_header_len(hdr, hdr_len))
			return Err(err::inval);
		u8 aad[30], nonce[13];
		size_t aad_len = build(hdr, hdr_len, pn.value(), aad, nonce);
		return ccm_.decrypt(nonce, sizeof(nonce), aad, aad_len, in, out, len, mic);
	}

private:
	static bool is_qos_data(const u8 *f) { return (f[0] & 0x0c) == 0x08 && (f[0] & 0x80); }

	/* The AAD (returns its length) and the nonce of an MPDU with header @h. */
	static size_t build(const u8 *h, size_t hdr_len, u64 pn, u8 (&aad)[30], u8 (&nonce)[13])
	{
		bool data = (h[0] & 0x0c) == 0x08;
		bool qos = is_qos_data(h);
		/* Frame control: data subtype bits 4..6, Retry, PwrMgt, MoreData masked; Protected set; Order masked
		 * for QoS. */
		aad[0] = data ? static_cast<u8>(h[0] & 0x8f) : h[0];
		aad[1] = static_cast<u8>((h[1] & ~0x38) | 0x40);
		if (qos)
			aad[1] &= 0x7f;
		__builtin_memcpy(aad + 2, h + 4, 18); /* addresses 1..3 */
		aad[20] = h[22] & 0x0f;		      /* the fragment number; the sequence number masked */
		aad[21] = 0;
		size_t n = 22;
		if ((h[1] & 0x03) == 0x03) {
			__builtin_memcpy(aad + n, h + 24, 6);
			n += 6;
		}
		u8 prio = 0;
		if (qos) {
			prio = h[hdr_len - 2] & 0x0f;
			aad[n++] = prio;
			aad[n++] = 0;
		}
		nonce[0] = static_cast<u8>(prio | (((h[0] & 0x0c) == 0x00) ? 0x10 : 0)); /* management: bit 4 */
		__builtin_memcpy(nonce + 1, h + 10, 6);
		for (int i = 0; i < 6; i++)
			nonce[7 + i] = static_cast<u8>(pn >> (40 - 8 * i));
		return n;
	}

	AesCcm ccm_;
};

/** crc32_le() - the kernel's little-endian CRC-32 (lib/crc32), seeded with @crc. */
inline u32 crc32_le(u32 crc, const void *p, size_t len)
{
	return kcxx_shim_crc32_le(crc, p, len);
}

/**
 * class Arc4 - an ARC4 state (lib/crypto/arc4).  Move-only; empty until
 * init().  crypt() runs in any context, one operation at a time per object.
 */
class Arc4 {
public:
	Arc4() = default;
	Arc4(const Arc4 &) = delete;
	Arc4 &operator=(const Arc4 &) = delete;
	~Arc4() { kcxx_shim_arc4_free(c_); }

	/** init() - allocate the state.  -ENOMEM, -EBUSY if already done. */
	[[nodiscard]] Status init(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (c_)
			return Err(err::busy);
		c_ = kcxx_shim_arc4_new();
		return c_ ? Status::ok() : Status(Err(err::nomem));
	}
	explicit operator bool() const { return c_ != nullptr; }

	/** crypt() - key with @key (1..32 bytes), then @len bytes of keystream XORed from @in to @out (may be @in). */
	[[nodiscard]] Status crypt(const u8 *key, size_t key_len, const u8 *in, u8 *out, size_t len)
	{
		if (!c_ || !key_len || key_len > 32 || len > 4096)
			return Err(err::inval);
		kcxx_shim_arc4_setkey(c_, key, static_cast<unsigned int>(key_len));
		kcxx_shim_arc4_crypt(c_, in, out, static_cast<unsigned int>(len));
		return Status::ok();
	}
	/** crypt_more() - the next @len bytes of the same keystream over @buf, in place. */
	[[nodiscard]] Status crypt_more(u8 *buf, size_t len)
	{
		if (!c_ || len > 4096)
			return Err(err::inval);
		kcxx_shim_arc4_crypt(c_, buf, buf, static_cast<unsigned int>(len));
		return Status::ok();
	}

private:
	void *c_ = nullptr;
};

/** struct Wep - the WEP MPDU body: IV (3 bytes), key id octet, RC4(data, ICV). */
struct Wep {
	static constexpr size_t iv_len = 4;
	static constexpr size_t icv_len = 4;
	static constexpr size_t max_key = 13; /* WEP-104 */

	/** icv() - the CRC-32 of @len bytes at @p, as the 4 ICV bytes (little-endian). */
	static void icv(const u8 *p, size_t len, u8 *out)
	{
		u32 c = ~crc32_le(~0u, p, len);
		for (int i = 0; i < 4; i++)
			out[i] = static_cast<u8>(c >> (8 * i));
	}

	/**
	 * encrypt() - protect @len bytes at @data in place with @key (5 or 13
	 * bytes) and the 24-bit @iv: IV and key id @key_id to @ivhdr, ICV
	 * (encrypted) to @icv_out.  -EINVAL.
	 */
	[[nodiscard]] static Status encrypt(Arc4 &rc4, const u8 *key, size_t key_len, u32 iv, u8 key_id, u8 *ivhdr,
					    u8 *data, size_t len, u8 *icv_out)
	{
		if (!key_len || key_len > max_key)
			return Err(err::inval);
		u8 seed[3 + max_key];
		ivhdr[0] = seed[0] = static_cast<u8>(iv >> 16);
		ivhdr[1] = seed[1] = static_cast<u8>(iv >> 8);
		ivhdr[2] = seed[2] = static_cast<u8>(iv);
		ivhdr[3] = static_cast<u8>((key_id & 3) << 6);
		__builtin_memcpy(seed + 3, key, key_len);
		icv(data, len, icv_out);
		auto st = rc4.crypt(seed, 3 + key_len, data, data, len);
		if (st)
			st = rc4.crypt_more(icv_out, icv_len);
		__builtin_memset(seed, 0, sizeof(seed));
		return st;
	}

	/**
	 * decrypt() - open a WEP body: @ivhdr its IV and key id octet, @len
	 * bytes of ciphertext at @in then the encrypted ICV at @icv_in; the
	 * plaintext to @out.  -EBADMSG when the ICV does not match (@out holds
	 * garbage then), -EINVAL.
	 */
	[[nodiscard]] static Status decrypt(Arc4 &rc4, const u8 *key, size_t key_len, const u8 *ivhdr, const u8 *in,
					    u8 *out, size_t len, const u8 *icv_in)
	{
		if (!key_len || key_len > max_key)
			return Err(err::inval);
		u8 seed[3 + max_key];
		__builtin_memcpy(seed, ivhdr, 3);
		__builtin_memcpy(seed + 3, key, key_len);
		u8 got[icv_len], want[icv_len];
		__builtin_memcpy(got, icv_in, icv_len);
		auto st = rc4.crypt(seed, 3 + key_len, in, out, len);
		if (st)
			st = rc4.crypt_more(got, icv_len);
		__builtin_memset(seed, 0, sizeof(seed));
		if (!st)
			return st;
		icv(out, len, want);
		return __builtin_memcmp(got, want, icv_len) == 0 ? Status::ok() : Status(Err(err::badmsg));
	}
	static u8 key_id(const u8 *ivhdr) { return ivhdr[3] >> 6; }
	/** ext_iv() - whether the key id octet has the Extended IV bit (TKIP, CCMP: not WEP). */
	static bool ext_iv(const u8 *ivhdr) { return ivhdr[3] & 0x20; }
};

/**
 * class Michael - TKIP's MIC (IEEE 802.11-2020 12.5.2.3) over a MAC
 * service data unit: 64-bit key, the 16-byte MIC header (DA, SA,
 * priority, three zero bytes), the data, the 0x5a-and-zeros padding.
 * Feed it in pieces with update(), then final().
 */
class Michael {
public:
	explicit Michael(const u8 *key) : l_(get32(key)), r_(get32(key + 4)) {}

	void update(const u8 *p, size_t len)
	{
		for (size_t i = 0; i < len; i++) {
			word_ |= static_cast<u32>(p[i]) << (8 * n_);
			if (++n_ == 4) {
				block(word_);
				word_ = 0;
				n_ = 0;
			}
		}
	}
	/** header() - the MIC header of an MSDU from @sa to @da with priority @prio. */
	void header(const u8 *da, const u8 *sa, u8 prio)
	{
		u8 h[16] = {};
		__builtin_memcpy(h, da, 6);
		__builtin_memcpy(h + 6, sa, 6);
		h[12] = prio;
		update(h, sizeof(h));
	}
	/** final() - pad, finish, and write the 8-byte MIC to @out. */
	void final(u8 *out)
	{
		static constexpr u8 pad[4] = {0x5a, 0, 0, 0};
		update(pad, 1);
		update(pad + 1, 3); /* 0x5a, then four to seven zeros: a whole number of words */
		update(pad + 1, 1);
		while (n_)
			update(pad + 1, 1);
		for (int i = 0; i < 4; i++) {
			out[i] = static_cast<u8>(l_ >> (8 * i));
			out[4 + i] = static_cast<u8>(r_ >> (8 * i));
		}
	}
	static constexpr size_t mic_len = 8;

private:
	static u32 get32(const u8 *p)
	{
		return static_cast<u32>(p[0]) | static_cast<u32>(p[1]) << 8 | static_cast<u32>(p[2]) << 16 |
		       static_cast<u32>(p[3]) << 24;
	}
	static u32 rol(u32 v, int n) { return v << n | v >> (32 - n); }
	void block(u32 m)
	{
		l_ ^= m;
		r_ ^= rol(l_, 17);
		l_ += r_;
		r_ ^= ((l_ & 0xff00ff00u) >> 8) | ((l_ & 0x00ff00ffu) << 8);
		l_ += r_;
		r_ ^= rol(l_, 3);
		l_ += r_;
		r_ ^= rol(l_, 30); /* rotate right by 2 */
		l_ += r_;
	}

	u32 l_, r_;
	u32 word_ = 0;
	unsigned int n_ = 0;
};

/**
 * DOC: tkip - TKIP per-packet key mixing (IEEE 802.11-2020 12.5.2.5).
 * phase1() mixes the temporal key, the transmitter address and the upper
 * 32 bits of the TKIP sequence counter (IV32) into the 80-bit TTAK;
 * phase2() mixes the TTAK with the lower 16 bits (IV16) into the 128-bit
 * per-packet WEP seed (its first three bytes are the frame's IV).  The
 * S-box is derived from the AES S-box at compile time.
 */
namespace tkip {
namespace detail {
constexpr u8 rotl8(u8 v, int n)
{
	return static_cast<u8>(v << n | v >> (8 - n));
}
/* The AES S-box: walk GF(2^8)* with generator 3 (p) and its inverse (q), then the affine map. */
struct Bytes {
	u8 t[256];
};
constexpr Bytes aes_sbox()
{
	Bytes s{};
	s.t[0] = 0x63;
	u8 p = 1, q = 1;
	do {
		p = static_cast<u8>(p ^ (p << 1) ^ ((p & 0x80) ? 0x1b : 0));
		q = static_cast<u8>(q ^ (q << 1));
		q = static_cast<u8>(q ^ (q << 2));
		q = static_cast<u8>(q ^ (q << 4));
		if (q & 0x80)
			q ^= 0x09;
		s.t[p] = static_cast<u8>(q ^ rotl8(q, 1) ^ rotl8(q, 2) ^ rotl8(q, 3) ^ rotl8(q, 4) ^ 0x63);
	} while (p != 1);
	return s;
}
struct Sbox {
	u16 t[256];
};
/* The TKIP table: 2·S(i) in the high byte, 3·S(i) in the low byte. */
constexpr Sbox make_sbox()
{
	Sbox s{};
	Bytes aes = aes_sbox();
	for (unsigned int i = 0; i < 256; i++) {
		u8 v = aes.t[i];
		u8 v2 = static_cast<u8>(v << 1 ^ ((v & 0x80) ? 0x1b : 0));
		s.t[i] = static_cast<u16>(v2 << 8 | static_cast<u8>(v2 ^ v));
	}
	return s;
}
inline constexpr Sbox sbox = make_sbox();
static_assert(sbox.t[0] == 0xc6a5 && sbox.t[255] == 0x2c3a, "TKIP S-box");

constexpr u16 S(u16 v)
{
	u16 hi = sbox.t[v >> 8];
	return static_cast<u16>(sbox.t[v & 0xff] ^ static_cast<u16>(hi << 8 | hi >> 8));
}
constexpr u16 mk16(u8 hi, u8 lo)
{
	return static_cast<u16>(hi << 8 | lo);
}
constexpr u16 rotr1(u16 v)
{
	return static_cast<u16>(v >> 1 | v << 15);
}
} // namespace detail

constexpr size_t key_len = 16; /* the temporal key; MIC keys follow it in a 32-byte TKIP key */

/** phase1() - TTAK (5 words) from temporal key @tk, transmitter address @ta and @iv32. */
inline void phase1(const u8 *tk, const u8 *ta, u32 iv32, u16 (&ttak)[5])
{
	using detail::mk16;
	using detail::S;
	ttak[0] = static_cast<u16>(iv32);
	ttak[1] = static_cast<u16>(iv32 >> 16);
	ttak[2] = mk16(ta[1], ta[0]);
	ttak[3] = mk16(ta[3], ta[2]);
	ttak[4] = mk16(ta[5], ta[4]);
	for (unsigned int i = 0; i < 8; i++) {
		unsigned int j = 2 * (i & 1);
		ttak[0] = static_cast<u16>(ttak[0] + S(ttak[4] ^ mk16(tk[1 + j], tk[0 + j])));
		ttak[1] = static_cast<u16>(ttak[1] + S(ttak[0] ^ mk16(tk[5 + j], tk[4 + j])));
		ttak[2] = static_cast<u16>(ttak[2] + S(ttak[1] ^ mk16(tk[9 + j], tk[8 + j])));
		ttak[3] = static_cast<u16>(ttak[3] + S(ttak[2] ^ mk16(tk[13 + j], tk[12 + j])));
		ttak[4] = static_cast<u16>(ttak[4] + S(ttak[3] ^ mk16(tk[1 + j], tk[0 + j])) + i);
	}
}

/** phase2() - the 16-byte per-packet RC4 key from @tk, the TTAK and @iv16. */
inline void phase2(const u8 *tk, const u16 (&ttak)[5], u16 iv16, u8 (&seed)[16])
{
	using detail::mk16;
	using detail::rotr1;
	using detail::S;
	u16 ppk[6];
	for (int i = 0; i < 5; i++)
		ppk[i] = ttak[i];
	ppk[5] = static_cast<u16>(ttak[4] + iv16);
	for (int i = 0; i < 6; i++)
		ppk[i] = static_cast<u16>(ppk[i] + S(ppk[(i + 5) % 6] ^ mk16(tk[2 * i + 1], tk[2 * i])));
	ppk[0] = static_cast<u16>(ppk[0] + rotr1(ppk[5] ^ mk16(tk[13], tk[12])));
	ppk[1] = static_cast<u16>(ppk[1] + rotr1(ppk[0] ^ mk16(tk[15], tk[14])));
	for (int i = 2; i < 6; i++)
		ppk[i] = static_cast<u16>(ppk[i] + rotr1(ppk[i - 1]));
	seed[0] = static_cast<u8>(iv16 >> 8);
	seed[1] = static_cast<u8>(((iv16 >> 8) | 0x20) & 0x7f);
	seed[2] = static_cast<u8>(iv16);
	seed[3] = static_cast<u8>((ppk[5] ^ mk16(tk[1], tk[0])) >> 1);
	for (int i = 0; i < 6; i++) {
		seed[4 + 2 * i] = static_cast<u8>(ppk[i]);
		seed[5 + 2 * i] = static_cast<u8>(ppk[i] >> 8);
	}
}

/** write_iv() - the TKIP IV and extended IV (8 bytes) for sequence counter @tsc and key id @key_id. */
inline void write_iv(u8 *out, u64 tsc, u8 key_id)
{
	out[0] = static_cast<u8>(tsc >> 8);
	out[1] = static_cast<u8>(((tsc >> 8) | 0x20) & 0x7f);
	out[2] = static_cast<u8>(tsc);
	out[3] = static_cast<u8>(0x20 | (key_id & 3) << 6);
	for (int i = 0; i < 4; i++)
		out[4 + i] = static_cast<u8>(tsc >> (16 + 8 * i));
}
/** read_tsc() - the 48-bit TKIP sequence counter of IV @iv (8 bytes); -EINVAL without Ext IV. */
inline Result<u64> read_tsc(const u8 *iv)
{
	if (!(iv[3] & 0x20))
		return Err(err::inval);
	u64 tsc = static_cast<u64>(iv[2]) | static_cast<u64>(iv[0]) << 8;
	for (int i = 0; i < 4; i++)
		tsc |= static_cast<u64>(iv[4 + i]) << (16 + 8 * i);
	return tsc;
}
constexpr size_t iv_len = 8;
constexpr u64 tsc_max = (1ull << 48) - 1;
} // namespace tkip

} // namespace kcxx
