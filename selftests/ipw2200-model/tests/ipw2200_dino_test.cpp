// SPDX-License-Identifier: GPL-2.0
/* DINO microcode load and alive response. */
#include <gtest/gtest.h>

#include "ipw2200/dino.h"
#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

std::array<std::uint8_t, 28> drain(Dino &d)
{
	std::array<std::uint8_t, 28> r{};
	for (unsigned i = 0; i < 7; i++) {
		const std::uint32_t v = d.read_fifo();
		for (unsigned b = 0; b < 4; b++)
			r[4 * i + b] = static_cast<std::uint8_t>(v >> (8 * b));
	}
	return r;
}

TEST(Ipw2200Dino, AliveAfterALoad)
{
	DinoIdentity id;
	id.software_revision = 0x1234;
	Dino d(id);
	EXPECT_EQ(d.read_control(), 0U);
	d.write_control(0);
	d.write_control(dino::kEnableCs);
	for (int i = 0; i < 10; i++)
		d.write_store(0xABCD, true);
	d.write_control(0);
	EXPECT_EQ(d.read_control() & dino::kRxFifoData, 0U);
	d.write_control(dino::kEnableSystem);
	EXPECT_EQ(d.read_control(), dino::kEnableSystem | dino::kRxFifoData);
	const auto r = drain(d);
	EXPECT_EQ(r[0], 1);
	EXPECT_EQ(r[2] | r[3] << 8, 0x1234);
	EXPECT_EQ(r[25], 1);
	EXPECT_EQ(d.read_control() & dino::kRxFifoData, 0U);
	EXPECT_EQ(d.read_fifo(), 0U); /* empty */
	EXPECT_TRUE(d.alive());
	EXPECT_EQ(d.words_loaded(), 10U);
	/* Re-enabling without a new load gives no second response. */
	d.write_control(0);
	d.write_control(dino::kEnableSystem);
	EXPECT_EQ(d.read_control() & dino::kRxFifoData, 0U);
}

TEST(Ipw2200Dino, StaleAddressRejectsTheMicrocode)
{
	Dino d;
	d.write_control(dino::kEnableCs);
	d.write_store(1, true);
	d.write_store(2, false);
	d.write_control(dino::kEnableSystem);
	const auto r = drain(d);
	EXPECT_EQ(r[0], 1);
	EXPECT_EQ(r[25], 0);
	EXPECT_FALSE(d.alive());
	EXPECT_TRUE(d.store_rejected());
}

TEST(Ipw2200Dino, NoMicrocodeOrNoLoad)
{
	Dino d;
	d.write_control(dino::kEnableSystem); /* never loaded: silent */
	EXPECT_EQ(d.read_control() & dino::kRxFifoData, 0U);
	d.write_control(0);
	d.write_control(dino::kEnableCs);
	d.write_control(dino::kEnableSystem); /* loaded nothing: not valid */
	EXPECT_EQ(drain(d)[25], 0);
	d.reset();
	d.write_store(1, true); /* store closed: ignored */
	EXPECT_EQ(d.words_loaded(), 0U);
}

TEST(Ipw2200DinoDevice, DriverUcodeLoad)
{
	test::Bench b;
	test::DriverSim d(*b.dev, b.mem, b.sched);
	const std::vector<std::uint8_t> ucode(2049, 0x11); /* odd byte ignored */
	EXPECT_EQ(d.load_ucode(ucode), 0);
	EXPECT_EQ(d.alive[0], 1);
	EXPECT_EQ(d.alive[25], 1);
	EXPECT_EQ(b.dev->dino().words_loaded(), 1024U);
	EXPECT_EQ(b.dev->stats().dino_alive, 1U);
	EXPECT_EQ(d.read_reg8(ind::kDinoControl), 0U);
}

TEST(Ipw2200DinoDevice, LoopWithoutAddressRewriteIsNotAlive)
{
	test::Bench b;
	test::DriverSim d(*b.dev, b.mem, b.sched);
	const std::vector<std::uint8_t> ucode(64, 0x22);
	EXPECT_EQ(d.load_ucode(ucode, false), -22); /* "Microcode is not alive" */
	EXPECT_EQ(b.dev->stats().dino_alive, 0U);
}

} // namespace
} // namespace ipwmodel::ipw2200
