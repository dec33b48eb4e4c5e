/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest physical memory as the device sees it for DMA.  Every access is
 * bounds-checked: a DMA address outside the memory the guest shared is an
 * error the device must handle the way hardware would (a DMA error), never a
 * crash of the model.
 */
#pragma once

#include <cstddef>
#include <cstdint>

namespace ipwmodel {

class GuestMemory {
public:
	virtual ~GuestMemory() = default;
	/* Copy [gpa, gpa + len) out of the guest; false if any byte lies outside. */
	[[nodiscard]] virtual bool read(std::uint64_t gpa, void *dst, std::size_t len) = 0;
	/* Copy into the guest; false (and nothing written) if any byte lies outside. */
	[[nodiscard]] virtual bool write(std::uint64_t gpa, const void *src, std::size_t len) = 0;
};

} // namespace ipwmodel
