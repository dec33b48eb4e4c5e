// SPDX-License-Identifier: GPL-2.0
/* The 2200BG's control-channel commands (ipw2200/control.h), through ControlServer::execute(). */
#include <algorithm>
#include <cstring>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/control_server.h"
#include "core/event_loop.h"
#include "core/log.h"
#include "core/manual_scheduler.h"
#include "ipw2200/control.h"
#include "ipw2200_fakes.h"
#include "pcidev/protocol.h"
#include "vhost_test_util.h"

namespace ipwmodel::ipw2200 {
namespace {

using test::Bench;
using test::DriverSim;

std::map<std::string, std::uint64_t> parse_kv(const std::string &text)
{
	std::map<std::string, std::uint64_t> m;
	std::istringstream in(text);

	for (std::string w; in >> w;) {
		const std::size_t eq = w.find('=');

		EXPECT_NE(eq, std::string::npos) << w;
		EXPECT_EQ(m.count(w.substr(0, eq)), 0U) << "duplicate " << w;
		m[w.substr(0, eq)] = std::stoull(w.substr(eq + 1));
	}
	return m;
}

/* A 2200BG on a fake bus, its transport object (not connected) and a control server. */
class Control : public ::testing::Test {
protected:
	Control() : loop(EventLoop::create()), pci(*b.dev, pci_sched), ctl(*loop)
	{
		/* The device is the transport's now; put it back on the fake bus. */
		b.dev->attach(b.mem, b.irq, b.sched);
		add_control_commands(ctl, *b.dev, pci);
	}

	ControlServer::Reply run(const std::string &line) { return ctl.execute(line); }
	std::string ok(const std::string &line)
	{
		const ControlServer::Reply r = ctl.execute(line);

		EXPECT_TRUE(r.ok) << line << ": " << r.text;
		return r.text;
	}
	std::map<std::string, std::uint64_t> counters() { return parse_kv(ok("counters")); }

	Bench b;
	DriverSim d{*b.dev, b.mem, b.sched};
	std::unique_ptr<EventLoop> loop;
	ManualScheduler pci_sched;
	pcidev::VirtioPciDevice pci;
	ControlServer ctl;
};

TEST_F(Control, HelpListsEveryCommand)
{
	const std::string help = ok("help");

	for (const char *c : {"rfkill: ", "counters: ", "trace: ", "irq-storm: ", "fault: ", "state: ", "info: "})
		EXPECT_NE(help.find(c), std::string::npos) << c;
}

TEST_F(Control, InfoReportsTheConfiguredIdentity)
{
	EXPECT_EQ(ok("info"), "pci_id subsystem mac country fw_version fw_date");
	EXPECT_EQ(ok("info pci_id"), "8086:4220");
	EXPECT_EQ(ok("info subsystem"), "8086:2701");
	EXPECT_EQ(ok("info mac"), "00:13:ce:22:00:01");
	EXPECT_EQ(ok("info country"), "ZZD");
	/* The rest of the line, spaces included. */
	EXPECT_EQ(ok("info fw_version"), "ipw2200-model 3.1");
	EXPECT_EQ(ok("info fw_date"), "2025-01-01");
	EXPECT_FALSE(run("info nonsense").ok);
	EXPECT_FALSE(run("info pci_id mac").ok);
}

TEST(ControlInfo, FollowsTheConfiguration)
{
	DeviceConfig cfg;

	cfg.device_id = 0x4224;
	cfg.subsystem_id = 0x1001;
	cfg.eeprom.country = "ZZA";
	cfg.eeprom.mac = {0x02, 0xab, 0xcd, 0xef, 0x01, 0x23};
	cfg.fw_version = "v9";
	EXPECT_EQ(device_info(cfg, "pci_id"), "8086:4224");
	EXPECT_EQ(device_info(cfg, "subsystem"), "8086:1001");
	EXPECT_EQ(device_info(cfg, "country"), "ZZA");
	EXPECT_EQ(device_info(cfg, "mac"), "02:ab:cd:ef:01:23");
	EXPECT_EQ(device_info(cfg, "fw_version"), "v9");
	EXPECT_EQ(device_info(cfg, "nothing"), std::nullopt);
}

TEST_F(Control, RfkillSwitch)
{
	EXPECT_EQ(ok("rfkill"), "off");
	EXPECT_EQ(ok("rfkill on"), "on");
	EXPECT_TRUE(b.dev->hw_rfkill());
	EXPECT_EQ(d.read32(csr::kRadio) & kRadioOnBit, 0U);
	EXPECT_EQ(ok("rfkill"), "on");
	EXPECT_EQ(ok("rfkill off"), "off");
	EXPECT_EQ(d.read32(csr::kRadio), kRadioOnBit);
	EXPECT_EQ(b.dev->stats().rfkill_events, 2U);
	EXPECT_FALSE(run("rfkill maybe").ok);
	EXPECT_FALSE(run("rfkill on off").ok);
	EXPECT_FALSE(b.dev->hw_rfkill());
}

TEST_F(Control, RfkillWhileRunningRaisesRfKillDone)
{
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	ok("rfkill on");
	EXPECT_NE(d.read32(csr::kIntA) & inta::kRfKillDone, 0U);
	EXPECT_TRUE(b.irq.level);
}

TEST_F(Control, CountersCoverEveryField)
{
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	ASSERT_TRUE(d.cmd(2, {})); /* HOST_COMPLETE */
	ASSERT_TRUE(d.cmd(2, {}));
	const std::string text = ok("counters");
	auto c = parse_kv(text);

	EXPECT_EQ(text.find("  "), std::string::npos);
	for (const char *k : {"commands_total",
			      "commands_malformed",
			      "dma_transfers",
			      "dma_blocks",
			      "dma_bytes",
			      "dma_errors",
			      "fw_boot_dma_bytes",
			      "fw_runtime_dma_bytes",
			      "ucode_bytes",
			      "tx_frames_0",
			      "tx_frames_1",
			      "tx_frames_2",
			      "tx_frames_3",
			      "tx_errors",
			      "rx_packets",
			      "rx_dropped",
			      "interrupts_raised",
			      "irq_assertions",
			      "irq_storm_raises",
			      "faults_injected",
			      "irqs_lost",
			      "commands_stalled",
			      "bar0_reads",
			      "bar0_writes",
			      "indirect_reads",
			      "indirect_writes",
			      "config_reads",
			      "config_writes",
			      "unimplemented_accesses",
			      "sw_resets",
			      "boot_starts",
			      "runtime_starts",
			      "dino_alive",
			      "fatal_errors",
			      "rfkill_events",
			      "pci_cfg_reads",
			      "pci_cfg_writes",
			      "pci_bar_reads",
			      "pci_bar_writes",
			      "pci_memsets",
			      "pci_malformed",
			      "pci_ints_sent",
			      "pci_ints_resent"})
		EXPECT_EQ(c.count(k), 1U) << k;
	const Stats &s = b.dev->stats();

	EXPECT_EQ(c["commands_total"], 2U);
	EXPECT_EQ(c["cmd_0x02"], 2U);
	EXPECT_EQ(c.count("cmd_0x00"), 0U); /* only commands seen */
	EXPECT_EQ(c["dma_bytes"], s.dma_bytes);
	EXPECT_EQ(c["bar0_writes"], s.bar0_writes);
	EXPECT_EQ(c["bar0_reads"], s.bar0_reads);
	EXPECT_EQ(c["boot_starts"], 1U);
	EXPECT_EQ(c["runtime_starts"], 1U);
	EXPECT_EQ(c["dino_alive"], 1U);
	EXPECT_EQ(c["sw_resets"], 1U);
	/* Interrupt bits by value: FW_INITIALIZATION_DONE twice, TX_CMD_QUEUE twice. */
	EXPECT_EQ(c["inta_0x01000000"], 2U);
	EXPECT_EQ(c["inta_0x00000800"], 2U);
	EXPECT_EQ(c.count("inta_0x00000002"), 0U);
	EXPECT_EQ(c["interrupts_raised"], s.interrupts_raised);
	/* Transport counters come from the virtio-pcidev object. */
	pcidev::VirtioPciDevice::Stats p;

	p.cfg_reads = 1;
	p.cfg_writes = 2;
	p.bar_reads = 3;
	p.bar_writes = 4;
	p.memsets = 5;
	p.malformed = 6;
	p.ints_sent = 7;
	p.ints_resent = 8;
	auto f = parse_kv(format_counters(Stats{}, p));

	EXPECT_EQ(f["pci_cfg_reads"], 1U);
	EXPECT_EQ(f["pci_cfg_writes"], 2U);
	EXPECT_EQ(f["pci_bar_reads"], 3U);
	EXPECT_EQ(f["pci_bar_writes"], 4U);
	EXPECT_EQ(f["pci_memsets"], 5U);
	EXPECT_EQ(f["pci_malformed"], 6U);
	EXPECT_EQ(f["pci_ints_sent"], 7U);
	EXPECT_EQ(f["pci_ints_resent"], 8U);
}

TEST_F(Control, CountersReset)
{
	d.write32(csr::kIntMask, 0);
	EXPECT_NE(counters()["bar0_writes"], 0U);
	EXPECT_EQ(ok("counters reset"), "");
	for (const auto &[k, v] : counters())
		EXPECT_EQ(v, 0U) << k;
	EXPECT_FALSE(run("counters zero").ok);
	EXPECT_FALSE(run("counters reset now").ok);
}

TEST_F(Control, Bar0WritesCountAccessesToBar0Only)
{
	ok("counters reset");
	d.write32(0x300, 1);
	d.write16(0x304, 2);
	d.write8(0x306, 3);
	b.dev->bar_write(0, 0x308, 8, 4);
	b.dev->bar_write(1, 0x0, 4, 5); /* not BAR0 */
	(void)d.read32(0x300);
	auto c = counters();

	EXPECT_EQ(c["bar0_writes"], 4U);
	EXPECT_EQ(c["bar0_reads"], 1U);
	EXPECT_EQ(c["unimplemented_accesses"], 1U);
}

/* What a host test compares with the firmware file: payload bytes per section. */
struct Sizes {
	std::uint64_t boot = 0;
	std::uint64_t ucode = 0;
	std::uint64_t runtime = 0;
};

Sizes payload_sizes(const std::vector<std::uint8_t> &file)
{
	const FwParseResult p = parse_firmware(file);
	Sizes s;

	EXPECT_TRUE(p.ok());
	for (const FwChunk &c : p.fw.boot.chunks)
		s.boot += c.length;
	for (const FwChunk &c : p.fw.runtime.chunks)
		s.runtime += c.length;
	s.ucode = std::uint64_t{p.fw.ucode_size / 2} * 2;
	return s;
}

TEST_F(Control, FirmwareLoadIsAccountedExactly)
{
	const auto fw = make_synthetic_firmware(FwMode::bss);
	const Sizes want = payload_sizes(fw);

	/* Headers are not payload: the sections are bigger than what is copied. */
	EXPECT_LT(want.boot, parse_firmware(fw).fw.boot.size);
	ASSERT_EQ(d.load(fw), 0);
	auto c = counters();

	EXPECT_EQ(c["fw_boot_dma_bytes"], want.boot);
	EXPECT_EQ(c["fw_runtime_dma_bytes"], want.runtime);
	EXPECT_EQ(c["ucode_bytes"], want.ucode);
	EXPECT_EQ(c["dma_bytes"], want.boot + want.runtime);
	/* A second load (ifdown/ifup, restart) is not added to the first. */
	ASSERT_EQ(d.load(fw), 0);
	c = counters();
	EXPECT_EQ(c["fw_boot_dma_bytes"], want.boot);
	EXPECT_EQ(c["fw_runtime_dma_bytes"], want.runtime);
	EXPECT_EQ(c["ucode_bytes"], want.ucode);
	EXPECT_EQ(c["dma_bytes"], 2 * (want.boot + want.runtime));
}

TEST_F(Control, RetriedLoadIsCountedOnce)
{
	const auto fw = make_synthetic_firmware(FwMode::ibss);
	const Sizes want = payload_sizes(fw);
	const FwParseResult p = parse_firmware(fw);

	/* Attempt 1 gets through the boot image and half the microcode, then fails. */
	ASSERT_EQ(d.stop_nic(), true);
	d.init_nic();
	ASSERT_EQ(d.load_firmware({fw.data() + p.fw.boot.offset, p.fw.boot.size}), 0);
	d.start_nic();
	ASSERT_TRUE(d.poll_bit(csr::kIntA, inta::kFwInitDone, 500));
	d.write32(csr::kIntA, inta::kFwInitDone);
	const std::span<const std::uint8_t> ucode(fw.data() + p.fw.ucode_offset, p.fw.ucode_size);
	const std::size_t half = (ucode.size() / 2) & ~std::size_t{1};

	ASSERT_EQ(d.load_ucode(ucode.first(half)), 0);
	EXPECT_EQ(counters()["fw_boot_dma_bytes"], want.boot);
	EXPECT_EQ(counters()["ucode_bytes"], half);
	/* A microcode retry starts the count again at ENABLE_CS. */
	ASSERT_EQ(d.load_ucode(ucode), 0);
	EXPECT_EQ(counters()["ucode_bytes"], want.ucode);
	/* Attempt 2 (the driver starts over from SW_RESET) is what counts. */
	ASSERT_EQ(d.load(fw), 0);
	auto c = counters();

	EXPECT_EQ(c["fw_boot_dma_bytes"], want.boot);
	EXPECT_EQ(c["fw_runtime_dma_bytes"], want.runtime);
	EXPECT_EQ(c["ucode_bytes"], want.ucode);
	EXPECT_EQ(c["sw_resets"], 2U);
}

TEST_F(Control, FailedDmaIsNotAddedToTheRetry)
{
	const auto fw = make_synthetic_firmware(FwMode::bss);
	const Sizes want = payload_sizes(fw);

	/* Bus mastering off: the boot DMA fails, the load gives up at step 6. */
	b.dev->config_write(0x04, 2, 0x0002);
	ASSERT_EQ(d.load(fw), 6);
	EXPECT_EQ(counters()["fw_boot_dma_bytes"], 0U);
	EXPECT_EQ(counters()["dma_errors"], 1U);
	b.dev->config_write(0x04, 2, 0x0006);
	ASSERT_EQ(d.load(fw), 0);
	EXPECT_EQ(counters()["fw_boot_dma_bytes"], want.boot);
	EXPECT_EQ(counters()["fw_runtime_dma_bytes"], want.runtime);
}

TEST_F(Control, TraceOnDumpOff)
{
	EXPECT_EQ(ok("trace dump"), "");
	EXPECT_EQ(ok("trace on 3"), "");
	d.write32(csr::kIntMask, 1);
	(void)d.read32(csr::kIntMask);
	(void)b.dev->config_read(0x04, 2);
	b.dev->config_write(0x3C, 1, 0x0B);
	EXPECT_EQ(ok("trace dump"), "r4@0x00c=0x00000001 c2@0x004=0x0006 C1@0x03c=0x0b");
	/* Off: recording stops, the entries stay. */
	EXPECT_EQ(ok("trace off"), "");
	d.write32(csr::kIntMask, 2);
	EXPECT_EQ(ok("trace dump"), "r4@0x00c=0x00000001 c2@0x004=0x0006 C1@0x03c=0x0b");
	/* On again starts empty; 8-byte accesses keep their width. */
	EXPECT_EQ(ok("trace on 2"), "");
	b.dev->bar_write(0, 0x300, 8, 0x1122334455667788ULL);
	EXPECT_EQ(ok("trace dump"), "w8@0x300=0x1122334455667788");
	EXPECT_FALSE(run("trace on 0").ok);
	EXPECT_FALSE(run("trace on 4097").ok);
	EXPECT_FALSE(run("trace on x").ok);
	EXPECT_FALSE(run("trace").ok);
	EXPECT_FALSE(run("trace dump all").ok);
	EXPECT_TRUE(run("trace on 4096").ok);
}

TEST_F(Control, StateReportsFirmwareAndInterrupts)
{
	EXPECT_EQ(ok("state"), "fw=none irq=0 inta=0x00000000 inta_mask=0x00000000 image=bss");
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	EXPECT_EQ(ok("state"), "fw=runtime_ready irq=0 inta=0x00000000 inta_mask=0xc531f832 image=bss");
	d.send_cmd(2, {});
	b.sched.advance(std::chrono::milliseconds(1));
	EXPECT_EQ(ok("state"), "fw=runtime_ready irq=1 inta=0x00000800 inta_mask=0xc531f832 image=bss");
	EXPECT_FALSE(run("state now").ok);
}

TEST_F(Control, LedsShowTheEventRegisterBits)
{
	EXPECT_EQ(ok("leds"), "activity=0 associated=0 ofdm=0");
	d.write_reg32(ind::kEventReg, 0x20);
	EXPECT_EQ(ok("leds"), "activity=0 associated=1 ofdm=0");
	/* Other bits of the register are not LEDs. */
	d.write_reg32(ind::kEventReg, 0x50 | 0x1);
	EXPECT_EQ(ok("leds"), "activity=1 associated=0 ofdm=1");
	EXPECT_FALSE(run("leds on").ok);
}

TEST_F(Control, IrqStormReRaisesAcknowledgedBits)
{
	EXPECT_EQ(ok("irq-storm"), "off");
	d.write32(csr::kIntMask, inta::kBeaconPeriodExpired);
	EXPECT_EQ(ok("irq-storm on 0x20"), "");
	EXPECT_EQ(ok("irq-storm"), "on 0x00000020");
	EXPECT_EQ(d.read32(csr::kIntA), 0x20U);
	EXPECT_TRUE(b.irq.level);
	EXPECT_EQ(b.irq.rising, 1U);
	/* Every acknowledgement sets it again, the line never drops. */
	for (int i = 0; i < 5; i++) {
		d.write32(csr::kIntA, 0x20);
		EXPECT_EQ(d.read32(csr::kIntA), 0x20U);
		EXPECT_TRUE(b.irq.level);
	}
	EXPECT_EQ(b.irq.rising, 1U);
	EXPECT_EQ(b.irq.reasserts, 5U);
	EXPECT_EQ(counters()["irq_storm_raises"], 5U);
	EXPECT_EQ(counters()["inta_0x00000020"], 6U);
	/* Other bits are acknowledged as usual. */
	b.dev->raise_fatal_error(1, 2);
	d.write32(csr::kIntA, inta::kFatalError);
	EXPECT_EQ(d.read32(csr::kIntA), 0x20U);
	/* Masked: re-raised, but the line is low and nobody is told. */
	d.write32(csr::kIntMask, 0);
	d.write32(csr::kIntA, 0x20);
	EXPECT_EQ(d.read32(csr::kIntA), 0x20U);
	EXPECT_FALSE(b.irq.level);
	EXPECT_EQ(b.irq.reasserts, 5U);
	/* Off: the next acknowledgement clears it for good. */
	EXPECT_EQ(ok("irq-storm off"), "");
	EXPECT_EQ(ok("irq-storm"), "off");
	d.write32(csr::kIntA, 0x20);
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
}

TEST_F(Control, PacedIrqStormComesBackAfterThePeriod)
{
	d.write32(csr::kIntMask, inta::kBeaconPeriodExpired);
	EXPECT_EQ(ok("irq-storm on 0x20 500"), "");
	EXPECT_EQ(ok("irq-storm"), "on 0x00000020 500");
	EXPECT_EQ(d.read32(csr::kIntA), 0x20U);
	EXPECT_TRUE(b.irq.level);
	for (unsigned i = 1; i <= 3; i++) {
		d.write32(csr::kIntA, 0x20);
		/* Acknowledged: the line falls until the period has passed. */
		EXPECT_EQ(d.read32(csr::kIntA), 0U);
		EXPECT_FALSE(b.irq.level);
		b.sched.advance(std::chrono::microseconds(499));
		EXPECT_FALSE(b.irq.level);
		b.sched.advance(std::chrono::microseconds(1));
		EXPECT_EQ(d.read32(csr::kIntA), 0x20U);
		EXPECT_TRUE(b.irq.level);
		EXPECT_EQ(b.irq.rising, 1 + i);
	}
	EXPECT_EQ(b.irq.reasserts, 0U);
	EXPECT_EQ(counters()["irq_storm_raises"], 3U);
	/* Off drops a pending re-raise. */
	d.write32(csr::kIntA, 0x20);
	EXPECT_EQ(ok("irq-storm off"), "");
	b.sched.advance(std::chrono::milliseconds(10));
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	EXPECT_FALSE(b.irq.level);
	/* A period of 0 is the immediate storm. */
	EXPECT_EQ(ok("irq-storm on 0x20 0"), "");
	EXPECT_EQ(ok("irq-storm"), "on 0x00000020");
}

TEST_F(Control, IrqStormArgumentsAreChecked)
{
	EXPECT_FALSE(run("irq-storm on 0x20 -1").ok);
	EXPECT_FALSE(run("irq-storm on 0x20 1000001").ok);
	EXPECT_FALSE(run("irq-storm on 0x20 5ms").ok);
	EXPECT_FALSE(run("irq-storm on 0x20 5 6").ok);
	EXPECT_FALSE(run("irq-storm on").ok);
	EXPECT_FALSE(run("irq-storm on xyz").ok);
	EXPECT_FALSE(run("irq-storm on 0").ok);
	EXPECT_FALSE(run("irq-storm on 0x02000000").ok); /* PHY_OFF_DONE: not in MASK_ALL */
	EXPECT_FALSE(run("irq-storm on 123456789").ok);
	EXPECT_FALSE(run("irq-storm sometimes").ok);
	EXPECT_EQ(b.dev->irq_storm(), 0U);
	EXPECT_EQ(d.read32(csr::kIntA), 0U);
	EXPECT_EQ(ok("irq-storm on C0000002"), "");
	EXPECT_EQ(b.dev->irq_storm(), 0xC0000002U);
}

/*
 * BAR0 0x200-0xFFF (shared memory and interrupt area) is plain storage
 * while no runtime firmware runs: any pattern, any width, reads back.
 */
TEST_F(Control, FaultsAreArmedListedAndCleared)
{
	EXPECT_EQ(ok("fault"), "none");
	ok("fault stall-command");
	ok("fault lose-irq");
	ok("fault dma tx");
	ok("fault rfkill-on-associate");
	EXPECT_EQ(ok("fault"), "stall-command lose-irq=1 dma=tx rfkill-on-associate");
	ok("fault lose-irq 5");
	ok("fault dma command");
	ok("fault dma rx");
	EXPECT_EQ(ok("fault"), "stall-command lose-irq=5 dma=command dma=tx dma=rx rfkill-on-associate");
	ok("fault clear");
	EXPECT_EQ(ok("fault"), "none");
}

TEST_F(Control, FaultsThatActNowNeedTheFirmware)
{
	EXPECT_FALSE(run("fault fatal").ok);
	EXPECT_FALSE(run("fault rx-garbage bad-type").ok);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	ok("fault rx-garbage bad-type");
	ok("fault rx-garbage overlong");
	ok("fault rx-garbage bad-index");
	ok("fault fatal 6 0xdead");
	EXPECT_EQ(counters()["fatal_errors"], 1U);
	EXPECT_EQ(counters()["faults_injected"], 4U);
	const std::uint32_t log = d.read32(shm::kErrorLog);
	EXPECT_EQ(d.read_reg32(log + 4), 6U);
	EXPECT_EQ(d.read_reg32(log + 4 + 24), 0xDEADU);
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	ok("fault fatal"); /* SYSASSERT, data 0 */
	EXPECT_EQ(d.read_reg32(d.read32(shm::kErrorLog) + 4), fwerr::kSysAssert);
}

TEST_F(Control, FaultArgumentsAreChecked)
{
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	for (const char *bad :
	     {"fault nonsense", "fault stall-command now", "fault lose-irq 0", "fault lose-irq 1001",
	      "fault lose-irq x", "fault dma", "fault dma disk", "fault rx-garbage", "fault rx-garbage huge",
	      "fault fatal 15", "fault fatal 1 xyz", "fault fatal 1 2 3", "fault clear all"})
		EXPECT_FALSE(run(bad).ok) << bad;
	EXPECT_EQ(ok("fault"), "none");
	EXPECT_EQ(b.dev->stats().fatal_errors, 0U);
}

TEST_F(Control, SharedMemoryIsPlainStorageWithoutFirmware)
{
	d.write32(csr::kIntMask, inta::kMaskAll);
	for (std::uint32_t off = shm::kLower; off < kBar0Size; off += 4)
		d.write32(off, 0x5a000000U | off << 8 | (~off & 0xFF));
	for (std::uint32_t off = shm::kLower; off < kBar0Size; off += 4)
		ASSERT_EQ(d.read32(off), 0x5a000000U | off << 8 | (~off & 0xFF)) << off;
	d.write16(0x302, 0xBEEF);
	d.write8(0x301, 0x42);
	EXPECT_EQ(d.read32(0x300), 0xBEEF42FFU);
	EXPECT_EQ(b.dev->inta(), 0U);
	EXPECT_FALSE(b.irq.level);
	EXPECT_EQ(b.sched.pending(), 0U);
	EXPECT_EQ(b.dev->stats().unimplemented_accesses, 0U);
}

/*
 * The storm through virtio-pcidev: a guest ISR that reads and acks INTA,
 * then re-posts its irq buffer.  Every EOI brings the next INT, one at a
 * time, for as long as it goes on, and nothing is throttled or timed.
 */
TEST(ControlStorm, ContinuousAndPacedByIrqBufferReposts)
{
	set_log_sink([](LogLevel, const std::string &) {});
	::ipwmodel::test::TestMemory mem;
	::ipwmodel::test::DriverRing cmd(mem, 64);
	::ipwmodel::test::DriverRing irq(mem, 16);
	::ipwmodel::test::RingTransport transport(mem, {&cmd, &irq});
	ManualScheduler sched;
	auto dev = make_ipw2200({});
	pcidev::VirtioPciDevice pci(*dev, sched); /* default storm guard: 32 */
	auto loop = EventLoop::create();
	ControlServer ctl(*loop);

	add_control_commands(ctl, *dev, pci);
	pci.attach(transport);
	auto post_write = [&](std::uint32_t off, std::uint32_t v) {
		const std::uint64_t buf = mem.alloc(24);

		mem.put(buf, pcidev::MsgHeader{static_cast<std::uint8_t>(pcidev::Op::mmio_write), 0, 0, 4, off});
		mem.put(buf + 16, v);
		cmd.add({{buf, 20, false}});
	};
	auto post_read = [&](std::uint32_t off) {
		const std::uint64_t h = mem.alloc(16);
		const std::uint64_t out = mem.alloc(4);

		mem.put(h, pcidev::MsgHeader{static_cast<std::uint8_t>(pcidev::Op::mmio_read), 0, 0, 4, off});
		cmd.add({{h, 16, false}, {out, 4, true}});
		return out;
	};
	dev->config_write(0x10, 4, 0xF0000000);
	dev->config_write(0x04, 2, 0x0006);
	for (int i = 0; i < 10; i++)
		irq.add({{mem.alloc(20), 20, true}});
	pci.on_kick(1);
	ASSERT_TRUE(ctl.execute("irq-storm on 20").ok);
	post_write(csr::kIntMask, 0x20);
	pci.on_kick(0);
	ASSERT_EQ(pci.stats().ints_sent, 1U);

	constexpr unsigned kRounds = 500;

	for (unsigned i = 0; i < kRounds; i++) {
		/* Exactly one INT in flight. */
		const auto u = irq.get_used();

		ASSERT_TRUE(u.has_value()) << i;
		ASSERT_FALSE(irq.get_used().has_value()) << i;
		/* ISR: read INTA, ack it, read it again (a non-posted read drains). */
		const std::uint64_t r1 = post_read(csr::kIntA);

		post_write(csr::kIntA, 0x20);
		const std::uint64_t r2 = post_read(csr::kIntA);

		pci.on_kick(0);
		ASSERT_EQ(mem.get<std::uint32_t>(r1), 0x20U);
		ASSERT_EQ(mem.get<std::uint32_t>(r2), 0x20U);
		/* Not before the EOI: the guest's irq callback would never return. */
		ASSERT_FALSE(irq.get_used().has_value()) << i;
		/* EOI: the buffer goes back, the next INT comes. */
		irq.publish(static_cast<std::uint16_t>(u->id));
		pci.on_kick(1);
	}
	EXPECT_EQ(pci.stats().ints_sent, kRounds + 1);
	EXPECT_EQ(pci.stats().ints_resent, kRounds);
	EXPECT_EQ(sched.pending(), 0U); /* no backoff timer, no polling */
	EXPECT_EQ(dev->stats().irq_storm_raises, kRounds);
	auto c = parse_kv(ctl.execute("counters").text);

	EXPECT_EQ(c["pci_ints_sent"], kRounds + 1);
	EXPECT_EQ(c["pci_bar_writes"], kRounds + 1);
	EXPECT_EQ(c["pci_bar_reads"], 2 * kRounds);
	ASSERT_TRUE(ctl.execute("counters reset").ok);
	EXPECT_EQ(pci.stats().ints_sent, 0U);

	/* Off: the handler's next ack ends it. */
	ASSERT_TRUE(ctl.execute("irq-storm off").ok);
	const auto u = irq.get_used();

	ASSERT_TRUE(u.has_value());
	post_write(csr::kIntA, 0x20);
	irq.publish(static_cast<std::uint16_t>(u->id));
	pci.on_kick(1);
	EXPECT_FALSE(irq.get_used().has_value());
	EXPECT_EQ(pci.stats().ints_sent, 0U);
	EXPECT_FALSE(pci.irq_level());
	pci.detach();
	set_log_sink({});
}

} // namespace
} // namespace ipwmodel::ipw2200
