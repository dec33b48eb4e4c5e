// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/wep.h"

#include <algorithm>
#include <utility>

namespace ipwmodel::ipw2200::wep {

namespace {

constexpr std::uint32_t kCrcPoly = 0xEDB88320U; /* 0x04C11DB7 bit-reversed */

constexpr std::array<std::uint32_t, 256> make_crc_table()
{
	std::array<std::uint32_t, 256> t{};

	for (std::uint32_t n = 0; n < t.size(); n++) {
		std::uint32_t c = n;

		for (int k = 0; k < 8; k++)
			c = (c & 1U) != 0 ? kCrcPoly ^ (c >> 1) : c >> 1;
		t[n] = c;
	}
	return t;
}

constexpr std::array<std::uint32_t, 256> kCrcTable = make_crc_table();

/* The per-packet RC4 key: IV || WEP key. */
std::vector<std::uint8_t> seed(const Iv &iv, std::span<const std::uint8_t> key)
{
	std::vector<std::uint8_t> s(iv.begin(), iv.end());

	s.insert(s.end(), key.begin(), key.end());
	return s;
}

} // namespace

std::uint32_t crc32(std::span<const std::uint8_t> data)
{
	std::uint32_t c = 0xFFFFFFFFU;

	for (const std::uint8_t b : data)
		c = kCrcTable[(c ^ b) & 0xFFU] ^ (c >> 8);
	return c ^ 0xFFFFFFFFU;
}

Rc4::Rc4(std::span<const std::uint8_t> key)
{
	static constexpr std::array<std::uint8_t, 1> kZero{0};

	if (key.empty())
		key = kZero;
	for (std::size_t n = 0; n < s_.size(); n++)
		s_[n] = static_cast<std::uint8_t>(n);
	std::uint8_t j = 0;

	for (std::size_t n = 0; n < s_.size(); n++) {
		j = static_cast<std::uint8_t>(j + s_[n] + key[n % key.size()]);
		std::swap(s_[n], s_[j]);
	}
}

std::uint8_t Rc4::next()
{
	i_ = static_cast<std::uint8_t>(i_ + 1);
	j_ = static_cast<std::uint8_t>(j_ + s_[i_]);
	std::swap(s_[i_], s_[j_]);
	return s_[static_cast<std::uint8_t>(s_[i_] + s_[j_])];
}

void Rc4::apply(std::span<std::uint8_t> data)
{
	for (std::uint8_t &b : data)
		b ^= next();
}

std::vector<std::uint8_t> encrypt(std::span<const std::uint8_t> key, const Iv &iv, std::uint8_t key_id,
				  std::span<const std::uint8_t> plaintext)
{
	std::vector<std::uint8_t> out(iv.begin(), iv.end());
	const std::uint32_t icv = crc32(plaintext);

	out.push_back(static_cast<std::uint8_t>((key_id & 3U) << 6));
	out.insert(out.end(), plaintext.begin(), plaintext.end());
	for (unsigned k = 0; k < kIcvLen; k++)
		out.push_back(static_cast<std::uint8_t>(icv >> (8 * k)));
	Rc4 rc4(seed(iv, key));

	rc4.apply(std::span(out).subspan(kIvLen));
	return out;
}

std::optional<std::vector<std::uint8_t>> decrypt(std::span<const std::uint8_t> key, std::span<const std::uint8_t> body)
{
	if (body.size() < kIvLen + kIcvLen)
		return std::nullopt;
	const Iv iv{body[0], body[1], body[2]};
	std::vector<std::uint8_t> out(body.begin() + kIvLen, body.end());
	Rc4 rc4(seed(iv, key));

	rc4.apply(out);
	const std::size_t n = out.size() - kIcvLen;
	std::uint32_t icv = 0;

	for (unsigned k = 0; k < kIcvLen; k++)
		icv |= static_cast<std::uint32_t>(out[n + k]) << (8 * k);
	if (icv != crc32(std::span(out).first(n)))
		return std::nullopt;
	return out;
}

} // namespace ipwmodel::ipw2200::wep
