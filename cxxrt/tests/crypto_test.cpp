// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/crypto.h: the CCMP test vector of IEEE 802.11
// Annex M (the MPDU, its CCMP header, ciphertext and MIC), decryption of
// that MPDU back to its plaintext, a tampered MPDU refused without touching
// the output, a QoS frame with address 4 round-tripping, and AesCcm's
// argument checks.
#include <kcxx/crypto.h>
#include <kcxx/new.h>
#include "hooks.h"

using kcxx::Ccmp;
using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::u64;
using kcxx::u8;

namespace {

/* IEEE 802.11 Annex M, CCMP test MPDU (data, Retry and Protected set, SC 0x3380). */
constexpr u8 m_tk[16] = {0xc9, 0x7c, 0x1f, 0x67, 0xce, 0x37, 0x11, 0x85,
			 0x51, 0x4a, 0x8a, 0x19, 0xf2, 0xbd, 0xd5, 0x2f};
constexpr u64 m_pn = 0xb5039776e70cull;
constexpr u8 m_hdr[24] = {0x08, 0x48, 0xc3, 0x2c, 0x0f, 0xd2, 0xe1, 0x28, 0xa5, 0x7c, 0x50, 0x30,
			  0xf1, 0x84, 0x44, 0x08, 0xab, 0xae, 0xa5, 0xb8, 0xfc, 0xba, 0x80, 0x33};
constexpr u8 m_ccmp_hdr[8] = {0x0c, 0xe7, 0x00, 0x20, 0x76, 0x97, 0x03, 0xb5};
constexpr u8 m_plain[20] = {0xf8, 0xba, 0x1a, 0x55, 0xd0, 0x2f, 0x85, 0xae, 0x96, 0x7b,
			    0xb6, 0x2f, 0xb6, 0xcd, 0xa8, 0xeb, 0x7e, 0x78, 0xa0, 0x50};
constexpr u8 m_cipher[20] = {0xf3, 0xd0, 0xa2, 0xfe, 0x9a, 0x3d, 0xbf, 0x23, 0x42, 0xa6,
			     0x43, 0xe4, 0x32, 0x46, 0xe8, 0x0c, 0x3c, 0x04, 0xd0, 0x19};
constexpr u8 m_mic[8] = {0x78, 0x45, 0xce, 0x0b, 0x16, 0xf9, 0x76, 0x23};

bool same(const u8 *a, const u8 *b, kcxx::size_t n)
{
	return __builtin_memcmp(a, b, n) == 0;
}

int ccmp_known_answer(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Ccmp> k(new (Gfp::kernel(ctx)) Ccmp);
	CHECK(k);
	CHECK(!*k);
	CHECK(k->init(ctx, m_tk, 15).error() == -22);
	CHECK(k->init(ctx, m_tk, sizeof(m_tk)));
	CHECK(*k);
	CHECK(Ccmp::mac_header_len(m_hdr, sizeof(m_hdr)) == 24);
	u8 ch[8], out[20], mic[8];
	CHECK(k->encrypt(m_hdr, sizeof(m_hdr), m_pn, 0, ch, m_plain, out, sizeof(out), mic));
	CHECK(same(ch, m_ccmp_hdr, 8));
	CHECK(same(out, m_cipher, 20));
	CHECK(same(mic, m_mic, 8));
	CHECK(Ccmp::header_pn(ch).value_or(0) == m_pn && Ccmp::header_key_id(ch) == 0);
	/* In place, as a transmit buffer is encrypted. */
	u8 buf[20];
	__builtin_memcpy(buf, m_plain, sizeof(buf));
	CHECK(k->encrypt(m_hdr, sizeof(m_hdr), m_pn, 0, ch, buf, buf, sizeof(buf), mic));
	CHECK(same(buf, m_cipher, 20) && same(mic, m_mic, 8));
	/* And back. */
	__builtin_memset(out, 0, sizeof(out));
	CHECK(k->decrypt(m_hdr, sizeof(m_hdr), m_ccmp_hdr, m_cipher, out, sizeof(out), m_mic));
	CHECK(same(out, m_plain, 20));
	return 0;
}

int ccmp_tampered(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Ccmp> k(new (Gfp::kernel(ctx)) Ccmp);
	CHECK(k && k->init(ctx, m_tk, sizeof(m_tk)));
	u8 c[20], out[20], hdr[24], mic[8], ch[8];
	__builtin_memset(out, 0x5a, sizeof(out));
	/* One ciphertext bit, the MIC, the PN, an address: each is refused, the output untouched. */
	__builtin_memcpy(c, m_cipher, sizeof(c));
	c[7] ^= 0x01;
	CHECK(k->decrypt(m_hdr, sizeof(m_hdr), m_ccmp_hdr, c, out, sizeof(out), m_mic).error() == -74);
	__builtin_memcpy(mic, m_mic, sizeof(mic));
	mic[7] ^= 0x80;
	CHECK(k->decrypt(m_hdr, sizeof(m_hdr), m_ccmp_hdr, m_cipher, out, sizeof(out), mic).error() == -74);
	__builtin_memcpy(ch, m_ccmp_hdr, sizeof(ch));
	ch[0] ^= 0x01;
	CHECK(k->decrypt(m_hdr, sizeof(m_hdr), ch, m_cipher, out, sizeof(out), m_mic).error() == -74);
	__builtin_memcpy(hdr, m_hdr, sizeof(hdr));
	hdr[15] ^= 0x01; /* address 2 (in the AAD and the nonce) */
	CHECK(k->decrypt(hdr, sizeof(hdr), m_ccmp_hdr, m_cipher, out, sizeof(out), m_mic).error() == -74);
	for (u8 b : out)
		CHECK(b == 0x5a);
	/* The masked fields are not authenticated: another sequence number, Retry clear. */
	__builtin_memcpy(hdr, m_hdr, sizeof(hdr));
	hdr[1] &= ~0x08;
	hdr[23] = 0x12;
	CHECK(k->decrypt(hdr, sizeof(hdr), m_ccmp_hdr, m_cipher, out, sizeof(out), m_mic));
	CHECK(same(out, m_plain, 20));
	/* Not CCMP (no Ext IV): refused before any cryptography. */
	ch[0] = m_ccmp_hdr[0];
	ch[3] = 0x00;
	CHECK(k->decrypt(m_hdr, sizeof(m_hdr), ch, m_cipher, out, sizeof(out), m_mic).error() == -22);
	return 0;
}

int ccmp_qos_a4(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Ccmp> k(new (Gfp::kernel(ctx)) Ccmp);
	CHECK(k && k->init(ctx, m_tk, sizeof(m_tk)));
	/* QoS data, ToDS and FromDS: 24 + 6 (address 4) + 2 (QoS control, TID 5). */
	u8 hdr[32] = {0x88, 0x43};
	for (int i = 4; i < 30; i++)
		hdr[i] = static_cast<u8>(i);
	hdr[30] = 0x05;
	CHECK(Ccmp::mac_header_len(hdr, sizeof(hdr)) == 32);
	CHECK(Ccmp::mac_header_len(hdr, 31) == 0);
	CHECK(Ccmp::tid(hdr, 32) == 5);
	struct Bufs {
		u8 body[1500], enc[1500], out[1500];
	};
	kcxx::Box<Bufs> b(new (Gfp::kernel(ctx)) Bufs);
	CHECK(b);
	u8 *body = b->body, *enc = b->enc, *out = b->out;
	u8 ch[8], mic[8];
	for (int i = 0; i < 1500; i++)
		body[i] = static_cast<u8>(i * 7);
	CHECK(k->encrypt(hdr, sizeof(hdr), 1, 2, ch, body, enc, 1500, mic));
	CHECK(Ccmp::header_key_id(ch) == 2 && Ccmp::header_pn(ch).value_or(0) == 1);
	CHECK(!same(enc, body, 64));
	CHECK(k->decrypt(hdr, sizeof(hdr), ch, enc, out, 1500, mic));
	CHECK(same(out, body, 1500));
	/* The TID is authenticated (AAD and nonce). */
	hdr[30] = 0x06;
	CHECK(k->decrypt(hdr, sizeof(hdr), ch, enc, out, 1500, mic).error() == -74);
	/* A PN past 48 bits and a header length that does not match are refused. */
	CHECK(k->encrypt(hdr, sizeof(hdr), Ccmp::pn_max + 1, 0, ch, body, enc, 16, mic).error() == -22);
	CHECK(k->encrypt(hdr, 24, 1, 0, ch, body, enc, 16, mic).error() == -22);
	return 0;
}

int aes_ccm_bounds(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<kcxx::AesCcm> c(new (Gfp::kernel(ctx)) kcxx::AesCcm);
	CHECK(c);
	u8 nonce[13] = {}, aad[8] = {}, in[64] = {}, out[64], mic[16];
	/* Empty: every operation is refused. */
	CHECK(c->encrypt(nonce, 13, aad, 8, in, out, 16, mic).error() == -22);
	CHECK(c->init(ctx, m_tk, 15, 8, 64).error() == -22);   /* key length */
	CHECK(c->init(ctx, m_tk, 16, 7, 64).error() == -22);   /* odd MIC */
	CHECK(c->init(ctx, m_tk, 16, 8, 0).error() == -22);    /* no room */
	CHECK(c->init(ctx, m_tk, 16, 8, 8192).error() == -22); /* too much room */
	CHECK(!*c);
	CHECK(c->init(ctx, m_tk, 16, 16, 64));
	CHECK(c->init(ctx, m_tk, 16, 16, 64).error() == -16);		       /* once */
	CHECK(c->encrypt(nonce, 13, aad, 8, in, out, 65, mic).error() == -22); /* past max_len */
	CHECK(c->encrypt(nonce, 14, aad, 8, in, out, 16, mic).error() == -22); /* nonce */
	CHECK(c->encrypt(nonce, 6, aad, 8, in, out, 16, mic).error() == -22);
	CHECK(c->encrypt(nonce, 13, aad, 33, in, out, 16, mic).error() == -22); /* AAD */
	/* Any context: with bottom halves off. */
	bool ok = kcxx::with_atomic([&](kcxx::AtomicContext &) {
		if (!c->encrypt(nonce, 13, aad, 8, in, out, 64, mic))
			return false;
		return static_cast<bool>(c->decrypt(nonce, 13, aad, 8, out, out, 64, mic));
	});
	CHECK(ok && same(out, in, 64));
	return 0;
}
} // namespace

extern "C" int kcxx_test_ccmp_known_answer(void)
{
	return run(ccmp_known_answer);
}
extern "C" int kcxx_test_ccmp_tampered(void)
{
	return run(ccmp_tampered);
}
extern "C" int kcxx_test_ccmp_qos_a4(void)
{
	return run(ccmp_qos_a4);
}
extern "C" int kcxx_test_aes_ccm_bounds(void)
{
	return run(aes_ccm_bounds);
}
