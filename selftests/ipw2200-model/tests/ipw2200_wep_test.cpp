// SPDX-License-Identifier: GPL-2.0
/*
 * WEP (src/ipw2200/wep.h): RC4 and CRC-32 against published test vectors,
 * the WEP encapsulation against an independent implementation.
 */
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "ipw2200/wep.h"

namespace ipwmodel::ipw2200 {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes bytes(std::string_view s)
{
	return {s.begin(), s.end()};
}

Bytes keystream(const Bytes &key, std::size_t skip, std::size_t n)
{
	wep::Rc4 rc4(key);
	Bytes out(n, 0);

	for (std::size_t i = 0; i < skip; i++)
		(void)rc4.next();
	rc4.apply(out);
	return out;
}

TEST(Crc32, CheckValueOfIeee8023)
{
	/* The catalogue check value of CRC-32/ISO-HDLC ("123456789"). */
	EXPECT_EQ(wep::crc32(bytes("123456789")), 0xCBF43926U);
	EXPECT_EQ(wep::crc32({}), 0U);
	EXPECT_EQ(wep::crc32(bytes("The quick brown fox jumps over the lazy dog")), 0x414FA339U);
}

TEST(Rc4, Rfc6229KeyStreams)
{
	/* RFC 6229, 40-bit key 0x0102030405, offsets 0 and 16. */
	const Bytes k40 = {1, 2, 3, 4, 5};

	EXPECT_EQ(keystream(k40, 0, 32),
		  (Bytes{0xb2, 0x39, 0x63, 0x05, 0xf0, 0x3d, 0xc0, 0x27, 0xcc, 0xc3, 0x52,
			 0x4a, 0x0a, 0x11, 0x18, 0xa8, 0x69, 0x82, 0x94, 0x4f, 0x18, 0xfc,
			 0x82, 0xd5, 0x89, 0xc4, 0x03, 0xa4, 0x7a, 0x0d, 0x09, 0x19}));
	/* 128-bit key 0x0102...10, offsets 0 and 4096. */
	Bytes k128(16);

	for (std::size_t i = 0; i < k128.size(); i++)
		k128[i] = static_cast<std::uint8_t>(i + 1);
	EXPECT_EQ(keystream(k128, 0, 16),
		  (Bytes{0x9a, 0xc7, 0xcc, 0x9a, 0x60, 0x9d, 0x1e, 0xf7, 0xb2, 0x93, 0x28,
			 0x99, 0xcd, 0xe4, 0x1b, 0x97}));
	EXPECT_EQ(keystream(k128, 4096, 16),
		  (Bytes{0xa3, 0x6a, 0x4c, 0x30, 0x1a, 0xe8, 0xac, 0x13, 0x61, 0x0c, 0xcb,
			 0xc1, 0x22, 0x56, 0xca, 0xcc}));
}

TEST(Rc4, ClassicPlaintextVectors)
{
	const auto enc = [](std::string_view key, std::string_view text) {
		Bytes b = bytes(text);
		wep::Rc4 rc4(bytes(key));

		rc4.apply(b);
		return b;
	};

	EXPECT_EQ(enc("Key", "Plaintext"),
		  (Bytes{0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3}));
	EXPECT_EQ(enc("Wiki", "pedia"), (Bytes{0x10, 0x21, 0xBF, 0x04, 0x20}));
	EXPECT_EQ(enc("Secret", "Attack at dawn"),
		  (Bytes{0x45, 0xA0, 0x1F, 0x64, 0x5F, 0xC3, 0x5B, 0x38, 0x35, 0x52, 0x54,
			 0x4B, 0x9B, 0xF5}));
}

TEST(Wep, EncapsulationMatchesAReferenceImplementation)
{
	/* Computed with an independent RC4 and zlib's CRC-32. */
	const Bytes body = wep::encrypt(bytes("12345"), {1, 2, 3}, 2, bytes("hello wep"));

	EXPECT_EQ(body, (Bytes{0x01, 0x02, 0x03, 0x80, 0x09, 0xfe, 0x85, 0x58, 0xbc, 0xb9,
			       0x8d, 0x17, 0xa4, 0x8d, 0x3e, 0xfb, 0xc1}));
	EXPECT_EQ(wep::key_id(body), 2);
	EXPECT_FALSE(wep::ext_iv(body));

	Bytes k104(13);
	Bytes text(40);

	for (std::size_t i = 0; i < k104.size(); i++)
		k104[i] = static_cast<std::uint8_t>(0x10 + i);
	for (std::size_t i = 0; i < text.size(); i++)
		text[i] = static_cast<std::uint8_t>(i);
	const Bytes b104 = wep::encrypt(k104, {0xaa, 0xbb, 0xcc}, 0, text);

	EXPECT_EQ(b104.size(), 4U + 40U + 4U);
	EXPECT_EQ(Bytes(b104.begin() + 4, b104.begin() + 12),
		  (Bytes{0x1d, 0x71, 0x1b, 0xce, 0xc7, 0x55, 0xd2, 0xf9}));
	EXPECT_EQ(Bytes(b104.end() - 4, b104.end()), (Bytes{0xb2, 0x92, 0x50, 0x1f}));
}

TEST(Wep, DecryptChecksTheIcv)
{
	const Bytes key = bytes("abcde");
	Bytes body = wep::encrypt(key, {9, 8, 7}, 1, bytes("payload"));
	const auto plain = wep::decrypt(key, body);

	ASSERT_TRUE(plain.has_value());
	EXPECT_EQ(Bytes(plain->begin(), plain->end() - 4), bytes("payload"));
	EXPECT_FALSE(wep::decrypt(bytes("abcdf"), body).has_value());
	body[6] ^= 1;
	EXPECT_FALSE(wep::decrypt(key, body).has_value());
	EXPECT_FALSE(wep::decrypt(key, Bytes(7, 0)).has_value());
}

} // namespace
} // namespace ipwmodel::ipw2200
