// SPDX-License-Identifier: GPL-2.0
/* Host commands, the TX rings, the RX ring, fatal errors and RF kill. */
#include <gtest/gtest.h>

#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

using std::chrono::milliseconds;
using test::Bench;
using test::DriverSim;

std::vector<std::uint8_t> zeros(std::size_t n)
{
	return std::vector<std::uint8_t>(n, 0);
}

TEST(Ipw2200Commands, CatalogueHasTheTwentyOneDriverCommands)
{
	unsigned sent = 0;
	for (const auto &c : host_command_catalogue())
		sent += c.sent_by_driver ? 1 : 0;
	EXPECT_EQ(sent, 21U);
	EXPECT_EQ(host_command_catalogue().size(), 51U);
	ASSERT_NE(find_host_command(cmd::kTxPower), nullptr);
	EXPECT_STREQ(find_host_command(cmd::kTxPower)->name, "TX_POWER");
	EXPECT_EQ(find_host_command(99), nullptr);
}

TEST(Ipw2200Commands, ParseValidatesTypeIdAndLength)
{
	std::array<std::uint8_t, 128> tfd{};
	HostCommand c;
	tfd[0] = 1;
	tfd[4] = cmd::kSystemConfig;
	tfd[5] = 20;
	tfd[8] = 0x42;
	ASSERT_EQ(parse_host_command(tfd, c), CmdCheck::ok);
	EXPECT_EQ(c.data().size(), 20U);
	EXPECT_EQ(c.data()[0], 0x42);
	tfd[5] = 19;
	EXPECT_EQ(parse_host_command(tfd, c), CmdCheck::bad_length);
	tfd[4] = cmd::kSsid;
	tfd[5] = 33;
	EXPECT_EQ(parse_host_command(tfd, c), CmdCheck::bad_length);
	tfd[5] = 0;
	EXPECT_EQ(parse_host_command(tfd, c), CmdCheck::ok);
	tfd[4] = 12; /* PORT_TYPE: defined, no layout */
	tfd[5] = 121;
	EXPECT_EQ(parse_host_command(tfd, c), CmdCheck::bad_length);
	tfd[5] = 120;
	EXPECT_EQ(parse_host_command(tfd, c), CmdCheck::ok);
	tfd[4] = 200;
	EXPECT_EQ(parse_host_command(tfd, c), CmdCheck::unknown_id);
	tfd[0] = 0;
	EXPECT_EQ(parse_host_command(tfd, c), CmdCheck::bad_type);
}

struct Rings : ::testing::Test {
	void SetUp() override { ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0); }
	Bench b;
	DriverSim d{*b.dev, b.mem, b.sched};
};

TEST_F(Rings, EveryDriverCommandCompletes)
{
	std::vector<std::uint8_t> seen;
	b.dev->set_command_observer([&](const HostCommand &c) { seen.push_back(c.id); });
	/* ipw_config's sequence first, then the rest of the 21. */
	const std::vector<std::pair<std::uint8_t, std::size_t>> cmds{
		{cmd::kTxPower, 76},
		{cmd::kTxPower, 76},
		{cmd::kAdapterAddress, 6},
		{cmd::kSystemConfig, 20},
		{cmd::kSupportedRates, 16},
		{cmd::kRtsThreshold, 4},
		{cmd::kQosParameters, 96},
		{cmd::kSeedNumber, 4},
		{cmd::kHostComplete, 0},
		{cmd::kWepKey, 20},
		{cmd::kSsid, 7},
		{cmd::kFragThreshold, 4},
		{cmd::kPowerMode, 4},
		{cmd::kTgiTxKey, 28},
		{cmd::kAssociate, 40},
		{cmd::kScanAbort, 0},
		{cmd::kScanRequestExt, 96},
		{cmd::kRsnCapabilities, 22},
		{cmd::kSensitivityCalib, 4},
		{cmd::kRetryLimit, 4},
		{cmd::kWmeInfo, 9},
		{cmd::kCardDisable, 4},
	};
	for (const auto &[id, len] : cmds) {
		EXPECT_TRUE(d.cmd(id, zeros(len))) << unsigned{id};
		EXPECT_LT(b.sched.now().time_since_epoch(), std::chrono::hours(1));
	}
	EXPECT_EQ(seen.size(), cmds.size());
	EXPECT_EQ(b.dev->stats().commands_total, cmds.size());
	EXPECT_EQ(b.dev->stats().commands[cmd::kTxPower], 2U);
	EXPECT_EQ(b.dev->stats().commands_malformed, 0U);
	EXPECT_EQ(b.dev->stats().interrupts_by_bit[11], cmds.size());
	/* Each command was logged in the firmware's event log (the most recent 32). */
	const std::uint32_t ev = d.read32(shm::kEventLog);
	EXPECT_EQ(d.read_reg32(ev), cmds.size());
	EXPECT_EQ(d.read_reg32(ev + 8), 0x100U | cmds.front().first);
}

TEST_F(Rings, CompletionRaisesTheInterruptLine)
{
	d.send_cmd(cmd::kHostComplete, {});
	EXPECT_FALSE(b.irq.level);
	b.sched.advance(milliseconds(1));
	EXPECT_TRUE(b.irq.level);
	EXPECT_EQ(d.read32(csr::kIntA), inta::kTxCmdQueue);
	EXPECT_EQ(d.read32(shm::kCmdReadIndex), 1U);
	d.write32(csr::kIntA, inta::kTxCmdQueue);
	EXPECT_FALSE(b.irq.level);
}

TEST_F(Rings, BatchedCommandsAndWrap)
{
	for (int round = 0; round < 3; round++) {
		d.send_cmd(cmd::kSeedNumber, zeros(4));
		d.send_cmd(cmd::kSeedNumber, zeros(4));
		d.send_cmd(cmd::kSeedNumber, zeros(4));
		ASSERT_TRUE(d.wait_cmd());
	}
	EXPECT_EQ(d.read32(shm::kCmdReadIndex), 9U % 8);
	EXPECT_EQ(b.dev->stats().commands[cmd::kSeedNumber], 9U);
}

TEST_F(Rings, MalformedCommandIsAFirmwareError)
{
	d.send_cmd(cmd::kSystemConfig, zeros(19)); /* wrong length */
	b.sched.advance(milliseconds(5));
	EXPECT_EQ(d.read32(csr::kIntA) & inta::kFatalError, inta::kFatalError);
	EXPECT_TRUE(b.irq.level);
	EXPECT_EQ(d.read32(shm::kCmdReadIndex), 0U); /* not consumed */
	EXPECT_EQ(b.dev->fw_state(), FwState::fatal);
	EXPECT_EQ(b.dev->stats().commands_malformed, 1U);
	/* The error log the driver captures. */
	const std::uint32_t log = d.read32(shm::kErrorLog);
	ASSERT_EQ(d.read_reg32(log), 1U);
	EXPECT_EQ(d.read_reg32(log + 4), fwerr::kBadParam);
	EXPECT_EQ(d.read_reg32(log + 4 + 24), (cmd::kSystemConfig << 8) | 19U);
	/* Further doorbells are ignored until the driver reloads. */
	d.write32(csr::kIntA, inta::kMaskAll);
	d.send_cmd(cmd::kHostComplete, {});
	b.sched.advance(milliseconds(5));
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	EXPECT_TRUE(d.cmd(cmd::kHostComplete, {}));
}

TEST_F(Rings, OtherMalformedCommands)
{
	for (const auto &[type, id, len] : std::vector<std::tuple<std::uint8_t, std::uint8_t, int>>{
		     {0x00, cmd::kHostComplete, 0}, /* data TFD type in the command ring */
		     {0x01, 3, 0},		    /* undefined id */
		     {0x01, cmd::kSsid, 200},	    /* longer than a TFD */
	     }) {
		d.send_cmd(id, {}, type, len);
		b.sched.advance(milliseconds(5));
		EXPECT_TRUE(d.read32(csr::kIntA) & inta::kFatalError) << unsigned{id};
		ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	}
	EXPECT_EQ(b.dev->stats().fatal_errors, 3U);
}

TEST_F(Rings, RingStateOutOfRangeOrUnreadable)
{
	d.write32(shm::kCmdWriteIndex, 9); /* beyond the 8-entry ring */
	b.sched.advance(milliseconds(5));
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kFatalError);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	d.write32(shm::kCmdBdBase, 0xFFFFF000); /* ring outside guest memory */
	d.write32(shm::kCmdWriteIndex, 1);
	b.sched.advance(milliseconds(5));
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kFatalError);
	EXPECT_GE(b.dev->stats().dma_errors, 1U);
}

TEST_F(Rings, ScanRequestIsAnsweredWithScanCompleted)
{
	std::vector<std::uint8_t> scan(96, 0);
	scan[4] = (1 << 6) | 3; /* B/G group of 3 channels */
	scan[5] = 1;
	scan[6] = 6;
	scan[7] = 11;
	scan[58] = 0x33;
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 0U);
	b.sched.advance(milliseconds(60));
	ASSERT_EQ(d.read32(shm::kRxReadIndex), 1U);
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kRxTransfer);
	const std::uint8_t *p = b.mem.at(d.rx_buf[0]);
	EXPECT_EQ(p[0], kRxHostNotificationType);
	EXPECT_EQ(p[12], 13); /* SCAN_COMPLETED */
	EXPECT_EQ(p[14], 4);
	EXPECT_EQ(p[16], 3); /* scan type */
	EXPECT_EQ(p[17], 3); /* channels */
	EXPECT_EQ(p[18], 1); /* complete */
	/* An abort answers at once with status 2. */
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan));
	ASSERT_TRUE(d.cmd(cmd::kScanAbort, {}));
	b.sched.advance(milliseconds(1));
	ASSERT_EQ(d.read32(shm::kRxReadIndex), 2U);
	EXPECT_EQ(b.mem.at(d.rx_buf[1])[18], 2);
	EXPECT_EQ(b.mem.at(d.rx_buf[1])[1], 1); /* sequence number */
	/* No scan pending: an abort produces nothing. */
	ASSERT_TRUE(d.cmd(cmd::kScanAbort, {}));
	b.sched.advance(milliseconds(100));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 2U);
}

TEST_F(Rings, ReceiveRingHonoursTheHostWriteIndex)
{
	const std::vector<std::uint8_t> pkt{kRxHostNotificationType, 0, 0, 0, 1, 2, 3};
	/* 30 buffers posted: slots 0..29. */
	for (unsigned i = 0; i < 30; i++)
		ASSERT_TRUE(b.dev->deliver_rx(pkt)) << i;
	EXPECT_FALSE(b.dev->deliver_rx(pkt)); /* slot 30 = host write index */
	EXPECT_EQ(b.dev->stats().rx_dropped, 1U);
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 30U);
	EXPECT_EQ(b.mem.at(d.rx_buf[29])[6], 3);
	/* The host processes and reposts: write index moves on, wraps. */
	d.write32(shm::kRfdTable + 4 * 30, static_cast<std::uint32_t>(d.rx_buf[0]));
	d.write32(shm::kRfdTable + 4 * 31, static_cast<std::uint32_t>(d.rx_buf[1]));
	d.write32(shm::kRxWriteIndex, 1);
	EXPECT_TRUE(b.dev->deliver_rx(pkt));
	EXPECT_TRUE(b.dev->deliver_rx(pkt));
	EXPECT_TRUE(b.dev->deliver_rx(pkt));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 1U);
	EXPECT_FALSE(b.dev->deliver_rx(pkt));
	/* Too big, or a buffer outside guest memory. */
	d.write32(shm::kRxWriteIndex, 5);
	EXPECT_FALSE(b.dev->deliver_rx(std::vector<std::uint8_t>(kRxBufSize + 1)));
	d.write32(shm::kRfdTable + 4 * 1, 0xFFFFFF00);
	EXPECT_FALSE(b.dev->deliver_rx(pkt));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 1U);
	/* Bad indexes from the host: nothing written. */
	d.write32(shm::kRxWriteIndex, 40);
	EXPECT_FALSE(b.dev->deliver_rx(pkt));
}

TEST_F(Rings, AfterAResetTheOldReceiveBuffersAreLeftAlone)
{
	const std::vector<std::uint8_t> pkt{kRxHostNotificationType, 0, 0, 0, 1, 2, 3};

	ASSERT_TRUE(b.dev->deliver_rx(pkt));
	/* The driver goes away (its buffers with it) and a new one loads the
	 * firmware: until it has posted buffers and written RX_READ_INDEX, the
	 * RFD table still names the old ones. */
	const std::uint64_t old = d.rx_buf[1];
	std::fill_n(b.mem.at(old), 16, 0xEE);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss), false), 0);
	EXPECT_EQ(b.dev->fw_state(), FwState::runtime_ready);
	EXPECT_FALSE(b.dev->deliver_rx(pkt));
	EXPECT_EQ(*b.mem.at(old), 0xEE);
	EXPECT_EQ(b.dev->stats().rx_packets, 1U);
	d.rx_replenish();
	ASSERT_TRUE(b.dev->deliver_rx(pkt));
	EXPECT_EQ(b.mem.at(d.rx_buf[0])[6], 3);
	EXPECT_EQ(*b.mem.at(old), 0xEE);
}

TEST_F(Rings, DataRingsAreConsumed)
{
	std::vector<std::pair<unsigned, std::vector<std::uint8_t>>> frames;
	std::vector<TxInfo> infos;
	b.dev->set_tx_observer([&](unsigned q, const TxInfo &info, std::span<const std::uint8_t> f) {
		frames.emplace_back(q, std::vector<std::uint8_t>(f.begin(), f.end()));
		infos.push_back(info);
	});
	const auto body = b.mem.alloc(100);
	for (unsigned i = 0; i < 100; i++)
		*b.mem.at(body + i) = static_cast<std::uint8_t>(i);
	auto post = [&](unsigned q, unsigned slot, std::uint16_t fc) {
		const std::uint64_t at = d.data_ring[q] + std::uint64_t{slot} * kTfdSize;
		std::array<std::uint8_t, kTfdSize> tfd{};
		tfd[2] = 0x04;
		tfd[12] = 0x0B;
		tfd[48] = static_cast<std::uint8_t>(fc);
		tfd[49] = static_cast<std::uint8_t>(fc >> 8);
		tfd[50] = 0xEE; /* duration: marks the header copy */
		tfd[88] = 2;
		b.mem.put(at, tfd);
		b.mem.put32(at + 92, static_cast<std::uint32_t>(body));
		b.mem.put32(at + 96, static_cast<std::uint32_t>(body + 10));
		b.mem.put32(at + 116, 10 | (5 << 16));
	};
	post(0, 0, 0x0208); /* data, FromDS: 24-byte header */
	post(0, 1, 0x0388); /* QoS data, 4 addresses: 32 bytes */
	/* The second asks for hardware WEP with key 1 (104 bits). */
	b.mem.put(d.data_ring[0] + kTfdSize + 17, std::array<std::uint8_t, 3>{0x80, 0x00, 0x81});
	d.write32(shm::kCmdWriteIndex + 4, 2);
	post(3, 0, 0x0080); /* beacon: 24 bytes */
	d.write32(shm::kCmdWriteIndex + 16, 1);
	b.sched.advance(milliseconds(1));
	ASSERT_EQ(frames.size(), 3U);
	EXPECT_EQ(frames[0].first, 0U);
	EXPECT_EQ(frames[0].second.size(), 24U + 15U);
	EXPECT_EQ(frames[0].second[2], 0xEE);
	EXPECT_EQ(frames[0].second[24], 0);
	EXPECT_EQ(frames[0].second[34], 10);
	EXPECT_EQ(frames[1].second.size(), 32U + 15U);
	ASSERT_EQ(infos.size(), 3U);
	EXPECT_EQ(infos[0].key_index, 0);
	EXPECT_EQ(infos[1].tx_flags, 0x80);
	EXPECT_EQ(infos[1].key_index, 0x81);
	EXPECT_EQ(frames[2].first, 3U);
	EXPECT_EQ(d.read32(shm::kCmdReadIndex + 4), 2U);
	EXPECT_EQ(d.read32(shm::kCmdReadIndex + 16), 1U);
	EXPECT_EQ(d.read32(csr::kIntA), inta::kTxQueue1 | (inta::kTxQueue1 << 3));
	EXPECT_EQ(b.dev->stats().tx_frames[0], 2U);
	/* A chunk outside guest memory: dropped, slot still consumed. */
	post(1, 0, 0x0208);
	b.mem.put32(d.data_ring[1] + 92, 0xFFFFFFF0);
	d.write32(shm::kCmdWriteIndex + 8, 1);
	b.sched.advance(milliseconds(1));
	EXPECT_EQ(d.read32(shm::kCmdReadIndex + 8), 1U);
	EXPECT_EQ(b.dev->stats().tx_errors, 1U);
	EXPECT_EQ(frames.size(), 3U);
	/* Too many chunks: firmware error. */
	post(2, 0, 0x0208);
	b.mem.put32(d.data_ring[2] + 88, 7);
	d.write32(shm::kCmdWriteIndex + 12, 1);
	b.sched.advance(milliseconds(1));
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kFatalError);
}

TEST_F(Rings, HardwareRfKillRaisesRfKillDone)
{
	b.dev->set_hw_rfkill(true);
	EXPECT_EQ(d.read32(csr::kIntA), inta::kRfKillDone);
	EXPECT_TRUE(b.irq.level);
	EXPECT_EQ(d.read32(csr::kRadio) & kRadioOnBit, 0U);
	d.write32(csr::kIntA, inta::kRfKillDone);
	b.dev->set_hw_rfkill(true); /* no change, no interrupt */
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	b.dev->set_hw_rfkill(false); /* the driver polls bit 16 */
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	EXPECT_EQ(d.read32(csr::kRadio), kRadioOnBit);
	EXPECT_EQ(b.dev->stats().rfkill_events, 2U);
}

TEST_F(Rings, NotificationHook)
{
	const std::array<std::uint8_t, 1> assoc{12};
	ASSERT_TRUE(b.dev->send_notification(10, assoc));
	const std::uint8_t *p = b.mem.at(d.rx_buf[0]);
	EXPECT_EQ(p[12], 10);
	EXPECT_EQ(p[14] | p[15] << 8, 1);
	EXPECT_EQ(p[16], 12);
	EXPECT_FALSE(b.dev->send_notification(10, std::vector<std::uint8_t>(kRxBufSize)));
}

TEST(Ipw2200RingsIdle, NothingHappensBeforeTheRuntimeFirmware)
{
	Bench b;
	DriverSim d(*b.dev, b.mem, b.sched);
	d.queue_reset();
	d.send_cmd(cmd::kHostComplete, {});
	b.sched.advance(milliseconds(10));
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	EXPECT_FALSE(b.dev->deliver_rx(std::vector<std::uint8_t>(4)));
	EXPECT_FALSE(b.dev->send_notification(13, {}));
	b.dev->set_hw_rfkill(true);
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
}

} // namespace
} // namespace ipwmodel::ipw2200
