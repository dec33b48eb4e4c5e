// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/dma_engine.h"

#include <array>

namespace ipwmodel::ipw2200 {

const char *dma_error_name(DmaError e)
{
	switch (e) {
	case DmaError::none:
		return "none";
	case DmaError::master_disabled:
		return "master_disabled";
	case DmaError::bad_base:
		return "bad_base";
	case DmaError::bad_checksum:
		return "bad_checksum";
	case DmaError::host_fault:
		return "host_fault";
	case DmaError::sram_bounds:
		return "sram_bounds";
	}
	return "unknown";
}

void DmaEngine::reset()
{
	cb_base_ = current_cb_ = control_ = 0;
	error_ = DmaError::none;
}

void DmaEngine::write_cb_base(std::uint32_t value)
{
	cb_base_ = value;
	current_cb_ = value;
}

DmaRun DmaEngine::write_control(std::uint32_t value, ByteStore &sram, GuestMemory *mem, bool master_enabled)
{
	control_ = value;
	if (value & dmactl::kStopAndAbort)
		return {};
	if (!(value & dmactl::kStart))
		return {};
	error_ = DmaError::none;
	current_cb_ = cb_base_;
	if (!master_enabled || mem == nullptr) {
		error_ = DmaError::master_disabled;
		return {0, 0, error_};
	}
	return run(sram, mem);
}

DmaRun DmaEngine::run(ByteStore &sram, GuestMemory *mem)
{
	struct Block {
		std::uint32_t at, control, src, dst, status;
	};
	DmaRun r;
	std::array<Block, cb::kMaxBlocks> blocks{};
	unsigned n = 0;
	std::array<std::uint8_t, cb::kLengthMask> buf{};

	if (!sram.contains(cb_base_, cb::kBlockSize)) {
		error_ = r.error = DmaError::bad_base;
		return r;
	}
	/*
	 * Fetch the chain first, so that a payload landing on the command-block
	 * area cannot rewrite blocks still to be processed.
	 */
	for (; n < cb::kMaxBlocks; n++) {
		const std::uint32_t at = cb_base_ + n * cb::kBlockSize;
		if (!sram.contains(at, cb::kBlockSize))
			break;
		blocks[n] = {at, sram.le32(at), sram.le32(at + 4), sram.le32(at + 8), sram.le32(at + 12)};
		if (!(blocks[n].control & cb::kValid))
			break;
		if (blocks[n].control & cb::kLastValid) {
			n++;
			break;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		const Block &b = blocks[i];
		if ((b.control ^ b.src ^ b.dst) != b.status) {
			r.error = DmaError::bad_checksum;
			break;
		}
		const std::uint32_t len = b.control & cb::kLengthMask;
		if (!sram.contains(b.dst, len)) {
			r.error = DmaError::sram_bounds;
			break;
		}
		if (!mem->read(b.src, buf.data(), len)) {
			r.error = DmaError::host_fault;
			break;
		}
		(void)sram.write(b.dst, buf.data(), len);
		r.blocks++;
		r.bytes += len;
		current_cb_ = b.at + cb::kBlockSize;
	}
	error_ = r.error;
	return r;
}

} // namespace ipwmodel::ipw2200
