// SPDX-License-Identifier: GPL-2.0
/* The upstream driver's bring-up sequence (ipw_load, ipw_up) against the model. */
#include <algorithm>

#include <gtest/gtest.h>

#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

using std::chrono::milliseconds;
using test::Bench;
using test::DriverSim;

TEST(Ipw2200Init, FullLoadWithSyntheticFirmware)
{
	Bench b;
	DriverSim d(*b.dev, b.mem, b.sched);
	const auto fw = make_synthetic_firmware(FwMode::bss);
	ASSERT_EQ(d.load(fw), 0);
	EXPECT_EQ(b.dev->fw_state(), FwState::runtime_ready);
	EXPECT_EQ(b.dev->stats().boot_starts, 1U);
	EXPECT_EQ(b.dev->stats().runtime_starts, 1U);
	EXPECT_EQ(b.dev->stats().sw_resets, 1U);
	EXPECT_EQ(b.dev->stats().dino_alive, 1U);
	EXPECT_EQ(b.dev->stats().dma_errors, 0U);
	EXPECT_EQ(b.dev->stats().interrupts_by_bit[24], 2U); /* FW_INITIALIZATION_DONE twice */
	EXPECT_EQ(b.dev->stats().interrupts_by_bit[31], 0U); /* never PARITY_ERROR */
	/* The runtime image's last chunk is in SRAM. */
	const auto parsed = parse_firmware(fw);
	const auto &last = parsed.fw.runtime.chunks.back();
	EXPECT_EQ(b.dev->sram().le(last.address, 1), fw[last.payload_offset]);
	/* Interrupts enabled, nothing pending, line low. */
	EXPECT_EQ(d.read32(csr::kIntMask), inta::kMaskAll);
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	EXPECT_FALSE(b.irq.level);
	/* The EEPROM image reached SRAM through the host. */
	EXPECT_EQ(b.dev->shared_memory().le(shm::kEepromData + 0x49, 1), 1U);
	EXPECT_EQ(d.eeprom, b.dev->eeprom().image());
}

TEST(Ipw2200Init, OrdinalsAfterLoad)
{
	DeviceConfig cfg;
	cfg.fw_version = "ABG:9.0.5.27 (Dec 12 2005)";
	Bench b(cfg);
	DriverSim d(*b.dev, b.mem, b.sched);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	/* ipw_init_ordinals */
	EXPECT_GE(d.read32(shm::kOrdTable0), 67U);
	const std::uint32_t t1 = d.read32(shm::kOrdTable1);
	const std::uint32_t t2 = d.read32(shm::kOrdTable2);
	EXPECT_NE(t1, 0U);
	EXPECT_NE(t2, 0U);
	EXPECT_LT(t1, ind::kSramSize);
	EXPECT_EQ(d.read_reg32(t2) & 0xFFFF, 6U);
	std::vector<std::uint8_t> v;
	/* Table 0: MISSED_BEACONS (67), RX_ERR_CRC, TX_FAILURE, TX_CURR_RATE. */
	for (const std::uint32_t ord : {0xF043U, 0xF03AU, 0xF039U, 0xF001U})
		EXPECT_EQ(d.get_ordinal(ord, v, 4), 0) << std::hex << ord;
	EXPECT_EQ(d.get_ordinal(0xF0FF, v, 4), -22);
	EXPECT_EQ(d.get_ordinal(0xF101, v, 4), 0);
	/* Table 2: the firmware version string of ethtool -i. */
	ASSERT_EQ(d.get_ordinal(0xF201, v, 64), 0);
	EXPECT_EQ(std::string(v.begin(), std::find(v.begin(), v.end(), 0)), cfg.fw_version);
	EXPECT_EQ(v.back(), 0);
	ASSERT_EQ(d.get_ordinal(0xF203, v, 4), 0); /* UCODE_VERSION */
	EXPECT_EQ(v[0] | v[1] << 8, cfg.dino.software_revision);
	ASSERT_EQ(d.get_ordinal(0xF205, v, 6), 0); /* ADAPTER_MAC */
	EXPECT_TRUE(std::equal(v.begin(), v.end(), cfg.eeprom.mac.begin()));
	EXPECT_EQ(d.get_ordinal(0xF206, v, 4), 0);   /* RTC */
	EXPECT_EQ(d.get_ordinal(0xF201, v, 8), -22); /* buffer too small */
	/* Logs: pointers into SRAM with zero counts. */
	EXPECT_EQ(d.read_reg32(d.read32(shm::kErrorLog)), 0U);
	EXPECT_NE(d.read32(shm::kEventLog), 0U);
	EXPECT_NE(d.read32(shm::kFixedOverride), 0U);
}

TEST(Ipw2200Init, DefaultVersionStringFitsTheDriversBuffer)
{
	Bench b;
	DriverSim d(*b.dev, b.mem, b.sched);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::ibss)), 0);
	std::vector<std::uint8_t> v;
	ASSERT_EQ(d.get_ordinal(0xF201, v, 64), 0);
	EXPECT_EQ(std::string(v.begin(), std::find(v.begin(), v.end(), 0)), DeviceConfig{}.fw_version);
}

TEST(Ipw2200Init, ReloadAfterShutdownAndSecondUp)
{
	Bench b;
	DriverSim d(*b.dev, b.mem, b.sched);
	const auto fw = make_synthetic_firmware(FwMode::bss);
	ASSERT_EQ(d.load(fw), 0);
	ASSERT_TRUE(d.cmd(cmd::kHostComplete, {}));
	/* ipw_down: CARD_DISABLE, mask off, stop_nic. */
	ASSERT_TRUE(d.cmd(cmd::kCardDisable, std::vector<std::uint8_t>(4, 0)));
	EXPECT_TRUE(b.dev->card_disabled());
	d.write32(csr::kIntMask, ~inta::kMaskAll);
	ASSERT_TRUE(d.stop_nic());
	EXPECT_EQ(b.dev->fw_state(), FwState::halted);
	/* Doorbells to a halted firmware go unanswered. */
	d.send_cmd(cmd::kHostComplete, {});
	b.sched.advance(milliseconds(50));
	EXPECT_EQ(d.read32(shm::kCmdReadIndex), 2U);
	/* ipw_up again: a full load. */
	ASSERT_EQ(d.load(fw), 0);
	EXPECT_EQ(b.dev->stats().runtime_starts, 2U);
	EXPECT_FALSE(b.dev->card_disabled());
	ASSERT_TRUE(d.cmd(cmd::kHostComplete, {}));
}

TEST(Ipw2200Init, BootImageMustBeLoadedBeforeStart)
{
	Bench b;
	DriverSim d(*b.dev, b.mem, b.sched);
	ASSERT_TRUE(d.stop_nic());
	d.init_nic();
	d.start_nic(); /* nothing loaded */
	EXPECT_FALSE(d.poll_bit(csr::kIntA, inta::kFwInitDone, 500));
	EXPECT_EQ(b.dev->fw_state(), FwState::none);
}

TEST(Ipw2200Init, StoppingTheBootFirmwareEarlyCancelsInitDone)
{
	Bench b;
	DriverSim d(*b.dev, b.mem, b.sched);
	ASSERT_TRUE(d.stop_nic());
	d.init_nic();
	ASSERT_EQ(d.load_firmware(build_chunk_stream({{0, std::vector<std::uint8_t>(8, 1)}})), 0);
	d.start_nic();
	ASSERT_TRUE(d.stop_nic()); /* before the boot firmware finished */
	b.sched.advance(milliseconds(100));
	EXPECT_EQ(d.read32(csr::kIntA) & inta::kFwInitDone, 0U);
}

TEST(Ipw2200Init, WorksWithMemoryAndFirmwareOfTheOtherModes)
{
	for (const FwMode m : {FwMode::ibss, FwMode::sniffer}) {
		DeviceConfig cfg;
		cfg.device_id = 0x4223;
		cfg.subsystem_id = 0x1011;
		Bench b(cfg);
		DriverSim d(*b.dev, b.mem, b.sched);
		EXPECT_EQ(d.load(make_synthetic_firmware(m)), 0);
		EXPECT_EQ(b.dev->fw_mode(), m);
	}
}

TEST(Ipw2200Init, EachLoadIdentifiesItsRuntimeImage)
{
	Bench b;
	DriverSim d(*b.dev, b.mem, b.sched);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::sniffer)), 0);
	EXPECT_EQ(b.dev->fw_mode(), FwMode::sniffer);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	EXPECT_EQ(b.dev->fw_mode(), FwMode::bss);
}

} // namespace
} // namespace ipwmodel::ipw2200
