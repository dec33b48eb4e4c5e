/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test doubles for the ipw2200 device model: guest memory, an INTx line, a
 * manual-clock scheduler, and DriverSim, which performs the upstream
 * driver's register-level sequences (indirect accessors, firmware DMA,
 * microcode load, EEPROM read, ipw_load) against a device.
 */
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <span>
#include <utility>
#include <vector>

#include "core/guest_memory.h"
#include "core/pci_function.h"
#include "core/scheduler.h"
#include "ipw2200/device.h"
#include "ipw2200/firmware.h"
#include "ipw2200/regs.h"

namespace ipwmodel::ipw2200::test {

/* Guest RAM at [base, base + size). */
class FakeMemory final : public GuestMemory {
public:
	explicit FakeMemory(std::uint64_t base = 0x100000, std::size_t size = 0x400000) : base_(base), bytes_(size, 0)
	{
	}
	bool read(std::uint64_t gpa, void *dst, std::size_t len) override
	{
		if (!inside(gpa, len))
			return false;
		if (len)
			std::memcpy(dst, bytes_.data() + (gpa - base_), len);
		return true;
	}
	bool write(std::uint64_t gpa, const void *src, std::size_t len) override
	{
		if (!inside(gpa, len))
			return false;
		if (len)
			std::memcpy(bytes_.data() + (gpa - base_), src, len);
		return true;
	}
	[[nodiscard]] bool inside(std::uint64_t gpa, std::size_t len) const
	{
		return gpa >= base_ && gpa - base_ <= bytes_.size() && len <= bytes_.size() - (gpa - base_);
	}
	[[nodiscard]] std::uint64_t base() const { return base_; }
	[[nodiscard]] std::uint64_t end() const { return base_ + bytes_.size(); }
	std::uint8_t *at(std::uint64_t gpa) { return bytes_.data() + (gpa - base_); }
	void put(std::uint64_t gpa, std::span<const std::uint8_t> b) { std::memcpy(at(gpa), b.data(), b.size()); }
	void put32(std::uint64_t gpa, std::uint32_t v)
	{
		for (unsigned i = 0; i < 4; i++)
			*at(gpa + i) = static_cast<std::uint8_t>(v >> (8 * i));
	}
	std::uint32_t get32(std::uint64_t gpa)
	{
		std::uint32_t v = 0;
		for (unsigned i = 0; i < 4; i++)
			v |= static_cast<std::uint32_t>(*at(gpa + i)) << (8 * i);
		return v;
	}
	/* A bump allocator for test buffers (16-byte aligned). */
	std::uint64_t alloc(std::size_t len)
	{
		const std::uint64_t a = base_ + next_;
		next_ = (next_ + len + 15) & ~std::size_t{15};
		return a;
	}

private:
	std::uint64_t base_;
	std::vector<std::uint8_t> bytes_;
	std::size_t next_ = 0;
};

class FakeIrq final : public IrqLine {
public:
	void set_level(bool asserted) override
	{
		if (asserted && !level)
			rising++;
		level = asserted;
	}
	void reasserted() override { reasserts++; }
	bool level = false;
	unsigned rising = 0;
	unsigned reasserts = 0;
};

/* Time stands still until advance(). */
class FakeScheduler final : public Scheduler {
public:
	TimerId schedule(std::chrono::microseconds delay, std::function<void()> fn) override
	{
		const TimerId id = next_++;
		timers_.emplace(std::make_pair(now_ + delay, id), std::move(fn));
		return id;
	}
	bool cancel(TimerId id) override
	{
		for (auto it = timers_.begin(); it != timers_.end(); ++it)
			if (it->first.second == id) {
				timers_.erase(it);
				return true;
			}
		return false;
	}
	[[nodiscard]] Clock::time_point now() const override { return now_; }
	unsigned advance(std::chrono::microseconds d)
	{
		const Clock::time_point end = now_ + d;
		unsigned ran = 0;
		while (!timers_.empty() && timers_.begin()->first.first <= end) {
			auto node = timers_.extract(timers_.begin());
			now_ = node.key().first;
			node.mapped()();
			ran++;
		}
		now_ = end;
		return ran;
	}
	[[nodiscard]] std::size_t pending() const { return timers_.size(); }

private:
	Clock::time_point now_{std::chrono::seconds(1000)};
	TimerId next_ = 1;
	std::map<std::pair<Clock::time_point, TimerId>, std::function<void()>> timers_;
};

/* A device on a fake bus, with the config-space setup a PCI core performs. */
struct Bench {
	explicit Bench(const DeviceConfig &cfg = {}) : dev(make_ipw2200(cfg))
	{
		dev->attach(mem, irq, sched);
		dev->config_write(0x10, 4, 0xF0000000); /* BAR0 address */
		dev->config_write(0x04, 2, 0x0006);	/* memory + bus master */
	}
	FakeMemory mem;
	FakeIrq irq;
	FakeScheduler sched;
	std::unique_ptr<Ipw2200Device> dev;
};

/* The upstream driver's register-level helpers, for sequence tests. */
class DriverSim {
public:
	DriverSim(Ipw2200Device &dev, FakeMemory &mem, FakeScheduler &sched) : dev_(dev), mem_(mem), sched_(sched) {}

	/* Direct BAR0 access. */
	std::uint32_t read32(std::uint32_t off) { return static_cast<std::uint32_t>(dev_.bar_read(0, off, 4)); }
	std::uint8_t read8(std::uint32_t off) { return static_cast<std::uint8_t>(dev_.bar_read(0, off, 1)); }
	void write32(std::uint32_t off, std::uint32_t v) { dev_.bar_write(0, off, 4, v); }
	void write16(std::uint32_t off, std::uint16_t v) { dev_.bar_write(0, off, 2, v); }
	void write8(std::uint32_t off, std::uint8_t v) { dev_.bar_write(0, off, 1, v); }
	void set_bit(std::uint32_t off, std::uint32_t m) { write32(off, read32(off) | m); }
	void clear_bit(std::uint32_t off, std::uint32_t m) { write32(off, read32(off) & ~m); }

	/* Indirect access, as _ipw_{read,write}_reg{8,16,32}. */
	void write_reg32(std::uint32_t reg, std::uint32_t v)
	{
		write32(csr::kIndirectAddr, reg);
		write32(csr::kIndirectData, v);
	}
	void write_reg16(std::uint32_t reg, std::uint16_t v)
	{
		write32(csr::kIndirectAddr, reg & ~3U);
		write16(csr::kIndirectData + ((reg & 3U) & ~1U), v);
	}
	void write_reg8(std::uint32_t reg, std::uint8_t v)
	{
		write32(csr::kIndirectAddr, reg & ~3U);
		write8(csr::kIndirectData + (reg & 3U), v);
	}
	std::uint32_t read_reg32(std::uint32_t reg)
	{
		write32(csr::kIndirectAddr, reg);
		return read32(csr::kIndirectData);
	}
	std::uint8_t read_reg8(std::uint32_t reg)
	{
		write32(csr::kIndirectAddr, reg & ~3U);
		return static_cast<std::uint8_t>(read32(csr::kIndirectData) >> ((reg & 3U) * 8));
	}
	/* _ipw_write_indirect / _ipw_read_indirect: any alignment. */
	void write_indirect(std::uint32_t addr, std::span<const std::uint8_t> buf)
	{
		std::uint32_t aligned = addr & ~3U;
		std::size_t i = 0;
		std::size_t num = buf.size();
		if (num == 0)
			return;
		if (addr != aligned) {
			write32(csr::kIndirectAddr, aligned);
			for (unsigned l = addr - aligned; l < 4 && num > 0; l++, num--)
				write8(csr::kIndirectData + l, buf[i++]);
			aligned += 4;
		}
		write32(csr::kAutoIncAddr, aligned);
		for (; num >= 4; num -= 4, aligned += 4, i += 4) {
			const std::uint32_t v = static_cast<std::uint32_t>(buf[i]) | buf[i + 1] << 8 |
						buf[i + 2] << 16 | static_cast<std::uint32_t>(buf[i + 3]) << 24;
			write32(csr::kAutoIncData, v);
		}
		if (num) {
			write32(csr::kIndirectAddr, aligned);
			for (unsigned l = 0; num > 0; l++, num--)
				write8(csr::kIndirectData + l, buf[i++]);
		}
	}
	std::vector<std::uint8_t> read_indirect(std::uint32_t addr, std::size_t num)
	{
		std::vector<std::uint8_t> out;
		std::uint32_t aligned = addr & ~3U;
		if (addr != aligned) {
			write32(csr::kIndirectAddr, aligned);
			for (unsigned l = addr - aligned; l < 4 && num > 0; l++, num--)
				out.push_back(read8(csr::kIndirectData + l));
			aligned += 4;
		}
		write32(csr::kAutoIncAddr, aligned);
		for (; num >= 4; num -= 4, aligned += 4) {
			const std::uint32_t v = read32(csr::kAutoIncData);
			for (unsigned b = 0; b < 4; b++)
				out.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
		}
		if (num) {
			write32(csr::kIndirectAddr, aligned);
			for (unsigned l = 0; num > 0; l++, num--)
				out.push_back(read8(csr::kIndirectData + l));
		}
		return out;
	}
	void zero_memory(std::uint32_t start, std::uint32_t count)
	{
		write32(csr::kAutoIncAddr, start);
		for (std::uint32_t i = 0; i < count / 4; i++)
			write32(csr::kAutoIncData, 0);
	}

	/* ipw_poll_bit: up to @ms in 10 ms steps; true when all bits are set. */
	bool poll_bit(std::uint32_t off, std::uint32_t mask, unsigned ms)
	{
		for (unsigned t = 0; t <= ms; t += 10) {
			if ((read32(off) & mask) == mask)
				return true;
			sched_.advance(std::chrono::milliseconds(10));
		}
		return false;
	}
	bool stop_master()
	{
		set_bit(csr::kReset, reset::kStopMaster);
		return poll_bit(csr::kReset, reset::kMasterDisabled, 100);
	}
	bool stop_nic()
	{
		write32(csr::kReset, reset::kStopMaster);
		if (!poll_bit(csr::kReset, reset::kMasterDisabled, 500))
			return false;
		set_bit(csr::kReset, reset::kPrincetonReset);
		return true;
	}
	void start_nic()
	{
		clear_bit(csr::kReset, reset::kMasterDisabled | reset::kStopMaster | reset::kPrincetonReset);
		set_bit(csr::kGpControl, gp::kHostAllowsStandby);
	}
	bool init_nic()
	{
		set_bit(csr::kGpControl, gp::kInitDone);
		write32(shm::kReadIntRegister, shm::kPllActivate);
		const bool clock = poll_bit(csr::kGpControl, gp::kClockReady, 250);
		set_bit(csr::kReset, reset::kSwReset);
		set_bit(csr::kGpControl, gp::kInitDone);
		return clock;
	}

	/* ipw_load_firmware: chunk stream -> DMA pieces -> command blocks. */
	int load_firmware(std::span<const std::uint8_t> data)
	{
		struct Cb {
			std::uint32_t control, src, dst, status;
		};
		std::vector<Cb> cbs;
		std::size_t off = 0;

		dma_enable();
		do {
			const std::uint32_t addr = le32(data, off);
			const std::uint32_t len = le32(data, off + 4);
			off += 8;
			for (std::uint32_t done = 0; done < len; done += kDmaPieceMax) {
				const std::uint32_t size = std::min(len - done, kDmaPieceMax);
				const std::uint64_t host = mem_.alloc(kDmaPieceMax);
				mem_.put(host, data.subspan(off + done, size));
				const std::uint32_t control = 0x8CEA0000U | size;
				const auto src = static_cast<std::uint32_t>(host);
				const std::uint32_t dst = addr + done;
				cbs.push_back({control, src, dst, control ^ src ^ dst});
				if (cbs.size() > 64)
					return -1; /* BUG_ON in the driver */
			}
			off += len;
		} while (off < data.size());
		return run_dma(cbs.data(), cbs.size(), sizeof(Cb));
	}
	/* ipw_fw_dma_enable */
	void dma_enable()
	{
		zero_memory(ind::kDmaCbArea, 64 * 16);
		write_reg32(ind::kDmaCbBase, ind::kDmaCbArea);
	}
	/* Kick and wait, as ipw_fw_dma_kick + ipw_fw_dma_wait (@cbs: raw blocks). */
	int run_dma(const void *cbs, std::size_t n, std::size_t stride)
	{
		const auto *p = static_cast<const std::uint8_t *>(cbs);
		for (std::size_t i = 0; i < n; i++)
			write_indirect(ind::kDmaCbArea + 16 * static_cast<std::uint32_t>(i), {p + i * stride, 16});
		clear_bit(csr::kReset, reset::kMasterDisabled | reset::kStopMaster);
		write_reg32(ind::kDmaControl, 0x00540100);
		std::uint32_t cur = cb_index();
		unsigned watchdog = 0;
		int rc = 0;
		while (cur < n) {
			sched_.advance(std::chrono::microseconds(50));
			const std::uint32_t prev = cur;
			cur = cb_index();
			if (prev < cur) {
				watchdog = 0;
				continue;
			}
			if (++watchdog > 400) {
				rc = -1;
				break;
			}
		}
		write_reg32(ind::kDmaControl, 0x00540C00);
		if (rc == 0)
			set_bit(csr::kReset, reset::kMasterDisabled | reset::kStopMaster);
		return rc;
	}
	std::uint32_t cb_index() { return (read_reg32(ind::kDmaCurrentCb) - ind::kDmaCbArea) / 16; }

	/* ipw_load_ucode; returns 0, -ETIME (-62) or -EINVAL (-22). */
	int load_ucode(std::span<const std::uint8_t> ucode, bool rewrite_address = true)
	{
		if (!stop_master())
			return -1;
		for (std::uint32_t a = shm::kLower; a < kBar0Size; a += 4)
			write32(a, 0);
		write_reg32(ind::kHaltAndReset, ind::kHaltOn);
		sched_.advance(std::chrono::milliseconds(5));
		clear_bit(csr::kReset, reset::kPrincetonReset);
		sched_.advance(std::chrono::milliseconds(5));
		write_reg32(ind::kHaltAndReset, 0);
		write_reg32(ind::kEventReg, 1);
		write_reg32(ind::kEventReg, 0);
		write_reg8(ind::kDinoControl, 0);
		write_reg8(ind::kDinoControl, 0x40);
		for (std::size_t i = 0; i + 1 < ucode.size(); i += 2) {
			const auto w = static_cast<std::uint16_t>(ucode[i] | ucode[i + 1] << 8);
			if (rewrite_address || i == 0)
				write_reg16(ind::kDinoStore, w);
			else
				write16(csr::kIndirectData, w);
		}
		write_reg8(ind::kDinoControl, 0);
		write_reg8(ind::kDinoControl, 0x80);
		std::uint8_t cr = 0;
		for (int i = 0; i < 100; i++) {
			cr = read_reg8(ind::kDinoControl);
			if (cr & 0x01)
				break;
			sched_.advance(std::chrono::milliseconds(1));
		}
		int rc = -62;
		if (cr & 0x01) {
			for (unsigned i = 0; i < 7; i++) {
				const std::uint32_t v = read_reg32(ind::kDinoRxFifo);
				for (unsigned b = 0; b < 4; b++)
					alive[4 * i + b] = static_cast<std::uint8_t>(v >> (8 * b));
			}
			rc = (alive[0] == 1 && alive[25] == 1) ? 0 : -22;
		}
		write_reg8(ind::kDinoControl, 0);
		return rc;
	}

	/* eeprom_read_u16 over the Microwire port. */
	void eeprom_write(std::uint32_t v) { write_reg32(ind::kEepromPort, v); }
	std::uint16_t eeprom_read_u16(std::uint8_t addr)
	{
		eeprom_write(0);
		eeprom_write(2);
		eeprom_write(3);
		eeprom_write(2);
		auto bit = [this](unsigned b) {
			const std::uint32_t d = b ? 4 : 0;
			eeprom_write(2 | d);
			eeprom_write(2 | d | 1);
		};
		bit(1);
		bit(1);
		bit(0);
		for (int i = 7; i >= 0; i--)
			bit(addr & (1U << i));
		eeprom_write(2);
		std::uint16_t r = 0;
		for (int i = 0; i < 16; i++) {
			eeprom_write(3);
			eeprom_write(2);
			const std::uint32_t d = read_reg32(ind::kEepromPort);
			r = static_cast<std::uint16_t>((r << 1) | ((d & 0x10) ? 1 : 0));
		}
		eeprom_write(0);
		eeprom_write(2);
		eeprom_write(0);
		eeprom_write(1);
		return r;
	}
	std::array<std::uint8_t, 256> read_eeprom()
	{
		std::array<std::uint8_t, 256> img{};
		for (std::size_t i = 0; i < 128; i++) {
			const std::uint16_t w = eeprom_read_u16(static_cast<std::uint8_t>(i));
			img[2 * i] = static_cast<std::uint8_t>(w);
			img[2 * i + 1] = static_cast<std::uint8_t>(w >> 8);
		}
		return img;
	}

	/* Command and data rings as ipw_queue_reset programs them. */
	void queue_reset()
	{
		cmd_ring = mem_.alloc(8 * kTfdSize);
		write32(shm::kCmdBdBase, static_cast<std::uint32_t>(cmd_ring));
		write32(shm::kCmdBdBase + 4, 8);
		write32(shm::kCmdReadIndex, 0);
		write32(shm::kCmdWriteIndex, 0);
		for (unsigned q = 0; q < 4; q++) {
			data_ring[q] = mem_.alloc(64 * kTfdSize);
			write32(shm::kCmdBdBase + 8 + 8 * q, static_cast<std::uint32_t>(data_ring[q]));
			write32(shm::kCmdBdBase + 12 + 8 * q, 64);
			write32(shm::kCmdReadIndex + 4 + 4 * q, 0);
			write32(shm::kCmdWriteIndex + 4 + 4 * q, 0);
		}
		(void)read32(csr::kFlush);
		cmd_first_empty = 0;
	}
	void rx_replenish(unsigned buffers = 30)
	{
		for (unsigned n = 0; n < buffers; n++) {
			rx_buf[n] = mem_.alloc(kRxBufSize);
			write32(shm::kRfdTable + 4 * n, static_cast<std::uint32_t>(rx_buf[n]));
		}
		write32(shm::kRxWriteIndex, buffers % kRxSlots);
		write32(shm::kRxReadIndex, 0);
	}

	/* ipw_load: 0 on success, otherwise a step number that failed.
	 * @post_rx false stops before the receive buffers are posted. */
	int load(std::span<const std::uint8_t> file, bool post_rx = true)
	{
		const auto fw = parse_firmware(file);
		if (!fw.ok())
			return 1;
		write32(csr::kIntMask, ~inta::kMaskAll);
		write32(csr::kIntA, inta::kMaskAll);
		if (!stop_nic())
			return 3;
		init_nic();
		zero_memory(0, ind::kSramSize);
		if (load_firmware(file.subspan(fw.fw.boot.offset, fw.fw.boot.size)) != 0)
			return 6;
		start_nic();
		if (!poll_bit(csr::kIntA, inta::kFwInitDone, 500))
			return 8;
		write32(csr::kIntA, inta::kFwInitDone);
		if (load_ucode(file.subspan(fw.fw.ucode_offset, fw.fw.ucode_size)) != 0)
			return 9;
		if (!stop_nic())
			return 10;
		if (load_firmware(file.subspan(fw.fw.runtime.offset, fw.fw.runtime.size)) != 0)
			return 10;
		write32(shm::kEepromLoadDisable, 0);
		queue_reset();
		write32(csr::kIntMask, ~inta::kMaskAll);
		write32(csr::kIntA, inta::kMaskAll);
		start_nic();
		if (read32(csr::kIntA) & inta::kParityError)
			return 13;
		if (!poll_bit(csr::kIntA, inta::kFwInitDone, 500))
			return 14;
		write32(csr::kIntA, inta::kFwInitDone);
		eeprom = read_eeprom();
		if (eeprom[0x49] != 0) {
			for (unsigned i = 0; i < 256; i++)
				write8(shm::kEepromData + i, eeprom[i]);
			write32(shm::kEepromLoadDisable, 0);
		} else {
			write32(shm::kEepromLoadDisable, 1);
		}
		write32(csr::kIntMask, inta::kMaskAll);
		if (post_rx)
			rx_replenish();
		write32(csr::kIntA, inta::kMaskAll);
		return 0;
	}

	/* ipw_get_ordinal for tables 0, 1, 2; -22 like the driver on errors. */
	int get_ordinal(std::uint32_t ord, std::vector<std::uint8_t> &out, std::size_t room)
	{
		const std::uint32_t t0 = shm::kOrdTable0;
		const std::uint32_t t1 = read32(shm::kOrdTable1);
		const std::uint32_t t2 = read32(shm::kOrdTable2);
		if (t1 == 0 || t2 == 0)
			return -22;
		const std::uint32_t idx = ord & 0xFF;
		out.clear();
		switch (ord & 0xFF00) {
		case 0xF000: {
			if (idx > read32(t0))
				return -22;
			const std::uint32_t v = read32(t0 + 4 * idx);
			for (unsigned b = 0; b < 4; b++)
				out.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
			return 0;
		}
		case 0xF100: {
			if (idx > read_reg32(t1))
				return -22;
			const std::uint32_t v = read_reg32(t1 + 4 * idx);
			for (unsigned b = 0; b < 4; b++)
				out.push_back(static_cast<std::uint8_t>(v >> (8 * b)));
			return 0;
		}
		case 0xF200: {
			if (idx > (read_reg32(t2) & 0xFFFF))
				return -22;
			const std::uint32_t addr = read_reg32(t2 + 8 * idx);
			const std::uint32_t info = read_reg32(t2 + 8 * idx + 4);
			const std::size_t total = static_cast<std::size_t>(info & 0xFFFF) * (info >> 16);
			if (total > room)
				return -22;
			out = read_indirect(addr, total);
			return 0;
		}
		default:
			return -22;
		}
	}

	/* ipw_queue_tx_hcmd: one TFD, doorbell, flush read. */
	void send_cmd(std::uint8_t id, std::span<const std::uint8_t> payload, std::uint8_t type = kTxHostCommandType,
		      int length = -1)
	{
		std::array<std::uint8_t, kTfdSize> tfd{};
		tfd[0] = type;
		tfd[2] = 0x04;
		tfd[4] = id;
		tfd[5] = static_cast<std::uint8_t>(length >= 0 ? static_cast<std::size_t>(length) : payload.size());
		std::memcpy(tfd.data() + 8, payload.data(), std::min<std::size_t>(payload.size(), 120));
		mem_.put(cmd_ring + std::uint64_t{cmd_first_empty} * kTfdSize, tfd);
		cmd_first_empty = (cmd_first_empty + 1) % 8;
		write32(shm::kCmdWriteIndex, cmd_first_empty);
		(void)read32(csr::kFlush);
	}
	/* Wait (up to 1 s) for TX_CMD_QUEUE, ack it; true when the read index caught up. */
	bool wait_cmd()
	{
		for (unsigned t = 0; t < 1000; t++) {
			const std::uint32_t inta = read32(csr::kIntA);
			if (inta & inta::kTxCmdQueue) {
				write32(csr::kIntA, inta::kTxCmdQueue);
				return read32(shm::kCmdReadIndex) == cmd_first_empty;
			}
			if (inta & inta::kFatalError)
				return false;
			sched_.advance(std::chrono::milliseconds(1));
		}
		return false;
	}
	bool cmd(std::uint8_t id, std::span<const std::uint8_t> payload)
	{
		send_cmd(id, payload);
		return wait_cmd();
	}

	std::uint64_t cmd_ring = 0;
	std::array<std::uint64_t, 4> data_ring{};
	std::array<std::uint64_t, 32> rx_buf{};
	unsigned cmd_first_empty = 0;
	std::array<std::uint8_t, 28> alive{};
	std::array<std::uint8_t, 256> eeprom{};

private:
	static std::uint32_t le32(std::span<const std::uint8_t> d, std::size_t off)
	{
		return static_cast<std::uint32_t>(d[off]) | d[off + 1] << 8 | d[off + 2] << 16 |
		       static_cast<std::uint32_t>(d[off + 3]) << 24;
	}

	Ipw2200Device &dev_;
	FakeMemory &mem_;
	FakeScheduler &sched_;
};

/* A host command as the device parsed it, for the firmware models' observers. */
inline HostCommand host_cmd(std::uint8_t id, std::span<const std::uint8_t> payload)
{
	HostCommand c;

	c.id = id;
	c.length = static_cast<std::uint8_t>(payload.size());
	std::copy(payload.begin(), payload.end(), c.payload.begin());
	return c;
}

} // namespace ipwmodel::ipw2200::test
