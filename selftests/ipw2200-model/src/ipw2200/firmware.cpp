// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/firmware.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "ipw2200/regs.h"

namespace ipwmodel::ipw2200 {

namespace {

std::uint32_t get_le32(std::span<const std::uint8_t> b, std::size_t off)
{
	return static_cast<std::uint32_t>(b[off]) | static_cast<std::uint32_t>(b[off + 1]) << 8 |
	       static_cast<std::uint32_t>(b[off + 2]) << 16 | static_cast<std::uint32_t>(b[off + 3]) << 24;
}

void put_le32(std::vector<std::uint8_t> &v, std::uint32_t x)
{
	for (unsigned i = 0; i < 4; i++)
		v.push_back(static_cast<std::uint8_t>(x >> (8 * i)));
}

FwParseResult fail(FwError e, std::string detail)
{
	FwParseResult r;

	r.error = e;
	r.detail = std::move(detail);
	return r;
}

/*
 * Walk a chunk stream the way the driver's loader does: at least one chunk,
 * continue while the running offset is below the image size.
 */
FwError parse_image(std::span<const std::uint8_t> file, FwImage &img, std::string &detail, const char *what)
{
	std::size_t off = 0;

	if (img.size < kFwChunkHeaderSize) {
		detail = std::string(what) + " image smaller than a chunk header";
		return FwError::empty_image;
	}
	do {
		if (img.size - off < kFwChunkHeaderSize) {
			detail = std::string(what) + ": chunk header at image offset " + std::to_string(off) +
				 " runs past the image";
			return FwError::chunk_header_truncated;
		}
		FwChunk c;
		c.address = get_le32(file, img.offset + off);
		c.length = get_le32(file, img.offset + off + 4);
		off += kFwChunkHeaderSize;
		c.payload_offset = img.offset + off;
		if (c.length > img.size - off) {
			detail = std::string(what) + ": chunk of " + std::to_string(c.length) +
				 " bytes at image offset " + std::to_string(off - 8) + " runs past the image";
			return FwError::chunk_overflows_image;
		}
		if (c.address > ind::kSramSize || c.length > ind::kSramSize - c.address) {
			detail = std::string(what) + ": chunk destination outside NIC SRAM";
			return FwError::chunk_outside_sram;
		}
		img.pieces += (c.length + kDmaPieceMax - 1) / kDmaPieceMax;
		if (img.pieces > kDmaPiecesPerImage) {
			detail = std::string(what) + ": more than 64 DMA pieces";
			return FwError::too_many_pieces;
		}
		img.chunks.push_back(c);
		off += c.length;
	} while (off < img.size);
	return FwError::ok;
}

/* xorshift32: deterministic filler for synthetic payloads. */
std::vector<std::uint8_t> filler(std::uint32_t seed, std::size_t len)
{
	std::vector<std::uint8_t> v(len);
	std::uint32_t x = seed ? seed : 0x2200;

	for (auto &b : v) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		b = static_cast<std::uint8_t>(x);
	}
	return v;
}

} // namespace

const char *fw_error_name(FwError e)
{
	switch (e) {
	case FwError::ok:
		return "ok";
	case FwError::too_small:
		return "too_small";
	case FwError::bad_version:
		return "bad_version";
	case FwError::truncated:
		return "truncated";
	case FwError::empty_image:
		return "empty_image";
	case FwError::chunk_header_truncated:
		return "chunk_header_truncated";
	case FwError::chunk_overflows_image:
		return "chunk_overflows_image";
	case FwError::chunk_outside_sram:
		return "chunk_outside_sram";
	case FwError::too_many_pieces:
		return "too_many_pieces";
	}
	return "unknown";
}

FwParseResult parse_firmware(std::span<const std::uint8_t> file)
{
	FwParseResult r;
	FwContainer &fw = r.fw;

	if (file.size() < kFwHeaderSize)
		return fail(FwError::too_small, "file is smaller than the 16-byte header");
	fw.version = get_le32(file, 0);
	const std::uint64_t boot = get_le32(file, 4);
	const std::uint64_t ucode = get_le32(file, 8);
	const std::uint64_t rt = get_le32(file, 12);

	/*
	 * Linux prints the version as (ver >> 16).(ver & 0xff); the BSD iwi
	 * drivers read the major number from the low byte.  Either reading
	 * giving 3 is accepted: the single-file container exists from 3.0 on.
	 */
	if (fw.major() != kFwMajorVersion && (fw.version & 0xFF) != kFwMajorVersion)
		return fail(FwError::bad_version, "container version " + std::to_string(fw.major()) + "." +
							  std::to_string(fw.minor()) + " is not 3.x");
	if (kFwHeaderSize + boot + ucode + rt > file.size())
		return fail(FwError::truncated,
			    "header sizes exceed the file (" + std::to_string(file.size()) + " bytes)");
	fw.boot.offset = kFwHeaderSize;
	fw.boot.size = static_cast<std::uint32_t>(boot);
	fw.ucode_offset = kFwHeaderSize + boot;
	fw.ucode_size = static_cast<std::uint32_t>(ucode);
	fw.runtime.offset = kFwHeaderSize + boot + ucode;
	fw.runtime.size = static_cast<std::uint32_t>(rt);

	FwError e = parse_image(file, fw.boot, r.detail, "boot");
	if (e == FwError::ok)
		e = parse_image(file, fw.runtime, r.detail, "runtime");
	r.error = e;
	return r;
}

std::vector<std::uint8_t> build_chunk_stream(const std::vector<FwChunkSpec> &chunks)
{
	std::vector<std::uint8_t> out;

	for (const auto &c : chunks) {
		put_le32(out, c.address);
		put_le32(out, static_cast<std::uint32_t>(c.payload.size()));
		out.insert(out.end(), c.payload.begin(), c.payload.end());
	}
	return out;
}

std::vector<std::uint8_t> build_container(std::uint32_t version, std::span<const std::uint8_t> boot,
					  std::span<const std::uint8_t> ucode, std::span<const std::uint8_t> runtime)
{
	std::vector<std::uint8_t> out;

	put_le32(out, version);
	put_le32(out, static_cast<std::uint32_t>(boot.size()));
	put_le32(out, static_cast<std::uint32_t>(ucode.size()));
	put_le32(out, static_cast<std::uint32_t>(runtime.size()));
	out.insert(out.end(), boot.begin(), boot.end());
	out.insert(out.end(), ucode.begin(), ucode.end());
	out.insert(out.end(), runtime.begin(), runtime.end());
	return out;
}

const char *fw_file_name(FwMode mode)
{
	switch (mode) {
	case FwMode::bss:
		return "ipw2200-bss.fw";
	case FwMode::ibss:
		return "ipw2200-ibss.fw";
	case FwMode::sniffer:
		return "ipw2200-sniffer.fw";
	}
	return "ipw2200-bss.fw";
}

const char *fw_mode_name(FwMode mode)
{
	switch (mode) {
	case FwMode::bss:
		return "bss";
	case FwMode::ibss:
		return "ibss";
	case FwMode::sniffer:
		return "sniffer";
	}
	return "bss";
}

FwMode identify_runtime(std::span<const std::uint8_t> sram_head, std::uint64_t runtime_payload_bytes, bool &known)
{
	known = true;
	if (sram_head.size() > kSyntheticTag.size() &&
	    std::equal(kSyntheticTag.begin(), kSyntheticTag.end(), sram_head.begin())) {
		const std::uint8_t m = sram_head[kSyntheticTag.size()];

		if (m <= static_cast<std::uint8_t>(FwMode::sniffer))
			return static_cast<FwMode>(m);
	}
	/* Debian's firmware-ipw2x00 (20230210), v3.1: runtime payload bytes. */
	switch (runtime_payload_bytes) {
	case 168372:
		return FwMode::bss;
	case 162668:
		return FwMode::ibss;
	case 164972:
		return FwMode::sniffer;
	default:
		break;
	}
	known = false;
	return FwMode::bss;
}

std::vector<std::uint8_t> make_synthetic_firmware(FwMode mode)
{
	const std::uint32_t seed = 0x22000000U + static_cast<std::uint32_t>(mode) * 0x1111U;

	/*
	 * Sizes of the order of the real v3.x images (about 190 KB in all), so
	 * a load through the model costs what a real one does: tens of
	 * thousands of register writes and about 170 KB of DMA.
	 *
	 * Boot image: one chunk at the bottom of SRAM.
	 */
	const auto boot = build_chunk_stream({{0x00000, filler(seed + 1, 0x1800)}});
	/* Microcode: 8192 le16 words. */
	const auto ucode = filler(seed + 2, 0x4000);
	/*
	 * Runtime image: a chunk of many DMA pieces, an unaligned odd-sized
	 * chunk, and a chunk high in SRAM.  Nothing lands in the DMA
	 * command-block area (0x27000-0x273FF) or the runtime tables
	 * (0x2F000 and up).
	 */
	auto first = filler(seed + 3, 150000);

	/* The tag identify_runtime() reads back from SRAM 0. */
	std::copy(kSyntheticTag.begin(), kSyntheticTag.end(), first.begin());
	first[kSyntheticTag.size()] = static_cast<std::uint8_t>(mode);
	const auto runtime = build_chunk_stream({
		{0x00000, std::move(first)},
		{0x24A03, filler(seed + 4, 333)},
		{0x28000, filler(seed + 5, 0x3000)},
	});
	return build_container(kSyntheticVersion, boot, ucode, runtime);
}

bool write_synthetic_firmware(const std::string &dir, std::string &err)
{
	for (const FwMode m : {FwMode::bss, FwMode::ibss, FwMode::sniffer}) {
		const std::string path = dir + "/" + fw_file_name(m);
		const auto bytes = make_synthetic_firmware(m);
		std::FILE *f = std::fopen(path.c_str(), "wb");

		if (f == nullptr) {
			err = path + ": " + std::strerror(errno);
			return false;
		}
		const bool written = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
		if (std::fclose(f) != 0 || !written) {
			err = path + ": write failed";
			return false;
		}
	}
	return true;
}

} // namespace ipwmodel::ipw2200
