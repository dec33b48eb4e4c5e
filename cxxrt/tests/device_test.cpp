// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/{io,firmware,dma,device}.h on a KUnit device:
// register-window bounds (compile-time and run-time), checked byte views, firmware requests that fail
// cleanly, coherent and streaming DMA.
#include <kcxx/device.h>
#include <kcxx/dma.h>
#include <kcxx/firmware.h>
#include <kcxx/io.h>
#include <kcxx/new.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::u32;
using kcxx::u8;

namespace {

int io_bounds(Sleepable &)
{
	using Regs = kcxx::IoMem<0x1000>;
	static_assert(Regs::fits(0xffc, 4) && !Regs::fits(0xffd, 4) && !Regs::fits(0x1000, 1));
	static_assert(!Regs::fits(0x2, 4) && Regs::fits(0x2, 2) && Regs::fits(0xfff, 1));
	static_assert(!Regs::fits(~static_cast<kcxx::size_t>(0) - 1, 4)); // no wrap-around
	// A mapping smaller than the window, or none, is refused.
	unsigned char small[16];
	CHECK(!Regs::adopt(small, sizeof(small)));
	CHECK(Regs::adopt(nullptr, 0x1000).error() == -22);
	// Refused accesses never touch memory, so a plain buffer can stand in
	// for a mapping here (UML's readl() would WARN on it).  Accesses that do
	// reach registers are tested against the device model.
	alignas(4) static unsigned char fake[0x1000];
	auto r = Regs::adopt(fake, sizeof(fake));
	CHECK(r);
	const Regs &regs = r.value();
	CHECK(regs.try_read32(0x1000).error() == -22);
	CHECK(regs.try_read32(0x11).error() == -22);
	CHECK(regs.try_read16(0xfff).error() == -22);
	CHECK(regs.try_read8(0x1000).error() == -22);
	CHECK(!regs.try_write32(0xffe, 1));
	CHECK(!regs.try_write16(0x1001, 1));
	CHECK(!regs.try_write8(0x1000, 1));
	return 0;
}

int bytes_checked_reads(Sleepable &)
{
	static const u8 img[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06};
	kcxx::Bytes b(img, sizeof(img));
	CHECK(b.read_le32(0).value_or(0) == 0x04030201);
	CHECK(b.read_le16(4).value_or(0) == 0x0605);
	CHECK(!b.read_le32(3));
	CHECK(!b.read_le16(5));
	CHECK(!b.read_u8(6));
	CHECK(!b.read_le32(~static_cast<kcxx::size_t>(0) - 1));
	auto s = b.sub(2, 4);
	CHECK(s && s.value().size() == 4 && s.value().read_u8(0).value_or(0) == 3);
	CHECK(!b.sub(2, 5));
	CHECK(!b.sub(7, 0));
	return 0;
}

int firmware_missing(Sleepable &ctx, void *raw) KCXX_REQUIRES(ctx)
{
	kcxx::Device dev(raw);
	auto fw = kcxx::Firmware::request(ctx, dev, "kcxx-test-no-such-file.bin");
	CHECK(!fw);
	CHECK(fw.error() == -2 /* ENOENT */);
	dev.info("kcxx test: missing firmware reported as %d\n", fw.error());
	return 0;
}

struct Desc {
	u32 addr;
	u32 len;
};

int dma_coherent_and_streaming(Sleepable &ctx, void *raw) KCXX_REQUIRES(ctx)
{
	kcxx::Device dev(raw);
	CHECK(kcxx::dma_set_mask(dev, 32));
	{
		auto ring = kcxx::DmaCoherent<Desc>::alloc(dev, Gfp::kernel(ctx), 64);
		CHECK(ring);
		auto &r = ring.value();
		CHECK(r.count() == 64 && r.bytes() == 64 * sizeof(Desc));
		CHECK(r.bus_addr() != 0 && r.bus_addr() + r.bytes() <= 0x100000000ULL);
		CHECK(r.at(0)->addr == 0 && r.at(63)->len == 0); // zeroed
		CHECK(r.at(64) == nullptr);
		CHECK(r.bus_addr_of(1) == r.bus_addr() + sizeof(Desc));
		CHECK(!kcxx::DmaCoherent<Desc>::alloc(dev, Gfp::kernel(ctx), 0));
	}
	u8 *buf = new (Gfp::kernel(ctx)) u8[256];
	CHECK(buf);
	{
		auto m = kcxx::DmaMapping::map(dev, buf, 256, kcxx::DmaDir::from_device);
		CHECK(m);
		m.value().sync_for_cpu();
		m.value().sync_for_device();
		CHECK(m.value().len() == 256);
	}
	delete[] buf;
	return 0;
}

} // namespace

extern "C" int kcxx_test_io_bounds(void)
{
	return run(io_bounds);
}
extern "C" int kcxx_test_bytes_checked_reads(void)
{
	return run(bytes_checked_reads);
}
extern "C" int kcxx_test_firmware_missing(void *dev)
{
	return kcxx::with_sleepable([dev](Sleepable &ctx) KCXX_REQUIRES(ctx) { return firmware_missing(ctx, dev); });
}
extern "C" int kcxx_test_dma_coherent_and_streaming(void *dev)
{
	return kcxx::with_sleepable([dev](Sleepable &ctx)
					    KCXX_REQUIRES(ctx) { return dma_coherent_and_streaming(ctx, dev); });
}
