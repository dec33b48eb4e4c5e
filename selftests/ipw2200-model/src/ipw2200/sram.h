/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The adapter's 192 KiB NIC SRAM (indirect addresses 0x0-0x2FFFF) and a
 * little-endian byte store helper shared with BAR0's shared-memory area.
 * Every access is bounds-checked; out-of-range accesses fail (return
 * false) and never touch memory.
 */
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace ipwmodel::ipw2200 {

class ByteStore {
public:
	explicit ByteStore(std::size_t size) : bytes_(size, 0) {}

	[[nodiscard]] std::size_t size() const { return bytes_.size(); }
	[[nodiscard]] bool contains(std::uint64_t addr, std::uint64_t len) const
	{
		return addr <= bytes_.size() && len <= bytes_.size() - addr;
	}
	[[nodiscard]] bool read(std::uint64_t addr, void *dst, std::size_t len) const
	{
		if (!contains(addr, len))
			return false;
		if (len != 0)
			std::memcpy(dst, bytes_.data() + addr, len);
		return true;
	}
	[[nodiscard]] bool write(std::uint64_t addr, const void *src, std::size_t len)
	{
		if (!contains(addr, len))
			return false;
		if (len != 0)
			std::memcpy(bytes_.data() + addr, src, len);
		return true;
	}
	/* Little-endian accessors; out of range reads give 0, writes are dropped. */
	[[nodiscard]] std::uint32_t le(std::uint64_t addr, unsigned size) const
	{
		std::uint32_t v = 0;

		if (size > 4 || !contains(addr, size))
			return 0;
		for (unsigned i = 0; i < size; i++)
			v |= static_cast<std::uint32_t>(bytes_[addr + i]) << (8 * i);
		return v;
	}
	[[nodiscard]] std::uint32_t le32(std::uint64_t addr) const { return le(addr, 4); }
	bool set_le(std::uint64_t addr, unsigned size, std::uint32_t value)
	{
		if (size > 4 || !contains(addr, size))
			return false;
		for (unsigned i = 0; i < size; i++)
			bytes_[addr + i] = static_cast<std::uint8_t>(value >> (8 * i));
		return true;
	}
	bool set_le32(std::uint64_t addr, std::uint32_t value) { return set_le(addr, 4, value); }
	void clear() { std::fill(bytes_.begin(), bytes_.end(), 0); }
	[[nodiscard]] const std::uint8_t *data() const { return bytes_.data(); }

private:
	std::vector<std::uint8_t> bytes_;
};

} // namespace ipwmodel::ipw2200
