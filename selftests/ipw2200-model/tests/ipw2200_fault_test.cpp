// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection: each fault does what it promises to the host, once, and
 * the model goes on working (or stays cleanly dead until a reload).
 */
#include <gtest/gtest.h>

#include "ipw2200_fakes.h"

namespace ipwmodel::ipw2200 {
namespace {

using std::chrono::milliseconds;
using test::Bench;
using test::DriverSim;
using Garbage = Ipw2200Device::RxGarbage;
using Dma = Ipw2200Device::DmaTarget;

struct Faults : ::testing::Test {
	void SetUp() override { ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0); }
	Bench b;
	DriverSim d{*b.dev, b.mem, b.sched};
};

TEST_F(Faults, FatalErrorOnDemandWritesTheErrorLog)
{
	ASSERT_TRUE(b.dev->inject_fatal_error(fwerr::kSysAssert, 0x1234));
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kFatalError);
	EXPECT_TRUE(b.irq.level);
	EXPECT_EQ(b.dev->fw_state(), FwState::fatal);
	const std::uint32_t log = d.read32(shm::kErrorLog);
	ASSERT_EQ(d.read_reg32(log), 1U);
	EXPECT_EQ(d.read_reg32(log + 4), fwerr::kSysAssert);
	EXPECT_EQ(d.read_reg32(log + 4 + 24), 0x1234U);
	EXPECT_EQ(b.dev->stats().faults_injected, 1U);
	/* Dead until reloaded: a second one is refused, commands go unanswered. */
	EXPECT_FALSE(b.dev->inject_fatal_error(fwerr::kFail, 0));
	d.write32(csr::kIntA, inta::kMaskAll);
	EXPECT_FALSE(d.cmd(cmd::kHostComplete, {}));
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	EXPECT_TRUE(d.cmd(cmd::kHostComplete, {}));
}

TEST(FaultsIdle, FatalErrorNeedsTheRuntimeFirmware)
{
	Bench b;

	EXPECT_FALSE(b.dev->inject_fatal_error(fwerr::kSysAssert, 0));
	EXPECT_EQ(b.dev->stats().fatal_errors, 0U);
	EXPECT_FALSE(b.dev->inject_rx_garbage(Garbage::bad_type));
	EXPECT_FALSE(b.dev->inject_rx_garbage(Garbage::bad_index));
}

TEST_F(Faults, StalledCommandNeverCompletesUntilReset)
{
	ASSERT_TRUE(d.cmd(cmd::kHostComplete, {}));
	b.dev->stall_next_command();
	EXPECT_EQ(b.dev->armed_faults(), "stall-command");
	EXPECT_FALSE(d.cmd(cmd::kSeedNumber, std::vector<std::uint8_t>(4))); /* 1 s of waiting */
	EXPECT_EQ(d.read32(shm::kCmdReadIndex), 1U);
	EXPECT_EQ(b.dev->stats().commands_stalled, 1U);
	EXPECT_EQ(b.dev->stats().commands[cmd::kSeedNumber], 0U);
	EXPECT_EQ(b.dev->armed_faults(), "command-queue-stalled");
	/* Later commands queue up behind it. */
	EXPECT_FALSE(d.cmd(cmd::kHostComplete, {}));
	EXPECT_EQ(d.read32(shm::kCmdReadIndex), 1U);
	/* Data and receive paths still run. */
	EXPECT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	/* A firmware reload revives the queue; the fault fired once. */
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	EXPECT_EQ(b.dev->armed_faults(), "");
	EXPECT_TRUE(d.cmd(cmd::kHostComplete, {}));
	EXPECT_TRUE(d.cmd(cmd::kHostComplete, {}));
}

TEST_F(Faults, LostInterruptLeavesTheLineLowUntilTheNextChange)
{
	b.dev->lose_interrupts(1);
	d.send_cmd(cmd::kHostComplete, {});
	b.sched.advance(milliseconds(5));
	/* Completed, INTA says so, but the host was never told. */
	EXPECT_EQ(d.read32(shm::kCmdReadIndex), 1U);
	EXPECT_EQ(d.read32(csr::kIntA), inta::kTxCmdQueue);
	EXPECT_FALSE(b.irq.level);
	EXPECT_FALSE(b.dev->irq_level());
	EXPECT_EQ(b.dev->stats().irqs_lost, 1U);
	/* The next cause brings the line up with both bits pending. */
	ASSERT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	EXPECT_TRUE(b.irq.level);
	EXPECT_EQ(d.read32(csr::kIntA), inta::kTxCmdQueue | inta::kRxTransfer);
	d.write32(csr::kIntA, inta::kTxCmdQueue | inta::kRxTransfer);
	EXPECT_FALSE(b.irq.level);
	/* Once only. */
	EXPECT_TRUE(d.cmd(cmd::kHostComplete, {}));
	EXPECT_EQ(b.dev->stats().irqs_lost, 1U);
}

TEST_F(Faults, SeveralLostInterrupts)
{
	b.dev->lose_interrupts(3);
	EXPECT_EQ(b.dev->armed_faults(), "lose-irq=3");
	for (int i = 0; i < 3; i++) {
		ASSERT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
		EXPECT_FALSE(b.irq.level) << i;
		/* A host that polls acknowledges without the line. */
		d.write32(csr::kIntA, inta::kRxTransfer);
	}
	ASSERT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	EXPECT_TRUE(b.irq.level);
	EXPECT_EQ(b.dev->stats().irqs_lost, 3U);
}

TEST_F(Faults, GarbageOfUnknownType)
{
	ASSERT_TRUE(b.dev->inject_rx_garbage(Garbage::bad_type));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 1U);
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kRxTransfer);
	const std::uint8_t *p = b.mem.at(d.rx_buf[0]);
	EXPECT_NE(p[0], kRxFrameType);
	EXPECT_NE(p[0], kRxHostNotificationType);
	/* The ring goes on. */
	EXPECT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 2U);
	EXPECT_EQ(b.dev->stats().faults_injected, 1U);
}

TEST_F(Faults, GarbageFrameLongerThanItsBuffer)
{
	ASSERT_TRUE(b.dev->inject_rx_garbage(Garbage::overlong));
	const std::uint8_t *p = b.mem.at(d.rx_buf[0]);
	EXPECT_EQ(p[0], kRxFrameType);
	EXPECT_GT(static_cast<unsigned>(p[26] | p[27] << 8) + 28, kRxBufSize);
	/* Addressed to us, so it reaches the host's length checks. */
	EXPECT_EQ(p[28], 0x08);
	EXPECT_TRUE(std::equal(p + 32, p + 38, b.dev->config().eeprom.mac.begin()));
}

TEST_F(Faults, ReadIndexBeyondTheRingOnce)
{
	ASSERT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	d.write32(csr::kIntA, inta::kRxTransfer);
	ASSERT_TRUE(b.dev->inject_rx_garbage(Garbage::bad_index));
	EXPECT_GE(d.read32(shm::kRxReadIndex), kRxSlots);
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kRxTransfer);
	/* The firmware kept its own index: the next packet lands in slot 1. */
	ASSERT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 2U);
	EXPECT_EQ(b.mem.at(d.rx_buf[1])[12], 13);
	/* A reset forgets the glitch. */
	ASSERT_TRUE(b.dev->inject_rx_garbage(Garbage::bad_index));
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	ASSERT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 1U);
}

TEST_F(Faults, CommandDescriptorOutsideGuestMemory)
{
	b.dev->fail_next_dma(Dma::command);
	EXPECT_EQ(b.dev->armed_faults(), "dma=command");
	EXPECT_FALSE(d.cmd(cmd::kHostComplete, {}));
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kFatalError);
	EXPECT_EQ(b.dev->stats().dma_errors, 1U);
	const std::uint32_t log = d.read32(shm::kErrorLog);
	ASSERT_EQ(d.read_reg32(log), 1U);
	EXPECT_EQ(d.read_reg32(log + 4), fwerr::kDmaStatus);
	EXPECT_EQ(d.read_reg32(log + 4 + 24), Ipw2200Device::kBadDmaAddress);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	EXPECT_TRUE(d.cmd(cmd::kHostComplete, {}));
}

TEST_F(Faults, DataChunkOutsideGuestMemory)
{
	unsigned frames = 0;
	b.dev->set_tx_observer([&](unsigned, const TxInfo &, std::span<const std::uint8_t>) { frames++; });
	const auto body = b.mem.alloc(64);
	auto post = [&](unsigned slot) {
		const std::uint64_t at = d.data_ring[0] + std::uint64_t{slot} * kTfdSize;
		std::array<std::uint8_t, kTfdSize> tfd{};
		tfd[48] = 0x08;
		tfd[88] = 1;
		b.mem.put(at, tfd);
		b.mem.put32(at + 92, static_cast<std::uint32_t>(body));
		b.mem.put32(at + 116, 64);
		d.write32(shm::kCmdWriteIndex + 4, slot + 1);
		b.sched.advance(milliseconds(1));
	};
	b.dev->fail_next_dma(Dma::tx);
	post(0);
	EXPECT_EQ(frames, 0U);
	EXPECT_EQ(b.dev->stats().tx_errors, 1U);
	EXPECT_EQ(d.read32(shm::kCmdReadIndex + 4), 1U); /* consumed */
	EXPECT_EQ(b.dev->fw_state(), FwState::runtime_ready);
	post(1);
	EXPECT_EQ(frames, 1U);
}

TEST_F(Faults, ReceiveBufferOutsideGuestMemory)
{
	b.dev->fail_next_dma(Dma::rx);
	EXPECT_FALSE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 0U);
	EXPECT_EQ(b.dev->stats().dma_errors, 1U);
	EXPECT_EQ(b.dev->stats().rx_dropped, 1U);
	EXPECT_TRUE(b.dev->send_notification(13, std::vector<std::uint8_t>(4)));
	EXPECT_EQ(d.read32(shm::kRxReadIndex), 1U);
}

TEST_F(Faults, RfKillOnTheNextAssociate)
{
	b.dev->rfkill_on_next_associate();
	ASSERT_TRUE(d.cmd(cmd::kSsid, std::vector<std::uint8_t>(4)));
	EXPECT_FALSE(b.dev->hw_rfkill());
	d.send_cmd(cmd::kAssociate, std::vector<std::uint8_t>(40));
	b.sched.advance(milliseconds(5));
	EXPECT_TRUE(b.dev->hw_rfkill());
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kRfKillDone);
	EXPECT_EQ(b.dev->stats().commands[cmd::kAssociate], 1U);
	EXPECT_EQ(b.dev->armed_faults(), "");
}

TEST_F(Faults, ClearDisarmsEverything)
{
	b.dev->stall_next_command();
	b.dev->lose_interrupts(2);
	b.dev->fail_next_dma(Dma::command);
	b.dev->fail_next_dma(Dma::tx);
	b.dev->fail_next_dma(Dma::rx);
	b.dev->rfkill_on_next_associate();
	EXPECT_EQ(b.dev->armed_faults(), "stall-command lose-irq=2 dma=command dma=tx dma=rx rfkill-on-associate");
	b.dev->clear_faults();
	EXPECT_EQ(b.dev->armed_faults(), "");
	EXPECT_TRUE(d.cmd(cmd::kAssociate, std::vector<std::uint8_t>(40)));
	EXPECT_FALSE(b.dev->hw_rfkill());
	EXPECT_EQ(b.dev->stats().faults_injected, 0U);
}

} // namespace
} // namespace ipwmodel::ipw2200
