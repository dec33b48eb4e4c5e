// SPDX-License-Identifier: GPL-2.0
/* The DMA command-block engine, alone and through the device's registers. */
#include <gtest/gtest.h>

#include "ipw2200/dma_engine.h"
#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

using test::FakeMemory;

constexpr std::uint32_t kCtl = 0x8CEA0000;

struct Dma : ::testing::Test {
	ByteStore sram{ind::kSramSize};
	FakeMemory mem;
	DmaEngine dma;

	void block(unsigned i, std::uint32_t control, std::uint32_t src, std::uint32_t dst,
		   std::optional<std::uint32_t> status = std::nullopt)
	{
		const std::uint32_t at = ind::kDmaCbArea + 16 * i;
		sram.set_le32(at, control);
		sram.set_le32(at + 4, src);
		sram.set_le32(at + 8, dst);
		sram.set_le32(at + 12, status.value_or(control ^ src ^ dst));
	}
	std::uint64_t host(std::size_t len, std::uint8_t seed)
	{
		const std::uint64_t a = mem.alloc(len);
		for (std::size_t i = 0; i < len; i++)
			*mem.at(a + i) = static_cast<std::uint8_t>(seed + i);
		return a;
	}
	DmaRun start(bool master = true)
	{
		dma.write_cb_base(ind::kDmaCbArea);
		return dma.write_control(0x00540100, sram, &mem, master);
	}
	[[nodiscard]] unsigned index() const { return (dma.current_cb() - ind::kDmaCbArea) / 16; }
};

TEST_F(Dma, CopiesEveryValidBlockToUnalignedDestinations)
{
	const auto a = host(8191, 1);
	const auto b = host(5, 100);
	block(0, kCtl | 8191, static_cast<std::uint32_t>(a), 0x1001);
	block(1, kCtl | 5, static_cast<std::uint32_t>(b), 0x1001 + 8191);
	const DmaRun r = start();
	EXPECT_EQ(r.error, DmaError::none);
	EXPECT_EQ(r.blocks, 2U);
	EXPECT_EQ(r.bytes, 8196U);
	EXPECT_EQ(index(), 2U);
	EXPECT_EQ(sram.le(0x1001, 1), 1U);
	EXPECT_EQ(sram.le(0x1001 + 8190, 1), static_cast<std::uint8_t>(1 + 8190));
	EXPECT_EQ(sram.le(0x1001 + 8191, 1), 100U);
	EXPECT_EQ(sram.le(0x1001 + 8195, 1), 104U);
	EXPECT_EQ(sram.le(0x1001 + 8196, 1), 0U);
	EXPECT_EQ(dma.control() & dmactl::kStatusError, 0U);
}

TEST_F(Dma, BadChecksumStopsAtTheBlock)
{
	const auto a = host(16, 1);
	block(0, kCtl | 16, static_cast<std::uint32_t>(a), 0x100);
	block(1, kCtl | 16, static_cast<std::uint32_t>(a), 0x200, 0x12345678);
	block(2, kCtl | 16, static_cast<std::uint32_t>(a), 0x300);
	const DmaRun r = start();
	EXPECT_EQ(r.error, DmaError::bad_checksum);
	EXPECT_EQ(r.blocks, 1U);
	EXPECT_EQ(index(), 1U); /* points at the failing block */
	EXPECT_EQ(sram.le(0x200, 1), 0U);
	EXPECT_EQ(sram.le(0x300, 1), 0U);
	EXPECT_NE(dma.control() & dmactl::kStatusError, 0U);
	EXPECT_EQ(dma.last_error(), DmaError::bad_checksum);
	/* Abort, then a good chain clears the error. */
	dma.write_control(0x00540C00, sram, &mem, true);
	block(1, kCtl | 16, static_cast<std::uint32_t>(a), 0x200);
	EXPECT_EQ(start().error, DmaError::none);
	EXPECT_EQ(dma.control() & dmactl::kStatusError, 0U);
}

TEST_F(Dma, SourceOutsideGuestMemoryIsAHostFault)
{
	block(0, kCtl | 16, static_cast<std::uint32_t>(mem.end() - 8), 0x100);
	const DmaRun r = start();
	EXPECT_EQ(r.error, DmaError::host_fault);
	EXPECT_EQ(index(), 0U);
	block(0, kCtl | 16, 0x10, 0x100);
	EXPECT_EQ(start().error, DmaError::host_fault);
}

TEST_F(Dma, DestinationOutsideSram)
{
	const auto a = host(32, 1);
	block(0, kCtl | 32, static_cast<std::uint32_t>(a), 0x2FFF0);
	EXPECT_EQ(start().error, DmaError::sram_bounds);
	block(0, kCtl | 16, static_cast<std::uint32_t>(a), 0xFFFFFFF8);
	EXPECT_EQ(start().error, DmaError::sram_bounds);
	block(0, kCtl | 16, static_cast<std::uint32_t>(a), 0x2FFF0);
	EXPECT_EQ(start().error, DmaError::none);
}

TEST_F(Dma, BaseOutsideSramAndMasterDisabled)
{
	dma.write_cb_base(0x30000);
	EXPECT_EQ(dma.write_control(0x00540100, sram, &mem, true).error, DmaError::bad_base);
	dma.write_cb_base(0xFFFFFFF8);
	EXPECT_EQ(dma.write_control(0x00540100, sram, &mem, true).error, DmaError::bad_base);
	const auto a = host(16, 1);
	block(0, kCtl | 16, static_cast<std::uint32_t>(a), 0x100);
	EXPECT_EQ(start(false).error, DmaError::master_disabled);
	EXPECT_EQ(index(), 0U);
	EXPECT_EQ(sram.le(0x100, 1), 0U);
	dma.write_cb_base(ind::kDmaCbArea);
	EXPECT_EQ(dma.write_control(0x00540100, sram, nullptr, true).error, DmaError::master_disabled);
}

TEST_F(Dma, WalkStopsAtInvalidLastValidOrSixtyFourBlocks)
{
	const auto a = host(4, 1);
	for (unsigned i = 0; i < 70; i++)
		block(i, kCtl | 4, static_cast<std::uint32_t>(a), 0x100 + 4 * i);
	EXPECT_EQ(start().blocks, 64U);
	EXPECT_EQ(index(), 64U);
	block(3, kCtl | 0x20000000 | 4, static_cast<std::uint32_t>(a), 0x100);
	EXPECT_EQ(start().blocks, 4U);
	block(2, 0, 0, 0);
	EXPECT_EQ(start().blocks, 2U);
	/* A zero-length block is legal. */
	block(0, kCtl, static_cast<std::uint32_t>(a), 0x100);
	const DmaRun r = start();
	EXPECT_EQ(r.blocks, 2U);
	EXPECT_EQ(r.bytes, 4U);
}

TEST_F(Dma, ChainIsFetchedBeforePayloadsLand)
{
	/* Block 0 overwrites block 1 in SRAM; block 1 still runs as fetched. */
	std::array<std::uint8_t, 16> junk{};
	const auto j = mem.alloc(16);
	mem.put(j, junk);
	const auto a = host(8, 7);
	block(0, kCtl | 16, static_cast<std::uint32_t>(j), ind::kDmaCbArea + 16);
	block(1, kCtl | 8, static_cast<std::uint32_t>(a), 0x500);
	const DmaRun r = start();
	EXPECT_EQ(r.blocks, 2U);
	EXPECT_EQ(sram.le(0x500, 1), 7U);
}

TEST(Ipw2200DmaDevice, FirmwareDmaThroughRegisters)
{
	test::Bench b;
	test::DriverSim d(*b.dev, b.mem, b.sched);
	const auto stream = build_chunk_stream({{0x1003, std::vector<std::uint8_t>(9000, 0x5A)}});
	ASSERT_EQ(d.load_firmware(stream), 0);
	EXPECT_EQ(d.cb_index(), 2U);
	EXPECT_EQ(b.dev->sram().le(0x1003, 1), 0x5AU);
	EXPECT_EQ(b.dev->sram().le(0x1003 + 8999, 1), 0x5AU);
	EXPECT_EQ(b.dev->sram().le(0x1003 + 9000, 1), 0U);
	EXPECT_EQ(b.dev->stats().dma_bytes, 9000U);
	EXPECT_EQ(b.dev->stats().dma_blocks, 2U);
	EXPECT_EQ(b.dev->fw_state(), FwState::boot_loaded);
	EXPECT_EQ(d.read32(csr::kReset) & 0x300, 0x300U);
}

TEST(Ipw2200DmaDevice, BadChecksumMakesTheDriverTimeOut)
{
	test::Bench b;
	test::DriverSim d(*b.dev, b.mem, b.sched);
	const auto src = static_cast<std::uint32_t>(b.mem.alloc(64));
	const std::array<std::uint32_t, 4> cb{kCtl | 64, src, 0x100, 0xBAD};
	d.dma_enable();
	EXPECT_EQ(d.run_dma(cb.data(), 1, 16), -1); /* "dmaWaitSync Failed" */
	EXPECT_EQ(d.cb_index(), 0U);
	EXPECT_NE(d.read_reg32(ind::kDmaControl) & dmactl::kStatusError, 0U);
	EXPECT_EQ(b.dev->stats().dma_errors, 1U);
	EXPECT_EQ(b.dev->fw_state(), FwState::none);
}

TEST(Ipw2200DmaDevice, OutOfBoundsSourceMakesTheDriverTimeOut)
{
	test::Bench b;
	test::DriverSim d(*b.dev, b.mem, b.sched);
	const std::uint32_t src = 0xFFFFF000;
	const std::array<std::uint32_t, 4> cb{kCtl | 64, src, 0x100, (kCtl | 64) ^ src ^ 0x100};
	d.dma_enable();
	EXPECT_EQ(d.run_dma(cb.data(), 1, 16), -1);
	EXPECT_EQ(b.dev->dma().last_error(), DmaError::host_fault);
}

TEST(Ipw2200DmaDevice, NoDmaWithoutBusMastering)
{
	test::Bench b;
	test::DriverSim d(*b.dev, b.mem, b.sched);
	b.dev->config_write(0x04, 2, 0x0002); /* memory only */
	const auto stream = build_chunk_stream({{0x0, std::vector<std::uint8_t>(16, 1)}});
	EXPECT_EQ(d.load_firmware(stream), -1);
	EXPECT_EQ(b.dev->dma().last_error(), DmaError::master_disabled);
	EXPECT_EQ(b.dev->sram().le(0, 1), 0U);
}

} // namespace
} // namespace ipwmodel::ipw2200
