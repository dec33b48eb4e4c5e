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

} // namespace kcxx
