// SPDX-License-Identifier: GPL-2.0
#include <sys/socket.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "core/log.h"
#include "log_capture.h"
#include "vhost/memory_map.h"
#include "vhost/protocol.h"
#include "vhost/virtqueue.h"
#include "vhost_test_util.h"

namespace ipwmodel {
namespace {

using test::Buf;
using test::DriverRing;
using test::TestMemory;
using vhost::Chain;
using vhost::MemoryMap;
using vhost::Virtqueue;
using PR = Virtqueue::PopResult;

using test::LogCapture;

class VirtqueueTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		ASSERT_TRUE(map.add_region(mem.spec(), mem.fd()));
		setup(ring);
	}

	void setup(DriverRing &r)
	{
		ASSERT_TRUE(q.set_num(r.num()));
		q.set_addresses(r.desc_uva(), r.avail_uva(), r.used_uva());
		ASSERT_TRUE(q.resolve(map));
		q.set_enabled(true);
		q.set_started(true);
	}

	TestMemory mem;
	MemoryMap map;
	DriverRing ring{mem, 8};
	Virtqueue q{0};
	Chain c;
	LogCapture log;
};

TEST(MemoryMap, TranslatesAndBoundsChecks)
{
	TestMemory mem(1 << 16);
	MemoryMap map;

	ASSERT_TRUE(map.add_region(mem.spec(), mem.fd()));
	std::memcpy(mem.host(TestMemory::kGpa + 100), "hello", 5);

	char buf[6] = {};

	EXPECT_TRUE(map.read(TestMemory::kGpa + 100, buf, 5));
	EXPECT_STREQ(buf, "hello");
	EXPECT_EQ(map.gpa_to_host(TestMemory::kGpa + 100, 5),
		  map.uva_to_host(TestMemory::uva(TestMemory::kGpa + 100), 5));
	/* Last byte in, one past out, straddling out, wrap-around out. */
	EXPECT_NE(map.gpa_to_host(TestMemory::kGpa + mem.size() - 1, 1), nullptr);
	EXPECT_EQ(map.gpa_to_host(TestMemory::kGpa + mem.size(), 1), nullptr);
	EXPECT_EQ(map.gpa_to_host(TestMemory::kGpa + mem.size() - 4, 8), nullptr);
	EXPECT_EQ(map.gpa_to_host(TestMemory::kGpa - 1, 2), nullptr);
	EXPECT_EQ(map.gpa_to_host(TestMemory::kGpa + 8, UINT64_MAX), nullptr);
	EXPECT_FALSE(map.write(TestMemory::kGpa + mem.size() - 2, "abcd", 4));
	/* Nothing written on failure. */
	EXPECT_EQ(mem.host(TestMemory::kGpa + mem.size() - 2)[0], 0);
	/* A GPA is not a UVA. */
	EXPECT_EQ(map.uva_to_host(TestMemory::kGpa, 1), nullptr);
}

TEST(MemoryMap, RejectsBadRegions)
{
	TestMemory mem(1 << 16);
	MemoryMap map;
	LogCapture log;
	auto spec = mem.spec();

	spec.size = 0;
	EXPECT_FALSE(map.add_region(spec, mem.fd()));
	spec = mem.spec();
	spec.guest_addr = UINT64_MAX - 10;
	EXPECT_FALSE(map.add_region(spec, mem.fd()));
	EXPECT_FALSE(map.add_region(mem.spec(), -1));
	ASSERT_TRUE(map.add_region(mem.spec(), mem.fd()));
	EXPECT_FALSE(map.add_region(mem.spec(), mem.fd())); /* overlap */
	EXPECT_EQ(map.region_count(), 1U);
}

TEST_F(VirtqueueTest, EmptyQueuePopsNothing)
{
	EXPECT_EQ(q.pop(c), PR::empty);
	EXPECT_TRUE(q.ready());
}

TEST_F(VirtqueueTest, ChainedDescriptorsSplitIntoReadableAndWritable)
{
	const auto a = mem.alloc(16);
	const auto b = mem.alloc(8);
	const auto w1 = mem.alloc(3);
	const auto w2 = mem.alloc(5);

	std::memcpy(mem.host(a), "0123456789abcdef", 16);
	std::memcpy(mem.host(b), "ghijklmn", 8);
	const auto head = ring.add({{a, 16, false}, {b, 8, false}, {w1, 3, true}, {w2, 5, true}});

	ASSERT_EQ(q.pop(c), PR::ok);
	EXPECT_EQ(c.head(), head);
	EXPECT_EQ(c.readable().size(), 2U);
	EXPECT_EQ(c.writable().size(), 2U);
	EXPECT_EQ(c.readable_bytes(), 24U);
	EXPECT_EQ(c.writable_bytes(), 8U);

	char buf[10] = {};

	/* A read crossing the descriptor boundary. */
	EXPECT_EQ(c.read(12, buf, 8), 8U);
	EXPECT_EQ(std::string(buf, 8), "cdefghij");
	EXPECT_EQ(c.read(20, buf, 10), 4U);
	EXPECT_EQ(c.write(1, "WXYZ!", 5), 5U);
	EXPECT_EQ(std::memcmp(mem.host(w1), "\0WX", 3), 0);
	EXPECT_EQ(std::memcmp(mem.host(w2), "YZ!", 3), 0);
	EXPECT_EQ(c.write(7, "12", 2), 1U);

	EXPECT_TRUE(q.push(c.head(), 6));
	EXPECT_EQ(ring.used_idx(), 1);
	EXPECT_EQ(ring.used_elem(0).id, head);
	EXPECT_EQ(ring.used_elem(0).len, 6U);
	EXPECT_EQ(q.pop(c), PR::empty);
}

TEST_F(VirtqueueTest, IndexesWrapAt65536)
{
	ring.set_indexes(65534);
	q.set_base(65534);
	const auto buf = mem.alloc(4);
	std::vector<std::uint16_t> heads;

	heads.reserve(4);

	for (int i = 0; i < 4; i++)
		heads.push_back(ring.add({{buf, 4, true}}));
	for (int i = 0; i < 4; i++) {
		ASSERT_EQ(q.pop(c), PR::ok) << i;
		EXPECT_EQ(c.head(), heads[static_cast<std::size_t>(i)]);
		EXPECT_TRUE(q.push(c.head(), static_cast<std::uint32_t>(i)));
	}
	EXPECT_EQ(q.pop(c), PR::empty);
	EXPECT_EQ(q.base(), 2);
	EXPECT_EQ(ring.used_idx(), 2);
	for (int i = 0; i < 4; i++) {
		auto u = ring.get_used();

		ASSERT_TRUE(u.has_value());
		EXPECT_EQ(u->len, static_cast<std::uint32_t>(i));
	}
}

TEST_F(VirtqueueTest, DescriptorLoopBreaksQueue)
{
	const auto b = mem.alloc(4);

	ring.set_desc(0, b, 4, vhost::kDescFlagNext, 1);
	ring.set_desc(1, b, 4, vhost::kDescFlagNext, 0);
	ring.publish(0);
	EXPECT_EQ(q.pop(c), PR::broken);
	EXPECT_TRUE(q.broken());
	EXPECT_FALSE(q.ready());
	EXPECT_EQ(q.pop(c), PR::broken);
	ASSERT_EQ(log.lines.size(), 1U); /* logged once */
	EXPECT_NE(log.lines[0].find("loops"), std::string::npos);
	/* Reconfiguring the rings repairs it. */
	q.set_addresses(ring.desc_uva(), ring.avail_uva(), ring.used_uva());
	ASSERT_TRUE(q.resolve(map));
	EXPECT_FALSE(q.broken());
}

TEST_F(VirtqueueTest, SelfLoopBreaksQueue)
{
	ring.set_desc(3, mem.alloc(4), 4, vhost::kDescFlagNext, 3);
	ring.publish(3);
	EXPECT_EQ(q.pop(c), PR::broken);
}

TEST_F(VirtqueueTest, OutOfRangeBufferBreaksQueue)
{
	ring.add({{TestMemory::kGpa + mem.size() - 2, 4, false}});
	EXPECT_EQ(q.pop(c), PR::broken);
	EXPECT_NE(log.lines.at(0).find("outside guest memory"), std::string::npos);
}

TEST_F(VirtqueueTest, UnmappedAddressBreaksQueue)
{
	ring.add({{0x1000, 16, true}});
	EXPECT_EQ(q.pop(c), PR::broken);
}

TEST_F(VirtqueueTest, HeadIndexOutOfRangeBreaksQueue)
{
	ring.publish(8);
	EXPECT_EQ(q.pop(c), PR::broken);
}

TEST_F(VirtqueueTest, NextIndexOutOfRangeBreaksQueue)
{
	ring.set_desc(0, mem.alloc(4), 4, vhost::kDescFlagNext, 200);
	ring.publish(0);
	EXPECT_EQ(q.pop(c), PR::broken);
}

TEST_F(VirtqueueTest, AvailIndexTooFarAheadBreaksQueue)
{
	ring.set_avail_idx(9); /* 9 > queue size 8 */
	EXPECT_EQ(q.pop(c), PR::broken);
}

TEST_F(VirtqueueTest, ReadableAfterWritableBreaksQueue)
{
	const auto b = mem.alloc(8);

	ring.add({{b, 4, true}, {b + 4, 4, false}});
	EXPECT_EQ(q.pop(c), PR::broken);
}

TEST_F(VirtqueueTest, IndirectDescriptorBreaksQueue)
{
	ring.set_desc(0, mem.alloc(16), 16, vhost::kDescFlagIndirect, 0);
	ring.publish(0);
	EXPECT_EQ(q.pop(c), PR::broken);
}

TEST_F(VirtqueueTest, HugeChainLengthBreaksQueue)
{
	/* Three 2 GiB "buffers" would overflow 32 bits before they are mapped. */
	ring.set_desc(0, TestMemory::kGpa, 0x80000000U, vhost::kDescFlagNext, 1);
	ring.set_desc(1, TestMemory::kGpa, 0x80000000U, vhost::kDescFlagNext, 2);
	ring.set_desc(2, TestMemory::kGpa, 0x80000000U, 0, 0);
	ring.publish(0);
	EXPECT_EQ(q.pop(c), PR::broken);
}

TEST_F(VirtqueueTest, ZeroLengthDescriptorIsAccepted)
{
	ring.add({{0, 0, false}, {mem.alloc(4), 4, true}});
	ASSERT_EQ(q.pop(c), PR::ok);
	EXPECT_EQ(c.readable_bytes(), 0U);
	EXPECT_EQ(c.writable_bytes(), 4U);
}

TEST_F(VirtqueueTest, FullQueueChainOfNumDescriptorsIsAccepted)
{
	const auto b = mem.alloc(8);

	for (std::uint16_t i = 0; i < 8; i++)
		ring.set_desc(i, b + i, 1, i == 7 ? 0 : vhost::kDescFlagNext, static_cast<std::uint16_t>(i + 1));
	ring.publish(0);
	ASSERT_EQ(q.pop(c), PR::ok);
	EXPECT_EQ(c.readable().size(), 8U);
}

TEST_F(VirtqueueTest, PushRejectsBadHead)
{
	EXPECT_FALSE(q.push(8, 0));
	EXPECT_EQ(ring.used_idx(), 0);
}

TEST_F(VirtqueueTest, NotReadyUntilEnabledAndStarted)
{
	ring.add({{mem.alloc(4), 4, true}});
	q.set_started(false);
	EXPECT_EQ(q.pop(c), PR::empty);
	q.set_started(true);
	q.set_enabled(false);
	EXPECT_EQ(q.pop(c), PR::empty);
	q.set_enabled(true);
	EXPECT_EQ(q.pop(c), PR::ok);
}

TEST_F(VirtqueueTest, RingsOutsideMemoryOrMisalignedAreRejected)
{
	Virtqueue bad(1);

	ASSERT_TRUE(bad.set_num(256));
	bad.set_addresses(TestMemory::uva(TestMemory::kGpa + mem.size() - 64), ring.avail_uva(), ring.used_uva());
	EXPECT_FALSE(bad.resolve(map));
	bad.set_addresses(ring.desc_uva() + 8, ring.avail_uva(), ring.used_uva());
	EXPECT_FALSE(bad.resolve(map));
	bad.set_addresses(ring.desc_uva(), ring.avail_uva(), ring.used_uva() + 2);
	EXPECT_FALSE(bad.resolve(map));
	EXPECT_FALSE(bad.set_num(0));
	EXPECT_FALSE(bad.set_num(100));
	EXPECT_FALSE(bad.set_num(65536));
}

TEST_F(VirtqueueTest, SignalWritesCallFdUnlessSuppressed)
{
	int p[2];

	ASSERT_EQ(pipe2(p, O_CLOEXEC), 0);
	UniqueFd rd(p[0]);

	ASSERT_EQ(fcntl(rd.get(), F_SETFL, O_NONBLOCK), 0);

	q.set_call_fd(UniqueFd(p[1]));
	EXPECT_TRUE(q.signal());
	EXPECT_EQ(test::drain(rd.get()), 8U);
	ring.set_avail_flags(vhost::kAvailFlagNoInterrupt);
	EXPECT_TRUE(q.signal());
	EXPECT_EQ(q.signals(), 1U);
	/* The pipe write end was made non-blocking: a full pipe does not stall. */
	ring.set_avail_flags(0);
	for (int i = 0; i < 10000; i++)
		EXPECT_TRUE(q.signal());
}

/*
 * UML's call "pipe" is a UNIX stream socketpair (os_pipe()).  While the
 * guest does not drain it -- both CPUs spinning with interrupts off, one of
 * them for a register read only the model can answer -- signals must not
 * block the model: the send buffer fills after a few hundred of them.
 */
TEST_F(VirtqueueTest, SignalNeverBlocksOnAFullSocketpair)
{
	int sv[2];

	ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
	UniqueFd guest_end(sv[0]);
	UniqueFd model_end(sv[1]);
	const int model_fd = model_end.get();
	const int blocking = fcntl(model_fd, F_GETFL);

	ASSERT_GE(blocking, 0);
	ASSERT_EQ(blocking & O_NONBLOCK, 0);
	q.set_call_fd(std::move(model_end));
	/* Far more than the send buffer holds; a blocking send hangs here. */
	for (int i = 0; i < 100000; i++)
		ASSERT_TRUE(q.signal()) << i;
	EXPECT_GT(q.signals(), 0U);
	EXPECT_LT(q.signals(), 100000U);
	/* The fd's own flags are left alone (it may be shared). */
	EXPECT_EQ(fcntl(model_fd, F_GETFL) & O_NONBLOCK, 0);
	/* Drained, it carries signals again. */
	ASSERT_EQ(fcntl(guest_end.get(), F_SETFL, O_NONBLOCK), 0);
	EXPECT_GT(test::drain(guest_end.get()), 0U);
	const std::uint64_t before = q.signals();

	EXPECT_TRUE(q.signal());
	EXPECT_EQ(q.signals(), before + 1);
}

} // namespace
} // namespace ipwmodel
