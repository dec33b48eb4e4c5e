/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading and writing the fields of 802.11 frames as bytes: little-endian
 * 16-bit fields, addresses, information elements.  Shared by the medium and
 * the firmware models that build and parse frames.
 */
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "medium/medium.h"

namespace ipwmodel::medium {

/* The little-endian 16-bit field at @off; the caller checked the length. */
inline std::uint16_t le16(std::span<const std::uint8_t> b, std::size_t off)
{
	return static_cast<std::uint16_t>(b[off] | b[off + 1] << 8);
}

inline void put_le16(std::vector<std::uint8_t> &b, std::uint16_t v)
{
	b.push_back(static_cast<std::uint8_t>(v & 0xFF));
	b.push_back(static_cast<std::uint8_t>(v >> 8));
}

/* Information element @id with value @v (at most 255 bytes). */
inline void put_ie(std::vector<std::uint8_t> &b, std::uint8_t id, std::span<const std::uint8_t> v)
{
	b.push_back(id);
	b.push_back(static_cast<std::uint8_t>(v.size()));
	b.insert(b.end(), v.begin(), v.end());
}

/* The address at @off; all zeros if the frame is too short for it. */
inline MacAddr addr_at(std::span<const std::uint8_t> b, std::size_t off)
{
	MacAddr a{};

	if (b.size() >= off + a.size())
		std::copy_n(b.begin() + static_cast<std::ptrdiff_t>(off), a.size(), a.begin());
	return a;
}

inline bool is_group(const MacAddr &a)
{
	return (a[0] & 1U) != 0;
}

} // namespace ipwmodel::medium
