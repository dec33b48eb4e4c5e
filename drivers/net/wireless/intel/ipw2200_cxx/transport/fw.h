/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: transport/fw.h - firmware files: validated before anything is loaded
 *
 * A firmware file is a 16-byte header (version, then the sizes of the boot
 * image, the DINO microcode and the runtime image) followed by the three
 * parts.  The boot and runtime images are chunk streams (le32 SRAM
 * address, le32 length, payload); the DMA engine copies each chunk in
 * pieces of at most 8191 bytes, at most 64 pieces per image.
 *
 * parse_firmware() checks every one of those facts before the device sees
 * a byte and names the first defect it finds; the loader (transport/load)
 * then only walks structures that are known to be sound.
 */
#pragma once

#include <kcxx/device.h>
#include <kcxx/firmware.h>
#include <kcxx/result.h>

namespace ipw {

using kcxx::size_t;
using kcxx::u32;

/** struct FwImage - a validated firmware file (views into the file's bytes). */
struct FwImage {
	u32 version;
	kcxx::Bytes boot;
	kcxx::Bytes ucode;
	kcxx::Bytes runtime;
	unsigned int boot_pieces;
	unsigned int runtime_pieces;

	unsigned int major() const { return version >> 16; }
	unsigned int minor() const { return version & 0xff; }
};

/** The most microcode words the loader pushes (a bound on load time). */
constexpr size_t fw_max_ucode_bytes = 0x10000;

/**
 * parse_firmware() - validate @file (named @name, for messages) as an
 * ipw2200 firmware file.
 * Return: the image, or -EINVAL after logging on @dev what is wrong.
 */
kcxx::Result<FwImage> parse_firmware(const kcxx::Device &dev, const char *name, kcxx::Bytes file);

/**
 * for_each_chunk() - call @fn(dest, payload) for each chunk of a validated
 * image.
 */
template <typename Fn> void for_each_chunk(kcxx::Bytes image, Fn &&fn)
{
	size_t off = 0;
	while (off + 8 <= image.size()) {
		u32 dest = image.read_le32(off).value_or(0);
		u32 len = image.read_le32(off + 4).value_or(0);
		auto payload = image.sub(off + 8, len);
		if (!payload)
			return;
		fn(dest, payload.value());
		off += 8 + static_cast<size_t>(len);
	}
}

} // namespace ipw
