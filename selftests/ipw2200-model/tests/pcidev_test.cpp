// SPDX-License-Identifier: GPL-2.0
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "core/log.h"
#include "core/manual_scheduler.h"
#include "core/pci_function.h"
#include "pcidev/protocol.h"
#include "pcidev/virtio_pcidev.h"
#include "core/event_loop.h"
#include "vhost/memory_map.h"
#include "vhost/protocol.h"
#include "vhost/vhost_user.h"
#include "vhost/virtqueue.h"
#include "log_capture.h"
#include "vhost_test_util.h"

namespace ipwmodel {
namespace {

using pcidev::MsgHeader;
using pcidev::Op;
using pcidev::VirtioPciDevice;
using test::DriverRing;
using test::TestMemory;

struct Access {
	char kind; /* 'c' config, 'b' BAR */
	bool write;
	unsigned bar;
	std::uint64_t offset;
	unsigned size;
	std::uint64_t value;

	bool operator==(const Access &) const = default;
};

/*
 * A PCI function whose BAR0 register 0x10 drives INTx (bit 0 = level) and
 * whose register 0x20 reads back a counter.
 */
class FakeFunction final : public PciFunction {
public:
	void attach(GuestMemory &m, IrqLine &i, Scheduler &s) override
	{
		mem = &m;
		irq = &i;
		attached++;
	}
	std::uint32_t config_read(std::uint32_t offset, unsigned size) override
	{
		log.push_back({'c', false, 0, offset, size, 0});
		if (offset == 0 && size == 4)
			return 0x42208086;
		return 0x11223344U >> (8 * (4 - size));
	}
	void config_write(std::uint32_t offset, unsigned size, std::uint32_t value) override
	{
		log.push_back({'c', true, 0, offset, size, value});
	}
	std::uint64_t bar_read(unsigned bar, std::uint64_t offset, unsigned size) override
	{
		log.push_back({'b', false, bar, offset, size, 0});
		if (offset == 0x20)
			return ++counter;
		return (0x0807060504030201ULL >> (8 * (offset % 8))) & (size == 8 ? ~0ULL : ((1ULL << (8 * size)) - 1));
	}
	void bar_write(unsigned bar, std::uint64_t offset, unsigned size, std::uint64_t value) override
	{
		log.push_back({'b', true, bar, offset, size, value});
		if (bar == 0 && offset == 0x10)
			irq->set_level((value & 1) != 0);
	}

	GuestMemory *mem = nullptr;
	IrqLine *irq = nullptr;
	int attached = 0;
	std::uint64_t counter = 0;
	std::vector<Access> log;
};

class PcidevTest : public ::testing::Test {
protected:
	PcidevTest() : dev(fn, sched, options()) {}

	static VirtioPciDevice::Options options()
	{
		VirtioPciDevice::Options o;

		o.storm_threshold = 3;
		o.storm_backoff = std::chrono::microseconds(500);
		return o;
	}

	void SetUp() override { dev.attach(transport); }

	/* Queue a read; returns the gpa of its @size-byte answer buffer. */
	std::uint64_t post_read(Op op, unsigned bar, std::uint64_t addr, std::uint32_t size)
	{
		const std::uint64_t h = mem.alloc(sizeof(MsgHeader));
		const std::uint64_t out = mem.alloc(size);

		mem.put(h, MsgHeader{static_cast<std::uint8_t>(op), static_cast<std::uint8_t>(bar), 0, size, addr});
		std::memset(mem.host(out), 0xee, size);
		cmd.add({{h, sizeof(MsgHeader), false}, {out, size, true}});
		return out;
	}

	/* Queue a write as 7.3 does for <= 8 bytes: header and data in one buffer. */
	void post_write(Op op, unsigned bar, std::uint64_t addr, std::uint32_t size,
			const std::vector<std::uint8_t> &data, std::uint32_t buflen = 0)
	{
		const std::uint32_t len =
			buflen != 0 ? buflen : static_cast<std::uint32_t>(sizeof(MsgHeader) + data.size());
		const std::uint64_t b = mem.alloc(len);

		mem.put(b, MsgHeader{static_cast<std::uint8_t>(op), static_cast<std::uint8_t>(bar), 0, size, addr});
		std::memcpy(mem.host(b + sizeof(MsgHeader)), data.data(), data.size());
		cmd.add({{b, len, false}});
	}

	void post_irq_buffers(int n)
	{
		for (int i = 0; i < n; i++)
			irq.add({{mem.alloc(20), 20, true}});
	}

	/* The guest handles one INT: consume the used entry, re-post its buffer. */
	bool guest_takes_int()
	{
		auto u = irq.get_used();

		if (!u)
			return false;
		EXPECT_EQ(u->len, sizeof(MsgHeader));
		irq.publish(static_cast<std::uint16_t>(u->id));
		return true;
	}

	std::uint64_t read_le(std::uint64_t gpa, unsigned n)
	{
		std::uint64_t v = 0;

		std::memcpy(&v, mem.host(gpa), n);
		return v;
	}

	TestMemory mem;
	DriverRing cmd{mem, 64};
	DriverRing irq{mem, 16};
	test::RingTransport transport{mem, {&cmd, &irq}};
	FakeFunction fn;
	ManualScheduler sched;
	VirtioPciDevice dev;
	test::LogCapture log;
};

TEST_F(PcidevTest, AttachesFunctionOnce)
{
	EXPECT_EQ(fn.attached, 1);
	ASSERT_NE(fn.mem, nullptr);
	/* The function's DMA view is the guest memory while connected... */
	std::memcpy(mem.host(TestMemory::kGpa + 0x100), "dma!", 4);
	char buf[4] = {};

	EXPECT_TRUE(fn.mem->read(TestMemory::kGpa + 0x100, buf, 4));
	EXPECT_EQ(std::memcmp(buf, "dma!", 4), 0);
	EXPECT_FALSE(fn.mem->read(TestMemory::kGpa + mem.size(), buf, 1));
	/* ...and fails safely after the guest is gone. */
	dev.detach();
	EXPECT_FALSE(fn.mem->read(TestMemory::kGpa + 0x100, buf, 4));
}

TEST_F(PcidevTest, ConfigReadIsAnsweredWithoutSignal)
{
	const auto out = post_read(Op::cfg_read, 0, 0, 4);

	dev.on_kick(0);
	auto u = cmd.get_used();

	ASSERT_TRUE(u.has_value());
	EXPECT_EQ(u->len, 4U);
	EXPECT_EQ(read_le(out, 4), 0x42208086U);
	EXPECT_EQ(transport.signals(0), 0U);
	EXPECT_EQ(fn.log, (std::vector<Access>{{'c', false, 0, 0, 4, 0}}));
}

TEST_F(PcidevTest, ConfigRead8IsTwoDwords)
{
	const auto out = post_read(Op::cfg_read, 0, 0x10, 8);

	dev.on_kick(0);
	EXPECT_EQ(cmd.get_used()->len, 8U);
	EXPECT_EQ(fn.log.size(), 2U);
	EXPECT_EQ(fn.log[1].offset, 0x14U);
	EXPECT_EQ(read_le(out, 8), 0x1122334411223344ULL);
}

TEST_F(PcidevTest, ConfigReadOutsideConfigSpaceIsAllOnes)
{
	const auto out = post_read(Op::cfg_read, 0, 4094, 4);

	dev.on_kick(0);
	EXPECT_EQ(cmd.get_used()->len, 4U);
	EXPECT_EQ(read_le(out, 4), 0xffffffffU);
	EXPECT_TRUE(fn.log.empty());
}

TEST_F(PcidevTest, ConfigWriteIsPostedAndNotSignalled)
{
	/* 7.3 sends a config write as a 24-byte buffer: header + 8 data bytes. */
	post_write(Op::cfg_write, 0, 0x04, 2, {0x06, 0x01, 0, 0, 0, 0, 0, 0});
	dev.on_kick(0);
	EXPECT_EQ(cmd.get_used()->len, 0U);
	EXPECT_EQ(fn.log, (std::vector<Access>{{'c', true, 0, 4, 2, 0x0106}}));
	EXPECT_EQ(transport.signals(0), 0U);
	EXPECT_EQ(dev.stats().cfg_writes, 1U);
}

TEST_F(PcidevTest, WriteCompletionSignalIsOptional)
{
	VirtioPciDevice::Options o;

	o.signal_write_completions = true;
	FakeFunction fn2;
	VirtioPciDevice dev2(fn2, sched, o);

	dev2.attach(transport);
	post_write(Op::mmio_write, 0, 0x40, 4, {1, 2, 3, 4});
	post_write(Op::mmio_write, 0, 0x44, 4, {1, 2, 3, 4});
	dev2.on_kick(0);
	EXPECT_EQ(transport.signals(0), 1U); /* one per batch */
	/* A batch of reads only is never signalled. */
	(void)post_read(Op::mmio_read, 0, 0, 4);
	dev2.on_kick(0);
	EXPECT_EQ(transport.signals(0), 0U);
	dev2.detach();
}

TEST_F(PcidevTest, BarReadSizes)
{
	const auto o1 = post_read(Op::mmio_read, 0, 0x3, 1);
	const auto o2 = post_read(Op::mmio_read, 0, 0x2, 2);
	const auto o4 = post_read(Op::mmio_read, 0, 0x4, 4);
	const auto o8 = post_read(Op::mmio_read, 2, 0x0, 8);

	dev.on_kick(0);
	EXPECT_EQ(read_le(o1, 1), 0x04U);
	EXPECT_EQ(read_le(o2, 2), 0x0403U);
	EXPECT_EQ(read_le(o4, 4), 0x08070605U);
	EXPECT_EQ(read_le(o8, 8), 0x0807060504030201ULL);
	EXPECT_EQ(fn.log.back(), (Access{'b', false, 2, 0, 8, 0}));
	for (int i = 0; i < 4; i++)
		EXPECT_TRUE(cmd.get_used().has_value());
	EXPECT_EQ(transport.signals(0), 0U);
}

TEST_F(PcidevTest, BarCopyFromIsSplitIntoAlignedAccesses)
{
	/* memcpy_fromio of 13 bytes at offset 3: 1 + 4 + 8 bytes. */
	(void)post_read(Op::mmio_read, 0, 0x3, 13);
	dev.on_kick(0);
	EXPECT_EQ(cmd.get_used()->len, 13U);
	EXPECT_EQ(fn.log,
		  (std::vector<Access>{{'b', false, 0, 3, 1, 0}, {'b', false, 0, 4, 4, 0}, {'b', false, 0, 8, 8, 0}}));
}

TEST_F(PcidevTest, ReadsRunInOrderWithWrites)
{
	post_write(Op::mmio_write, 0, 0x20, 4, {0, 0, 0, 0});
	const auto a = post_read(Op::mmio_read, 0, 0x20, 4);
	const auto b = post_read(Op::mmio_read, 0, 0x20, 4);

	dev.on_kick(0);
	EXPECT_EQ(read_le(a, 4), 1U);
	EXPECT_EQ(read_le(b, 4), 2U);
	EXPECT_EQ(fn.log.front().write, true);
}

TEST_F(PcidevTest, BarWriteSizes)
{
	post_write(Op::mmio_write, 0, 0x30, 4, {0x78, 0x56, 0x34, 0x12});
	post_write(Op::mmio_write, 1, 0x8, 8, {1, 2, 3, 4, 5, 6, 7, 8});
	post_write(Op::mmio_write, 0, 0x31, 1, {0xaa});
	dev.on_kick(0);
	EXPECT_EQ(fn.log, (std::vector<Access>{{'b', true, 0, 0x30, 4, 0x12345678},
					       {'b', true, 1, 0x8, 8, 0x0807060504030201ULL},
					       {'b', true, 0, 0x31, 1, 0xaa}}));
}

TEST_F(PcidevTest, LargeCopyToWithSeparateDataDescriptor)
{
	/* memcpy_toio of 12 bytes: header and data in two readable descriptors. */
	const auto h = mem.alloc(16);
	const auto d = mem.alloc(12);

	mem.put(h, MsgHeader{static_cast<std::uint8_t>(Op::mmio_write), 0, 0, 12, 0x100});
	for (int i = 0; i < 12; i++)
		mem.host(d)[i] = static_cast<std::uint8_t>(i + 1);
	cmd.add({{h, 16, false}, {d, 12, false}});
	dev.on_kick(0);
	EXPECT_EQ(fn.log, (std::vector<Access>{{'b', true, 0, 0x100, 8, 0x0807060504030201ULL},
					       {'b', true, 0, 0x108, 4, 0x0c0b0a09}}));
}

TEST_F(PcidevTest, MisencodedMemsetIsServedAsMemset)
{
	/* 7.3's bar_set: CFG_WRITE carrying the BAR, the length and one byte. */
	post_write(Op::cfg_write, 1, 0x10, 6, {0x5a}, 24);
	dev.on_kick(0);
	EXPECT_EQ(fn.log, (std::vector<Access>{{'b', true, 1, 0x10, 4, 0x5a5a5a5a}, {'b', true, 1, 0x14, 2, 0x5a5a}}));
	EXPECT_EQ(dev.stats().memsets, 1U);
	EXPECT_EQ(dev.stats().cfg_writes, 0U);
	/* Odd sizes on BAR 0 are a memset too. */
	fn.log.clear();
	post_write(Op::cfg_write, 0, 0x0, 3, {0x11}, 24);
	dev.on_kick(0);
	EXPECT_EQ(fn.log.size(), 2U);
	EXPECT_TRUE(fn.log[0].kind == 'b');
}

TEST_F(PcidevTest, ProperMemsetOp)
{
	post_write(Op::mmio_memset, 0, 0x0, 16, {0xff});
	dev.on_kick(0);
	EXPECT_EQ(fn.log, (std::vector<Access>{{'b', true, 0, 0, 8, ~0ULL}, {'b', true, 0, 8, 8, ~0ULL}}));
}

TEST_F(PcidevTest, HugeMemsetIsRefused)
{
	post_write(Op::cfg_write, 0, 0x0, 0x7fffffff, {0x11}, 24);
	dev.on_kick(0);
	EXPECT_TRUE(fn.log.empty());
	EXPECT_EQ(dev.stats().malformed, 1U);
}

TEST_F(PcidevTest, MalformedCommandsAreCompletedSafely)
{
	/* Short header with a writable buffer: all ones. */
	const auto h = mem.alloc(8);
	const auto out = mem.alloc(4);

	cmd.add({{h, 8, false}, {out, 4, true}});
	/* Read without an answer buffer. */
	const auto h2 = mem.alloc(16);

	mem.put(h2, MsgHeader{static_cast<std::uint8_t>(Op::mmio_read), 0, 0, 4, 0});
	cmd.add({{h2, 16, false}});
	/* Read into a buffer smaller than the size. */
	const auto small = post_read(Op::mmio_read, 0, 0, 2);
	const auto h3 = mem.alloc(16);

	mem.put(h3, MsgHeader{static_cast<std::uint8_t>(Op::mmio_read), 0, 0, 4, 0});
	cmd.add({{h3, 16, false}, {small, 2, true}});
	/* Write without data, bad BAR, INT on the cmd queue, unknown op. */
	post_write(Op::mmio_write, 0, 0, 4, {});
	post_write(Op::mmio_write, 7, 0, 4, {1, 2, 3, 4});
	post_write(Op::intx, 0, 1, 0, {});
	post_write(static_cast<Op>(200), 0, 0, 0, {});
	/* Config read of size 3. */
	(void)post_read(Op::cfg_read, 0, 0, 3);

	dev.on_kick(0);
	EXPECT_EQ(cmd.get_used()->len, 4U);
	EXPECT_EQ(read_le(out, 4), 0xffffffffU);
	EXPECT_EQ(cmd.get_used()->len, 0U);
	EXPECT_EQ(cmd.get_used()->len, 2U); /* the well-formed 2-byte read */
	EXPECT_EQ(cmd.get_used()->len, 2U); /* 4 bytes asked, 2 available: all ones */
	EXPECT_EQ(read_le(small, 2), 0xffffU);
	for (int i = 0; i < 4; i++)
		EXPECT_EQ(cmd.get_used()->len, 0U);
	EXPECT_EQ(cmd.get_used()->len, 3U);
	EXPECT_FALSE(cmd.get_used().has_value());
	EXPECT_GE(dev.stats().malformed, 8U);
	/* Only the one well-formed read reached the function. */
	EXPECT_EQ(fn.log.size(), 1U);
}

TEST_F(PcidevTest, BrokenCmdQueueStopsServing)
{
	cmd.set_desc(0, TestMemory::kGpa, 16, vhost::kDescFlagNext, 0);
	cmd.publish(0);
	dev.on_kick(0);
	EXPECT_TRUE(transport.queue(0).broken());
	EXPECT_FALSE(cmd.get_used().has_value());
	EXPECT_TRUE(fn.log.empty());
}

TEST_F(PcidevTest, RisingEdgeSendsIntPinA)
{
	post_irq_buffers(10);
	dev.on_kick(1); /* the guest's initial kick */
	EXPECT_FALSE(irq.get_used().has_value());

	post_write(Op::mmio_write, 0, 0x10, 4, {1, 0, 0, 0});
	dev.on_kick(0);
	auto u = irq.get_used();

	ASSERT_TRUE(u.has_value());
	EXPECT_EQ(u->len, 16U);
	/* The buffer holds {op INT, addr 1}. */
	EXPECT_EQ(transport.signals(1), 1U);
	EXPECT_EQ(dev.stats().ints_sent, 1U);
	EXPECT_EQ(dev.ints_outstanding(), 1U);

	/* Still asserted, no edge: nothing new. */
	post_write(Op::mmio_write, 0, 0x10, 4, {1, 0, 0, 0});
	dev.on_kick(0);
	EXPECT_FALSE(irq.get_used().has_value());
}

TEST_F(PcidevTest, IntMessageContents)
{
	const auto b = mem.alloc(20);

	std::memset(mem.host(b), 0xcc, 20);
	irq.add({{b, 20, true}});
	dev.on_kick(1);
	fn.irq->set_level(true);
	const auto m = mem.get<MsgHeader>(b);

	EXPECT_EQ(m.op, static_cast<std::uint8_t>(Op::intx));
	EXPECT_EQ(m.bar, 0);
	EXPECT_EQ(m.size, 0U);
	EXPECT_EQ(m.addr, 1U);
}

TEST_F(PcidevTest, HandledAndClearedIntIsNotRepeated)
{
	post_irq_buffers(10);
	dev.on_kick(1);
	fn.irq->set_level(true);
	ASSERT_EQ(dev.stats().ints_sent, 1U);
	/* The handler masks (posted write), then re-posts the buffer and kicks. */
	post_write(Op::mmio_write, 0, 0x10, 4, {0, 0, 0, 0});
	ASSERT_TRUE(guest_takes_int());
	dev.on_kick(1); /* the cmd queue is drained first: the level is low */
	EXPECT_EQ(dev.ints_outstanding(), 0U);
	EXPECT_EQ(dev.stats().ints_sent, 1U);
	EXPECT_FALSE(irq.get_used().has_value());
	/* Re-enabled with a cause pending: a new edge, a new INT. */
	fn.irq->set_level(true);
	EXPECT_EQ(dev.stats().ints_sent, 2U);
}

TEST_F(PcidevTest, LevelStillAssertedAtEoiResendsInt)
{
	post_irq_buffers(10);
	dev.on_kick(1);
	fn.irq->set_level(true);
	ASSERT_TRUE(guest_takes_int());
	dev.on_kick(1);
	EXPECT_EQ(dev.stats().ints_sent, 2U);
	EXPECT_EQ(dev.stats().ints_resent, 1U);
	EXPECT_EQ(transport.signals(1), 2U);
	/* Lowered before the next EOI: no more. */
	fn.irq->set_level(false);
	ASSERT_TRUE(guest_takes_int());
	dev.on_kick(1);
	EXPECT_EQ(dev.stats().ints_sent, 2U);
}

TEST_F(PcidevTest, SpuriousKickWithIntOutstandingDoesNotResend)
{
	post_irq_buffers(10);
	dev.on_kick(1);
	fn.irq->set_level(true);
	dev.on_kick(1); /* no buffer re-posted yet: the INT is still being handled */
	EXPECT_EQ(dev.stats().ints_sent, 1U);
}

TEST_F(PcidevTest, IntWaitsForABuffer)
{
	dev.on_kick(1);
	fn.irq->set_level(true);
	EXPECT_EQ(dev.stats().ints_sent, 0U);
	post_irq_buffers(2);
	dev.on_kick(1);
	EXPECT_EQ(dev.stats().ints_sent, 1U);
	EXPECT_TRUE(irq.get_used().has_value());
}

TEST_F(PcidevTest, TooSmallIrqBufferIsSkipped)
{
	irq.add({{mem.alloc(8), 8, true}});
	post_irq_buffers(1);
	dev.on_kick(1);
	fn.irq->set_level(true);
	EXPECT_EQ(irq.get_used()->len, 0U);
	EXPECT_EQ(irq.get_used()->len, 16U);
}

TEST_F(PcidevTest, StuckLineIsRateLimited)
{
	post_irq_buffers(10);
	dev.on_kick(1);
	fn.irq->set_level(true);
	/* Threshold 3: three immediate re-deliveries, then one per backoff. */
	for (int i = 0; i < 3; i++) {
		ASSERT_TRUE(guest_takes_int());
		dev.on_kick(1);
	}
	EXPECT_EQ(dev.stats().ints_sent, 4U);
	ASSERT_TRUE(guest_takes_int());
	dev.on_kick(1);
	EXPECT_EQ(dev.stats().ints_sent, 4U);
	sched.advance(std::chrono::microseconds(499));
	EXPECT_EQ(dev.stats().ints_sent, 4U);
	sched.advance(std::chrono::microseconds(1));
	EXPECT_EQ(dev.stats().ints_sent, 5U);
	EXPECT_EQ(log.lines.size(), 1U);
	/* Lowering the line resets the guard. */
	fn.irq->set_level(false);
	ASSERT_TRUE(guest_takes_int());
	dev.on_kick(1);
	fn.irq->set_level(true);
	EXPECT_EQ(dev.stats().ints_sent, 6U);
}

TEST_F(PcidevTest, ReassertedLineIsNotThrottledButWaitsForEoi)
{
	post_irq_buffers(10);
	dev.on_kick(1);
	fn.irq->set_level(true);
	/* Threshold 3, but every handler's ack re-raises the cause: no backoff. */
	for (int i = 0; i < 20; i++) {
		ASSERT_TRUE(guest_takes_int());
		fn.irq->reasserted();
		/* Nothing is sent at the acknowledgement itself. */
		EXPECT_FALSE(irq.get_used().has_value());
		EXPECT_EQ(dev.stats().ints_sent, static_cast<std::uint64_t>(i) + 1);
		dev.on_kick(1);
		EXPECT_EQ(dev.ints_outstanding(), 1U);
	}
	EXPECT_EQ(dev.stats().ints_sent, 21U);
	EXPECT_EQ(dev.stats().ints_resent, 20U);
	EXPECT_EQ(sched.pending(), 0U);
	EXPECT_TRUE(log.lines.empty());
	/* Without the acknowledgements the guard is back after the threshold. */
	for (int i = 0; i < 3; i++) {
		ASSERT_TRUE(guest_takes_int());
		dev.on_kick(1);
	}
	EXPECT_EQ(dev.stats().ints_sent, 23U);
	EXPECT_EQ(sched.pending(), 1U);
	EXPECT_EQ(log.lines.size(), 1U);
	/* A lowered line ignores reasserted(). */
	fn.irq->set_level(false);
	fn.irq->reasserted();
	EXPECT_EQ(dev.stats().ints_sent, 23U);
}

TEST_F(PcidevTest, BackoffTimerCancelledOnDetach)
{
	post_irq_buffers(10);
	dev.on_kick(1);
	fn.irq->set_level(true);
	for (int i = 0; i < 4; i++) {
		ASSERT_TRUE(guest_takes_int());
		dev.on_kick(1);
	}
	EXPECT_EQ(sched.pending(), 1U);
	dev.detach();
	EXPECT_EQ(sched.pending(), 0U);
	sched.advance(std::chrono::milliseconds(10));
}

TEST_F(PcidevTest, AssertedWhileDisconnectedIsDeliveredOnAttach)
{
	dev.detach();
	fn.irq->set_level(true);
	EXPECT_EQ(dev.stats().ints_sent, 0U);
	dev.attach(transport);
	post_irq_buffers(10);
	dev.on_kick(1);
	EXPECT_EQ(dev.stats().ints_sent, 1U);
}

TEST_F(PcidevTest, WritesFromIsrPathInterleaveWithIntDelivery)
{
	/* A BAR write that raises INTx while the cmd queue is being served. */
	post_irq_buffers(4);
	dev.on_kick(1);
	post_write(Op::mmio_write, 0, 0x10, 4, {1, 0, 0, 0});
	const auto r = post_read(Op::mmio_read, 0, 0x20, 4);

	dev.on_kick(0);
	EXPECT_EQ(dev.stats().ints_sent, 1U);
	EXPECT_EQ(read_le(r, 4), 1U);
	EXPECT_EQ(cmd.get_used()->len, 0U);
	EXPECT_EQ(cmd.get_used()->len, 4U);
}

/*
 * The whole transport: a vhost-user front-end doing what UML 7.3 does, the
 * server in an event loop, virtio-pcidev and a PCI function.
 */
TEST(PcidevEndToEnd, UmlSessionReadWriteInterrupt)
{
	using vhost::Request;
	auto R = [](Request r) { return static_cast<std::uint32_t>(r); };
	const std::uint32_t need_reply = vhost::kVersion | vhost::kFlagNeedReply;

	set_log_sink([](LogLevel, const std::string &) {});
	auto loop = EventLoop::create();
	TestMemory mem;
	FakeFunction fn;
	VirtioPciDevice dev(fn, *loop);
	int disconnects = 0;
	vhost::VhostUserServer server(*loop, dev, [&](vhost::VhostUserConnection::Status) { disconnects++; });
	int sv[2];

	ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	server.serve(UniqueFd(sv[1]));
	test::Frontend fe{UniqueFd(sv[0])};
	auto pump = [&] { ASSERT_TRUE(loop->run_once(std::chrono::milliseconds(100))); };
	auto ack = [&](Request r, const void *p, std::uint32_t n, const std::vector<int> &fds = {}) {
		ASSERT_TRUE(fe.send(R(r), p, n, fds, need_reply));
		pump();
		ASSERT_EQ(fe.recv_u64(R(r)), 0U) << R(r);
	};

	ASSERT_TRUE(fe.send(R(Request::set_owner), nullptr, 0));
	pump();
	ASSERT_TRUE(fe.send(R(Request::get_features), nullptr, 0));
	pump();
	const auto features = fe.recv_u64(R(Request::get_features));

	ASSERT_EQ(features, (1ULL << 32) | (1ULL << 30));
	ASSERT_TRUE(fe.send(R(Request::get_protocol_features), nullptr, 0));
	pump();
	ASSERT_EQ(fe.recv_u64(R(Request::get_protocol_features)), 0x228U);
	ASSERT_TRUE(fe.send_u64(R(Request::set_protocol_features), 0x228));
	pump();
	int p[2];

	ASSERT_EQ(pipe2(p, O_CLOEXEC | O_NONBLOCK), 0);
	const UniqueFd req_rd(p[0]);
	const UniqueFd req_wr(p[1]);

	ack(Request::set_backend_req_fd, nullptr, 0, {req_wr.get()});
	ack(Request::set_features, &*features, 8);
	struct [[gnu::packed]] {
		vhost::MemTableHeader h;
		vhost::MemRegion r;
	} mt{{1, 0}, {TestMemory::kGpa, mem.size(), TestMemory::kUva, TestMemory::kOffset}};

	ack(Request::set_mem_table, &mt, sizeof(mt), {mem.fd()});
	DriverRing cmd(mem, 256);
	DriverRing irq(mem, 256);
	std::vector<UniqueFd> call_rd;
	std::vector<UniqueFd> kick;

	test::setup_vrings(ack, {&cmd, &irq}, 256, call_rd, kick);
	if (HasFatalFailure())
		return;
	const std::uint64_t one = 1;

	/* virtio_pcidev_init_vqs: 10 irq buffers, one kick. */
	for (int i = 0; i < 10; i++)
		irq.add({{mem.alloc(20), 20, true}});
	ASSERT_EQ(write(kick[1].get(), &one, 8), 8);
	pump();

	/* A config read: answered, not signalled. */
	const auto h = mem.alloc(16);
	const auto out = mem.alloc(4);

	mem.put(h, MsgHeader{static_cast<std::uint8_t>(Op::cfg_read), 0, 0, 4, 0});
	cmd.add({{h, 16, false}, {out, 4, true}});
	ASSERT_EQ(write(kick[0].get(), &one, 8), 8);
	pump();
	ASSERT_EQ(cmd.get_used()->len, 4U);
	EXPECT_EQ(mem.get<std::uint32_t>(out), 0x42208086U);
	EXPECT_EQ(test::drain(call_rd[0].get()), 0U);

	/* A posted write raising INTx: an INT on queue 1, signalled. */
	const auto w = mem.alloc(24);

	mem.put(w, MsgHeader{static_cast<std::uint8_t>(Op::mmio_write), 0, 0, 4, 0x10});
	mem.put(w + 16, std::uint64_t{1});
	cmd.add({{w, 24, false}});
	ASSERT_EQ(write(kick[0].get(), &one, 8), 8);
	pump();
	EXPECT_EQ(cmd.get_used()->len, 0U);
	auto u = irq.get_used();

	ASSERT_TRUE(u.has_value());
	EXPECT_EQ(u->len, 16U);
	EXPECT_EQ(test::drain(call_rd[1].get()), 8U);
	EXPECT_EQ(test::drain(call_rd[0].get()), 0U);

	/* UML's shutdown, then the guest goes away. */
	for (std::uint32_t i = 2; i-- > 0;) {
		const vhost::VringState dis{i, 0};

		ack(Request::set_vring_enable, &dis, 8);
	}
	fe.close();
	pump();
	EXPECT_EQ(disconnects, 1);
	EXPECT_FALSE(server.connected());
	set_log_sink({});
}

} // namespace
} // namespace ipwmodel
