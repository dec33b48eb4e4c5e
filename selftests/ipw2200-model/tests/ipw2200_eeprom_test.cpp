// SPDX-License-Identifier: GPL-2.0
/* The Microwire EEPROM of the ipw2200 model. */
#include <gtest/gtest.h>

#include "ipw2200/eeprom.h"
#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

using namespace eeprom_port;

/* Clock a READ of @addr into @e the way the driver does; returns the word. */
std::uint16_t bitbang_read(Eeprom &e, std::uint8_t addr, unsigned leading_zero_clocks = 1)
{
	e.write_port(0);
	e.write_port(kCs);
	for (unsigned i = 0; i < leading_zero_clocks; i++) {
		e.write_port(kCs | kSk);
		e.write_port(kCs);
	}
	auto bit = [&e](unsigned b) {
		const std::uint32_t d = b ? kDi : 0;
		e.write_port(kCs | d);
		e.write_port(kCs | d | kSk);
	};
	bit(1);
	bit(1);
	bit(0);
	for (int i = 7; i >= 0; i--)
		bit(addr & (1U << i));
	e.write_port(kCs);
	EXPECT_EQ(e.read_port() & kDo, 0U); /* the dummy 0 */
	std::uint16_t r = 0;
	for (int i = 0; i < 16; i++) {
		e.write_port(kCs | kSk);
		e.write_port(kCs);
		r = static_cast<std::uint16_t>((r << 1) | ((e.read_port() & kDo) ? 1 : 0));
	}
	e.write_port(0);
	return r;
}

TEST(Ipw2200Eeprom, ImageLayout)
{
	EepromContents c;
	c.mac = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55};
	c.version = 3;
	c.nic_type = 1;
	c.sku_capability = 0x05;
	c.country = "ZZA";
	const auto img = Eeprom::build_image(c);
	EXPECT_EQ(img[0x42], 0x00);
	EXPECT_EQ(img[0x47], 0x55);
	EXPECT_EQ(img[0x49], 3);
	EXPECT_EQ(img[0x4A], 1);
	EXPECT_EQ(img[0x4B], 0x05);
	EXPECT_EQ(img[0x4C], 'Z');
	EXPECT_EQ(img[0x4E], 'A');
	Eeprom e(img);
	EXPECT_EQ(e.word(0x21), 0x1100);       /* bytes 0x42, 0x43 */
	EXPECT_EQ(e.word(0x21 + 128), 0x1100); /* addresses wrap */
}

TEST(Ipw2200Eeprom, BitBangedReadOfEveryWord)
{
	Eeprom::Image img{};
	for (unsigned i = 0; i < img.size(); i++)
		img[i] = static_cast<std::uint8_t>(i * 7 + 3);
	Eeprom e(img);
	for (unsigned w = 0; w < Eeprom::kWords; w++)
		ASSERT_EQ(bitbang_read(e, static_cast<std::uint8_t>(w)), e.word(w)) << w;
	EXPECT_EQ(e.words_read(), Eeprom::kWords);
}

TEST(Ipw2200Eeprom, LeadingZerosBeforeTheStartBitAreIgnored)
{
	Eeprom e(Eeprom::build_image({}));
	EXPECT_EQ(bitbang_read(e, 0x21, 0), e.word(0x21));
	EXPECT_EQ(bitbang_read(e, 0x21, 5), e.word(0x21));
}

TEST(Ipw2200Eeprom, DeselectAbortsAndSequentialReadContinues)
{
	Eeprom::Image img{};
	img[4] = 0x34;
	img[5] = 0x12;
	img[6] = 0x78;
	img[7] = 0x56;
	Eeprom e(img);
	/* Start a read of word 2, then drop CS half way. */
	e.write_port(kCs);
	for (unsigned b : {1U, 1U, 0U, 0U, 0U, 0U, 0U, 0U, 0U, 1U, 0U}) {
		e.write_port(kCs | (b ? kDi : 0));
		e.write_port(kCs | (b ? kDi : 0) | kSk);
	}
	e.write_port(kCs);
	e.write_port(0);
	EXPECT_EQ(e.read_port() & kDo, 0U);
	/* A fresh read works, and clocking on reads the next word. */
	EXPECT_EQ(bitbang_read(e, 2), 0x1234);
	e.write_port(kCs);
	for (unsigned b : {1U, 1U, 0U, 0U, 0U, 0U, 0U, 0U, 0U, 1U, 0U}) {
		e.write_port(kCs | (b ? kDi : 0));
		e.write_port(kCs | (b ? kDi : 0) | kSk);
	}
	std::uint32_t r = 0;
	for (int i = 0; i < 32; i++) {
		e.write_port(kCs);
		e.write_port(kCs | kSk);
		r = (r << 1) | ((e.read_port() & kDo) ? 1 : 0);
	}
	EXPECT_EQ(r, 0x12345678U);
}

TEST(Ipw2200Eeprom, WriteOpcodesAreIgnored)
{
	Eeprom e(Eeprom::build_image({}));
	const auto before = e.image();
	/* EWEN (00 11xxxxxx) then WRITE (01 addr) with data. */
	for (unsigned op : {0x0C0U, 0x121U}) {
		e.write_port(kCs);
		e.write_port(kCs | kDi);
		e.write_port(kCs | kDi | kSk);
		for (int i = 9; i >= 0; i--) {
			const std::uint32_t d = (op >> i) & 1 ? kDi : 0;
			e.write_port(kCs | d);
			e.write_port(kCs | d | kSk);
		}
		for (int i = 0; i < 16; i++) {
			e.write_port(kCs | kDi);
			e.write_port(kCs | kDi | kSk);
		}
		EXPECT_EQ(e.read_port() & kDo, 0U);
		e.write_port(0);
	}
	EXPECT_EQ(e.image(), before);
	EXPECT_EQ(bitbang_read(e, 0x21), e.word(0x21));
}

TEST(Ipw2200Eeprom, PortReadsBackTheLatch)
{
	Eeprom e(Eeprom::build_image({}));
	e.write_port(kCs | kDi | 0x100);
	EXPECT_EQ(e.read_port(), kCs | kDi);
}

TEST(Ipw2200Eeprom, ThroughTheDeviceLikeTheDriver)
{
	DeviceConfig cfg;
	cfg.eeprom.mac = {0x02, 0xAB, 0xCD, 0xEF, 0x01, 0x23};
	cfg.eeprom.nic_type = 2;
	cfg.eeprom.country = "ZZM";
	test::Bench b(cfg);
	test::DriverSim d(*b.dev, b.mem, b.sched);
	const auto img = d.read_eeprom();
	EXPECT_EQ(img, b.dev->eeprom().image());
	EXPECT_EQ(img[0x42], 0x02);
	EXPECT_EQ(img[0x47], 0x23);
	EXPECT_NE(img[0x49], 0);
	EXPECT_EQ(img[0x4A], 2);
	EXPECT_EQ(std::string(img.begin() + 0x4C, img.begin() + 0x4F), "ZZM");
	EXPECT_EQ(b.dev->eeprom().words_read(), 128U);
}

} // namespace
} // namespace ipwmodel::ipw2200
