// SPDX-License-Identifier: GPL-2.0
#include "vhost/memory_map.h"

#include <sys/mman.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "core/log.h"

namespace ipwmodel::vhost {

namespace {

/* [addr, addr + len) inside [base, base + size)?  Overflow-safe; len 0 is inside if addr is. */
bool range_inside(std::uint64_t addr, std::uint64_t len, std::uint64_t base, std::uint64_t size)
{
	if (addr < base)
		return false;
	const std::uint64_t off = addr - base;

	return off < size && len <= size - off;
}

bool ranges_overlap(std::uint64_t a, std::uint64_t alen, std::uint64_t b, std::uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

} // namespace

MemoryMap::~MemoryMap()
{
	clear();
}

MemoryMap::MemoryMap(MemoryMap &&other) noexcept : regions_(std::move(other.regions_))
{
	other.regions_.clear();
}

MemoryMap &MemoryMap::operator=(MemoryMap &&other) noexcept
{
	if (this != &other) {
		clear();
		regions_ = std::move(other.regions_);
		other.regions_.clear();
	}
	return *this;
}

void MemoryMap::clear()
{
	for (const Region &r : regions_)
		(void)munmap(r.map_base, r.map_len);
	regions_.clear();
}

bool MemoryMap::add_region(const RegionSpec &spec, int fd)
{
	const std::uint64_t end_limit = UINT64_MAX;

	if (spec.size == 0 || spec.guest_addr > end_limit - spec.size || spec.user_addr > end_limit - spec.size ||
	    spec.mmap_offset > end_limit - spec.size) {
		LOG_ERROR("memory region gpa 0x%llx size 0x%llx: bad size",
			  static_cast<unsigned long long>(spec.guest_addr), static_cast<unsigned long long>(spec.size));
		return false;
	}
	for (const Region &r : regions_) {
		if (ranges_overlap(spec.guest_addr, spec.size, r.spec.guest_addr, r.spec.size) ||
		    ranges_overlap(spec.user_addr, spec.size, r.spec.user_addr, r.spec.size)) {
			LOG_ERROR("memory region gpa 0x%llx overlaps another",
				  static_cast<unsigned long long>(spec.guest_addr));
			return false;
		}
	}
	/* mmap wants a page-aligned file offset: map from the page below. */
	const auto page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
	const std::uint64_t lead = spec.mmap_offset % page;
	const std::uint64_t map_len = spec.size + lead;

	if (map_len < spec.size || map_len > SIZE_MAX) {
		LOG_ERROR("memory region too large");
		return false;
	}
	void *base = mmap(nullptr, static_cast<std::size_t>(map_len), PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			  static_cast<off_t>(spec.mmap_offset - lead));

	if (base == MAP_FAILED) {
		LOG_ERROR("mmap of memory region (fd %d, offset 0x%llx, size 0x%llx): %s", fd,
			  static_cast<unsigned long long>(spec.mmap_offset), static_cast<unsigned long long>(spec.size),
			  std::strerror(errno));
		return false;
	}
	regions_.push_back(
		Region{spec, base, static_cast<std::size_t>(map_len), static_cast<std::uint8_t *>(base) + lead});
	return true;
}

std::uint8_t *MemoryMap::gpa_to_host(std::uint64_t gpa, std::uint64_t len) const
{
	for (const Region &r : regions_) {
		if (range_inside(gpa, len, r.spec.guest_addr, r.spec.size))
			return r.host + (gpa - r.spec.guest_addr);
	}
	return nullptr;
}

std::uint8_t *MemoryMap::uva_to_host(std::uint64_t uva, std::uint64_t len) const
{
	for (const Region &r : regions_) {
		if (range_inside(uva, len, r.spec.user_addr, r.spec.size))
			return r.host + (uva - r.spec.user_addr);
	}
	return nullptr;
}

bool MemoryMap::read(std::uint64_t gpa, void *dst, std::size_t len)
{
	const std::uint8_t *p = gpa_to_host(gpa, len);

	if (p == nullptr)
		return false;
	std::memcpy(dst, p, len);
	return true;
}

bool MemoryMap::write(std::uint64_t gpa, const void *src, std::size_t len)
{
	std::uint8_t *p = gpa_to_host(gpa, len);

	if (p == nullptr)
		return false;
	std::memcpy(p, src, len);
	return true;
}

} // namespace ipwmodel::vhost
