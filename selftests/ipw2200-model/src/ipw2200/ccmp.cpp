// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/ccmp.h"

#include <algorithm>

namespace ipwmodel::ipw2200::ccmp {

namespace {

/* Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
constexpr std::uint8_t gmul(std::uint8_t a, std::uint8_t b)
{
	std::uint8_t p = 0;

	for (int i = 0; i < 8; i++) {
		if ((b & 1U) != 0)
			p ^= a;
		const bool hi = (a & 0x80U) != 0;

		a = static_cast<std::uint8_t>(a << 1);
		if (hi)
			a ^= 0x1B;
		b >>= 1;
	}
	return p;
}

constexpr std::uint8_t rotl8(std::uint8_t v, unsigned n)
{
	return static_cast<std::uint8_t>((v << n) | (v >> (8 - n)));
}

constexpr std::uint8_t affine(std::uint8_t b)
{
	return static_cast<std::uint8_t>(b ^ rotl8(b, 1) ^ rotl8(b, 2) ^ rotl8(b, 3) ^ rotl8(b, 4) ^ 0x63);
}

/*
 * The S-box: affine map of the multiplicative inverse.  3 generates the
 * multiplicative group of GF(2^8), so walking p = 3^i while q = 3^-i
 * pairs every non-zero element with its inverse; 0 maps to affine(0).
 */
constexpr std::array<std::uint8_t, 256> make_sbox()
{
	std::array<std::uint8_t, 256> s{};
	std::uint8_t p = 1;
	std::uint8_t q = 1;

	s[0] = affine(0);
	do {
		p = gmul(p, 3);
		/* q / 3: multiply by 3^-1 = 0xF6. */
		q = gmul(q, 0xF6);
		s[p] = affine(q);
	} while (p != 1);
	return s;
}

constexpr std::array<std::uint8_t, 256> kSbox = make_sbox();

void xor_into(Block &a, const Block &b)
{
	for (std::size_t i = 0; i < a.size(); i++)
		a[i] ^= b[i];
}

/* The 802.11 header length the AAD covers, and whether it has QoS. */
struct HdrInfo {
	bool a4;
	bool qos;
};

HdrInfo hdr_info(std::span<const std::uint8_t> hdr)
{
	const bool data = ((hdr[0] >> 2) & 3U) == 2;

	return {data && (hdr[1] & 3U) == 3U, data && (hdr[0] & 0x80U) != 0};
}

std::vector<std::uint8_t> make_aad(std::span<const std::uint8_t> hdr)
{
	const HdrInfo h = hdr_info(hdr);
	std::vector<std::uint8_t> a;

	/* FC: subtype bits 4-6 (data), Retry, PwrMgt, MoreData masked,
	 * Protected set, Order masked for QoS frames. */
	std::uint8_t fc0 = hdr[0];
	std::uint8_t fc1 = hdr[1];

	if (((fc0 >> 2) & 3U) == 2)
		fc0 &= 0x8F;
	fc1 &= static_cast<std::uint8_t>(~0x38U);
	fc1 |= 0x40;
	if (h.qos)
		fc1 &= 0x7F;
	a.push_back(fc0);
	a.push_back(fc1);
	a.insert(a.end(), hdr.begin() + 4, hdr.begin() + 22);	 /* A1, A2, A3 */
	a.push_back(static_cast<std::uint8_t>(hdr[22] & 0x0FU)); /* fragment number only */
	a.push_back(0);
	std::size_t at = 24;

	if (h.a4) {
		a.insert(a.end(), hdr.begin() + 24, hdr.begin() + 30);
		at = 30;
	}
	if (h.qos) {
		a.push_back(static_cast<std::uint8_t>(hdr[at] & 0x0FU)); /* TID */
		a.push_back(0);
	}
	return a;
}

std::array<std::uint8_t, kNonceLen> make_nonce(std::span<const std::uint8_t> hdr, std::uint64_t pn)
{
	const HdrInfo h = hdr_info(hdr);
	std::array<std::uint8_t, kNonceLen> n{};

	if (h.qos)
		n[0] = hdr[h.a4 ? 30 : 24] & 0x0FU;
	std::copy_n(hdr.begin() + 10, 6, n.begin() + 1);
	for (unsigned i = 0; i < 6; i++)
		n[7 + i] = static_cast<std::uint8_t>(pn >> (8 * (5 - i)));
	return n;
}

/* A_i of CCM: flags L - 1, nonce, counter i. */
Block counter_block(std::span<const std::uint8_t, kNonceLen> nonce, std::uint16_t i)
{
	Block a{};

	a[0] = 0x01;
	std::copy(nonce.begin(), nonce.end(), a.begin() + 1);
	a[14] = static_cast<std::uint8_t>(i >> 8);
	a[15] = static_cast<std::uint8_t>(i);
	return a;
}

/* The CBC-MAC of B_0, the encoded AAD and the message (RFC 3610 2.2). */
Block cbc_mac(const Aes128 &aes, std::span<const std::uint8_t, kNonceLen> nonce, std::span<const std::uint8_t> aad,
	      std::span<const std::uint8_t> msg)
{
	Block b{};

	b[0] = static_cast<std::uint8_t>((aad.empty() ? 0 : 0x40) | ((kMicLen - 2) / 2) << 3 | 1);
	std::copy(nonce.begin(), nonce.end(), b.begin() + 1);
	b[14] = static_cast<std::uint8_t>(msg.size() >> 8);
	b[15] = static_cast<std::uint8_t>(msg.size());
	Block x = aes.encrypt(b);
	const auto absorb = [&aes, &x](std::span<const std::uint8_t> data) {
		for (std::size_t at = 0; at < data.size(); at += 16) {
			Block blk{};
			const std::size_t n = std::min<std::size_t>(16, data.size() - at);

			std::copy_n(data.begin() + static_cast<std::ptrdiff_t>(at), n, blk.begin());
			xor_into(x, blk);
			x = aes.encrypt(x);
		}
	};

	if (!aad.empty()) {
		std::vector<std::uint8_t> enc = {static_cast<std::uint8_t>(aad.size() >> 8),
						 static_cast<std::uint8_t>(aad.size())};

		enc.insert(enc.end(), aad.begin(), aad.end());
		absorb(enc);
	}
	absorb(msg);
	return x;
}

/* Counter-mode encryption of @data with A_1, A_2, ... */
void ctr(const Aes128 &aes, std::span<const std::uint8_t, kNonceLen> nonce, std::span<std::uint8_t> data)
{
	for (std::size_t at = 0; at < data.size(); at += 16) {
		const Block s = aes.encrypt(counter_block(nonce, static_cast<std::uint16_t>(at / 16 + 1)));
		const std::size_t n = std::min<std::size_t>(16, data.size() - at);

		for (std::size_t i = 0; i < n; i++)
			data[at + i] ^= s[i];
	}
}

} // namespace

Aes128::Aes128(std::span<const std::uint8_t, kKeyLen> key)
{
	std::uint8_t rcon = 1;

	std::copy(key.begin(), key.end(), round_keys_[0].begin());
	for (std::size_t r = 1; r < round_keys_.size(); r++) {
		const Block &p = round_keys_[r - 1];
		Block &k = round_keys_[r];
		/* RotWord, SubWord and Rcon on the last word of the previous key. */
		std::array<std::uint8_t, 4> t{kSbox[p[13]], kSbox[p[14]], kSbox[p[15]], kSbox[p[12]]};

		t[0] ^= rcon;
		rcon = gmul(rcon, 2);
		for (std::size_t i = 0; i < 16; i++) {
			const std::uint8_t prev = i < 4 ? t[i] : k[i - 4];

			k[i] = p[i] ^ prev;
		}
	}
}

Block Aes128::encrypt(const Block &in) const
{
	Block s = in;

	xor_into(s, round_keys_[0]);
	for (std::size_t r = 1; r < round_keys_.size(); r++) {
		Block t{};

		/* SubBytes and ShiftRows (byte r + 4c is row r, column c). */
		for (std::size_t c = 0; c < 4; c++)
			for (std::size_t row = 0; row < 4; row++)
				t[row + 4 * c] = kSbox[s[row + 4 * ((c + row) % 4)]];
		if (r + 1 < round_keys_.size()) { /* MixColumns, not in the last round */
			for (std::size_t c = 0; c < 4; c++) {
				const std::uint8_t a0 = t[4 * c];
				const std::uint8_t a1 = t[4 * c + 1];
				const std::uint8_t a2 = t[4 * c + 2];
				const std::uint8_t a3 = t[4 * c + 3];

				t[4 * c] = gmul(a0, 2) ^ gmul(a1, 3) ^ a2 ^ a3;
				t[4 * c + 1] = a0 ^ gmul(a1, 2) ^ gmul(a2, 3) ^ a3;
				t[4 * c + 2] = a0 ^ a1 ^ gmul(a2, 2) ^ gmul(a3, 3);
				t[4 * c + 3] = gmul(a0, 3) ^ a1 ^ a2 ^ gmul(a3, 2);
			}
		}
		xor_into(t, round_keys_[r]);
		s = t;
	}
	return s;
}

std::vector<std::uint8_t> ccm_encrypt(std::span<const std::uint8_t, kKeyLen> key,
				      std::span<const std::uint8_t, kNonceLen> nonce, std::span<const std::uint8_t> aad,
				      std::span<const std::uint8_t> plaintext)
{
	const Aes128 aes(key);
	const Block t = cbc_mac(aes, nonce, aad, plaintext);
	const Block s0 = aes.encrypt(counter_block(nonce, 0));
	std::vector<std::uint8_t> out(plaintext.begin(), plaintext.end());

	ctr(aes, nonce, out);
	for (std::size_t i = 0; i < kMicLen; i++)
		out.push_back(t[i] ^ s0[i]);
	return out;
}

std::optional<std::vector<std::uint8_t>> ccm_decrypt(std::span<const std::uint8_t, kKeyLen> key,
						     std::span<const std::uint8_t, kNonceLen> nonce,
						     std::span<const std::uint8_t> aad,
						     std::span<const std::uint8_t> sealed)
{
	if (sealed.size() < kMicLen)
		return std::nullopt;
	const Aes128 aes(key);
	std::vector<std::uint8_t> out(sealed.begin(), sealed.end() - kMicLen);

	ctr(aes, nonce, out);
	const Block t = cbc_mac(aes, nonce, aad, out);
	const Block s0 = aes.encrypt(counter_block(nonce, 0));
	std::uint8_t diff = 0;

	for (std::size_t i = 0; i < kMicLen; i++)
		diff |= static_cast<std::uint8_t>((t[i] ^ s0[i]) ^ sealed[sealed.size() - kMicLen + i]);
	if (diff != 0)
		return std::nullopt;
	return out;
}

std::uint64_t packet_number(std::span<const std::uint8_t> body)
{
	return std::uint64_t{body[0]} | std::uint64_t{body[1]} << 8 | std::uint64_t{body[4]} << 16 |
	       std::uint64_t{body[5]} << 24 | std::uint64_t{body[6]} << 32 | std::uint64_t{body[7]} << 40;
}

std::vector<std::uint8_t> encrypt(std::span<const std::uint8_t, kKeyLen> key, std::span<const std::uint8_t> hdr,
				  std::uint64_t pn, std::uint8_t key_id, std::span<const std::uint8_t> plaintext)
{
	std::vector<std::uint8_t> out = {static_cast<std::uint8_t>(pn),
					 static_cast<std::uint8_t>(pn >> 8),
					 0,
					 static_cast<std::uint8_t>(0x20U | (key_id & 3U) << 6),
					 static_cast<std::uint8_t>(pn >> 16),
					 static_cast<std::uint8_t>(pn >> 24),
					 static_cast<std::uint8_t>(pn >> 32),
					 static_cast<std::uint8_t>(pn >> 40)};
	const auto nonce = make_nonce(hdr, pn);
	const std::vector<std::uint8_t> sealed = ccm_encrypt(key, nonce, make_aad(hdr), plaintext);

	out.insert(out.end(), sealed.begin(), sealed.end());
	return out;
}

std::optional<std::vector<std::uint8_t>> decrypt(std::span<const std::uint8_t, kKeyLen> key,
						 std::span<const std::uint8_t> hdr, std::span<const std::uint8_t> body)
{
	if (body.size() < kHeaderLen + kMicLen)
		return std::nullopt;
	const auto nonce = make_nonce(hdr, packet_number(body));

	return ccm_decrypt(key, nonce, make_aad(hdr), body.subspan(kHeaderLen));
}

} // namespace ipwmodel::ipw2200::ccmp
