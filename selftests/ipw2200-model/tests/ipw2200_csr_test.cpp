// SPDX-License-Identifier: GPL-2.0
/* BAR0 registers, interrupts and the indirect windows of the ipw2200 model. */
#include <gtest/gtest.h>

#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

using std::chrono::milliseconds;
using test::Bench;
using test::DriverSim;

struct Csr : ::testing::Test {
	Bench b;
	DriverSim d{*b.dev, b.mem, b.sched};
};

TEST_F(Csr, PowerOnState)
{
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	EXPECT_EQ(d.read32(csr::kIntMask), 0U);
	EXPECT_EQ(d.read32(csr::kReset), reset::kPrincetonReset);
	EXPECT_EQ(d.read32(csr::kGpControl), 0U);
	EXPECT_EQ(d.read32(csr::kRadio), kRadioOnBit);
	EXPECT_FALSE(b.irq.level);
	EXPECT_EQ(b.dev->fw_state(), FwState::none);
}

TEST_F(Csr, UnimplementedOffsetsReadZeroOutsideTheBarAllOnes)
{
	EXPECT_EQ(d.read32(0x000), 0U);
	EXPECT_EQ(d.read32(0x1FC), 0U);
	EXPECT_EQ(d.read32(csr::kFlush), 0U);
	d.write32(0x100, 0x12345678); /* ignored */
	EXPECT_EQ(d.read32(0x100), 0U);
	EXPECT_EQ(b.dev->bar_read(0, 0x1000, 4), 0xFFFFFFFFU);
	EXPECT_EQ(b.dev->bar_read(0, 0xFFE, 4), 0xFFFFFFFFU);
	EXPECT_EQ(b.dev->bar_read(1, 0, 4), 0xFFFFFFFFU);
	EXPECT_EQ(b.dev->bar_read(0, 0, 3), 0xFFFFFFU);
	b.dev->bar_write(2, 0, 4, 1);
	b.dev->bar_write(0, 0x2000, 8, 1);
	EXPECT_GE(b.dev->stats().unimplemented_accesses, 5U);
}

TEST_F(Csr, IntaIsWriteOneToClearAndDrivesTheLine)
{
	b.dev->raise_fatal_error(fwerr::kSysAssert, 0);
	ASSERT_EQ(d.read32(csr::kIntA), inta::kFatalError);
	EXPECT_FALSE(b.irq.level); /* masked */
	d.write32(csr::kIntMask, inta::kMaskAll);
	EXPECT_TRUE(b.irq.level);
	EXPECT_EQ(b.irq.rising, 1U);
	/* Driver "disable": ~MASK_ALL keeps nothing the model raises. */
	d.write32(csr::kIntMask, ~inta::kMaskAll);
	EXPECT_FALSE(b.irq.level);
	d.write32(csr::kIntMask, inta::kMaskAll);
	EXPECT_TRUE(b.irq.level);
	d.write32(csr::kIntA, 0x00000800); /* other bit: no effect */
	EXPECT_EQ(d.read32(csr::kIntA), inta::kFatalError);
	d.write8(csr::kIntA + 3, 0x40); /* byte lane W1C */
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	EXPECT_FALSE(b.irq.level);
	EXPECT_EQ(b.dev->stats().interrupts_by_bit[30], 1U);
	EXPECT_EQ(b.dev->stats().irq_assertions, 2U);
}

TEST_F(Csr, IntxDisableInCommandRegisterHoldsTheLineLow)
{
	d.write32(csr::kIntMask, inta::kMaskAll);
	b.dev->raise_fatal_error(fwerr::kSysAssert, 0);
	EXPECT_TRUE(b.irq.level);
	EXPECT_TRUE(b.dev->config_read(0x06, 2) & 0x08); /* interrupt status */
	b.dev->config_write(0x04, 2, 0x0406);
	EXPECT_FALSE(b.irq.level);
	EXPECT_TRUE(b.dev->config_read(0x06, 2) & 0x08);
	b.dev->config_write(0x04, 2, 0x0006);
	EXPECT_TRUE(b.irq.level);
}

TEST_F(Csr, MaskIsReadWriteIncludingHalves)
{
	d.write32(csr::kIntMask, 0x3ACE07CD);
	EXPECT_EQ(d.read32(csr::kIntMask), 0x3ACE07CDU);
	d.write16(csr::kIntMask + 2, 0xC531);
	EXPECT_EQ(d.read32(csr::kIntMask), 0xC53107CDU);
	EXPECT_EQ(b.dev->bar_read(0, csr::kIntMask + 2, 2), 0xC531U);
}

TEST_F(Csr, StopMasterSetsMasterDisabled)
{
	d.write32(csr::kReset, reset::kStopMaster);
	EXPECT_EQ(d.read32(csr::kReset), reset::kStopMaster | reset::kMasterDisabled);
	d.set_bit(csr::kReset, reset::kPrincetonReset);
	EXPECT_EQ(d.read32(csr::kReset), 0x301U);
	/* The host may write MASTER_DISABLED itself, and clear everything. */
	d.write32(csr::kReset, reset::kMasterDisabled);
	EXPECT_EQ(d.read32(csr::kReset), reset::kMasterDisabled);
	d.write32(csr::kReset, 0);
	EXPECT_EQ(d.read32(csr::kReset), 0U);
}

TEST_F(Csr, SwResetSelfClearsAndResetsTheAdapter)
{
	d.write32(csr::kIntMask, inta::kMaskAll);
	b.dev->raise_fatal_error(fwerr::kSysAssert, 0);
	d.write_reg32(ind::kDmaCbBase, 0x27000);
	d.write32(csr::kReset, 0x301);
	d.set_bit(csr::kReset, reset::kSwReset);
	EXPECT_EQ(d.read32(csr::kReset), reset::kPrincetonReset);
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	EXPECT_EQ(d.read32(csr::kIntMask), 0U);
	EXPECT_FALSE(b.irq.level);
	EXPECT_EQ(d.read_reg32(ind::kDmaCbBase), 0U);
	EXPECT_EQ(b.dev->stats().sw_resets, 1U);
}

TEST_F(Csr, ClockReadyFollowsInitDone)
{
	d.write32(csr::kGpControl, gp::kClockReady); /* status bit: not writable */
	EXPECT_EQ(d.read32(csr::kGpControl), 0U);
	d.set_bit(csr::kGpControl, gp::kInitDone);
	EXPECT_TRUE(d.poll_bit(csr::kGpControl, gp::kClockReady, 250));
	d.set_bit(csr::kGpControl, gp::kHostAllowsStandby);
	EXPECT_EQ(d.read32(csr::kGpControl), 7U);
	d.clear_bit(csr::kGpControl, gp::kInitDone);
	EXPECT_EQ(d.read32(csr::kGpControl), gp::kHostAllowsStandby);
}

TEST_F(Csr, IndirectWindowDwordsBytesAndHalves)
{
	d.write_reg32(0x1000, 0x11223344);
	EXPECT_EQ(d.read_reg32(0x1000), 0x11223344U);
	EXPECT_EQ(d.read32(csr::kIndirectAddr), 0x1000U);
	d.write_reg8(0x1002, 0xAA);
	EXPECT_EQ(d.read_reg32(0x1000), 0x11AA3344U);
	d.write_reg16(0x1002, 0xBEEF);
	EXPECT_EQ(d.read_reg32(0x1000), 0xBEEF3344U);
	d.write_reg16(0x1000, 0x0102);
	EXPECT_EQ(d.read_reg32(0x1000), 0xBEEF0102U);
	EXPECT_EQ(d.read_reg8(0x1003), 0xBEU);
	/* 8- and 16-bit reads of the data window select lanes too. */
	d.write32(csr::kIndirectAddr, 0x1000);
	EXPECT_EQ(d.read8(csr::kIndirectData + 1), 0x01U);
	EXPECT_EQ(b.dev->bar_read(0, csr::kIndirectData + 2, 2), 0xBEEFU);
	/* Low address bits are ignored. */
	d.write32(csr::kIndirectAddr, 0x1003);
	EXPECT_EQ(d.read32(csr::kIndirectData), 0xBEEF0102U);
	EXPECT_EQ(b.dev->sram().le32(0x1000), 0xBEEF0102U);
}

TEST_F(Csr, AutoIncrementWindow)
{
	d.write32(csr::kAutoIncAddr, 0x2000);
	for (std::uint32_t i = 0; i < 4; i++)
		d.write32(csr::kAutoIncData, 0xA0 + i);
	EXPECT_EQ(d.read32(csr::kAutoIncAddr), 0x2010U);
	d.write32(csr::kAutoIncAddr, 0x2000);
	for (std::uint32_t i = 0; i < 4; i++)
		EXPECT_EQ(d.read32(csr::kAutoIncData), 0xA0 + i);
	const std::vector<std::uint8_t> data{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
	d.write_indirect(0x3001, data);
	EXPECT_EQ(d.read_indirect(0x3001, data.size()), data);
	EXPECT_EQ(d.read_indirect(0x3000, 1)[0], 0U);
	EXPECT_EQ(d.read_indirect(0x300C, 1)[0], 0U);
}

TEST_F(Csr, AutoIncrementByteAndHalfLanes)
{
	d.write32(csr::kAutoIncAddr, 0x4000);
	d.write16(csr::kAutoIncData, 0xBEEF);	  /* lanes 0-1 of 0x4000 */
	d.write8(csr::kAutoIncData + 3, 0x7F);	  /* lane 3 of 0x4004 */
	d.write16(csr::kAutoIncData + 2, 0x1234); /* lanes 2-3 of 0x4008 */
	EXPECT_EQ(d.read32(csr::kAutoIncAddr), 0x400CU);
	EXPECT_EQ(d.read_reg32(0x4000), 0x0000BEEFU);
	EXPECT_EQ(d.read_reg32(0x4004), 0x7F000000U);
	EXPECT_EQ(d.read_reg32(0x4008), 0x12340000U);
	d.write32(csr::kAutoIncAddr, 0x4000);
	EXPECT_EQ(d.read8(csr::kAutoIncData + 1), 0xBEU);
	EXPECT_EQ(b.dev->bar_read(0, csr::kAutoIncData + 2, 2), 0x7F00U); /* 0x4004 lanes 2-3 */
	EXPECT_EQ(b.dev->bar_read(0, csr::kAutoIncData, 2), 0U);	  /* 0x4008 lanes 0-1 */
	EXPECT_EQ(d.read32(csr::kAutoIncAddr), 0x400CU);
}

TEST_F(Csr, IndirectAccessOutsideSramIsHarmless)
{
	d.write_reg32(0x30000, 0xDEADBEEF);
	EXPECT_EQ(d.read_reg32(0x30000), 0U);
	d.write32(csr::kAutoIncAddr, 0x2FFFC);
	d.write32(csr::kAutoIncData, 0x01020304);
	d.write32(csr::kAutoIncData, 0x05060708); /* runs off the end */
	EXPECT_EQ(d.read_reg32(0x2FFFC), 0x01020304U);
	d.write32(csr::kAutoIncAddr, 0xFFFFFFFC);
	d.write32(csr::kAutoIncData, 1);
	d.write32(csr::kAutoIncData, 2); /* wraps to 0 */
	EXPECT_EQ(d.read_reg32(0xFFFFFFFC), 0U);
	d.write_reg32(0x7FFFFFF0, 1);
	EXPECT_EQ(d.read_reg32(0x400000), 0U);
}

TEST_F(Csr, IndirectRegistersKeepTheirValues)
{
	d.write_reg32(ind::kEventReg, 0x70);
	EXPECT_EQ(d.read_reg32(ind::kEventReg), 0x70U);
	EXPECT_EQ(b.dev->led_bits(), 0x70U);
	d.write_reg32(ind::kGpio, 0x5A);
	EXPECT_EQ(d.read_reg32(ind::kGpio), 0x5AU);
	d.write_reg32(ind::kHaltAndReset, ind::kHaltOn);
	EXPECT_EQ(d.read_reg32(ind::kHaltAndReset), ind::kHaltOn);
}

TEST_F(Csr, SharedMemoryIsPlainStorage)
{
	d.write32(shm::kStationTable, 0x44332211);
	d.write16(shm::kStationTable + 4, 0x6655);
	d.write8(shm::kStationTable + 7, 0x01);
	EXPECT_EQ(d.read32(shm::kStationTable + 4), 0x01006655U);
	EXPECT_EQ(b.dev->bar_read(0, shm::kStationTable, 8), 0x0100665544332211ULL);
	b.dev->bar_write(0, 0x800, 8, 0x8877665544332211ULL);
	EXPECT_EQ(d.read32(0x804), 0x88776655U);
	/* Unaligned access: byte by byte. */
	b.dev->bar_write(0, 0x901, 4, 0xA1B2C3D4);
	EXPECT_EQ(b.dev->bar_read(0, 0x901, 4), 0xA1B2C3D4U);
	EXPECT_EQ(d.read32(0x900), 0xB2C3D400U);
}

TEST_F(Csr, RadioBitFollowsTheSwitch)
{
	b.dev->set_hw_rfkill(true);
	EXPECT_EQ(d.read32(csr::kRadio) & kRadioOnBit, 0U);
	EXPECT_EQ(d.read32(csr::kIntA), 0U); /* no firmware running: no interrupt */
	b.dev->set_hw_rfkill(false);
	EXPECT_EQ(d.read32(csr::kRadio), kRadioOnBit);
	d.write32(csr::kRadio, 0); /* read-only */
	EXPECT_EQ(d.read32(csr::kRadio), kRadioOnBit);
	DeviceConfig cfg;
	cfg.hw_rfkill = true;
	Bench killed(cfg);
	EXPECT_EQ(killed.dev->bar_read(0, csr::kRadio, 4), 0U);
}

TEST_F(Csr, CountersAndTrace)
{
	b.dev->set_trace_capacity(3);
	const auto w = b.dev->stats().bar0_writes;
	d.write32(csr::kIntMask, 1);
	d.write32(csr::kIntMask, 2);
	(void)d.read32(csr::kIntMask);
	d.write32(csr::kIntMask, 3);
	EXPECT_EQ(b.dev->stats().bar0_writes, w + 3);
	const auto t = b.dev->trace();
	ASSERT_EQ(t.size(), 3U);
	EXPECT_EQ(t[0].kind, TraceEntry::Kind::bar_write);
	EXPECT_EQ(t[0].value, 2U);
	EXPECT_EQ(t[1].kind, TraceEntry::Kind::bar_read);
	EXPECT_EQ(t[1].value, 2U);
	EXPECT_EQ(t[2].offset, csr::kIntMask);
	EXPECT_LT(t[0].seq, t[2].seq);
	b.dev->set_trace_capacity(0);
	(void)d.read32(0);
	EXPECT_TRUE(b.dev->trace().empty());
	b.dev->reset_stats();
	EXPECT_EQ(b.dev->stats().bar0_writes, 0U);
}

} // namespace
} // namespace ipwmodel::ipw2200
