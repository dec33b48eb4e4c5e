// SPDX-License-Identifier: GPL-2.0
/* The control console (vhost/virtio_console.h) with a ControlServer behind it. */
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/control_server.h"
#include "core/event_loop.h"
#include "core/log.h"
#include "vhost/protocol.h"
#include "vhost/vhost_user.h"
#include "vhost/virtio_console.h"
#include "log_capture.h"
#include "vhost_test_util.h"

namespace ipwmodel {
namespace {

using test::DriverRing;
using test::TestMemory;
using vhost::VirtioConsole;

/* The guest side of both queues, and the console wired to a ControlServer. */
class ConsoleTest : public ::testing::Test {
protected:
	ConsoleTest()
		: loop(EventLoop::create()), ctl(*loop),
		  con([this](const std::string &line) { return ctl.terminal_reply(line); })
	{
		ctl.add_command("echo", "the arguments", [](const std::vector<std::string> &a) {
			std::string s;

			for (const auto &w : a)
				s += (s.empty() ? "" : " ") + w;
			return ControlServer::Reply{true, s};
		});
		ctl.add_command("big", "N bytes of reply text", [](const std::vector<std::string> &a) {
			const std::size_t n = std::stoul(a.at(0));
			std::string s;

			for (std::size_t i = 0; i < n; i++)
				s += static_cast<char>('a' + i % 26);
			return ControlServer::Reply{true, s};
		});
	}

	void SetUp() override { con.attach(transport); }

	/* One transmitq chain of @parts (one readable descriptor each), kicked. */
	void send(std::initializer_list<std::string> parts)
	{
		std::vector<test::Buf> bufs;

		for (const std::string &p : parts) {
			const std::uint64_t gpa = mem.alloc(p.size() + 1);

			std::memcpy(mem.host(gpa), p.data(), p.size());
			bufs.push_back({gpa, static_cast<std::uint32_t>(p.size()), false});
		}
		add(tx, bufs);
		con.on_kick(VirtioConsole::kTransmitQueue);
	}

	/* Post @n receive buffers of @size bytes and kick the receiveq. */
	void post_rx(unsigned n, std::uint32_t size = 4096)
	{
		for (unsigned i = 0; i < n; i++) {
			const std::uint64_t gpa = mem.alloc(size);

			rx_gpa[add(rx, {{gpa, size, true}})] = gpa;
		}
		con.on_kick(VirtioConsole::kReceiveQueue);
	}

	/* Everything the device put into receive buffers since the last call. */
	std::string received(std::vector<std::uint32_t> *lens = nullptr)
	{
		std::string s;

		for (auto u = rx.get_used(); u; u = rx.get_used()) {
			const std::uint64_t gpa = rx_gpa.at(static_cast<std::uint16_t>(u->id));

			s.append(mem.host(gpa), mem.host(gpa) + u->len);
			if (lens != nullptr)
				lens->push_back(u->len);
		}
		return s;
	}

	static std::uint16_t add(DriverRing &r, const std::vector<test::Buf> &bufs)
	{
		/* DriverRing::add takes an initializer list: chain by hand. */
		std::uint16_t head = 0;

		switch (bufs.size()) {
		case 1:
			head = r.add({bufs[0]});
			break;
		case 2:
			head = r.add({bufs[0], bufs[1]});
			break;
		case 3:
			head = r.add({bufs[0], bufs[1], bufs[2]});
			break;
		default:
			ADD_FAILURE() << "chains of 1..3 buffers";
			break;
		}
		return head;
	}

	TestMemory mem;
	DriverRing rx{mem, 16};
	DriverRing tx{mem, 16};
	test::RingTransport transport{mem, {&rx, &tx}};
	std::unique_ptr<EventLoop> loop;
	ControlServer ctl;
	VirtioConsole con;
	std::map<std::uint16_t, std::uint64_t> rx_gpa;
	test::LogCapture log;
};

TEST_F(ConsoleTest, IsAPlainTwoQueueConsole)
{
	EXPECT_EQ(con.num_queues(), 2U);
	EXPECT_EQ(con.device_features(), 0U);
	EXPECT_EQ(con.config(), std::vector<std::uint8_t>(12, 0));
	EXPECT_EQ(VirtioConsole::kDeviceId, 3U);
}

TEST_F(ConsoleTest, LineSplitAcrossDescriptorsAndChains)
{
	post_rx(4);
	send({"pi", "n", "g\n"});
	EXPECT_EQ(received(), "ok pong\n");
	send({"echo a"});
	EXPECT_EQ(received(), "");
	send({" b", "\r\n"});
	EXPECT_EQ(received(), "ok a b\n");
	EXPECT_EQ(con.stats().lines, 2U);
	EXPECT_EQ(con.stats().tx_buffers, 3U);
}

TEST_F(ConsoleTest, SeveralLinesInOneDescriptor)
{
	post_rx(4);
	send({"ping\necho x\r\nnosuch\n\n"});
	EXPECT_EQ(received(), "ok pong\nok x\nerror unknown command nosuch\nerror empty command\n");
	EXPECT_EQ(con.stats().lines, 4U);
}

TEST_F(ConsoleTest, TransmitBuffersAreReturnedAndSignalled)
{
	send({"echo", " one\n"});
	send({"echo two\n"});
	for (int i = 0; i < 2; i++) {
		const auto u = tx.get_used();

		ASSERT_TRUE(u.has_value());
		EXPECT_EQ(u->len, 0U);
	}
	EXPECT_EQ(transport.signals(VirtioConsole::kTransmitQueue), 2U);
	EXPECT_EQ(con.stats().bytes_in, 18U);
}

TEST_F(ConsoleTest, ReplyBufferedUntilAReceiveBufferIsPosted)
{
	send({"ping\n"});
	send({"echo later\n"});
	EXPECT_FALSE(rx.get_used().has_value());
	EXPECT_EQ(con.pending_output(), 17U);
	EXPECT_EQ(transport.signals(VirtioConsole::kReceiveQueue), 0U);
	std::vector<std::uint32_t> lens;

	post_rx(1);
	EXPECT_EQ(received(&lens), "ok pong\nok later\n");
	EXPECT_EQ(lens, std::vector<std::uint32_t>{17});
	EXPECT_EQ(con.pending_output(), 0U);
	EXPECT_EQ(transport.signals(VirtioConsole::kReceiveQueue), 1U);
	/* Buffers posted with nothing to say stay posted. */
	post_rx(2);
	EXPECT_EQ(received(), "");
	send({"ping\n"});
	EXPECT_EQ(received(), "ok pong\n");
}

TEST_F(ConsoleTest, LongReplySpansBuffers)
{
	std::vector<std::uint32_t> lens;

	post_rx(2);
	send({"big 10000\n"});
	/* "ok " + 10000 + "\n" = 10004 bytes: two full pages, the rest waits. */
	std::string got = received(&lens);

	EXPECT_EQ(lens, (std::vector<std::uint32_t>{4096, 4096}));
	EXPECT_EQ(con.pending_output(), 10004U - 8192U);
	post_rx(3);
	got += received(&lens);
	EXPECT_EQ(lens, (std::vector<std::uint32_t>{4096, 4096, 1812}));
	EXPECT_EQ(got, ctl.reply_line("big 10000") + "\n");
	EXPECT_EQ(transport.signals(VirtioConsole::kReceiveQueue), 3U);
	EXPECT_EQ(con.stats().rx_buffers, 3U);
	EXPECT_EQ(con.stats().bytes_out, 10004U);
	/* Small receive buffers are filled completely too. */
	send({"echo abcdefghij\n"});
	post_rx(3, 6);
	EXPECT_EQ(received(&lens), "ok abcdefghij\n");
}

TEST_F(ConsoleTest, EchoedRepliesGetNoReply)
{
	post_rx(2);
	send({"ok pong\r\n", "error unknown command x\n", "ping\n"});
	EXPECT_EQ(received(), "ok pong\n");
}

TEST_F(ConsoleTest, OverlongLineIsRefused)
{
	post_rx(3);
	const std::string long_line(VirtioConsole::kMaxLine + 1, 'x');

	send({long_line, "\n", "ping\n"});
	EXPECT_EQ(received(), "error line too long\nok pong\n");
	EXPECT_EQ(con.stats().overlong, 1U);
	/* Exactly kMaxLine bytes is still a line. */
	send({std::string(VirtioConsole::kMaxLine, 'y') + "\n"});
	const std::string want = "error unknown command " + std::string(VirtioConsole::kMaxLine, 'y') + "\n";

	EXPECT_TRUE(received() == want);
}

TEST_F(ConsoleTest, OutputBeyondTheLimitIsDropped)
{
	send({"big 600000\n"});
	send({"big 600000\n"});
	EXPECT_EQ(con.pending_output(), 600004U);
	EXPECT_EQ(con.stats().dropped_bytes, 600004U);
	EXPECT_EQ(log.lines.size(), 1U);
}

TEST_F(ConsoleTest, ANewFrontEndStartsClean)
{
	send({"echo lost\n", "pi"});
	EXPECT_NE(con.pending_output(), 0U);
	con.detach();
	EXPECT_EQ(con.pending_output(), 0U);
	con.on_kick(VirtioConsole::kTransmitQueue); /* no transport: ignored */
	con.attach(transport);
	post_rx(2);
	send({"ng\n"});
	EXPECT_EQ(received(), "error unknown command ng\n");
}

/* UML's handshake over a socket, GET_CONFIG, and a request through the event loop. */
TEST(ConsoleEndToEnd, UmlSessionRequestAndReply)
{
	using vhost::Request;
	auto R = [](Request r) { return static_cast<std::uint32_t>(r); };
	const std::uint32_t need_reply = vhost::kVersion | vhost::kFlagNeedReply;

	set_log_sink([](LogLevel, const std::string &) {});
	auto loop = EventLoop::create();
	ControlServer ctl(*loop);
	VirtioConsole con([&](const std::string &l) { return ctl.terminal_reply(l); });
	TestMemory mem;
	vhost::VhostUserServer server(*loop, con);
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

	ASSERT_TRUE(fe.send(R(Request::get_features), nullptr, 0));
	pump();
	const auto features = fe.recv_u64(R(Request::get_features));

	ASSERT_EQ(features, (1ULL << 32) | (1ULL << 30)); /* no console features */
	ASSERT_TRUE(fe.send_u64(R(Request::set_protocol_features), 0x228));
	pump();
	ack(Request::set_features, &*features, 8);
	/* virtio_uml's GET_CONFIG: offset 0, size offset + len. */
	struct [[gnu::packed]] {
		vhost::ConfigHeader h;
		std::uint8_t data[12];
	} cfg{{0, 12, 0}, {}};

	std::memset(cfg.data, 0xee, sizeof(cfg.data));
	ASSERT_TRUE(fe.send(R(Request::get_config), &cfg, sizeof(cfg)));
	pump();
	const auto reply = fe.recv();

	ASSERT_TRUE(reply.has_value());
	ASSERT_EQ(reply->payload.size(), sizeof(cfg));
	EXPECT_EQ(std::vector<std::uint8_t>(reply->payload.begin() + sizeof(vhost::ConfigHeader), reply->payload.end()),
		  std::vector<std::uint8_t>(12, 0));

	struct [[gnu::packed]] {
		vhost::MemTableHeader h;
		vhost::MemRegion r;
	} mt{{1, 0}, {TestMemory::kGpa, mem.size(), TestMemory::kUva, TestMemory::kOffset}};

	ack(Request::set_mem_table, &mt, sizeof(mt), {mem.fd()});
	DriverRing rx(mem, 64);
	DriverRing tx(mem, 64);
	std::vector<UniqueFd> call_rd;
	std::vector<UniqueFd> kick;

	test::setup_vrings(ack, {&rx, &tx}, 64, call_rd, kick);
	if (HasFatalFailure())
		return;
	const std::uint64_t one = 1;
	const std::uint64_t in = mem.alloc(4096);
	const std::uint64_t out = mem.alloc(16);

	/* The guest fills the receiveq, then writes a line to hvc0. */
	rx.add({{in, 4096, true}});
	ASSERT_EQ(write(kick[0].get(), &one, 8), 8);
	pump();
	std::memcpy(mem.host(out), "ping\n", 5);
	tx.add({{out, 5, false}});
	ASSERT_EQ(write(kick[1].get(), &one, 8), 8);
	pump();
	EXPECT_EQ(tx.get_used()->len, 0U);
	const auto u = rx.get_used();

	ASSERT_TRUE(u.has_value());
	EXPECT_EQ(std::string(mem.host(in), mem.host(in) + u->len), "ok pong\n");
	EXPECT_EQ(test::drain(call_rd[0].get()), 8U);
	EXPECT_EQ(test::drain(call_rd[1].get()), 8U);
	fe.close();
	pump();
	EXPECT_FALSE(server.connected());
	set_log_sink({});
}

} // namespace
} // namespace ipwmodel
