/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ipw2200-*.fw container (reference section 7): a 16-byte header
 * {le32 ver, le32 boot_size, le32 ucode_size, le32 fw_size} followed by the
 * boot image, the DINO microcode and the runtime image.  Boot and runtime
 * images are chunk streams {le32 address, le32 length, payload}.
 *
 * parse_firmware() checks what the upstream driver's loader relies on
 * without checking it itself: sizes against the file, every chunk inside
 * its image, at most 64 DMA pieces of 8191 bytes per image, destinations
 * inside the 192 KiB NIC SRAM.  Payload bytes are not interpreted.
 *
 * The synthetic images written by ipw2200-mkfw come from
 * make_synthetic_firmware(): deterministic, structurally valid, arbitrary
 * payload.
 */
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace ipwmodel::ipw2200 {

inline constexpr std::size_t kFwHeaderSize = 16;
inline constexpr std::uint32_t kFwChunkHeaderSize = 8;
inline constexpr std::uint32_t kDmaPieceMax = 0x1FFF; /* CB_MAX_LENGTH */
inline constexpr unsigned kDmaPiecesPerImage = 64;    /* CB_NUMBER_OF_ELEMENTS_SMALL */
inline constexpr std::uint32_t kFwMajorVersion = 3;

enum class FwError {
	ok,
	too_small,		/* shorter than the header */
	bad_version,		/* major version (either reading) is not 3 */
	truncated,		/* 16 + boot + ucode + fw exceeds the file */
	empty_image,		/* boot or runtime image shorter than one chunk header */
	chunk_header_truncated, /* a chunk header runs past its image */
	chunk_overflows_image,	/* a chunk's payload runs past its image */
	chunk_outside_sram,	/* destination range not inside 0x0-0x2FFFF */
	too_many_pieces,	/* more than 64 DMA pieces in one image */
};

const char *fw_error_name(FwError e);

struct FwChunk {
	std::uint32_t address = 0;
	std::uint32_t length = 0;
	std::size_t payload_offset = 0; /* offset of the payload in the file */
};

struct FwImage {
	std::size_t offset = 0; /* in the file */
	std::uint32_t size = 0;
	std::vector<FwChunk> chunks;
	unsigned pieces = 0; /* DMA command blocks the driver builds */
};

struct FwContainer {
	std::uint32_t version = 0;
	FwImage boot;
	std::size_t ucode_offset = 0;
	std::uint32_t ucode_size = 0;
	FwImage runtime;

	[[nodiscard]] unsigned major() const { return version >> 16; }
	[[nodiscard]] unsigned minor() const { return version & 0xFF; }
};

struct FwParseResult {
	FwError error = FwError::ok;
	std::string detail; /* human-readable reason when error != ok */
	FwContainer fw;

	[[nodiscard]] bool ok() const { return error == FwError::ok; }
};

FwParseResult parse_firmware(std::span<const std::uint8_t> file);

/* Builders (synthetic images, tests). */
struct FwChunkSpec {
	std::uint32_t address = 0;
	std::vector<std::uint8_t> payload;
};
std::vector<std::uint8_t> build_chunk_stream(const std::vector<FwChunkSpec> &chunks);
std::vector<std::uint8_t> build_container(std::uint32_t version, std::span<const std::uint8_t> boot,
					  std::span<const std::uint8_t> ucode, std::span<const std::uint8_t> runtime);

enum class FwMode { bss, ibss, sniffer };
const char *fw_file_name(FwMode mode); /* "ipw2200-bss.fw", ... */
const char *fw_mode_name(FwMode mode); /* "bss", "ibss", "sniffer" */

/*
 * Which of the three firmwares a loaded runtime image is.  The real images
 * are different programs; the model does not run them, so it recognises
 * them: a synthetic image by the tag make_synthetic_firmware() puts at the
 * start of its first runtime chunk (SRAM 0: kSyntheticTag, then the mode
 * byte), one of Debian's firmware-ipw2x00 v3.1 images by the payload size
 * of its runtime image (the bytes the driver copies by DMA: bss 168372,
 * ibss 162668, sniffer 164972).  Anything else runs as the BSS firmware;
 * @known tells whether the image was recognised.
 */
inline constexpr std::array<std::uint8_t, 15> kSyntheticTag{'i', 'p', 'w', '2', '2', '0', '0', '-',
							    'm', 'o', 'd', 'e', 'l', '-', 'f'};
FwMode identify_runtime(std::span<const std::uint8_t> sram_head, std::uint64_t runtime_payload_bytes, bool &known);
inline constexpr std::uint32_t kSyntheticVersion = 0x00030001; /* v3.1 */
std::vector<std::uint8_t> make_synthetic_firmware(FwMode mode);

/* Write the three synthetic files into @dir; false and @err on failure. */
bool write_synthetic_firmware(const std::string &dir, std::string &err);

} // namespace ipwmodel::ipw2200
