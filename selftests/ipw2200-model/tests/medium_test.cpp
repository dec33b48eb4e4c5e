// SPDX-License-Identifier: GPL-2.0
/*
 * The radio medium (src/medium): generic netlink encoding, frame delivery
 * and acknowledgement, and mac80211_hwsim's virtio device on driver rings.
 */
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/control_server.h"
#include "core/event_loop.h"
#include "core/log.h"
#include "medium/control.h"
#include "medium/hwsim.h"
#include "medium/hwsim_virtio.h"
#include "medium/medium.h"
#include "medium/netlink.h"
#include "log_capture.h"
#include "vhost_test_util.h"

namespace ipwmodel::medium {
namespace {

using Bytes = std::vector<std::uint8_t>;

/* --- netlink --- */

TEST(Netlink, BuiltMessageParsesBack)
{
	GenlBuilder b(0x1c, hwsim::kCmdFrame, hwsim::kGenlVersion);
	const Bytes frame = {1, 2, 3, 4, 5};

	b.put(hwsim::kAttrFrame, frame)
		.put_u32(hwsim::kAttrFreq, 2437)
		.put_u64(hwsim::kAttrCookie, 0x1122334455667788ULL);
	const Bytes msg = b.finish();

	/* 16 + 4 + (4 + 5 -> 12) + 8 + 12 */
	ASSERT_EQ(msg.size(), 52U);
	std::uint32_t len = 0;

	std::memcpy(&len, msg.data(), sizeof(len));
	EXPECT_EQ(len, 52U);
	const auto m = GenlMessage::parse(msg);

	ASSERT_TRUE(m.has_value());
	EXPECT_EQ(m->family(), 0x1c);
	EXPECT_EQ(m->cmd(), hwsim::kCmdFrame);
	EXPECT_EQ(m->version(), 1);
	const auto f = m->attr(hwsim::kAttrFrame);

	ASSERT_TRUE(f.has_value());
	EXPECT_EQ(Bytes(f->begin(), f->end()), frame);
	EXPECT_EQ(m->u32(hwsim::kAttrFreq), 2437U);
	EXPECT_EQ(m->u64(hwsim::kAttrCookie), 0x1122334455667788ULL);
	EXPECT_FALSE(m->attr(hwsim::kAttrSignal).has_value());
	/* Too short for the type asked. */
	EXPECT_FALSE(m->u64(hwsim::kAttrFreq).has_value());
}

TEST(Netlink, TrailingBufferBytesAndTypeFlagsAreIgnored)
{
	GenlBuilder b(0, 1, 1);

	b.put_u32(static_cast<std::uint16_t>(0x8000 | hwsim::kAttrSignal), 7);
	Bytes msg = b.finish();

	msg.resize(msg.size() + 100, 0xee); /* the rest of the guest's buffer */
	const auto m = GenlMessage::parse(msg);

	ASSERT_TRUE(m.has_value());
	EXPECT_EQ(m->u32(hwsim::kAttrSignal), 7U);
}

TEST(Netlink, MalformedMessagesAreRejectedWithAReason)
{
	const Bytes ok = GenlBuilder(0, 1, 1).put_u32(4, 1).finish();
	std::string why;

	EXPECT_FALSE(GenlMessage::parse(Bytes(10, 0), &why).has_value());
	EXPECT_NE(why.find("shorter"), std::string::npos);

	Bytes m = ok;

	m[0] = 200; /* nlmsg_len beyond the buffer */
	EXPECT_FALSE(GenlMessage::parse(m, &why).has_value());
	EXPECT_NE(why.find("beyond"), std::string::npos);

	m = ok;
	m[0] = 8; /* shorter than the headers */
	EXPECT_FALSE(GenlMessage::parse(m, &why).has_value());

	m = ok;
	m[20] = 40; /* attribute longer than the message */
	EXPECT_FALSE(GenlMessage::parse(m, &why).has_value());
	EXPECT_NE(why.find("attribute"), std::string::npos);

	m = ok;
	m[20] = 2; /* attribute shorter than its header */
	EXPECT_FALSE(GenlMessage::parse(m, &why).has_value());

	m = ok;
	m.resize(22);
	m[0] = 22; /* two bytes of an attribute header */
	EXPECT_FALSE(GenlMessage::parse(m, &why).has_value());
	EXPECT_NE(why.find("cut off"), std::string::npos);
}

/* --- the medium --- */

MacAddr mac(std::uint8_t last)
{
	return MacAddr{2, 0, 0, 0, 0, last};
}

Bytes frame_to(const MacAddr &a1, std::size_t len = 24)
{
	Bytes f(len, 0);

	f[0] = 0x08; /* data */
	std::copy(a1.begin(), a1.end(), f.begin() + 4);
	return f;
}

class FakeStation final : public Station {
public:
	FakeStation(MacAddr addr, std::uint32_t freq) : addr_(addr), freq_(freq) {}
	[[nodiscard]] std::string name() const override { return "fake " + format_mac(addr_); }
	[[nodiscard]] bool acks(const MacAddr &a, std::uint32_t freq) const override
	{
		return a == addr_ && freq == freq_;
	}
	void receive(const AirFrame &f) override
	{
		got.push_back(f);
		if (on_receive)
			on_receive();
	}

	std::vector<AirFrame> got;
	std::function<void()> on_receive;

private:
	MacAddr addr_;
	std::uint32_t freq_;
};

/* a and b on 2437 MHz, c on 2412 MHz. */
class MediumTest : public ::testing::Test {
protected:
	MediumTest()
	{
		m.join(a);
		m.join(b);
		m.join(c);
	}

	Medium m;
	FakeStation a{mac(1), 2437}, b{mac(2), 2437}, c{mac(3), 2412};
};

const MacAddr kBroadcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

TEST_F(MediumTest, GroupFramesReachEveryOtherStationUnacknowledged)
{
	m.join(a); /* twice is once */
	EXPECT_EQ(m.stations(), 3U);
	const auto r = m.transmit(a, {frame_to(kBroadcast), 2437, 3, 0});

	EXPECT_FALSE(r.acked);
	EXPECT_EQ(r.receivers, 2U);
	EXPECT_TRUE(a.got.empty());
	ASSERT_EQ(b.got.size(), 1U);
	ASSERT_EQ(c.got.size(), 1U); /* c decides itself that 2437 is not its channel */
	EXPECT_EQ(b.got[0].freq_mhz, 2437U);
	EXPECT_EQ(b.got[0].rate_idx, 3);
	EXPECT_EQ(b.got[0].signal_dbm, Medium::kDefaultSignalDbm);
	EXPECT_EQ(m.stats().group, 1U);
	EXPECT_EQ(m.stats().deliveries, 2U);
}

TEST_F(MediumTest, UnicastIsAcknowledgedByItsOwnerOnItsFrequencyOnly)
{
	m.set_signal_dbm(-61);
	EXPECT_TRUE(m.transmit(a, {frame_to(mac(2)), 2437, 0, 0}).acked);
	EXPECT_EQ(b.got.back().signal_dbm, -61);
	EXPECT_FALSE(m.transmit(a, {frame_to(mac(3)), 2437, 0, 0}).acked); /* other channel */
	EXPECT_FALSE(m.transmit(a, {frame_to(mac(9)), 2437, 0, 0}).acked); /* nobody */
	EXPECT_FALSE(m.transmit(b, {frame_to(mac(2)), 2437, 0, 0}).acked); /* to itself */
	EXPECT_EQ(m.stats().unicast, 4U);
	EXPECT_EQ(m.stats().acked, 1U);
	m.leave(b);
	EXPECT_FALSE(m.transmit(a, {frame_to(mac(2)), 2437, 0, 0}).acked);
}

TEST_F(MediumTest, RuntsAreNotDelivered)
{
	EXPECT_EQ(m.transmit(a, {Bytes(9, 0), 2437, 0, 0}).receivers, 0U);
	EXPECT_TRUE(b.got.empty());
	EXPECT_EQ(m.stats().runts, 1U);
}

TEST_F(MediumTest, AStationMayLeaveWhileAFrameIsDelivered)
{
	b.on_receive = [&] { m.leave(c); };
	const auto r = m.transmit(a, {frame_to(kBroadcast), 2437, 0, 0});

	EXPECT_EQ(r.receivers, 1U);
	EXPECT_TRUE(c.got.empty());
}

/* A frame of control type @fc from @a2 to @a1. */
Bytes frame_from(std::uint8_t fc, const MacAddr &a2, const MacAddr &a1)
{
	Bytes f = frame_to(a1);

	f[0] = fc;
	std::copy(a2.begin(), a2.end(), f.begin() + 10);
	return f;
}

TEST(MediumMac, ParsesAndRejects)
{
	EXPECT_EQ(parse_mac("02:00:0a:Bc:00:ff"), (MacAddr{2, 0, 0x0a, 0xbc, 0, 0xff}));
	for (const char *bad : {"", "02:00:0a:bc:00", "02:00:0a:bc:00:ff:", "02-00-0a-bc-00-ff", "02:00:0a:bc:00:fg",
				"2:000:0a:bc:00:ff", "+2:00:0a:bc:00:ff"})
		EXPECT_FALSE(parse_mac(bad).has_value()) << bad;
}

TEST_F(MediumTest, AVanishedStationIsNeitherHeardNorReached)
{
	m.set_vanished(mac(1), true);
	EXPECT_EQ(m.describe_faults(), "vanished=02:00:00:00:00:01");
	/* From it: lost, beacons or data. */
	EXPECT_EQ(m.transmit(a, {frame_from(0x80, mac(1), kBroadcast), 2437, 0, 0}).receivers, 0U);
	EXPECT_EQ(m.transmit(a, {frame_from(0x08, mac(1), mac(2)), 2437, 0, 0}).receivers, 0U);
	/* To it: lost, not acknowledged. */
	const auto r = m.transmit(b, {frame_from(0x08, mac(2), mac(1)), 2437, 0, 0});
	EXPECT_FALSE(r.acked);
	EXPECT_EQ(r.receivers, 0U);
	EXPECT_TRUE(a.got.empty());
	EXPECT_TRUE(b.got.empty());
	EXPECT_EQ(m.stats().lost, 3U);
	/* Others are not affected; and it comes back. */
	EXPECT_TRUE(m.transmit(b, {frame_from(0x08, mac(2), mac(3)), 2412, 0, 0}).acked);
	m.set_vanished(mac(1), false);
	EXPECT_EQ(m.describe_faults(), "none");
	EXPECT_TRUE(m.transmit(b, {frame_from(0x08, mac(2), mac(1)), 2437, 0, 0}).acked);
	EXPECT_EQ(m.stats().lost, 3U);
}

TEST_F(MediumTest, BeaconLossLosesBeaconsOnly)
{
	m.set_beacon_loss(mac(1), true);
	m.set_beacon_loss(mac(1), true); /* once */
	m.set_vanished(mac(3), true);
	EXPECT_EQ(m.describe_faults(), "vanished=02:00:00:00:00:03 beacon_loss=02:00:00:00:00:01");
	EXPECT_EQ(m.transmit(a, {frame_from(0x80, mac(1), kBroadcast), 2437, 0, 0}).receivers, 0U);
	EXPECT_EQ(m.transmit(a, {frame_from(0x50, mac(1), mac(2)), 2437, 0, 0}).receivers, 2U);
	EXPECT_TRUE(m.transmit(a, {frame_from(0x08, mac(1), mac(2)), 2437, 0, 0}).acked);
	/* Another transmitter's beacons pass. */
	EXPECT_EQ(m.transmit(b, {frame_from(0x80, mac(2), kBroadcast), 2437, 0, 0}).receivers, 2U);
	EXPECT_EQ(m.stats().lost, 1U);
	m.clear_faults();
	EXPECT_EQ(m.describe_faults(), "none");
	EXPECT_EQ(m.transmit(a, {frame_from(0x80, mac(1), kBroadcast), 2437, 0, 0}).receivers, 2U);
}

TEST_F(MediumTest, AckFramesHaveNoTransmitterToLose)
{
	m.set_vanished(mac(0), true); /* address 2 of an ACK would be bytes 10..15: zeros */
	Bytes ack = frame_to(mac(2), 10);

	ack[0] = 0xD4;
	EXPECT_EQ(m.transmit(a, {ack, 2437, 0, 0}).receivers, 2U);
	EXPECT_EQ(m.stats().lost, 0U);
}

TEST_F(MediumTest, ForgedDeauthenticationOnTheFrequencyLastHeard)
{
	EXPECT_EQ(m.last_heard_mhz(mac(1)), 0U);
	EXPECT_FALSE(m.inject_deauth(mac(1), mac(2), 3));
	(void)m.transmit(a, {frame_from(0x80, mac(1), kBroadcast), 2437, 0, 0});
	EXPECT_EQ(m.last_heard_mhz(mac(1)), 2437U);
	b.got.clear();
	c.got.clear();
	ASSERT_TRUE(m.inject_deauth(mac(1), mac(2), 3));
	/* Everybody hears it, a as well: it did not send it. */
	ASSERT_EQ(b.got.size(), 1U);
	EXPECT_EQ(a.got.size(), 1U);
	const AirFrame &f = b.got[0];
	EXPECT_EQ(f.freq_mhz, 2437U);
	ASSERT_EQ(f.bytes.size(), 26U);
	EXPECT_EQ(f.bytes[0], 0xC0);
	EXPECT_TRUE(std::equal(f.bytes.begin() + 4, f.bytes.begin() + 10, mac(2).begin()));
	EXPECT_TRUE(std::equal(f.bytes.begin() + 10, f.bytes.begin() + 16, mac(1).begin()));
	EXPECT_TRUE(std::equal(f.bytes.begin() + 16, f.bytes.begin() + 22, mac(1).begin()));
	EXPECT_EQ(f.bytes[24] | f.bytes[25] << 8, 3);
	EXPECT_EQ(m.stats().injected, 1U);
	/* Forged frames do not teach the medium where anybody is. */
	EXPECT_EQ(m.last_heard_mhz(mac(2)), 0U);
}

/* --- mac80211_hwsim's virtio device --- */

const MacAddr kRadioA{0x42, 0, 0, 0, 0, 0};
const MacAddr kRadioB{0x42, 0, 0, 0, 1, 0};
const MacAddr kIfA{0x02, 0, 0, 0, 0, 0};
const MacAddr kIfB{0x02, 0, 0, 0, 1, 0};

Bytes hwsim_frame(const MacAddr &radio, const Bytes &frame, std::uint32_t freq, std::uint64_t cookie,
		  std::uint32_t flags = hwsim::kTxCtlReqTxStatus)
{
	const hwsim::TxInfo rates{{{5, 3}, {2, 2}, {0, 1}, {-1, 0}}};
	Bytes raw(sizeof(rates));

	std::memcpy(raw.data(), rates.data(), raw.size());
	return GenlBuilder(0x20, hwsim::kCmdFrame, 1)
		.put(hwsim::kAttrAddrTransmitter, radio)
		.put(hwsim::kAttrFrame, frame)
		.put_u32(hwsim::kAttrFlags, flags)
		.put_u32(hwsim::kAttrFreq, freq)
		.put(hwsim::kAttrTxInfo, raw)
		.put(hwsim::kAttrTxInfoFlags, Bytes(8, 0))
		.put_u64(hwsim::kAttrCookie, cookie)
		.finish();
}

Bytes hwsim_mac(const MacAddr &radio, const MacAddr &addr, bool add)
{
	return GenlBuilder(0x20, add ? hwsim::kCmdAddMacAddr : hwsim::kCmdDelMacAddr, 1)
		.put(hwsim::kAttrAddrTransmitter, radio)
		.put(hwsim::kAttrAddrReceiver, addr)
		.finish();
}

class HwsimTest : public ::testing::Test {
protected:
	void SetUp() override { dev.attach(transport); }

	/* The guest sends @msg on the tx queue. */
	void send(const Bytes &msg)
	{
		const std::uint64_t gpa = mem.alloc(msg.size());

		std::memcpy(mem.host(gpa), msg.data(), msg.size());
		(void)tx.add({{gpa, static_cast<std::uint32_t>(msg.size()), false}});
		dev.on_kick(HwsimVirtio::kTxQueue);
	}

	/* Post @n rx buffers of @size bytes. */
	void post_rx(unsigned n, std::uint32_t size = 3776)
	{
		for (unsigned i = 0; i < n; i++) {
			const std::uint64_t gpa = mem.alloc(size);

			rx_gpa[rx.add({{gpa, size, true}})] = gpa;
		}
		dev.on_kick(HwsimVirtio::kRxQueue);
	}

	/* Messages the device wrote since the last call, parsed. */
	std::vector<GenlMessage> received()
	{
		std::vector<GenlMessage> out;

		for (auto u = rx.get_used(); u; u = rx.get_used()) {
			const std::uint8_t *p = mem.host(rx_gpa.at(static_cast<std::uint16_t>(u->id)));
			auto m = GenlMessage::parse({p, u->len});

			EXPECT_TRUE(m.has_value()) << "used length " << u->len;
			if (m)
				out.push_back(*m);
		}
		return out;
	}

	static MacAddr mac_of(const GenlMessage &m, std::uint16_t type)
	{
		MacAddr a{};
		const auto v = m.attr(type);

		EXPECT_TRUE(v.has_value() && v->size() == 6);
		if (v && v->size() == 6)
			std::copy(v->begin(), v->end(), a.begin());
		return a;
	}

	static hwsim::TxInfo tx_info(const GenlMessage &m)
	{
		hwsim::TxInfo t{};
		const auto v = m.attr(hwsim::kAttrTxInfo);

		EXPECT_TRUE(v.has_value() && v->size() == sizeof(t));
		if (v && v->size() == sizeof(t))
			std::memcpy(t.data(), v->data(), sizeof(t));
		return t;
	}

	/* Radios A and B on 2437 MHz with interfaces kIfA and kIfB. */
	void two_radios()
	{
		send(hwsim_mac(kRadioA, kIfA, true));
		send(hwsim_mac(kRadioB, kIfB, true));
	}

	test::TestMemory mem;
	test::DriverRing tx{mem, 64};
	test::DriverRing rx{mem, 64};
	test::RingTransport transport{mem, {&tx, &rx}};
	Medium medium;
	HwsimVirtio dev{medium};
	std::map<std::uint16_t, std::uint64_t> rx_gpa;
	test::LogCapture log;
};

TEST_F(HwsimTest, IsTheTwoQueueHwsimDevice)
{
	EXPECT_EQ(HwsimVirtio::kDeviceId, 29U);
	EXPECT_EQ(dev.num_queues(), 2U);
	EXPECT_EQ(dev.device_features(), 0U);
	EXPECT_TRUE(dev.config().empty());
}

TEST_F(HwsimTest, UnicastFrameIsDeliveredAndAcknowledged)
{
	post_rx(8);
	two_radios();
	EXPECT_EQ(dev.radios(), 2U);
	EXPECT_EQ(medium.stations(), 2U);
	const Bytes f = frame_to(kIfB, 30);

	send(hwsim_frame(kRadioA, f, 2437, 77));
	const auto msgs = received();

	ASSERT_EQ(msgs.size(), 2U);
	/* B receives the frame. */
	const GenlMessage &rxm = msgs[0];

	EXPECT_EQ(rxm.cmd(), hwsim::kCmdFrame);
	EXPECT_EQ(rxm.family(), 0x20);
	EXPECT_EQ(mac_of(rxm, hwsim::kAttrAddrReceiver), kRadioB);
	const auto body = rxm.attr(hwsim::kAttrFrame);

	ASSERT_TRUE(body.has_value());
	EXPECT_EQ(Bytes(body->begin(), body->end()), f);
	EXPECT_EQ(rxm.u32(hwsim::kAttrFreq), 2437U);
	EXPECT_EQ(rxm.u32(hwsim::kAttrRxRate), 5U);
	EXPECT_EQ(static_cast<std::int32_t>(*rxm.u32(hwsim::kAttrSignal)), -50);
	/* A gets the status: acknowledged at the first try. */
	const GenlMessage &st = msgs[1];

	EXPECT_EQ(st.cmd(), hwsim::kCmdTxInfoFrame);
	EXPECT_EQ(mac_of(st, hwsim::kAttrAddrTransmitter), kRadioA);
	EXPECT_EQ(st.u64(hwsim::kAttrCookie), 77U);
	EXPECT_EQ(st.u32(hwsim::kAttrFlags), hwsim::kTxCtlReqTxStatus | hwsim::kTxStatAck);
	EXPECT_TRUE(st.u32(hwsim::kAttrSignal).has_value());
	EXPECT_TRUE(st.attr(hwsim::kAttrTxInfoFlags).has_value());
	const hwsim::TxInfo t = tx_info(st);

	EXPECT_EQ(t[0].idx, 5);
	EXPECT_EQ(t[0].count, 1);
	EXPECT_EQ(t[1].idx, -1);
	EXPECT_EQ(dev.stats().acked, 1U);
	EXPECT_EQ(dev.stats().frames_out, 1U);
	EXPECT_EQ(dev.stats().tx_status_out, 1U);
	EXPECT_TRUE(log.lines.empty());
}

TEST_F(HwsimTest, FrameToNobodyIsReportedNotAcknowledgedWithAllTries)
{
	post_rx(8);
	two_radios();
	send(hwsim_frame(kRadioA, frame_to(mac(0x99)), 2437, 5));
	const auto msgs = received();

	ASSERT_EQ(msgs.size(), 2U);
	EXPECT_EQ(msgs[1].u32(hwsim::kAttrFlags), hwsim::kTxCtlReqTxStatus);
	const hwsim::TxInfo t = tx_info(msgs[1]);

	EXPECT_EQ(t[0].count, 3);
	EXPECT_EQ(t[1].idx, 2);
	EXPECT_EQ(dev.stats().acked, 0U);
}

TEST_F(HwsimTest, NoAckFramesAreNeverAcknowledged)
{
	post_rx(8);
	two_radios();
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 6, hwsim::kTxCtlNoAck));
	const auto msgs = received();

	ASSERT_EQ(msgs.size(), 2U);
	EXPECT_EQ(msgs[1].u32(hwsim::kAttrFlags), hwsim::kTxCtlNoAck);
}

TEST_F(HwsimTest, ARadioAcknowledgesOnTheChannelItLastUsedOnly)
{
	post_rx(16);
	two_radios();
	/* B transmits on 2412 (scanning): A's unicast on 2437 finds no one awake there. */
	send(hwsim_frame(kRadioB, frame_to(kBroadcast), 2412, 1));
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 2));
	send(hwsim_frame(kRadioB, frame_to(kIfA), 2437, 3));
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 4));
	const auto msgs = received();
	std::vector<std::uint32_t> flags;

	for (const auto &m : msgs)
		if (m.cmd() == hwsim::kCmdTxInfoFrame)
			flags.push_back(*m.u32(hwsim::kAttrFlags) & hwsim::kTxStatAck);
	EXPECT_EQ(flags, (std::vector<std::uint32_t>{0, 0, hwsim::kTxStatAck, hwsim::kTxStatAck}));
	EXPECT_EQ(dev.describe_radios(),
		  "42:00:00:00:00:00@2437,02:00:00:00:00:00 42:00:00:00:01:00@2437,02:00:00:00:01:00");
}

TEST_F(HwsimTest, AnAddressAddedTwiceStaysUntilRemovedTwice)
{
	/* A scan adds the interface's own address and removes it afterwards. */
	post_rx(16);
	two_radios();
	send(hwsim_mac(kRadioB, kIfB, true));
	send(hwsim_mac(kRadioB, kIfB, false));
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 1));
	send(hwsim_mac(kRadioB, kIfB, false));
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 2));
	const auto msgs = received();
	std::vector<std::uint32_t> flags;

	for (const auto &m : msgs)
		if (m.cmd() == hwsim::kCmdTxInfoFrame)
			flags.push_back(*m.u32(hwsim::kAttrFlags) & hwsim::kTxStatAck);
	EXPECT_EQ(flags, (std::vector<std::uint32_t>{hwsim::kTxStatAck, 0}));
	EXPECT_EQ(dev.stats().mac_events, 5U);
}

TEST_F(HwsimTest, MessagesWaitForReceiveBuffers)
{
	two_radios();
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 1));
	EXPECT_EQ(dev.pending(), 2U);
	EXPECT_TRUE(received().empty());
	post_rx(1);
	EXPECT_EQ(received().size(), 1U);
	EXPECT_EQ(dev.pending(), 1U);
	post_rx(4);
	EXPECT_EQ(received().size(), 1U);
	EXPECT_EQ(dev.pending(), 0U);
	EXPECT_GE(transport.signals(HwsimVirtio::kRxQueue), 2U);
	EXPECT_EQ(transport.signals(HwsimVirtio::kTxQueue), 3U);
}

TEST_F(HwsimTest, TooSmallReceiveBufferDropsTheMessageAndGoesOn)
{
	two_radios();
	send(hwsim_frame(kRadioA, frame_to(kIfB, 200), 2437, 1));
	post_rx(1, 64); /* the frame message does not fit */
	post_rx(1);
	const auto u1 = rx.get_used();

	ASSERT_TRUE(u1.has_value());
	EXPECT_EQ(u1->len, 0U);
	EXPECT_EQ(dev.stats().dropped, 1U);
	EXPECT_EQ(received().size(), 1U); /* the status */
	EXPECT_EQ(log.lines.size(), 1U);
}

TEST_F(HwsimTest, MalformedMessagesAreCountedAndAnsweredWithNothing)
{
	post_rx(8);
	two_radios();
	send(Bytes(12, 0));
	Bytes no_cookie = GenlBuilder(0, hwsim::kCmdFrame, 1)
				  .put(hwsim::kAttrAddrTransmitter, kRadioA)
				  .put(hwsim::kAttrFrame, frame_to(kIfB))
				  .put_u32(hwsim::kAttrFlags, 0)
				  .put_u32(hwsim::kAttrFreq, 2437)
				  .put(hwsim::kAttrTxInfo, Bytes(8, 0))
				  .finish();
	send(no_cookie);
	send(hwsim_frame(kRadioA, Bytes(10, 0), 2437, 1));   /* frame too short */
	send(hwsim_frame(kRadioA, Bytes(2305, 0), 2437, 1)); /* too long */
	send(GenlBuilder(0, hwsim::kCmdAddMacAddr, 1).put(hwsim::kAttrAddrTransmitter, kRadioA).finish());
	send(GenlBuilder(0, 42, 1).finish());
	EXPECT_TRUE(received().empty());
	EXPECT_EQ(dev.stats().malformed, 5U);
	EXPECT_EQ(dev.stats().unknown_cmds, 1U);
	EXPECT_EQ(dev.stats().frames_in, 0U);
	EXPECT_EQ(medium.stats().frames, 0U);
	EXPECT_EQ(log.lines.size(), 4U); /* once per kind */
	/* Still serving. */
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 9));
	EXPECT_EQ(received().size(), 2U);
}

TEST_F(HwsimTest, DetachForgetsRadiosAndPendingMessages)
{
	two_radios();
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 1));
	EXPECT_EQ(dev.pending(), 2U);
	dev.detach();
	EXPECT_EQ(dev.radios(), 0U);
	EXPECT_EQ(medium.stations(), 0U);
	EXPECT_EQ(dev.pending(), 0U);
	dev.on_kick(HwsimVirtio::kTxQueue); /* no transport: nothing happens */
}

TEST_F(HwsimTest, ControlCommandsReportAndSetTheMedium)
{
	auto loop = EventLoop::create();
	ControlServer ctl(*loop);

	add_control_commands(ctl, medium, &dev);
	post_rx(8);
	two_radios();
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 1));
	const std::string c = ctl.reply_line("medium");

	EXPECT_NE(c.find("ok stations=2 frames=1 group=0 unicast=1 acked=1 deliveries=1 runts=0 "
			 "lost=0 injected=0 hwsim_radios=2 "),
		  std::string::npos)
		<< c;
	EXPECT_NE(c.find("hwsim_acked=1 hwsim_dropped=0 hwsim_pending=0"), std::string::npos) << c;
	EXPECT_EQ(ctl.reply_line("medium signal"), "ok -50");
	EXPECT_EQ(ctl.reply_line("medium signal -70"), "ok -70");
	EXPECT_EQ(medium.signal_dbm(), -70);
	EXPECT_EQ(ctl.reply_line("medium signal 5").rfind("error", 0), 0U);
	EXPECT_EQ(ctl.reply_line("medium signal -7x").rfind("error", 0), 0U);
	EXPECT_EQ(ctl.reply_line("medium radios"),
		  "ok 42:00:00:00:00:00@2437,02:00:00:00:00:00 42:00:00:00:01:00@0,02:00:00:00:01:00");
	EXPECT_EQ(ctl.reply_line("medium reset"), "ok");
	EXPECT_NE(ctl.reply_line("medium").find("frames=0 "), std::string::npos);
	EXPECT_EQ(ctl.reply_line("medium bogus").rfind("error usage", 0), 0U);
}

TEST_F(HwsimTest, ControlCommandsInjectFaults)
{
	auto loop = EventLoop::create();
	ControlServer ctl(*loop);

	add_control_commands(ctl, medium, &dev);
	post_rx(8);
	two_radios();
	EXPECT_EQ(ctl.reply_line("medium faults"), "ok none");
	EXPECT_EQ(ctl.reply_line("medium vanish 02:00:00:00:01:00 on"), "ok");
	EXPECT_EQ(ctl.reply_line("medium beacon-loss 02:00:00:00:00:00 on"), "ok");
	EXPECT_EQ(ctl.reply_line("medium faults"), "ok vanished=02:00:00:00:01:00 beacon_loss=02:00:00:00:00:00");
	send(hwsim_frame(kRadioA, frame_to(kIfB), 2437, 1));
	EXPECT_NE(ctl.reply_line("medium").find(" lost=1 "), std::string::npos);
	EXPECT_EQ(ctl.reply_line("medium vanish 02:00:00:00:01:00 off"), "ok");
	/* Radio B was heard now (its address 2), so its deauth can be forged. */
	EXPECT_EQ(ctl.reply_line("medium deauth 02:00:00:00:01:00 02:00:00:00:00:00 7").rfind("error", 0), 0U);
	send(hwsim_frame(kRadioB, frame_from(0x08, kIfB, kIfA), 2437, 2));
	EXPECT_EQ(ctl.reply_line("medium deauth 02:00:00:00:01:00 02:00:00:00:00:00 7"), "ok");
	EXPECT_NE(ctl.reply_line("medium").find(" injected=1 "), std::string::npos);
	for (const char *bad :
	     {"medium vanish 02:00:00:00:01:00", "medium vanish nobody on", "medium vanish 02:00:00:00:01:00 maybe",
	      "medium beacon-loss on", "medium deauth 02:00:00:00:01:00", "medium deauth 02:00:00:00:01:00 x",
	      "medium deauth 02:00:00:00:01:00 02:00:00:00:00:00 70000", "medium faults now"})
		EXPECT_EQ(ctl.reply_line(bad).rfind("error", 0), 0U) << bad;
	EXPECT_EQ(ctl.reply_line("medium faults clear"), "ok");
	EXPECT_EQ(ctl.reply_line("medium faults"), "ok none");
}

} // namespace
} // namespace ipwmodel::medium
