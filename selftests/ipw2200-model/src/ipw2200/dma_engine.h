/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The host-to-SRAM DMA command-block engine (reference section 9).
 *
 * The host writes 16-byte command blocks {control, source, destination,
 * status = control ^ source ^ destination} into SRAM from CB_BASE
 * (0x27000), then writes START to the DMA control register.  The engine
 * walks the blocks while CB_VALID is set (at most 64), copies each block's
 * length bytes from host memory to SRAM and advances CURRENT_CB past it.
 * The transfer completes synchronously on the start write.
 *
 * Errors stop the walk at the failing block, with CURRENT_CB pointing at
 * it, so the host's progress poll times out as on hardware.  The control
 * register then reads back with kStatusError set (a model-defined bit; the
 * driver never reads the register except to dump it), and last_error()
 * says why.
 */
#pragma once

#include <cstdint>

#include "core/guest_memory.h"
#include "ipw2200/sram.h"

namespace ipwmodel::ipw2200 {

namespace cb {
inline constexpr std::uint32_t kValid = 0x80000000;
inline constexpr std::uint32_t kIntEnabled = 0x40000000;
inline constexpr std::uint32_t kLastValid = 0x20000000;
inline constexpr std::uint32_t kLengthMask = 0x1FFF;
inline constexpr unsigned kBlockSize = 16;
inline constexpr unsigned kMaxBlocks = 64;
} // namespace cb

namespace dmactl {
inline constexpr std::uint32_t kStart = 0x100;
inline constexpr std::uint32_t kStopAndAbort = 0xC00;
inline constexpr std::uint32_t kSmallCbConst = 0x00540000;
inline constexpr std::uint32_t kStatusError = 0x80000000; /* model-defined */
} // namespace dmactl

enum class DmaError {
	none,
	master_disabled, /* bus mastering off (PCI command or STOP_MASTER) */
	bad_base,	 /* CB_BASE outside SRAM */
	bad_checksum,	 /* status != control ^ source ^ destination */
	host_fault,	 /* source range outside guest memory */
	sram_bounds,	 /* destination range outside SRAM */
};

const char *dma_error_name(DmaError e);

struct DmaRun {
	unsigned blocks = 0;
	std::uint64_t bytes = 0;
	DmaError error = DmaError::none;
};

class DmaEngine {
public:
	void reset();

	void write_cb_base(std::uint32_t value);
	[[nodiscard]] std::uint32_t cb_base() const { return cb_base_; }
	[[nodiscard]] std::uint32_t current_cb() const { return current_cb_; }
	[[nodiscard]] std::uint32_t control() const
	{
		return control_ | (error_ != DmaError::none ? dmactl::kStatusError : 0);
	}
	[[nodiscard]] DmaError last_error() const { return error_; }

	/*
	 * Host write of the control register.  A start runs the chain now
	 * (when @master_enabled) and returns what it did.
	 */
	DmaRun write_control(std::uint32_t value, ByteStore &sram, GuestMemory *mem, bool master_enabled);

private:
	DmaRun run(ByteStore &sram, GuestMemory *mem);

	std::uint32_t cb_base_ = 0;
	std::uint32_t current_cb_ = 0;
	std::uint32_t control_ = 0;
	DmaError error_ = DmaError::none;
};

} // namespace ipwmodel::ipw2200
