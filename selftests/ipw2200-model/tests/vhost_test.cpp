// SPDX-License-Identifier: GPL-2.0
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/event_loop.h"
#include "core/log.h"
#include "log_capture.h"
#include "vhost/protocol.h"
#include "vhost/vhost_user.h"
#include "vhost_test_util.h"

namespace ipwmodel {
namespace {

using test::Frontend;
using test::TestMemory;
using vhost::Request;
using vhost::VhostUserConnection;
using Status = VhostUserConnection::Status;

constexpr std::uint32_t R(Request r)
{
	return static_cast<std::uint32_t>(r);
}

constexpr std::uint32_t kNeedReply = vhost::kVersion | vhost::kFlagNeedReply;

class FakeDevice final : public vhost::VirtioDevice {
public:
	[[nodiscard]] unsigned num_queues() const override { return 2; }
	[[nodiscard]] std::uint64_t device_features() const override { return 1ULL << 5; }
	[[nodiscard]] std::vector<std::uint8_t> config() const override { return {1, 2, 3, 4}; }
	bool set_config(std::uint32_t offset, const std::vector<std::uint8_t> &data) override
	{
		last_config = data;
		return offset == 0;
	}
	void attach(vhost::VirtioTransport &t) override { transport = &t; }
	void detach() override
	{
		transport = nullptr;
		detached++;
	}
	void on_kick(unsigned index) override { kicks.push_back(index); }

	vhost::VirtioTransport *transport = nullptr;
	int detached = 0;
	std::vector<unsigned> kicks;
	std::vector<std::uint8_t> last_config;
};

using QuietLog = test::LogCapture;

std::size_t open_fd_count()
{
	std::size_t n = 0;
	DIR *d = opendir("/proc/self/fd");

	while (d != nullptr && readdir(d) != nullptr)
		n++;
	if (d != nullptr)
		closedir(d);
	return n;
}

class VhostTest : public ::testing::Test {
protected:
	void SetUp() override
	{
		int sv[2];

		ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
		fe = std::make_unique<Frontend>(UniqueFd(sv[0]));
		loop = EventLoop::create();
		conn = std::make_unique<VhostUserConnection>(*loop, UniqueFd(sv[1]), dev);
	}

	Status handle() { return conn->handle_one(); }

	/* Send a request that asks for an ack; handle it; return the ack value. */
	std::optional<std::uint64_t> acked(std::uint32_t req, const void *p, std::uint32_t size,
					   const std::vector<int> &fds = {})
	{
		EXPECT_TRUE(fe->send(req, p, size, fds, kNeedReply));
		const Status st = handle();
		auto v = fe->recv_u64(req);

		EXPECT_EQ(st, v && *v == 0 ? Status::ok : Status::error);
		return v;
	}

	std::optional<std::uint64_t> get(Request req)
	{
		EXPECT_TRUE(fe->send(R(req), nullptr, 0));
		EXPECT_EQ(handle(), Status::ok);
		return fe->recv_u64(R(req));
	}

	void negotiate()
	{
		ASSERT_TRUE(fe->send(R(Request::set_owner), nullptr, 0));
		ASSERT_EQ(handle(), Status::ok);
		ASSERT_EQ(get(Request::get_features), (1ULL << 32) | (1ULL << 30) | (1ULL << 5));
		ASSERT_EQ(get(Request::get_protocol_features), 0x228U);
		ASSERT_TRUE(fe->send_u64(R(Request::set_protocol_features), 0x228));
		ASSERT_EQ(handle(), Status::ok);
		ASSERT_TRUE(fe->quiet());
	}

	/* What UML sends after the protocol features, for @nq queues. */
	void setup_rings(unsigned nq)
	{
		int p[2];

		ASSERT_EQ(pipe2(p, O_CLOEXEC | O_NONBLOCK), 0);
		UniqueFd req_rd(p[0]);
		UniqueFd req_wr(p[1]);

		ASSERT_EQ(acked(R(Request::set_backend_req_fd), nullptr, 0, {req_wr.get()}), 0U);
		const std::uint64_t features = (1ULL << 32) | (1ULL << 30);

		ASSERT_EQ(acked(R(Request::set_features), &features, 8), 0U);
		send_mem_table();
		for (unsigned i = 0; i < nq; i++) {
			int cp[2];

			ASSERT_EQ(pipe2(cp, O_CLOEXEC | O_NONBLOCK), 0);
			call_rd.emplace_back(cp[0]);
			const UniqueFd call_wr(cp[1]);
			const std::uint64_t idx = i;

			ASSERT_EQ(acked(R(Request::set_vring_call), &idx, 8, {call_wr.get()}), 0U);
			const vhost::VringState num{i, 8};
			const vhost::VringState base{i, 0};

			ASSERT_EQ(acked(R(Request::set_vring_num), &num, 8), 0U);
			ASSERT_EQ(acked(R(Request::set_vring_base), &base, 8), 0U);
			rings.push_back(std::make_unique<test::DriverRing>(mem, 8));
			const vhost::VringAddr a{
				i, 0, rings[i]->desc_uva(), rings[i]->used_uva(), rings[i]->avail_uva(), ~0ULL};

			ASSERT_EQ(acked(R(Request::set_vring_addr), &a, sizeof(a)), 0U);
		}
		for (unsigned i = 0; i < nq; i++) {
			kick.emplace_back(eventfd(0, EFD_CLOEXEC));
			const std::uint64_t idx = i;
			const vhost::VringState en{i, 1};

			ASSERT_EQ(acked(R(Request::set_vring_kick), &idx, 8, {kick[i].get()}), 0U);
			ASSERT_EQ(acked(R(Request::set_vring_enable), &en, 8), 0U);
		}
	}

	void send_mem_table()
	{
		struct [[gnu::packed]] {
			vhost::MemTableHeader h;
			vhost::MemRegion r;
		} mt{{1, 0}, {TestMemory::kGpa, mem.size(), TestMemory::kUva, TestMemory::kOffset}};

		ASSERT_EQ(acked(R(Request::set_mem_table), &mt, sizeof(mt), {mem.fd()}), 0U);
	}

	/* Expect the connection to reject the message just sent (ack 1 if asked). */
	void expect_error(bool with_ack = false, std::uint32_t req = 0)
	{
		EXPECT_EQ(handle(), Status::error);
		if (with_ack) {
			EXPECT_EQ(fe->recv_u64(req), 1U);
		}
		EXPECT_TRUE(fe->quiet());
		EXPECT_FALSE(log.lines.empty());
	}

	QuietLog log;
	TestMemory mem;
	FakeDevice dev;
	std::unique_ptr<Frontend> fe;
	std::unique_ptr<EventLoop> loop;
	std::unique_ptr<VhostUserConnection> conn;
	std::vector<UniqueFd> call_rd;
	std::vector<UniqueFd> kick;
	std::vector<std::unique_ptr<test::DriverRing>> rings;
};

TEST_F(VhostTest, UmlHandshakeAndKick)
{
	negotiate();
	setup_rings(2);
	EXPECT_EQ(dev.transport->acked_features(), (1ULL << 32) | (1ULL << 30));
	EXPECT_TRUE(conn->vq(0)->ready());
	EXPECT_TRUE(conn->vq(1)->ready());
	EXPECT_EQ(conn->memory_map().region_count(), 1U);
	/* Enabling a ready queue lets the device look for early buffers. */
	EXPECT_EQ(dev.kicks, (std::vector<unsigned>{0, 1}));
	dev.kicks.clear();

	const std::uint64_t one = 1;

	ASSERT_EQ(write(kick[1].get(), &one, 8), 8);
	ASSERT_TRUE(loop->run_once(std::chrono::milliseconds(100)));
	EXPECT_EQ(dev.kicks, (std::vector<unsigned>{1}));

	/* The device's rings are the ones the front-end set up. */
	const auto buf = mem.alloc(4);

	rings[0]->add({{buf, 4, true}});
	vhost::Chain c;

	ASSERT_EQ(dev.transport->queue(0).pop(c), vhost::Virtqueue::PopResult::ok);
	ASSERT_EQ(c.write(0, "abcd", 4), 4U);
	ASSERT_TRUE(dev.transport->queue(0).push(c.head(), 4));
	ASSERT_TRUE(dev.transport->queue(0).signal());
	EXPECT_EQ(test::drain(call_rd[0].get()), 8U);
	EXPECT_EQ(rings[0]->get_used()->len, 4U);
	EXPECT_EQ(std::memcmp(mem.host(buf), "abcd", 4), 0);
	/* DMA view through the transport. */
	char dma[4] = {};

	EXPECT_TRUE(dev.transport->memory().read(buf, dma, 4));
	EXPECT_EQ(std::memcmp(dma, "abcd", 4), 0);
	EXPECT_TRUE(log.lines.empty());
}

TEST_F(VhostTest, ShutdownDisablesThenGetFeaturesBarrier)
{
	negotiate();
	setup_rings(2);
	for (unsigned i = 2; i-- > 0;) {
		const vhost::VringState dis{i, 0};

		EXPECT_EQ(acked(R(Request::set_vring_enable), &dis, 8), 0U);
		EXPECT_FALSE(conn->vq(i)->ready());
	}
	EXPECT_TRUE(get(Request::get_features).has_value());
}

TEST_F(VhostTest, GetVringBaseStopsRingAndReturnsIndex)
{
	negotiate();
	setup_rings(1);
	rings[0]->add({{mem.alloc(4), 4, true}});
	vhost::Chain c;

	ASSERT_EQ(dev.transport->queue(0).pop(c), vhost::Virtqueue::PopResult::ok);
	const vhost::VringState s{0, 0};

	ASSERT_TRUE(fe->send_struct(R(Request::get_vring_base), s));
	ASSERT_EQ(handle(), Status::ok);
	auto r = fe->recv();

	ASSERT_TRUE(r.has_value());
	EXPECT_EQ(r->hdr.flags, 0x5U);
	ASSERT_EQ(r->payload.size(), 8U);
	vhost::VringState got{};

	std::memcpy(&got, r->payload.data(), 8);
	EXPECT_EQ(got.index, 0U);
	EXPECT_EQ(got.num, 1U);
	EXPECT_FALSE(conn->vq(0)->started());
	EXPECT_FALSE(conn->vq(0)->ready());
}

TEST_F(VhostTest, GetConfigReturnsDeviceConfig)
{
	negotiate();
	struct [[gnu::packed]] {
		vhost::ConfigHeader h;
		std::uint8_t data[6];
	} req{{1, 6, 0}, {}};

	ASSERT_TRUE(fe->send(R(Request::get_config), &req, sizeof(req)));
	ASSERT_EQ(handle(), Status::ok);
	auto r = fe->recv();

	ASSERT_TRUE(r.has_value());
	ASSERT_EQ(r->payload.size(), sizeof(req));
	EXPECT_EQ(r->hdr.flags, 0x5U);
	const std::vector<std::uint8_t> data(r->payload.begin() + 12, r->payload.end());

	EXPECT_EQ(data, (std::vector<std::uint8_t>{2, 3, 4, 0, 0, 0}));
}

TEST_F(VhostTest, SetConfigReachesDevice)
{
	negotiate();
	struct [[gnu::packed]] {
		vhost::ConfigHeader h;
		std::uint8_t data[2];
	} req{{0, 2, 0}, {7, 8}};

	EXPECT_EQ(acked(R(Request::set_config), &req, sizeof(req)), 0U);
	EXPECT_EQ(dev.last_config, (std::vector<std::uint8_t>{7, 8}));
}

TEST_F(VhostTest, ResetOwnerForgetsState)
{
	negotiate();
	setup_rings(1);
	ASSERT_TRUE(fe->send(R(Request::reset_owner), nullptr, 0, {}, kNeedReply));
	EXPECT_EQ(handle(), Status::ok);
	EXPECT_TRUE(fe->quiet()); /* REPLY_ACK is forgotten too */
	EXPECT_FALSE(conn->vq(0)->ready());
	EXPECT_EQ(conn->memory_map().region_count(), 0U);
	EXPECT_EQ(conn->protocol_features(), 0U);
}

TEST_F(VhostTest, PeerCloseIsReported)
{
	fe->close();
	EXPECT_EQ(handle(), Status::closed);
}

TEST_F(VhostTest, TruncatedHeaderIsAnError)
{
	ASSERT_TRUE(fe->send_raw("\x01\x00\x00", 3));
	fe->close();
	EXPECT_EQ(handle(), Status::error);
}

TEST_F(VhostTest, TruncatedPayloadIsAnError)
{
	const vhost::Header h{R(Request::set_features), vhost::kVersion, 8};

	ASSERT_TRUE(fe->send_raw(&h, sizeof(h)));
	ASSERT_TRUE(fe->send_raw("1234", 4));
	fe->close();
	EXPECT_EQ(handle(), Status::error);
}

TEST_F(VhostTest, UnknownRequestDropsConnection)
{
	negotiate();
	ASSERT_TRUE(fe->send(9999, nullptr, 0, {}, kNeedReply));
	expect_error(true, 9999);
}

TEST_F(VhostTest, NotOfferedRequestsAreRejected)
{
	ASSERT_TRUE(fe->send_u64(R(Request::set_log_base), 0));
	expect_error();
}

TEST_F(VhostTest, BadVersionFlagsDropConnection)
{
	ASSERT_TRUE(fe->send(R(Request::get_features), nullptr, 0, {}, 0x2));
	expect_error();
}

TEST_F(VhostTest, ReplyFlagInRequestIsRejected)
{
	ASSERT_TRUE(fe->send(R(Request::get_features), nullptr, 0, {}, 0x5));
	expect_error();
}

TEST_F(VhostTest, OversizedPayloadIsRejectedUnread)
{
	const vhost::Header h{R(Request::set_mem_table), vhost::kVersion, 1U << 30};

	ASSERT_TRUE(fe->send_raw(&h, sizeof(h)));
	EXPECT_EQ(handle(), Status::error);
}

TEST_F(VhostTest, WrongPayloadSizeIsRejected)
{
	negotiate();
	const std::uint32_t four = 1;

	ASSERT_TRUE(fe->send(R(Request::set_features), &four, 4, {}, kNeedReply));
	expect_error(true, R(Request::set_features));
}

TEST_F(VhostTest, GetWithPayloadIsRejected)
{
	ASSERT_TRUE(fe->send_u64(R(Request::get_features), 0));
	expect_error();
}

TEST_F(VhostTest, UnofferedFeaturesAreRejected)
{
	negotiate();
	const std::uint64_t f = (1ULL << 32) | (1ULL << 29); /* EVENT_IDX not offered */

	ASSERT_TRUE(fe->send(R(Request::set_features), &f, 8, {}, kNeedReply));
	expect_error(true, R(Request::set_features));
}

TEST_F(VhostTest, UnofferedProtocolFeaturesAreRejected)
{
	ASSERT_TRUE(fe->send_u64(R(Request::set_protocol_features), 1ULL << 14));
	expect_error();
}

TEST_F(VhostTest, BackendReqFdNeedsTheFeature)
{
	const UniqueFd efd(eventfd(0, EFD_CLOEXEC));

	ASSERT_TRUE(fe->send(R(Request::set_backend_req_fd), nullptr, 0, {efd.get()}));
	expect_error();
}

TEST_F(VhostTest, MemTableValidation)
{
	negotiate();
	struct [[gnu::packed]] {
		vhost::MemTableHeader h;
		vhost::MemRegion r[2];
	} mt{{1, 0}, {{TestMemory::kGpa, mem.size(), TestMemory::kUva, TestMemory::kOffset}, {}}};
	const std::uint32_t one = sizeof(vhost::MemTableHeader) + sizeof(vhost::MemRegion);

	/* Missing fd. */
	ASSERT_TRUE(fe->send(R(Request::set_mem_table), &mt, one, {}, kNeedReply));
	expect_error(true, R(Request::set_mem_table));
}

TEST_F(VhostTest, MemTableWithTooManyRegions)
{
	negotiate();
	const vhost::MemTableHeader h{9, 0};

	ASSERT_TRUE(fe->send(R(Request::set_mem_table), &h, sizeof(h), {}, kNeedReply));
	expect_error(true, R(Request::set_mem_table));
}

TEST_F(VhostTest, MemTableSizeMismatch)
{
	negotiate();
	struct [[gnu::packed]] {
		vhost::MemTableHeader h;
		vhost::MemRegion r[2];
	} mt{{2, 0}, {}};

	/* Claims two regions, carries one. */
	ASSERT_TRUE(fe->send(R(Request::set_mem_table), &mt, sizeof(vhost::MemTableHeader) + sizeof(vhost::MemRegion),
			     {mem.fd(), mem.fd()}, kNeedReply));
	expect_error(true, R(Request::set_mem_table));
}

TEST_F(VhostTest, MemTableRegionBeyondFile)
{
	negotiate();
	struct [[gnu::packed]] {
		vhost::MemTableHeader h;
		vhost::MemRegion r;
	} mt{{1, 0}, {TestMemory::kGpa, 0, TestMemory::kUva, 0}};

	ASSERT_TRUE(fe->send(R(Request::set_mem_table), &mt, sizeof(mt), {mem.fd()}, kNeedReply));
	expect_error(true, R(Request::set_mem_table));
}

TEST_F(VhostTest, VringIndexOutOfRange)
{
	negotiate();
	const vhost::VringState s{2, 8};

	ASSERT_TRUE(fe->send(R(Request::set_vring_num), &s, 8, {}, kNeedReply));
	expect_error(true, R(Request::set_vring_num));
}

TEST_F(VhostTest, VringNumNotPowerOfTwo)
{
	negotiate();
	const vhost::VringState s{0, 100};

	ASSERT_TRUE(fe->send(R(Request::set_vring_num), &s, 8, {}, kNeedReply));
	expect_error(true, R(Request::set_vring_num));
}

TEST_F(VhostTest, VringBaseOutOfRange)
{
	negotiate();
	const vhost::VringState s{0, 0x10000};

	ASSERT_TRUE(fe->send(R(Request::set_vring_base), &s, 8, {}, kNeedReply));
	expect_error(true, R(Request::set_vring_base));
}

TEST_F(VhostTest, VringAddrOutsideMemory)
{
	negotiate();
	send_mem_table();
	const vhost::VringState num{0, 256};

	ASSERT_EQ(acked(R(Request::set_vring_num), &num, 8), 0U);
	const vhost::VringAddr a{0, 0, TestMemory::kUva + mem.size() - 16, TestMemory::kUva, TestMemory::kUva + 8192,
				 0};

	ASSERT_TRUE(fe->send(R(Request::set_vring_addr), &a, sizeof(a), {}, kNeedReply));
	expect_error(true, R(Request::set_vring_addr));
}

TEST_F(VhostTest, VringAddrBeforeMemTable)
{
	negotiate();
	const vhost::VringState num{0, 8};

	ASSERT_EQ(acked(R(Request::set_vring_num), &num, 8), 0U);
	const vhost::VringAddr a{0, 0, TestMemory::kUva, TestMemory::kUva + 4096, TestMemory::kUva + 2048, 0};

	ASSERT_TRUE(fe->send(R(Request::set_vring_addr), &a, sizeof(a), {}, kNeedReply));
	expect_error(true, R(Request::set_vring_addr));
}

TEST_F(VhostTest, KickWithoutFdOrWithBadBits)
{
	negotiate();
	const std::uint64_t nofd = 0x100;

	ASSERT_TRUE(fe->send_u64(R(Request::set_vring_kick), nofd, {}, kNeedReply));
	expect_error(true, R(Request::set_vring_kick));
}

TEST_F(VhostTest, CallFdFlagMismatch)
{
	negotiate();
	const UniqueFd efd(eventfd(0, EFD_CLOEXEC));

	/* "No fd" flag set, but an fd passed. */
	ASSERT_TRUE(fe->send_u64(R(Request::set_vring_call), 0x100, {efd.get()}, kNeedReply));
	expect_error(true, R(Request::set_vring_call));
}

TEST_F(VhostTest, VringFdPayloadReservedBits)
{
	negotiate();
	const UniqueFd efd(eventfd(0, EFD_CLOEXEC));

	ASSERT_TRUE(fe->send_u64(R(Request::set_vring_call), 0x1000, {efd.get()}, kNeedReply));
	expect_error(true, R(Request::set_vring_call));
}

TEST_F(VhostTest, UnexpectedFdsAreClosed)
{
	const std::size_t before = open_fd_count();

	{
		const UniqueFd a(eventfd(0, EFD_CLOEXEC));
		const UniqueFd b(eventfd(0, EFD_CLOEXEC));

		ASSERT_TRUE(fe->send(R(Request::set_owner), nullptr, 0, {a.get(), b.get()}));
	}
	expect_error();
	EXPECT_EQ(open_fd_count(), before);
}

TEST_F(VhostTest, TooManyFdsAreRejectedAndClosed)
{
	const std::size_t before = open_fd_count();
	{
		std::vector<UniqueFd> owned;
		std::vector<int> fds;

		for (int i = 0; i < 12; i++) {
			owned.emplace_back(eventfd(0, EFD_CLOEXEC));
			fds.push_back(owned.back().get());
		}
		ASSERT_TRUE(fe->send(R(Request::set_owner), nullptr, 0, fds));
	}
	expect_error();
	EXPECT_EQ(open_fd_count(), before);
}

TEST_F(VhostTest, GarbageStreamNeverCrashes)
{
	/* Deterministic pseudo-random headers and payloads; every message ends the connection or is
	 * valid. */
	std::uint32_t x = 12345;
	auto rnd = [&x] {
		x = x * 1103515245U + 12345U;
		return x >> 8;
	};

	for (int round = 0; round < 200; round++) {
		int sv[2];

		ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
		Frontend f(UniqueFd{sv[0]});
		VhostUserConnection c(*loop, UniqueFd(sv[1]), dev);
		std::vector<std::uint8_t> payload(rnd() % 300);

		for (auto &b : payload)
			b = static_cast<std::uint8_t>(rnd());
		ASSERT_TRUE(f.send(1 + rnd() % 40, payload.data(), static_cast<std::uint32_t>(payload.size()), {},
				   (rnd() % 2 != 0U) ? kNeedReply : vhost::kVersion));
		(void)c.handle_one();
	}
}

TEST(VhostServer, ServesOverUnixSocketAndReportsDisconnect)
{
	QuietLog quiet;
	auto loop = EventLoop::create();
	FakeDevice dev;
	int disconnects = 0;
	vhost::VhostUserServer server(*loop, dev, [&](Status st) {
		EXPECT_EQ(st, Status::closed);
		disconnects++;
	});
	char dir[] = "/tmp/vhost-test-XXXXXX";

	ASSERT_NE(mkdtemp(dir), nullptr);
	const std::string path = std::string(dir) + "/pci.sock";

	ASSERT_TRUE(server.listen(path));
	ASSERT_EQ(access(path.c_str(), F_OK), 0);

	UniqueFd s(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
	sockaddr_un addr{};

	addr.sun_family = AF_UNIX;
	ASSERT_LT(path.size(), sizeof(addr.sun_path));
	std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
	// NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
	ASSERT_EQ(connect(s.get(), reinterpret_cast<sockaddr *>(&addr), sizeof(addr)), 0);
	Frontend fe(std::move(s));

	ASSERT_TRUE(loop->run_once(std::chrono::milliseconds(100))); /* accept */
	EXPECT_TRUE(server.connected());
	ASSERT_TRUE(fe.send(R(Request::get_features), nullptr, 0));
	ASSERT_TRUE(loop->run_once(std::chrono::milliseconds(100)));
	EXPECT_EQ(fe.recv_u64(R(Request::get_features)), (1ULL << 32) | (1ULL << 30) | (1ULL << 5));
	fe.close();
	ASSERT_TRUE(loop->run_once(std::chrono::milliseconds(100)));
	EXPECT_FALSE(server.connected());
	EXPECT_EQ(disconnects, 1);
	EXPECT_EQ(dev.detached, 1);
	(void)unlink(path.c_str());
	(void)rmdir(dir);
}

} // namespace
} // namespace ipwmodel
