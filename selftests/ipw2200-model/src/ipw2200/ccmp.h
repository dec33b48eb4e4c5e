/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CCMP (IEEE 802.11-2020 12.5.3), the cipher of the 2200BG firmware's
 * hardware crypto for WPA2, and its building blocks:
 *
 * - AES-128 encryption (FIPS 197): the S-box is derived from the
 *   multiplicative inverse in GF(2^8) and the affine map, the key schedule
 *   gives 11 round keys, 10 rounds.
 * - CCM (RFC 3610, NIST SP 800-38C) with an 8-byte MIC and a 2-byte length
 *   field (13-byte nonce), as CCMP uses it.
 * - The CCMP MPDU: CCMP header {PN0, PN1, 0, 0x20 | key id << 6, PN2..PN5},
 *   then the CCM ciphertext and MIC, with the AAD and nonce built from the
 *   802.11 header (12.5.3.3.3, 12.5.3.3.4).
 */
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace ipwmodel::ipw2200::ccmp {

inline constexpr std::size_t kKeyLen = 16;
inline constexpr std::size_t kHeaderLen = 8;
inline constexpr std::size_t kMicLen = 8;
inline constexpr std::size_t kNonceLen = 13;

using Block = std::array<std::uint8_t, 16>;

/* AES with a 128-bit key, encryption only (all CCM needs). */
class Aes128 {
public:
	explicit Aes128(std::span<const std::uint8_t, kKeyLen> key);
	[[nodiscard]] Block encrypt(const Block &in) const;

private:
	std::array<Block, 11> round_keys_{};
};

/* CCM with M = 8, L = 2: ciphertext || MIC of @plaintext. */
std::vector<std::uint8_t> ccm_encrypt(std::span<const std::uint8_t, kKeyLen> key,
				      std::span<const std::uint8_t, kNonceLen> nonce, std::span<const std::uint8_t> aad,
				      std::span<const std::uint8_t> plaintext);
/* The plaintext of @sealed (ciphertext || MIC), or nothing if the MIC fails. */
std::optional<std::vector<std::uint8_t>> ccm_decrypt(std::span<const std::uint8_t, kKeyLen> key,
						     std::span<const std::uint8_t, kNonceLen> nonce,
						     std::span<const std::uint8_t> aad,
						     std::span<const std::uint8_t> sealed);

/*
 * The CCMP body for the data frame with 802.11 header @hdr (24, 26, 30 or
 * 32 bytes) and @plaintext, under @key, packet number @pn (48 bits) and
 * key index @key_id: CCMP header, ciphertext, MIC.
 */
std::vector<std::uint8_t> encrypt(std::span<const std::uint8_t, kKeyLen> key, std::span<const std::uint8_t> hdr,
				  std::uint64_t pn, std::uint8_t key_id, std::span<const std::uint8_t> plaintext);
/* The plaintext of CCMP body @body after header @hdr, or nothing. */
std::optional<std::vector<std::uint8_t>> decrypt(std::span<const std::uint8_t, kKeyLen> key,
						 std::span<const std::uint8_t> hdr, std::span<const std::uint8_t> body);

/* The packet number in CCMP header @body (at least kHeaderLen bytes). */
std::uint64_t packet_number(std::span<const std::uint8_t> body);

} // namespace ipwmodel::ipw2200::ccmp
