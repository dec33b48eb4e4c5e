// SPDX-License-Identifier: GPL-2.0
/*
 * transport/fw.cpp: firmware file validation.
 */
#include <kcxx/errno.h>

#include "fw.h"
#include "regs.h"

namespace ipw {

namespace {

constexpr size_t header_size = 16;

/* Walk one chunk stream; on success return the number of DMA pieces it needs. */
kcxx::Result<unsigned int> check_image(const kcxx::Device &dev, const char *name, const char *what, kcxx::Bytes image)
{
	size_t off = 0;
	unsigned int chunk = 0;
	unsigned int pieces = 0;

	if (!image.size()) {
		dev.err("%s: the %s image is empty\n", name, what);
		return kcxx::Err(kcxx::err::inval);
	}
	while (off < image.size()) {
		if (image.size() - off < 8) {
			dev.err("%s: %s image: chunk %u header at offset %zu runs past the image end (%zu bytes)\n",
				name, what, chunk, off, image.size());
			return kcxx::Err(kcxx::err::inval);
		}
		u32 dest = image.read_le32(off).value_or(0);
		u32 len = image.read_le32(off + 4).value_or(0);
		if (!len) {
			dev.err("%s: %s image: chunk %u at offset %zu is empty\n", name, what, chunk, off);
			return kcxx::Err(kcxx::err::inval);
		}
		if (len > image.size() - off - 8) {
			dev.err("%s: %s image: chunk %u (%u bytes at offset %zu) runs past the image end (%zu bytes)\n",
				name, what, chunk, len, off, image.size());
			return kcxx::Err(kcxx::err::inval);
		}
		if (dest >= regs::sram_size || len > regs::sram_size - dest) {
			dev.err("%s: %s image: chunk %u writes SRAM 0x%x..0x%llx, beyond the 0x%x-byte SRAM\n", name,
				what, chunk, dest, static_cast<unsigned long long>(dest) + len - 1, regs::sram_size);
			return kcxx::Err(kcxx::err::inval);
		}
		if (dest < regs::sram_dma_cb + 16 * regs::cb_max_blocks && dest + len > regs::sram_dma_cb) {
			dev.err("%s: %s image: chunk %u (SRAM 0x%x, %u bytes) overlaps the DMA command blocks at "
				"0x%x\n",
				name, what, chunk, dest, len, regs::sram_dma_cb);
			return kcxx::Err(kcxx::err::inval);
		}
		pieces += (len + regs::cb_max_length - 1) / regs::cb_max_length;
		if (pieces > regs::cb_max_blocks) {
			dev.err("%s: %s image needs more than %u DMA pieces of %u bytes (at chunk %u)\n", name, what,
				regs::cb_max_blocks, regs::cb_max_length, chunk);
			return kcxx::Err(kcxx::err::inval);
		}
		off += 8 + static_cast<size_t>(len);
		chunk++;
	}
	return pieces;
}

} // namespace

kcxx::Result<FwImage> parse_firmware(const kcxx::Device &dev, const char *name, kcxx::Bytes file)
{
	if (file.size() < header_size) {
		dev.err("%s: %zu bytes, shorter than the %zu-byte header\n", name, file.size(), header_size);
		return kcxx::Err(kcxx::err::inval);
	}
	u32 version = file.read_le32(0).value_or(0);
	u32 boot_size = file.read_le32(4).value_or(0);
	u32 ucode_size = file.read_le32(8).value_or(0);
	u32 fw_size = file.read_le32(12).value_or(0);
	unsigned long long want = static_cast<unsigned long long>(boot_size) + ucode_size + fw_size;
	if (want > file.size() - header_size) {
		dev.err("%s: the header announces %u + %u + %u bytes, but only %zu follow it (truncated?)\n", name,
			boot_size, ucode_size, fw_size, file.size() - header_size);
		return kcxx::Err(kcxx::err::inval);
	}
	if (!ucode_size || ucode_size % 2 || ucode_size > fw_max_ucode_bytes) {
		dev.err("%s: microcode size %u is not an even number of bytes between 2 and %zu\n", name, ucode_size,
			fw_max_ucode_bytes);
		return kcxx::Err(kcxx::err::inval);
	}
	FwImage img{};
	img.version = version;
	img.boot = file.sub(header_size, boot_size).value_or(kcxx::Bytes());
	img.ucode = file.sub(header_size + boot_size, ucode_size).value_or(kcxx::Bytes());
	img.runtime = file.sub(header_size + boot_size + ucode_size, fw_size).value_or(kcxx::Bytes());

	auto boot = check_image(dev, name, "boot", img.boot);
	if (!boot)
		return kcxx::Err(boot.error());
	auto runtime = check_image(dev, name, "runtime", img.runtime);
	if (!runtime)
		return kcxx::Err(runtime.error());
	img.boot_pieces = boot.value();
	img.runtime_pieces = runtime.value();
	return img;
}

} // namespace ipw
