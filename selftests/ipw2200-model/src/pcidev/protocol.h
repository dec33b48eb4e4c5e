/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UML "PCI over virtio" wire format (include/uapi/linux/virtio_pcidev.h):
 * every message starts with this 16-byte header; write data follows it in
 * the readable part of the chain, read data goes to the writable part.
 */
#pragma once

#include <cstdint>

namespace ipwmodel::pcidev {

enum class Op : std::uint8_t {
	reserved = 0,
	cfg_read = 1,
	cfg_write = 2,
	mmio_read = 3,
	mmio_write = 4,
	mmio_memset = 5,
	intx = 6, /* addr = pin, 1..4 (INTA..INTD) */
	msi = 7,
	pme = 8,
};

struct [[gnu::packed]] MsgHeader {
	std::uint8_t op;
	std::uint8_t bar;
	std::uint16_t reserved;
	std::uint32_t size;
	std::uint64_t addr;
};
static_assert(sizeof(MsgHeader) == 16);

constexpr unsigned kNumQueues = 2;
constexpr unsigned kCmdQueue = 0;
constexpr unsigned kIrqQueue = 1;
constexpr std::uint64_t kPinA = 1;
constexpr std::uint32_t kConfigSpaceSize = 4096;
constexpr unsigned kNumBars = 6;
/* Largest BAR copy (memcpy_fromio/toio, memset_io) served in one message. */
constexpr std::uint32_t kMaxMmioSize = 65536;

} // namespace ipwmodel::pcidev
