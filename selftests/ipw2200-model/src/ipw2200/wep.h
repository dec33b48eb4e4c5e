/* SPDX-License-Identifier: GPL-2.0 */
/*
 * WEP (IEEE 802.11-2020 12.3.2), the cipher the 2200BG's firmware applies
 * when the host asks for hardware encryption, and its two building blocks:
 *
 * - RC4: the key-scheduling algorithm over a 256-byte permutation, then
 *   the pseudo-random generation algorithm; the key stream is XORed into
 *   the data.
 * - CRC-32 as IEEE 802.3 defines it (the FCS polynomial 0x04C11DB7,
 *   processed bit-reversed as 0xEDB88320, initial value and final XOR
 *   0xFFFFFFFF); the ICV is this CRC over the plaintext, little-endian.
 *
 * A WEP MPDU body is IV (3 bytes), key-id octet (key index in bits 7:6),
 * then RC4(IV || key) applied to plaintext || ICV.
 */
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ipwmodel::ipw2200::wep {

inline constexpr std::size_t kIvLen = 4; /* IV + key-id octet */
inline constexpr std::size_t kIcvLen = 4;
inline constexpr std::size_t kMaxKeyLen = 16;

using Iv = std::array<std::uint8_t, 3>;

/* CRC-32 (IEEE 802.3) of @data. */
std::uint32_t crc32(std::span<const std::uint8_t> data);

/* An RC4 key stream. */
class Rc4 {
public:
	/* Runs the key schedule over @key (1 to 256 bytes; an empty key is
	 * treated as one zero byte). */
	explicit Rc4(std::span<const std::uint8_t> key);

	/* The next key-stream byte. */
	std::uint8_t next();
	/* XORs the next @data.size() key-stream bytes into @data. */
	void apply(std::span<std::uint8_t> data);

private:
	std::array<std::uint8_t, 256> s_{};
	std::uint8_t i_ = 0;
	std::uint8_t j_ = 0;
};

/*
 * The WEP body for @plaintext under @key (1 to kMaxKeyLen bytes), @iv and
 * key index @key_id (0-3): IV, key-id octet, encrypted plaintext and ICV.
 */
std::vector<std::uint8_t> encrypt(std::span<const std::uint8_t> key, const Iv &iv, std::uint8_t key_id,
				  std::span<const std::uint8_t> plaintext);

/*
 * Decrypts the WEP body @body (IV, key-id octet, ciphertext, ICV) with
 * @key: plaintext || ICV as the receiver sees it after RC4, or nothing if
 * the body is too short or the ICV does not match.
 */
std::optional<std::vector<std::uint8_t>> decrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> body);

/* The key index of a WEP body (bits 7:6 of the key-id octet); @body must
 * hold at least kIvLen bytes. */
inline std::uint8_t key_id(std::span<const std::uint8_t> body)
{
	return static_cast<std::uint8_t>(body[3] >> 6);
}

/* Whether the key-id octet has the Extended IV bit (TKIP and CCMP, not WEP). */
inline bool ext_iv(std::span<const std::uint8_t> body)
{
	return (body[3] & 0x20U) != 0;
}

} // namespace ipwmodel::ipw2200::wep
