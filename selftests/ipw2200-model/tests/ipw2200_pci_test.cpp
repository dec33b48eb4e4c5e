// SPDX-License-Identifier: GPL-2.0
/* PCI identity and configuration space of the ipw2200 model. */
#include <gtest/gtest.h>

#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

using test::Bench;

TEST(Ipw2200Pci, TableHasTheDriversTwentyTwoIds)
{
	const auto ids = supported_pci_ids();
	ASSERT_EQ(ids.size(), 22U);
	unsigned abg = 0;
	for (const auto &e : ids)
		abg += e.abg ? 1 : 0;
	EXPECT_EQ(abg, 2U);
	EXPECT_TRUE(pci_id_supported(0x1043, 0x8086, 0x2701));
	EXPECT_TRUE(pci_id_supported(0x1043, 0x103c, 0x2741));
	EXPECT_FALSE(pci_id_supported(0x1043, 0x103c, 0x2742));
	EXPECT_FALSE(pci_id_supported(0x1043, 0x8086, 0x2799));
	EXPECT_TRUE(pci_id_supported(0x104f, 0x1234, 0x5678));
	EXPECT_TRUE(pci_id_supported(0x4220, 0x1234, 0x5678));
	EXPECT_TRUE(pci_id_supported(0x4224, 0, 0));
	EXPECT_FALSE(pci_id_supported(0x4222, 0x8086, 0x2701));
	EXPECT_TRUE(is_2915abg(0x4223));
	EXPECT_TRUE(is_2915abg(0x4224));
	EXPECT_FALSE(is_2915abg(0x4220));
}

TEST(Ipw2200Pci, EveryTableIdBuildsADevice)
{
	for (const auto &e : supported_pci_ids()) {
		DeviceConfig cfg;
		cfg.device_id = e.device;
		cfg.subsystem_vendor = e.subsystem_vendor == 0xFFFF ? 0x8086 : e.subsystem_vendor;
		cfg.subsystem_id = e.subsystem_device == 0xFFFF ? 0x2701 : e.subsystem_device;
		auto dev = make_ipw2200(cfg);
		ASSERT_NE(dev, nullptr) << std::hex << e.device;
		EXPECT_EQ(dev->config_read(0x02, 2), e.device);
		EXPECT_EQ(dev->config_read(0x2E, 2), cfg.subsystem_id);
		EXPECT_EQ(dev->supports_5ghz(), e.abg);
	}
}

TEST(Ipw2200Pci, FactoryRejectsInvalidConfigs)
{
	DeviceConfig cfg;
	cfg.device_id = 0x1043;
	cfg.subsystem_id = 0x2799;
	EXPECT_EQ(make_ipw2200(cfg), nullptr);
	cfg = {};
	cfg.eeprom.nic_type = 5;
	EXPECT_EQ(make_ipw2200(cfg), nullptr);
	cfg = {};
	cfg.eeprom.country = "ZZ";
	EXPECT_EQ(make_ipw2200(cfg), nullptr);
	cfg = {};
	cfg.fw_version = std::string(64, 'x');
	EXPECT_EQ(make_ipw2200(cfg), nullptr);
	EXPECT_NE(make_ipw2200(DeviceConfig{}), nullptr);
}

TEST(Ipw2200Pci, HeaderFields)
{
	auto dev = make_ipw2200({});
	EXPECT_EQ(dev->config_read(0x00, 4), 0x42208086U);
	EXPECT_EQ(dev->config_read(0x08, 4), 0x02800005U); /* class 0280, prog-if 0, rev 5 */
	EXPECT_EQ(dev->config_read(0x0E, 1), 0U);	   /* header type 0 */
	EXPECT_EQ(dev->config_read(0x2C, 4), 0x27018086U);
	EXPECT_EQ(dev->config_read(0x3D, 1), 1U); /* INTA# */
	EXPECT_EQ(dev->config_read(0x04, 2), 0U);
	EXPECT_TRUE(dev->config_read(0x06, 2) & 0x10); /* capability list */
}

TEST(Ipw2200Pci, Bar0SizingAndAddress)
{
	auto dev = make_ipw2200({});
	dev->config_write(0x10, 4, 0xFFFFFFFF);
	EXPECT_EQ(dev->config_read(0x10, 4), 0xFFFFF000U); /* 4 KiB, memory, 32-bit */
	dev->config_write(0x10, 4, 0xFEBF1234);
	EXPECT_EQ(dev->config_read(0x10, 4), 0xFEBF1000U);
	/* Other BARs and the ROM BAR are not implemented. */
	for (std::uint32_t off = 0x14; off <= 0x24; off += 4) {
		dev->config_write(off, 4, 0xFFFFFFFF);
		EXPECT_EQ(dev->config_read(off, 4), 0U);
	}
	dev->config_write(0x30, 4, 0xFFFFFFFF);
	EXPECT_EQ(dev->config_read(0x30, 4), 0U);
}

TEST(Ipw2200Pci, ReadOnlyIdsAndWritableCommand)
{
	auto dev = make_ipw2200({});
	dev->config_write(0x00, 4, 0);
	dev->config_write(0x08, 4, 0);
	EXPECT_EQ(dev->config_read(0x00, 4), 0x42208086U);
	EXPECT_EQ(dev->config_read(0x08, 4), 0x02800005U);
	dev->config_write(0x04, 2, 0xFFFF);
	EXPECT_EQ(dev->config_read(0x04, 2), 0x0547U);
	dev->config_write(0x3C, 1, 11);
	EXPECT_EQ(dev->config_read(0x3C, 1), 11U);
	dev->config_write(0x3D, 1, 4);
	EXPECT_EQ(dev->config_read(0x3D, 1), 1U);
}

TEST(Ipw2200Pci, RetryTimeoutClearedTheDriversWay)
{
	auto dev = make_ipw2200({});
	std::uint32_t val = dev->config_read(0x40, 4);
	ASSERT_NE(val & 0xFF00, 0U);
	dev->config_write(0x40, 4, val & 0xFFFF00FF);
	EXPECT_EQ(dev->config_read(0x41, 1), 0U);
	DeviceConfig cfg;
	cfg.retry_timeout = 0;
	EXPECT_EQ(make_ipw2200(cfg)->config_read(0x40, 4) & 0xFF00, 0U);
}

TEST(Ipw2200Pci, PowerManagementCapability)
{
	auto dev = make_ipw2200({});
	const std::uint32_t cap = dev->config_read(0x34, 1);
	ASSERT_NE(cap, 0U);
	EXPECT_EQ(dev->config_read(cap, 1), 0x01U);  /* PM */
	EXPECT_EQ(dev->config_read(cap + 1, 1), 0U); /* end of list */
	EXPECT_EQ(dev->config_read(cap + 2, 2) & 7, 2U);
	dev->config_write(cap + 4, 2, 3);
	EXPECT_EQ(dev->config_read(cap + 4, 2) & 3, 3U);
}

TEST(Ipw2200Pci, D3ToD0ResetsTheFunction)
{
	Bench b;
	const std::uint32_t pm = b.dev->config_read(0x34, 1) + 4;
	b.dev->config_write(0x40, 4, 0);
	b.dev->bar_write(0, 0x00C, 4, 0x800);
	b.dev->config_write(pm, 2, 3);
	b.dev->config_write(pm, 2, 0);
	EXPECT_EQ(b.dev->config_read(0x41, 1), 0x80U); /* retry timeout back */
	EXPECT_EQ(b.dev->config_read(0x04, 2), 0U);    /* the OS restores the header */
	b.dev->config_write(0x04, 2, 6);
	EXPECT_EQ(b.dev->bar_read(0, 0x00C, 4), 0U);
}

TEST(Ipw2200Pci, MemoryDecodeFollowsTheCommandRegister)
{
	test::FakeMemory mem;
	test::FakeIrq irq;
	test::FakeScheduler sched;
	auto dev = make_ipw2200({});
	dev->attach(mem, irq, sched);
	EXPECT_EQ(dev->bar_read(0, 0x030, 4), 0xFFFFFFFFU);
	dev->bar_write(0, 0x00C, 4, 0x800);
	dev->config_write(0x04, 2, 0x0002);
	EXPECT_EQ(dev->bar_read(0, 0x00C, 4), 0U); /* the write above was not decoded */
	EXPECT_EQ(dev->bar_read(0, 0x030, 4), 0x10000U);
}

TEST(Ipw2200Pci, ExtendedAndOddConfigAccesses)
{
	auto dev = make_ipw2200({});
	EXPECT_EQ(dev->config_read(0x100, 4), 0U);
	EXPECT_EQ(dev->config_read(0xFFE, 4), 0U);
	EXPECT_EQ(dev->config_read(0x00, 3), 0xFFFFFFFFU);
	dev->config_write(0xFFF, 4, 0xFFFFFFFF); /* no crash */
	EXPECT_EQ(dev->config_read(0xFE, 2) & 0xFF, dev->config_read(0xFE, 1));
}

} // namespace
} // namespace ipwmodel::ipw2200
