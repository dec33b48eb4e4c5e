// SPDX-License-Identifier: GPL-2.0
/*
 * CCMP (src/ipw2200/ccmp.h) against published vectors, and the firmware's
 * hardware CCMP (hw_crypto.h) on transmit and receive.
 */
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "ipw2200/ccmp.h"
#include "ipw2200/hw_crypto.h"
#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

using test::host_cmd;

using Bytes = std::vector<std::uint8_t>;

Bytes hex(const std::string &s)
{
	Bytes b;

	for (std::size_t i = 0; i + 1 < s.size(); i += 2)
		b.push_back(static_cast<std::uint8_t>(std::stoi(s.substr(i, 2), nullptr, 16)));
	return b;
}

template <std::size_t N> std::span<const std::uint8_t, N> fixed(const Bytes &b)
{
	return std::span<const std::uint8_t, N>(b.data(), N);
}

TEST(Aes128, Fips197AppendixC1)
{
	const Bytes key = hex("000102030405060708090a0b0c0d0e0f");
	const Bytes pt = hex("00112233445566778899aabbccddeeff");
	ccmp::Block in{};

	std::copy(pt.begin(), pt.end(), in.begin());
	const ccmp::Block out = ccmp::Aes128(fixed<16>(key)).encrypt(in);

	EXPECT_EQ(Bytes(out.begin(), out.end()), hex("69c4e0d86a7b0430d8cdb78070b4c55a"));
}

TEST(Ccm, Rfc3610PacketVector1)
{
	const Bytes key = hex("c0c1c2c3c4c5c6c7c8c9cacbcccdcecf");
	const Bytes nonce = hex("00000003020100a0a1a2a3a4a5");
	const Bytes aad = hex("0001020304050607");
	const Bytes pt = hex("08090a0b0c0d0e0f101112131415161718191a1b1c1d1e");
	const Bytes sealed = ccmp::ccm_encrypt(fixed<16>(key), fixed<13>(nonce), aad, pt);

	EXPECT_EQ(sealed, hex("588c979a61c663d2f066d0c2c0f989806d5f6b61dac38417e8d12cfdf926e0"));
	const auto back = ccmp::ccm_decrypt(fixed<16>(key), fixed<13>(nonce), aad, sealed);

	ASSERT_TRUE(back.has_value());
	EXPECT_EQ(*back, pt);
	Bytes bad = sealed;

	bad.back() ^= 1;
	EXPECT_FALSE(ccmp::ccm_decrypt(fixed<16>(key), fixed<13>(nonce), aad, bad).has_value());
}

/* IEEE 802.11 (Annex J/M) CCMP test vector: TK, PN, header, plaintext. */
struct Ieee80211Vector {
	Bytes tk = hex("c97c1f67ce371185514a8a19f2bdd52f");
	std::uint64_t pn = 0xB5039776E70CULL;
	Bytes hdr = hex("0848c32c0fd2e128a57c5030f1844408abaea5b8fcba8033");
	Bytes pt = hex("f8ba1a55d02f85ae967bb62fb6cda8eb7e78a050");
	Bytes mpdu_body = hex("0ce70020769703b5f3d0a2fe9a3dbf2342a643e43246e80c3c04d0197845ce0b16f97623");
};

TEST(Ccmp, Ieee80211TestVector)
{
	const Ieee80211Vector v;
	const Bytes body = ccmp::encrypt(fixed<16>(v.tk), v.hdr, v.pn, 0, v.pt);

	EXPECT_EQ(body, v.mpdu_body);
	EXPECT_EQ(ccmp::packet_number(body), v.pn);
	const auto plain = ccmp::decrypt(fixed<16>(v.tk), v.hdr, body);

	ASSERT_TRUE(plain.has_value());
	EXPECT_EQ(*plain, v.pt);
	/* The AAD covers the addresses. */
	Bytes other = v.hdr;

	other[4] ^= 1;
	EXPECT_FALSE(ccmp::decrypt(fixed<16>(v.tk), other, body).has_value());
}

const Bytes kPtk = hex("000102030405060708090a0b0c0d0e0f");
const Bytes kGtk = hex("f0e0d0c0b0a090807060504030201000");

/* TGI_TX_KEY (reference 14.9) for the CCMP key @key with id @id. */
Bytes tgi_tx_key(std::uint8_t id, const Bytes &key)
{
	Bytes c(28, 0);

	c[0] = id;
	c[1] = 0x08;
	std::copy(key.begin(), key.end(), c.begin() + 4);
	return c;
}

Bytes ccm_wep_key(std::uint8_t index, const Bytes &key)
{
	Bytes c(20, 0);

	c[0] = 0x08;
	c[2] = static_cast<std::uint8_t>(index | 0x20);
	c[3] = 16;
	std::copy(key.begin(), key.end(), c.begin() + 4);
	return c;
}

Bytes header(std::uint8_t fc1, std::uint8_t a1_first)
{
	Bytes h = {0x08, fc1, 0, 0, a1_first, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 3, 0, 0};
	return h;
}

TEST(HwCryptoCcmp, TransmitWithTheTgiKey)
{
	HwCrypto c;
	const Bytes hdr = header(0x41, 0x02); /* ToDS | Protected */
	Bytes f = hdr;

	f.insert(f.end(), {0xAA, 0xAA, 3, 0, 0, 0, 0x08, 0x00, 'h', 'i'});
	const Bytes plain(f.begin() + 24, f.end());
	Bytes g = f;

	EXPECT_FALSE(c.transmit(TxInfo{0x80, 0x08, 0x20}, g)); /* no key yet */
	c.on_command(host_cmd(cmd::kTgiTxKey, tgi_tx_key(0, kPtk)));
	ASSERT_TRUE(c.transmit(TxInfo{0x80, 0x08, 0x20}, f));
	ASSERT_EQ(f.size(), 24U + 8U + plain.size() + 8U);
	EXPECT_EQ(f[27], 0x20); /* Extended IV, key id 0 */
	EXPECT_EQ(ccmp::packet_number(std::span(f).subspan(24)), 1U);
	const auto back = ccmp::decrypt(fixed<16>(kPtk), std::span(f).first(24), std::span(f).subspan(24));

	ASSERT_TRUE(back.has_value());
	EXPECT_EQ(*back, plain);
	g = hdr;
	ASSERT_TRUE(c.transmit(TxInfo{0x80, 0x08, 0x20}, g));
	EXPECT_EQ(ccmp::packet_number(std::span(g).subspan(24)), 2U);
	EXPECT_EQ(c.stats().ccmp_encrypted, 2U);
	EXPECT_EQ(c.stats().tx_no_key, 1U);
}

TEST(HwCryptoCcmp, ReceiveDecryptsUnicastAndGroupFrames)
{
	HwCrypto c;
	Bytes sys(20, 0); /* SYSTEM_CONFIG, decryption on */

	c.on_command(host_cmd(cmd::kSystemConfig, sys));
	c.on_command(host_cmd(cmd::kTgiTxKey, tgi_tx_key(0, kPtk)));
	c.on_command(host_cmd(cmd::kWepKey, ccm_wep_key(1, kGtk)));
	const Bytes text = {'d', 'a', 't', 'a'};
	const auto make = [&text](std::uint8_t a1, const Bytes &key, std::uint8_t id) {
		Bytes f = header(0x42, a1); /* FromDS | Protected */
		const Bytes body = ccmp::encrypt(fixed<16>(key), f, 7, id, text);

		f.insert(f.end(), body.begin(), body.end());
		return f;
	};
	Bytes uni = make(0x02, kPtk, 0);
	const Bytes uni_enc = uni;

	EXPECT_EQ(c.receive(uni), HwCrypto::Rx::decrypted);
	ASSERT_EQ(uni.size(), uni_enc.size());
	EXPECT_TRUE(std::equal(uni_enc.begin(), uni_enc.begin() + 32, uni.begin()));
	EXPECT_EQ(Bytes(uni.begin() + 32, uni.end() - 8), text);
	Bytes grp = make(0x01, kGtk, 1);

	EXPECT_EQ(c.receive(grp), HwCrypto::Rx::decrypted);
	EXPECT_EQ(Bytes(grp.begin() + 32, grp.end() - 8), text);
	Bytes bad = make(0x01, kPtk, 1); /* wrong key for id 1 */

	EXPECT_EQ(c.receive(bad), HwCrypto::Rx::drop);
	Bytes unknown = make(0x01, kGtk, 2);

	EXPECT_EQ(c.receive(unknown), HwCrypto::Rx::as_is);
	EXPECT_EQ(c.stats().ccmp_decrypted, 2U);
	EXPECT_EQ(c.stats().ccmp_mic_errors, 1U);
	EXPECT_EQ(c.stats().ccm_keys_set, 1U);
	EXPECT_EQ(c.stats().tgi_keys_set, 1U);
}

} // namespace
} // namespace ipwmodel::ipw2200
