// SPDX-License-Identifier: GPL-2.0
/* The ipw2200-*.fw container checks and the synthetic image generator. */
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "ipw2200/firmware.h"

namespace ipwmodel::ipw2200 {
namespace {

constexpr std::size_t k16Pieces = std::size_t{8191} * 16;

std::vector<std::uint8_t> bytes(std::size_t n, std::uint8_t v = 0xAB)
{
	return std::vector<std::uint8_t>(n, v);
}

std::vector<std::uint8_t> container(const std::vector<FwChunkSpec> &boot, const std::vector<FwChunkSpec> &runtime,
				    std::size_t ucode = 64)
{
	const auto b = build_chunk_stream(boot);
	const auto r = build_chunk_stream(runtime);
	return build_container(kSyntheticVersion, b, bytes(ucode), r);
}

void set_le32(std::vector<std::uint8_t> &f, std::size_t off, std::uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		f[off + i] = static_cast<std::uint8_t>(v >> (8 * i));
}

TEST(Ipw2200Firmware, SyntheticImagesAreValidAndDeterministic)
{
	for (const FwMode m : {FwMode::bss, FwMode::ibss, FwMode::sniffer}) {
		const auto f = make_synthetic_firmware(m);
		const auto r = parse_firmware(f);
		ASSERT_TRUE(r.ok()) << fw_error_name(r.error) << ": " << r.detail;
		EXPECT_EQ(r.fw.major(), 3U);
		EXPECT_EQ(r.fw.minor(), 1U);
		EXPECT_EQ(r.fw.boot.chunks.size(), 1U);
		EXPECT_EQ(r.fw.runtime.chunks.size(), 3U);
		/* 150000 bytes -> 19 pieces of at most 8191, 333 -> 1, 12288 -> 2 */
		EXPECT_EQ(r.fw.runtime.pieces, 22U);
		EXPECT_GT(r.fw.ucode_size, 0U);
		EXPECT_EQ(f, make_synthetic_firmware(m));
	}
	EXPECT_NE(make_synthetic_firmware(FwMode::bss), make_synthetic_firmware(FwMode::ibss));
	EXPECT_STREQ(fw_file_name(FwMode::sniffer), "ipw2200-sniffer.fw");
}

TEST(Ipw2200Firmware, RuntimeImagesAreIdentified)
{
	bool known = false;

	for (const FwMode m : {FwMode::bss, FwMode::ibss, FwMode::sniffer}) {
		const auto f = make_synthetic_firmware(m);
		const auto r = parse_firmware(f);
		ASSERT_TRUE(r.ok());
		/* SRAM 0 after the load: the first runtime chunk's payload. */
		const auto head = std::span(f).subspan(r.fw.runtime.chunks.front().payload_offset, 16);
		EXPECT_EQ(identify_runtime(head, 0, known), m);
		EXPECT_TRUE(known);
	}
	/* Debian's v3.1 images by their runtime payload bytes. */
	const std::vector<std::uint8_t> other(16, 0x5A);
	EXPECT_EQ(identify_runtime(other, 162668, known), FwMode::ibss);
	EXPECT_TRUE(known);
	EXPECT_EQ(identify_runtime(other, 164972, known), FwMode::sniffer);
	EXPECT_EQ(identify_runtime(other, 168372, known), FwMode::bss);
	EXPECT_EQ(identify_runtime(other, 1000, known), FwMode::bss);
	EXPECT_FALSE(known);
	EXPECT_STREQ(fw_mode_name(FwMode::ibss), "ibss");
}

TEST(Ipw2200Firmware, HeaderChecks)
{
	EXPECT_EQ(parse_firmware(bytes(15)).error, FwError::too_small);
	auto f = container({{0, bytes(16)}}, {{0x100, bytes(16)}});
	ASSERT_TRUE(parse_firmware(f).ok());
	auto bad = f;
	set_le32(bad, 0, 0x00020004);
	EXPECT_EQ(parse_firmware(bad).error, FwError::bad_version);
	set_le32(bad, 0, 0x00000003); /* the BSD drivers' reading of 3.0 */
	EXPECT_TRUE(parse_firmware(bad).ok());
	/* Sizes past the end of the file: the driver's "too small or corrupt". */
	bad = f;
	bad.pop_back();
	EXPECT_EQ(parse_firmware(bad).error, FwError::truncated);
	bad = f;
	set_le32(bad, 12, 0xFFFFFFFF);
	EXPECT_EQ(parse_firmware(bad).error, FwError::truncated);
	bad = f;
	set_le32(bad, 4, 0xFFFFFFF0);
	set_le32(bad, 8, 0xFFFFFFF0);
	EXPECT_EQ(parse_firmware(bad).error, FwError::truncated);
	/* Trailing bytes are accepted, as the driver accepts them. */
	auto longer = f;
	longer.resize(f.size() + 100);
	EXPECT_TRUE(parse_firmware(longer).ok());
}

TEST(Ipw2200Firmware, ChunkChecks)
{
	/* A chunk longer than what is left of its image. */
	auto f = container({{0, bytes(16)}}, {{0x100, bytes(16)}});
	set_le32(f, 16 + 4, 17);
	auto r = parse_firmware(f);
	EXPECT_EQ(r.error, FwError::chunk_overflows_image);
	EXPECT_FALSE(r.detail.empty());
	/* A runtime image ending inside a chunk header. */
	auto rt = build_chunk_stream({{0x100, bytes(8)}});
	rt.resize(rt.size() + 4);
	f = build_container(kSyntheticVersion, build_chunk_stream({{0, bytes(4)}}), bytes(2), rt);
	EXPECT_EQ(parse_firmware(f).error, FwError::chunk_header_truncated);
	/* Empty images. */
	f = build_container(kSyntheticVersion, {}, bytes(2), build_chunk_stream({{0, bytes(4)}}));
	EXPECT_EQ(parse_firmware(f).error, FwError::empty_image);
	/* Destinations outside the 192 KiB SRAM. */
	f = container({{0x2FFF0, bytes(32)}}, {{0, bytes(4)}});
	EXPECT_EQ(parse_firmware(f).error, FwError::chunk_outside_sram);
	f = container({{0x2FFF0, bytes(16)}}, {{0, bytes(4)}});
	EXPECT_TRUE(parse_firmware(f).ok());
	/* More than 64 DMA pieces of 8191 bytes in one image. */
	f = container({{0, bytes(4)}},
		      {{0, bytes(k16Pieces)}, {0, bytes(k16Pieces)}, {0, bytes(k16Pieces)}, {0, bytes(k16Pieces + 1)}});
	EXPECT_EQ(parse_firmware(f).error, FwError::too_many_pieces);
	f = container({{0, bytes(4)}},
		      {{0, bytes(k16Pieces)}, {0, bytes(k16Pieces)}, {0, bytes(k16Pieces)}, {0, bytes(k16Pieces)}});
	EXPECT_TRUE(parse_firmware(f).ok());
	/* Zero-length chunks are legal. */
	f = container({{0, {}}, {4, bytes(4)}}, {{0, {}}});
	EXPECT_TRUE(parse_firmware(f).ok());
}

TEST(Ipw2200Firmware, WritesTheThreeFiles)
{
	std::string tmpl = (std::filesystem::temp_directory_path() / "ipw2200-mkfw-XXXXXX").string();
	ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
	std::string err;
	ASSERT_TRUE(write_synthetic_firmware(tmpl, err)) << err;
	for (const FwMode m : {FwMode::bss, FwMode::ibss, FwMode::sniffer}) {
		std::ifstream in(tmpl + "/" + fw_file_name(m), std::ios::binary);
		const std::vector<std::uint8_t> got((std::istreambuf_iterator<char>(in)),
						    std::istreambuf_iterator<char>());
		EXPECT_EQ(got, make_synthetic_firmware(m));
	}
	std::filesystem::remove_all(tmpl);
	EXPECT_FALSE(write_synthetic_firmware("/nonexistent/dir", err));
	EXPECT_FALSE(err.empty());
}

} // namespace
} // namespace ipwmodel::ipw2200
