/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest memory the front-end shared with SET_MEM_TABLE: each region is an
 * mmap of a file descriptor the front-end passed.  Addresses are translated
 * two ways: guest physical addresses (descriptor buffers, DMA) and front-end
 * user addresses (vring addresses in SET_VRING_ADDR).  Every translation is
 * bounds-checked against a single region; an access that straddles regions or
 * leaves them fails.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/guest_memory.h"
#include "core/unique_fd.h"

namespace ipwmodel::vhost {

struct RegionSpec {
	std::uint64_t guest_addr;
	std::uint64_t size;
	std::uint64_t user_addr;
	std::uint64_t mmap_offset;
};

class MemoryMap final : public GuestMemory {
public:
	MemoryMap() = default;
	~MemoryMap() override;
	MemoryMap(const MemoryMap &) = delete;
	MemoryMap &operator=(const MemoryMap &) = delete;
	MemoryMap(MemoryMap &&other) noexcept;
	MemoryMap &operator=(MemoryMap &&other) noexcept;

	/*
	 * Map @spec from @fd (kept open only as long as needed: the mapping
	 * survives the close).  False (logged) on a zero or overflowing size,
	 * an overlap with an existing region, or an mmap failure.
	 */
	[[nodiscard]] bool add_region(const RegionSpec &spec, int fd);

	/* Host pointer for [gpa, gpa + len) or nullptr if not wholly inside one region. */
	[[nodiscard]] std::uint8_t *gpa_to_host(std::uint64_t gpa, std::uint64_t len) const;
	/* The same for front-end user addresses. */
	[[nodiscard]] std::uint8_t *uva_to_host(std::uint64_t uva, std::uint64_t len) const;

	[[nodiscard]] bool read(std::uint64_t gpa, void *dst, std::size_t len) override;
	[[nodiscard]] bool write(std::uint64_t gpa, const void *src, std::size_t len) override;

	[[nodiscard]] std::size_t region_count() const { return regions_.size(); }
	[[nodiscard]] bool empty() const { return regions_.empty(); }
	void clear();

private:
	struct Region {
		RegionSpec spec;
		void *map_base; /* what mmap returned */
		std::size_t map_len;
		std::uint8_t *host; /* host address of guest_addr */
	};

	std::vector<Region> regions_;
};

/* A GuestMemory that forwards to whatever MemoryMap is current (none: every access fails). */
class GuestMemoryProxy final : public GuestMemory {
public:
	void set(GuestMemory *target) { target_ = target; }
	[[nodiscard]] bool read(std::uint64_t gpa, void *dst, std::size_t len) override
	{
		return target_ != nullptr && target_->read(gpa, dst, len);
	}
	[[nodiscard]] bool write(std::uint64_t gpa, const void *src, std::size_t len) override
	{
		return target_ != nullptr && target_->write(gpa, src, len);
	}

private:
	GuestMemory *target_ = nullptr;
};

} // namespace ipwmodel::vhost
