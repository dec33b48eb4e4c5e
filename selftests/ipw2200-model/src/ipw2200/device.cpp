// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/device.h"

#include <algorithm>
#include <cstring>

#include "core/log.h"
#include "ipw2200/regs.h"

namespace ipwmodel::ipw2200 {

namespace {

constexpr std::uint16_t kAny = 0xFFFF;

constexpr PciIdEntry kPciIds[] = {
	{0x1043, 0x8086, 0x2701, false}, {0x1043, 0x8086, 0x2702, false}, {0x1043, 0x8086, 0x2711, false},
	{0x1043, 0x8086, 0x2712, false}, {0x1043, 0x8086, 0x2721, false}, {0x1043, 0x8086, 0x2722, false},
	{0x1043, 0x8086, 0x2731, false}, {0x1043, 0x8086, 0x2732, false}, {0x1043, 0x8086, 0x2741, false},
	{0x1043, 0x103c, 0x2741, false}, {0x1043, 0x8086, 0x2742, false}, {0x1043, 0x8086, 0x2751, false},
	{0x1043, 0x8086, 0x2752, false}, {0x1043, 0x8086, 0x2753, false}, {0x1043, 0x8086, 0x2754, false},
	{0x1043, 0x8086, 0x2761, false}, {0x1043, 0x8086, 0x2762, false}, {0x104f, kAny, kAny, false},
	{0x4220, kAny, kAny, false},	 {0x4221, kAny, kAny, false},	  {0x4223, kAny, kAny, true},
	{0x4224, kAny, kAny, true},
};

/* PCI configuration space layout. */
namespace pcicfg {
constexpr std::uint32_t kCommand = 0x04;
constexpr std::uint32_t kStatus = 0x06;
constexpr std::uint32_t kRevision = 0x08;
constexpr std::uint32_t kClass = 0x09;
constexpr std::uint32_t kCacheLine = 0x0C;
constexpr std::uint32_t kLatency = 0x0D;
constexpr std::uint32_t kBar0 = 0x10;
constexpr std::uint32_t kSubVendor = 0x2C;
constexpr std::uint32_t kCapPtr = 0x34;
constexpr std::uint32_t kIntLine = 0x3C;
constexpr std::uint32_t kIntPin = 0x3D;
constexpr std::uint32_t kMinGnt = 0x3E;
constexpr std::uint32_t kMaxLat = 0x3F;
constexpr std::uint32_t kRetry = 0x40; /* dword 0x40; byte 0x41 = retry timeout */
constexpr std::uint32_t kPmCap = 0xDC;
constexpr std::uint32_t kPmCsr = kPmCap + 4;
constexpr std::uint16_t kCmdMemory = 0x0002;
constexpr std::uint16_t kCmdMaster = 0x0004;
constexpr std::uint16_t kCmdWritable = 0x0547; /* IO, MEM, BME, parity, SERR, INTx disable */
constexpr std::uint8_t kStatusIntPending = 0x08;
constexpr std::uint16_t kStatusCapList = 0x0010;
constexpr std::uint16_t kStatusDevselMedium = 0x0200;
constexpr std::uint16_t kPmcVersion = 0x0002; /* PM 1.1, no D1/D2, no PME */
constexpr std::uint8_t kPmStateMask = 0x03;
} // namespace pcicfg

std::uint64_t size_mask(unsigned size)
{
	return size >= 8 ? ~0ULL : ((1ULL << (8 * size)) - 1);
}

/* 802.11 header length from the frame-control field (as libipw computes it). */
unsigned ieee80211_hdrlen(std::uint16_t fc)
{
	const unsigned type = (fc >> 2) & 3;
	const unsigned subtype = (fc >> 4) & 0xF;

	if (type == 1) /* control: CTS and ACK are 10 bytes, the rest 16 */
		return (subtype == 0xC || subtype == 0xD) ? 10 : 16;
	unsigned len = 24;
	if (type == 2) {
		if ((fc & 0x0300) == 0x0300)
			len = 30;
		if (subtype & 0x8) /* QoS data */
			len += 2;
	}
	return len;
}

} // namespace

std::span<const PciIdEntry> supported_pci_ids()
{
	return kPciIds;
}

bool pci_id_supported(std::uint16_t device, std::uint16_t sub_vendor, std::uint16_t sub_device)
{
	return std::any_of(std::begin(kPciIds), std::end(kPciIds), [&](const PciIdEntry &e) {
		return e.device == device && (e.subsystem_vendor == kAny || e.subsystem_vendor == sub_vendor) &&
		       (e.subsystem_device == kAny || e.subsystem_device == sub_device);
	});
}

const char *fw_state_name(FwState s)
{
	switch (s) {
	case FwState::none:
		return "none";
	case FwState::boot_loaded:
		return "boot_loaded";
	case FwState::boot_running:
		return "boot_running";
	case FwState::runtime_loaded:
		return "runtime_loaded";
	case FwState::runtime_starting:
		return "runtime_starting";
	case FwState::runtime_ready:
		return "runtime_ready";
	case FwState::halted:
		return "halted";
	case FwState::fatal:
		return "fatal";
	}
	return "unknown";
}

std::unique_ptr<Ipw2200Device> make_ipw2200(const DeviceConfig &cfg)
{
	if (!pci_id_supported(cfg.device_id, cfg.subsystem_vendor, cfg.subsystem_id)) {
		LOG_ERROR("ipw2200: PCI ID 8086:%04x subsystem %04x:%04x not in the driver's table", cfg.device_id,
			  cfg.subsystem_vendor, cfg.subsystem_id);
		return nullptr;
	}
	if (cfg.eeprom.nic_type > 4 || cfg.eeprom.country.size() != 3 || cfg.fw_version.size() > 63 ||
	    cfg.fw_date.size() > 15) {
		LOG_ERROR("ipw2200: invalid EEPROM or firmware identity in the configuration");
		return nullptr;
	}
	return std::make_unique<Ipw2200Device>(cfg);
}

Ipw2200Device::Ipw2200Device(const DeviceConfig &cfg)
	: cfg_(cfg), bar0_(kBar0Size), sram_(ind::kSramSize), eeprom_(Eeprom::build_image(cfg.eeprom)), dino_(cfg.dino),
	  rfkill_(cfg.hw_rfkill), trace_capacity_(cfg.trace_capacity), trace_recording_(cfg.trace_capacity > 0)
{
	config_reset();
	power_on_reset();
}

Ipw2200Device::~Ipw2200Device()
{
	cancel_all();
}

void Ipw2200Device::attach(GuestMemory &mem, IrqLine &irq, Scheduler &sched)
{
	mem_ = &mem;
	irq_ = &irq;
	sched_ = &sched;
	irq_level_ = false;
	irq_->set_level(false);
	update_irq();
}

/* ---- PCI configuration space ---------------------------------------------------------- */

void Ipw2200Device::config_reset()
{
	auto put16 = [this](std::uint32_t off, std::uint16_t v) {
		cfg_space_[off] = static_cast<std::uint8_t>(v);
		cfg_space_[off + 1] = static_cast<std::uint8_t>(v >> 8);
	};

	cfg_space_.fill(0);
	put16(0x00, kIntelVendor);
	put16(0x02, cfg_.device_id);
	put16(pcicfg::kStatus, pcicfg::kStatusCapList | pcicfg::kStatusDevselMedium);
	cfg_space_[pcicfg::kRevision] = cfg_.revision;
	cfg_space_[pcicfg::kClass] = static_cast<std::uint8_t>(kClassNetworkOther);
	cfg_space_[pcicfg::kClass + 1] = static_cast<std::uint8_t>(kClassNetworkOther >> 8);
	cfg_space_[pcicfg::kClass + 2] = static_cast<std::uint8_t>(kClassNetworkOther >> 16);
	put16(pcicfg::kSubVendor, cfg_.subsystem_vendor);
	put16(pcicfg::kSubVendor + 2, cfg_.subsystem_id);
	cfg_space_[pcicfg::kCapPtr] = pcicfg::kPmCap;
	cfg_space_[pcicfg::kIntPin] = 1; /* INTA# */
	cfg_space_[pcicfg::kMinGnt] = 0x03;
	cfg_space_[pcicfg::kMaxLat] = 0x18;
	cfg_space_[pcicfg::kRetry + 1] = cfg_.retry_timeout;
	cfg_space_[pcicfg::kPmCap] = 0x01; /* PCI power management */
	cfg_space_[pcicfg::kPmCap + 1] = 0x00;
	put16(pcicfg::kPmCap + 2, pcicfg::kPmcVersion);
}

bool Ipw2200Device::memory_enabled() const
{
	return (cfg_space_[pcicfg::kCommand] & pcicfg::kCmdMemory) != 0;
}

bool Ipw2200Device::bus_master_enabled() const
{
	return (cfg_space_[pcicfg::kCommand] & pcicfg::kCmdMaster) != 0;
}

std::uint32_t Ipw2200Device::config_read(std::uint32_t offset, unsigned size)
{
	std::uint32_t v = 0;

	stats_.config_reads++;
	if (size != 1 && size != 2 && size != 4)
		return 0xFFFFFFFF;
	for (unsigned i = 0; i < size; i++) {
		const std::uint32_t off = offset + i;
		if (off < cfg_space_.size())
			v |= static_cast<std::uint32_t>(cfg_space_[off]) << (8 * i);
	}
	trace(TraceEntry::Kind::config_read, offset, size, v);
	return v;
}

void Ipw2200Device::config_write(std::uint32_t offset, unsigned size, std::uint32_t value)
{
	stats_.config_writes++;
	trace(TraceEntry::Kind::config_write, offset, size, value);
	if (size != 1 && size != 2 && size != 4)
		return;
	const std::uint8_t old_pm = cfg_space_[pcicfg::kPmCsr] & pcicfg::kPmStateMask;
	for (unsigned i = 0; i < size; i++) {
		const std::uint32_t off = offset + i;
		if (off < cfg_space_.size())
			config_write_byte(off, static_cast<std::uint8_t>(value >> (8 * i)));
	}
	const std::uint8_t new_pm = cfg_space_[pcicfg::kPmCsr] & pcicfg::kPmStateMask;
	if (old_pm == 3 && new_pm == 0) {
		/* D3hot -> D0 without No_Soft_Reset: the function is reset, config
		 * space included (the driver re-clears byte 0x41 on resume). */
		config_reset();
		power_on_reset();
	}
}

void Ipw2200Device::config_write_byte(std::uint32_t off, std::uint8_t v)
{
	switch (off) {
	case pcicfg::kCommand:
		cfg_space_[off] = v & static_cast<std::uint8_t>(pcicfg::kCmdWritable);
		break;
	case pcicfg::kCommand + 1:
		cfg_space_[off] = v & static_cast<std::uint8_t>(pcicfg::kCmdWritable >> 8);
		break;
	case pcicfg::kCacheLine:
	case pcicfg::kLatency:
	case pcicfg::kIntLine:
	case pcicfg::kRetry:
	case pcicfg::kRetry + 1:
	case pcicfg::kRetry + 2:
	case pcicfg::kRetry + 3:
		cfg_space_[off] = v;
		break;
	case pcicfg::kBar0:
		/* 4 KiB memory BAR: bits 11:0 read as 0 (32-bit, non-prefetchable). */
		cfg_space_[off] = 0;
		break;
	case pcicfg::kBar0 + 1:
		cfg_space_[off] = v & 0xF0;
		break;
	case pcicfg::kBar0 + 2:
	case pcicfg::kBar0 + 3:
		cfg_space_[off] = v;
		break;
	case pcicfg::kPmCsr:
		cfg_space_[off] = (cfg_space_[off] & ~pcicfg::kPmStateMask) | (v & pcicfg::kPmStateMask);
		break;
	default:
		break; /* read-only (IDs, class, other BARs, ROM, capabilities) */
	}
	if (off == pcicfg::kCommand + 1 || off == pcicfg::kCommand)
		update_irq(); /* INTx disable may have changed */
}

/* ---- BAR0 ---------------------------------------------------------------------------- */

std::uint64_t Ipw2200Device::bar_read(unsigned bar, std::uint64_t offset, unsigned size)
{
	std::uint64_t v = 0;

	if (bar == 0)
		stats_.bar0_reads++;
	if (bar != 0 || (size != 1 && size != 2 && size != 4 && size != 8) || offset >= kBar0Size ||
	    size > kBar0Size - offset || !memory_enabled()) {
		stats_.unimplemented_accesses++;
		v = size_mask(size);
	} else if (size == 8) {
		v = bar0_read(static_cast<std::uint32_t>(offset), 4) |
		    static_cast<std::uint64_t>(bar0_read(static_cast<std::uint32_t>(offset) + 4, 4)) << 32;
	} else if ((offset & (size - 1)) != 0) {
		/* Unaligned: byte by byte. */
		for (unsigned i = 0; i < size; i++)
			v |= static_cast<std::uint64_t>(bar0_read(static_cast<std::uint32_t>(offset) + i, 1))
			     << (8 * i);
	} else {
		v = bar0_read(static_cast<std::uint32_t>(offset), size);
	}
	trace(TraceEntry::Kind::bar_read, static_cast<std::uint32_t>(offset), size, v);
	return v;
}

void Ipw2200Device::bar_write(unsigned bar, std::uint64_t offset, unsigned size, std::uint64_t value)
{
	if (bar == 0)
		stats_.bar0_writes++;
	trace(TraceEntry::Kind::bar_write, static_cast<std::uint32_t>(offset), size, value);
	if (bar != 0 || (size != 1 && size != 2 && size != 4 && size != 8) || offset >= kBar0Size ||
	    size > kBar0Size - offset || !memory_enabled()) {
		stats_.unimplemented_accesses++;
		return;
	}
	const auto off = static_cast<std::uint32_t>(offset);
	if (size == 8) {
		bar0_write(off, 4, static_cast<std::uint32_t>(value));
		bar0_write(off + 4, 4, static_cast<std::uint32_t>(value >> 32));
	} else if ((off & (size - 1)) != 0) {
		for (unsigned i = 0; i < size; i++)
			bar0_write(off + i, 1, static_cast<std::uint8_t>(value >> (8 * i)));
	} else {
		bar0_write(off, size, static_cast<std::uint32_t>(value));
	}
}

std::uint32_t Ipw2200Device::bar0_read(std::uint32_t offset, unsigned size)
{
	const std::uint32_t reg = offset & ~3U;
	const unsigned lane = offset & 3U;
	const auto mask = static_cast<std::uint32_t>(size_mask(size));

	if (offset >= csr::kCsrEnd)
		return bar0_.le(offset, size);
	if (reg == csr::kIndirectData) {
		const std::uint32_t v = indirect_read(ind_addr_ & ~3U, lane, size);
		ind_addr_fresh_ = false;
		return v;
	}
	if (reg == csr::kAutoIncData) {
		const std::uint32_t v = indirect_read(autoinc_addr_ & ~3U, lane, size);
		autoinc_addr_ += 4;
		return v;
	}
	return (csr_read32(reg) >> (8 * lane)) & mask;
}

std::uint32_t Ipw2200Device::csr_read32(std::uint32_t reg)
{
	switch (reg) {
	case csr::kIntA:
		return inta_;
	case csr::kIntMask:
		return mask_;
	case csr::kIndirectAddr:
		return ind_addr_;
	case csr::kAutoIncAddr:
		return autoinc_addr_;
	case csr::kReset:
		return reset_reg_;
	case csr::kGpControl:
		return gp_;
	case csr::kRadio:
		return rfkill_ ? 0 : kRadioOnBit;
	case csr::kFlush:
		return 0;
	default:
		stats_.unimplemented_accesses++;
		return 0;
	}
}

void Ipw2200Device::bar0_write(std::uint32_t offset, unsigned size, std::uint32_t value)
{
	const std::uint32_t reg = offset & ~3U;
	const unsigned lane = offset & 3U;

	if (offset >= csr::kCsrEnd)
		shm_write(offset, size, value);
	else
		csr_write(reg, lane, size, value);
}

void Ipw2200Device::csr_write(std::uint32_t reg, unsigned lane, unsigned size, std::uint32_t value)
{
	const auto mask = static_cast<std::uint32_t>(size_mask(size)) << (8 * lane);
	const std::uint32_t shifted = (value << (8 * lane)) & mask;
	auto merged = [&](std::uint32_t old) { return (old & ~mask) | shifted; };

	switch (reg) {
	case csr::kIntA:
		ack_inta(shifted);
		break;
	case csr::kIntMask:
		mask_ = merged(mask_);
		update_irq();
		break;
	case csr::kIndirectAddr:
		ind_addr_ = merged(ind_addr_);
		ind_addr_fresh_ = true;
		break;
	case csr::kIndirectData:
		indirect_write(ind_addr_ & ~3U, lane, size, value);
		ind_addr_fresh_ = false;
		break;
	case csr::kAutoIncAddr:
		autoinc_addr_ = merged(autoinc_addr_);
		break;
	case csr::kAutoIncData:
		indirect_write(autoinc_addr_ & ~3U, lane, size, value);
		autoinc_addr_ += 4;
		break;
	case csr::kReset:
		write_reset_reg(merged(reset_reg_));
		break;
	case csr::kGpControl:
		write_gp_control(merged(gp_));
		break;
	case csr::kRadio:
	case csr::kFlush:
		break; /* read-only */
	default:
		stats_.unimplemented_accesses++;
		break;
	}
}

void Ipw2200Device::write_reset_reg(std::uint32_t value)
{
	if (value & reset::kSwReset) {
		/* Self-clearing: the adapter resets and holds the ARC. */
		stats_.sw_resets++;
		sw_reset();
		return;
	}
	std::uint32_t v = value;
	/* The bus master stops at once: the model has no transfer in flight
	 * between two register accesses. */
	if (v & reset::kStopMaster)
		v |= reset::kMasterDisabled;
	reset_reg_ = v;
	update_arc();
}

void Ipw2200Device::write_gp_control(std::uint32_t value)
{
	std::uint32_t v = value & ~gp::kClockReady;

	/* The clock is reported stable as soon as the host moves the adapter to D0. */
	if (v & gp::kInitDone)
		v |= gp::kClockReady;
	gp_ = v;
}

void Ipw2200Device::shm_write(std::uint32_t offset, unsigned size, std::uint32_t value)
{
	const std::uint32_t reg = offset & ~3U;

	bar0_.set_le(offset, size, value);
	if (reg == shm::kRxReadIndex)
		rx_ring_set_ = true;
	if (reg == shm::kCmdWriteIndex || (reg > shm::kCmdWriteIndex && reg <= shm::kCmdWriteIndex + 4 * kDataRings)) {
		if (!processing())
			return;
		if (reg == shm::kCmdWriteIndex)
			schedule(cmd_timer_, cfg_.timing.command, &Ipw2200Device::service_commands);
		else
			schedule(tx_timer_, cfg_.timing.tx, &Ipw2200Device::service_tx);
	}
}

/* ---- Indirect space ------------------------------------------------------------------ */

std::uint32_t Ipw2200Device::indirect_read(std::uint32_t addr, unsigned lane, unsigned size)
{
	stats_.indirect_reads++;
	if (addr < ind::kSramSize)
		return sram_.le(addr + lane, std::min<unsigned>(size, 4 - lane));
	const std::uint32_t v = indirect_reg_read(addr);
	return static_cast<std::uint32_t>((v >> (8 * lane)) & size_mask(size));
}

std::uint32_t Ipw2200Device::indirect_reg_read(std::uint32_t addr)
{
	switch (addr) {
	case ind::kDinoControl:
		return dino_.read_control();
	case ind::kDinoRxFifo:
		return dino_.read_fifo();
	case ind::kDinoStore:
		return 0;
	case ind::kEventReg:
		return event_reg_;
	case ind::kEepromPort:
		return eeprom_.read_port();
	case ind::kDmaCbBase:
		return dma_.cb_base();
	case ind::kDmaControl:
		return dma_.control();
	case ind::kDmaCurrentCb:
		return dma_.current_cb();
	case ind::kDmaOutCurrentCb:
		return 0;
	case ind::kHaltAndReset:
		return halt_;
	case ind::kGpio:
		return gpio_;
	default:
		stats_.unimplemented_accesses++;
		return 0;
	}
}

void Ipw2200Device::indirect_write(std::uint32_t addr, unsigned lane, unsigned size, std::uint32_t value)
{
	const auto mask = static_cast<std::uint32_t>(size_mask(size)) << (8 * lane);
	const std::uint32_t shifted = (value << (8 * lane)) & mask;
	auto merged = [&](std::uint32_t old) { return (old & ~mask) | shifted; };

	stats_.indirect_writes++;
	if (addr < ind::kSramSize) {
		sram_.set_le(addr + lane, std::min<unsigned>(size, 4 - lane), value);
		return;
	}
	switch (addr) {
	case ind::kDinoControl:
		if (lane == 0) {
			const std::uint64_t before = dino_.alive_responses();
			const bool cs_was_on = (dino_.read_control() & dino::kEnableCs) != 0;

			if (!cs_was_on && (value & dino::kEnableCs))
				stats_.ucode_bytes = 0; /* a new microcode load */
			dino_.write_control(static_cast<std::uint8_t>(value));
			if (dino_.alive_responses() != before && dino_.alive())
				stats_.dino_alive++;
		}
		break;
	case ind::kDinoStore: {
		const unsigned before = dino_.words_loaded();

		dino_.write_store(static_cast<std::uint16_t>(shifted >> (lane & 2 ? 16 : 0)), ind_addr_fresh_);
		stats_.ucode_bytes += 2ULL * (dino_.words_loaded() - before);
		break;
	}
	case ind::kDinoRxFifo:
		break; /* baseband TX FIFO: nothing listens */
	case ind::kEventReg:
		event_reg_ = merged(event_reg_);
		break;
	case ind::kEepromPort:
		eeprom_.write_port(merged(eeprom_.read_port() & ~eeprom_port::kDo));
		break;
	case ind::kDmaCbBase:
		dma_.write_cb_base(merged(dma_.cb_base()));
		break;
	case ind::kDmaControl: {
		const bool master = bus_master_enabled() && !(reset_reg_ & reset::kStopMaster);
		const DmaRun r =
			dma_.write_control(merged(dma_.control() & ~dmactl::kStatusError), sram_, mem_, master);
		if (!(dma_.control() & dmactl::kStart) || (dma_.control() & dmactl::kStopAndAbort))
			break;
		stats_.dma_transfers++;
		stats_.dma_blocks += r.blocks;
		stats_.dma_bytes += r.bytes;
		/* The boot image is what is copied before the boot firmware ran. */
		(have_boot_ ? stats_.fw_runtime_dma_bytes : stats_.fw_boot_dma_bytes) += r.bytes;
		if (r.error != DmaError::none) {
			stats_.dma_errors++;
			LOG_WARN("ipw2200: firmware DMA stopped at block %u: %s", r.blocks, dma_error_name(r.error));
		} else if (r.blocks > 0) {
			image_pending_ = true;
			if (fw_state_ == FwState::none)
				set_state(FwState::boot_loaded);
			else if (have_boot_)
				set_state(FwState::runtime_loaded);
		}
		break;
	}
	case ind::kHaltAndReset:
		halt_ = merged(halt_);
		update_arc();
		break;
	case ind::kGpio:
		gpio_ = merged(gpio_);
		break;
	default:
		stats_.unimplemented_accesses++;
		break;
	}
}

/* ---- Interrupts ---------------------------------------------------------------------- */

void Ipw2200Device::raise(std::uint32_t bits)
{
	/* Never raise a cause outside MASK_ALL: the driver cannot ack it. */
	bits &= inta::kMaskAll;
	for (unsigned b = 0; b < 32; b++)
		if (bits & (1U << b))
			stats_.interrupts_by_bit[b]++;
	if (bits)
		stats_.interrupts_raised++;
	inta_ |= bits;
	update_irq();
}

void Ipw2200Device::ack_inta(std::uint32_t bits)
{
	const bool was_asserted = irq_level_;
	const std::uint32_t again = bits & storm_bits_;

	inta_ &= ~bits; /* write 1 to clear */
	if (again == 0) {
		update_irq();
		return;
	}
	if (storm_period_.count() > 0) {
		/* Paced storm: back after the period. */
		update_irq();
		storm_again_ |= again;
		schedule(storm_timer_, storm_period_, &Ipw2200Device::storm_fire);
		return;
	}
	/* Interrupt storm: set again before the line is looked at (no edge). */
	stats_.irq_storm_raises++;
	raise(again);
	if (was_asserted && irq_level_ && (again & mask_) != 0 && irq_ != nullptr)
		irq_->reasserted();
}

void Ipw2200Device::set_irq_storm(std::uint32_t bits, std::chrono::microseconds period)
{
	cancel(storm_timer_);
	storm_again_ = 0;
	storm_bits_ = bits & inta::kMaskAll;
	storm_period_ = period.count() > 0 ? period : std::chrono::microseconds(0);
	if (storm_bits_ != 0)
		raise(storm_bits_);
}

void Ipw2200Device::storm_fire()
{
	const std::uint32_t again = storm_again_ & storm_bits_;

	storm_again_ = 0;
	if (again == 0)
		return;
	stats_.irq_storm_raises++;
	raise(again);
}

void Ipw2200Device::update_irq()
{
	const bool intx_disabled = (cfg_space_[pcicfg::kCommand + 1] & 0x04) != 0;
	const bool pending = (inta_ & mask_) != 0;
	const bool level = pending && !intx_disabled;

	/* PCI status bit 3: interrupt pending, whatever INTx disable says. */
	if (pending)
		cfg_space_[pcicfg::kStatus] |= pcicfg::kStatusIntPending;
	else
		cfg_space_[pcicfg::kStatus] &= static_cast<std::uint8_t>(~pcicfg::kStatusIntPending);

	if (level == irq_level_)
		return;
	if (level && faults_.lost_irqs > 0) {
		/* Lost on the way: the line stays low, INTA keeps its bits. */
		faults_.lost_irqs--;
		stats_.irqs_lost++;
		stats_.faults_injected++;
		LOG_INFO("ipw2200: fault: INTx assertion lost (INTA 0x%08x)", inta_);
		return;
	}
	irq_level_ = level;
	if (level)
		stats_.irq_assertions++;
	if (irq_ != nullptr)
		irq_->set_level(level);
}

/* ---- Firmware life cycle ------------------------------------------------------------- */

void Ipw2200Device::power_on_reset()
{
	sw_reset();
	gp_ = 0;
	bar0_.clear();
	sram_.clear();
	ind_addr_ = autoinc_addr_ = 0;
	gpio_ = 0;
	card_disabled_ = false;
}

void Ipw2200Device::sw_reset()
{
	cancel_all();
	inta_ = 0;
	mask_ = 0;
	reset_reg_ = reset::kPrincetonReset;
	halt_ = 0;
	event_reg_ = 0;
	dma_.reset();
	dino_.reset();
	eeprom_.reset();
	fw_state_ = FwState::none;
	/* A new load starts: its accounting too. */
	stats_.fw_boot_dma_bytes = 0;
	stats_.fw_runtime_dma_bytes = 0;
	stats_.ucode_bytes = 0;
	image_pending_ = false;
	have_boot_ = false;
	arc_running_ = false;
	card_disabled_ = false;
	rx_seq_ = 0;
	cmd_stalled_ = false;
	rx_read_.reset();
	rx_ring_set_ = false;
	update_irq();
	if (reset_observer_)
		reset_observer_();
}

void Ipw2200Device::update_arc()
{
	const bool running =
		!(reset_reg_ & reset::kPrincetonReset) && !(reset_reg_ & reset::kStopMaster) && !(halt_ & ind::kHaltOn);

	if (running == arc_running_)
		return;
	arc_running_ = running;
	if (running)
		arc_started();
	else
		arc_stopped();
}

void Ipw2200Device::arc_started()
{
	if (image_pending_) {
		image_pending_ = false;
		if (!have_boot_) {
			have_boot_ = true;
			stats_.boot_starts++;
			set_state(FwState::boot_running);
			schedule(init_timer_, cfg_.timing.boot_init, &Ipw2200Device::firmware_initialised);
			return;
		}
		/* A new runtime image: which firmware is it? */
		std::array<std::uint8_t, 16> head{};
		bool known = false;

		(void)sram_.read(0, head.data(), head.size());
		fw_mode_ = identify_runtime(head, stats_.fw_runtime_dma_bytes, known);
		if (!known)
			LOG_INFO("ipw2200: runtime image not recognised (%llu bytes), runs as bss",
				 static_cast<unsigned long long>(stats_.fw_runtime_dma_bytes));
	} else if (fw_state_ != FwState::halted) {
		/*
		 * Nothing new in SRAM and no stopped runtime firmware to resume
		 * (e.g. the ARC release during the microcode load): nothing runs.
		 */
		return;
	}
	stats_.runtime_starts++;
	card_disabled_ = false;
	set_state(FwState::runtime_starting);
	schedule(init_timer_, cfg_.timing.runtime_init, &Ipw2200Device::firmware_initialised);
}

void Ipw2200Device::arc_stopped()
{
	cancel_all();
	if (fw_state_ == FwState::runtime_ready || fw_state_ == FwState::runtime_starting ||
	    fw_state_ == FwState::fatal)
		set_state(FwState::halted);
}

void Ipw2200Device::firmware_initialised()
{
	if (fw_state_ == FwState::runtime_starting) {
		publish_runtime_tables();
		set_state(FwState::runtime_ready);
	}
	raise(inta::kFwInitDone);
	/* Doorbells rung before the firmware was ready are served now. */
	if (processing()) {
		schedule(cmd_timer_, cfg_.timing.command, &Ipw2200Device::service_commands);
		schedule(tx_timer_, cfg_.timing.tx, &Ipw2200Device::service_tx);
	}
}

void Ipw2200Device::publish_runtime_tables()
{
	using L = Layout;
	auto put_blob = [this](std::uint32_t at, const void *src, std::size_t len) { (void)sram_.write(at, src, len); };

	/* Table 0 (BAR0 0x700): length, then entries 1..len. */
	for (unsigned i = 0; i <= L::kTable0Len; i++)
		bar0_.set_le32(shm::kOrdTable0 + 4 * i, 0);
	bar0_.set_le32(shm::kOrdTable0, L::kTable0Len);
	bar0_.set_le32(shm::kOrdTable0 + 4 * 1, 0x0A); /* TX_CURR_RATE: 1 Mb/s */
	bar0_.set_le32(shm::kOrdTable0 + 4 * 2, 2346); /* FRAG_TRESHOLD */
	bar0_.set_le32(shm::kOrdTable0 + 4 * 3, 2304); /* RTS_THRESHOLD */

	/* Table 1: length 1, entry 1 = 0. */
	sram_.set_le32(L::kTable1, 1);
	sram_.set_le32(L::kTable1 + 4, 0);

	/* Table 2: count, then {le32 addr, le16 size, le16 count} at A + 8n. */
	std::array<char, 64> version{};
	std::array<char, 16> date{};
	const std::size_t vlen = std::min<std::size_t>(cfg_.fw_version.size(), 63);
	std::copy_n(cfg_.fw_version.begin(), vlen, version.begin());
	std::copy_n(cfg_.fw_date.begin(), std::min<std::size_t>(cfg_.fw_date.size(), 15), date.begin());
	/* NUL-terminated, at least 16 bytes, in dwords. */
	const auto vsize = static_cast<std::uint16_t>(std::max<std::size_t>(16, (vlen + 4) & ~3U));
	const std::uint32_t ucode = dino_.alive() ? cfg_.dino.software_revision : 0;
	const std::uint32_t rtc = 0;
	struct Entry {
		std::uint32_t addr;
		std::uint16_t size;
		const void *src;
	};
	const std::array<Entry, L::kTable2Len> entries{{
		{L::kTable2Data + 0x00, vsize, version.data()},			       /* FW_VERSION */
		{L::kTable2Data + 0x40, 16, date.data()},			       /* FW_DATE */
		{L::kTable2Data + 0x50, 4, &ucode},				       /* UCODE_VERSION */
		{L::kTable2Data + 0x58, 5, cfg_.dino.time_stamp.data()},	       /* UCODE_DATE */
		{L::kTable2Data + 0x60, 6, eeprom_.image().data() + eeprom_map::kMac}, /* MAC */
		{L::kTable2Data + 0x68, 4, &rtc},				       /* RTC */
	}};
	sram_.set_le32(L::kTable2, L::kTable2Len);
	sram_.set_le32(L::kTable2 + 4, 0);
	for (unsigned n = 1; n <= L::kTable2Len; n++) {
		const Entry &e = entries[n - 1];
		sram_.set_le32(L::kTable2 + 8 * n, e.addr);
		sram_.set_le32(L::kTable2 + 8 * n + 4, e.size | (1U << 16));
		put_blob(e.addr, e.src, e.size);
	}

	/* Logs start empty; the fixed-rate override word is 0. */
	sram_.set_le32(L::kErrorLog, 0);
	sram_.set_le32(L::kEventLog, 0);
	sram_.set_le32(L::kEventLog + 4, 0);
	sram_.set_le32(L::kFixedRate, 0);

	bar0_.set_le32(shm::kOrdTable1, L::kTable1);
	bar0_.set_le32(shm::kOrdTable2, L::kTable2);
	bar0_.set_le32(shm::kErrorLog, L::kErrorLog);
	bar0_.set_le32(shm::kEventLog, L::kEventLog);
	bar0_.set_le32(shm::kFixedOverride, L::kFixedRate);
}

void Ipw2200Device::table0_add(unsigned index, std::uint32_t delta)
{
	if (fw_state_ != FwState::runtime_ready || index > Layout::kTable0Len)
		return;
	const std::uint32_t at = shm::kOrdTable0 + 4 * index;
	bar0_.set_le32(at, bar0_.le32(at) + delta);
}

void Ipw2200Device::log_event(std::uint32_t event, std::uint32_t data)
{
	using L = Layout;
	constexpr std::size_t kEntry = 12;
	const std::uint32_t first = L::kEventLog + 8;
	std::uint32_t count = sram_.le32(L::kEventLog);
	const auto now = sched_ != nullptr ? sched_->now().time_since_epoch() : Scheduler::Clock::duration{};
	const auto time =
		static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(now).count());

	if (count >= L::kEventLogMax) {
		/* Keep the most recent entries. */
		std::array<std::uint8_t, (L::kEventLogMax - 1) * kEntry> tail{};
		(void)sram_.read(std::uint64_t{first} + kEntry, tail.data(), tail.size());
		(void)sram_.write(first, tail.data(), tail.size());
		count = L::kEventLogMax - 1;
	}
	const auto at = static_cast<std::uint32_t>(first + count * kEntry);
	sram_.set_le32(at, event);
	sram_.set_le32(at + 4, time);
	sram_.set_le32(at + 8, data);
	sram_.set_le32(L::kEventLog, count + 1);
}

void Ipw2200Device::log_error(std::uint32_t desc, std::uint32_t data)
{
	using L = Layout;
	constexpr std::uint32_t kElem = 28;
	const std::uint32_t count = sram_.le32(L::kErrorLog);

	if (count >= L::kErrorLogMax)
		return;
	const std::uint32_t at = L::kErrorLog + 4 + count * kElem;
	const std::array<std::uint32_t, 7> elem{desc, 0, 0, 0, 0, 0, data};
	for (unsigned i = 0; i < elem.size(); i++)
		sram_.set_le32(at + 4 * i, elem[i]);
	sram_.set_le32(L::kErrorLog, count + 1);
}

void Ipw2200Device::raise_fatal_error(std::uint32_t desc, std::uint32_t data)
{
	LOG_WARN("ipw2200: firmware error %u (data 0x%x)", desc, data);
	stats_.fatal_errors++;
	if (fw_state_ == FwState::runtime_ready || fw_state_ == FwState::runtime_starting)
		log_error(desc, data);
	cancel(cmd_timer_);
	cancel(tx_timer_);
	cancel(scan_timer_);
	set_state(FwState::fatal);
	raise(inta::kFatalError);
}

bool Ipw2200Device::inject_fatal_error(std::uint32_t desc, std::uint32_t data)
{
	if (!processing())
		return false;
	stats_.faults_injected++;
	raise_fatal_error(desc, data);
	return true;
}

bool Ipw2200Device::inject_rx_garbage(RxGarbage kind)
{
	if (!processing() || mem_ == nullptr)
		return false;
	if (kind == RxGarbage::bad_index) {
		const std::uint32_t r = rx_read_.value_or(bar0_.le32(shm::kRxReadIndex));
		constexpr std::uint32_t kBeyond = kRxSlots + 7;

		/* One bad write of the index; the firmware keeps its own. */
		rx_read_ = r;
		bar0_.set_le32(shm::kRxReadIndex, kBeyond);
		stats_.faults_injected++;
		raise(inta::kRxTransfer);
		return true;
	}
	constexpr std::size_t kFrameHeader = 28; /* packet header + frame header */
	constexpr std::size_t kDataHeader = 24;
	std::vector<std::uint8_t> p(kFrameHeader + kDataHeader, 0);

	p[1] = rx_seq_++;
	if (kind == RxGarbage::bad_type) {
		p[0] = 0x7F;
		for (std::size_t i = 4; i < p.size(); i++)
			p[i] = static_cast<std::uint8_t>(0xA5 ^ i);
	} else {
		/* A data frame to us whose length runs far past the buffer. */
		p[0] = kRxFrameType;
		p[23] = 1;    /* 2.4 GHz */
		p[26] = 0xFF; /* length 0xFFFF */
		p[27] = 0xFF;
		p[kFrameHeader] = 0x08;	    /* data */
		p[kFrameHeader + 1] = 0x02; /* from DS */
		std::copy(cfg_.eeprom.mac.begin(), cfg_.eeprom.mac.end(), p.begin() + kFrameHeader + 4);
	}
	if (!deliver_rx(p))
		return false;
	stats_.faults_injected++;
	return true;
}

void Ipw2200Device::fail_next_dma(DmaTarget target)
{
	switch (target) {
	case DmaTarget::command:
		faults_.dma_command = true;
		break;
	case DmaTarget::tx:
		faults_.dma_tx = true;
		break;
	case DmaTarget::rx:
		faults_.dma_rx = true;
		break;
	}
}

std::string Ipw2200Device::armed_faults() const
{
	std::string s;
	auto add = [&s](bool on, const std::string &name) {
		if (!on)
			return;
		if (!s.empty())
			s += ' ';
		s += name;
	};

	add(faults_.stall_command, "stall-command");
	add(faults_.lost_irqs > 0, "lose-irq=" + std::to_string(faults_.lost_irqs));
	add(faults_.dma_command, "dma=command");
	add(faults_.dma_tx, "dma=tx");
	add(faults_.dma_rx, "dma=rx");
	add(faults_.rfkill_on_associate, "rfkill-on-associate");
	add(cmd_stalled_, "command-queue-stalled");
	return s;
}

void Ipw2200Device::set_hw_rfkill(bool killed)
{
	if (killed == rfkill_)
		return;
	rfkill_ = killed;
	stats_.rfkill_events++;
	if (killed && processing())
		raise(inta::kRfKillDone);
}

/* ---- Timers -------------------------------------------------------------------------- */

void Ipw2200Device::schedule(Timer &t, std::chrono::microseconds delay, void (Ipw2200Device::*fn)())
{
	if (sched_ == nullptr || t.id)
		return;
	t.id = sched_->schedule(delay, [this, &t, fn] {
		t.id.reset();
		(this->*fn)();
	});
}

void Ipw2200Device::cancel(Timer &t)
{
	if (t.id && sched_ != nullptr)
		sched_->cancel(*t.id);
	t.id.reset();
}

void Ipw2200Device::cancel_all()
{
	cancel(init_timer_);
	cancel(cmd_timer_);
	cancel(tx_timer_);
	cancel(scan_timer_);
	cancel(storm_timer_);
	storm_again_ = 0;
}

/* ---- Rings --------------------------------------------------------------------------- */

void Ipw2200Device::service_commands()
{
	if (!processing() || mem_ == nullptr || cmd_stalled_)
		return;
	const std::uint32_t base = bar0_.le32(shm::kCmdBdBase);
	const std::uint32_t n = bar0_.le32(shm::kCmdBdBase + 4);
	std::uint32_t r = bar0_.le32(shm::kCmdReadIndex);
	const std::uint32_t w = bar0_.le32(shm::kCmdWriteIndex);
	bool consumed = false;

	if (r == w)
		return;
	if (n == 0 || n > 256 || r >= n || w >= n) {
		raise_fatal_error(fwerr::kBadParam, 0x00C0000 | (w & 0xFFFF));
		return;
	}
	while (r != w) {
		if (faults_.stall_command) {
			/* Taken, never finished: the queue is dead until a reset. */
			faults_.stall_command = false;
			cmd_stalled_ = true;
			stats_.commands_stalled++;
			stats_.faults_injected++;
			LOG_INFO("ipw2200: fault: command queue stalled at slot %u", r);
			break;
		}
		std::array<std::uint8_t, kTfdSize> tfd{};
		std::uint64_t at = static_cast<std::uint64_t>(base) + r * kTfdSize;
		if (faults_.dma_command) {
			faults_.dma_command = false;
			stats_.faults_injected++;
			at = kBadDmaAddress;
		}
		if (!mem_->read(at, tfd.data(), tfd.size())) {
			stats_.dma_errors++;
			raise_fatal_error(fwerr::kDmaStatus, static_cast<std::uint32_t>(at));
			break;
		}
		stats_.dma_bytes += kTfdSize;
		HostCommand c;
		const CmdCheck check = parse_host_command(tfd, c);
		if (check != CmdCheck::ok) {
			stats_.commands_malformed++;
			LOG_WARN("ipw2200: host command id %u length %u rejected: %s", c.id, c.length,
				 cmd_check_name(check));
			raise_fatal_error(check == CmdCheck::bad_type ? fwerr::kFail : fwerr::kBadParam,
					  static_cast<std::uint32_t>(c.id) << 8 | c.length);
			break;
		}
		r = (r + 1) % n;
		consumed = true;
		handle_command(c);
	}
	if (consumed) {
		bar0_.set_le32(shm::kCmdReadIndex, r);
		raise(inta::kTxCmdQueue);
	}
}

void Ipw2200Device::handle_command(const HostCommand &c)
{
	stats_.commands[c.id]++;
	stats_.commands_total++;
	log_event(0x100U | c.id, c.length);
	table0_add(4, 1); /* TX_HOST_REQUESTS */
	table0_add(5, 1); /* TX_HOST_COMPLETE */

	switch (c.id) {
	case cmd::kCardDisable:
		card_disabled_ = true;
		cancel(scan_timer_);
		break;
	case cmd::kScanRequestExt:
		if (!cfg_.auto_scan_complete || scan_timer_.id)
			break;
		/* Channel groups: header (band << 6 | count) then channels. */
		scan_channels_ = 0;
		for (unsigned i = 4; i < 4 + 54 && i < c.length;) {
			const unsigned count = c.payload[i] & 0x3F;
			if (count == 0)
				break;
			scan_channels_ = static_cast<std::uint8_t>(scan_channels_ + count);
			i += 1 + count;
		}
		scan_type_ = static_cast<std::uint8_t>(c.payload[58] >> 4);
		scan_status_ = 1;
		schedule(scan_timer_, cfg_.timing.scan, &Ipw2200Device::scan_completed);
		break;
	case cmd::kScanAbort:
		if (scan_timer_.id) {
			cancel(scan_timer_);
			scan_status_ = 2;
			schedule(scan_timer_, cfg_.timing.command, &Ipw2200Device::scan_completed);
		}
		break;
	default:
		break;
	}
	if (cmd_observer_)
		cmd_observer_(c);
	if (c.id == cmd::kAssociate && faults_.rfkill_on_associate) {
		/* The switch flips while the firmware starts the association. */
		faults_.rfkill_on_associate = false;
		stats_.faults_injected++;
		LOG_INFO("ipw2200: fault: RF-kill switch on during association");
		set_hw_rfkill(true);
	}
}

void Ipw2200Device::scan_completed()
{
	const std::array<std::uint8_t, 4> payload{scan_type_, scan_channels_, scan_status_, 0};
	constexpr std::uint8_t kScanCompleted = 13;

	(void)send_notification(kScanCompleted, payload);
}

void Ipw2200Device::service_tx()
{
	if (!processing() || mem_ == nullptr)
		return;
	for (unsigned q = 0; q < kDataRings; q++) {
		const std::uint32_t base = bar0_.le32(shm::kCmdBdBase + 8 + 8 * q);
		const std::uint32_t n = bar0_.le32(shm::kCmdBdBase + 12 + 8 * q);
		std::uint32_t r = bar0_.le32(shm::kCmdReadIndex + 4 + 4 * q);
		const std::uint32_t w = bar0_.le32(shm::kCmdWriteIndex + 4 + 4 * q);

		if (n == 0 || r == w)
			continue;
		if (n > 256 || r >= n || w >= n) {
			raise_fatal_error(fwerr::kBadParam, 0x00D0000 | (q << 8) | (w & 0xFF));
			return;
		}
		while (r != w) {
			if (!process_tx_tfd(q, static_cast<std::uint64_t>(base) + r * kTfdSize))
				return;
			r = (r + 1) % n;
		}
		bar0_.set_le32(shm::kCmdReadIndex + 4 + 4 * q, r);
		raise(inta::kTxQueue1 << q);
	}
}

bool Ipw2200Device::process_tx_tfd(unsigned q, std::uint64_t addr)
{
	constexpr unsigned kHeaderAt = 48;
	constexpr unsigned kNumChunksAt = 88;
	constexpr unsigned kChunkPtrAt = 92;
	constexpr unsigned kChunkLenAt = 116;
	constexpr unsigned kMaxChunks = 6;
	std::array<std::uint8_t, kTfdSize> tfd{};

	if (!mem_->read(addr, tfd.data(), tfd.size())) {
		stats_.dma_errors++;
		raise_fatal_error(fwerr::kDmaStatus, static_cast<std::uint32_t>(addr));
		return false;
	}
	stats_.dma_bytes += kTfdSize;
	auto le = [&tfd](unsigned off, unsigned n) {
		std::uint32_t v = 0;
		for (unsigned i = 0; i < n; i++)
			v |= static_cast<std::uint32_t>(tfd[off + i]) << (8 * i);
		return v;
	};
	const std::uint32_t chunks = le(kNumChunksAt, 4);
	if (tfd[0] != kTxFrameType || chunks > kMaxChunks) {
		stats_.tx_errors++;
		raise_fatal_error(fwerr::kBadParam, 0x00E0000 | (q << 8) | tfd[0]);
		return false;
	}
	const unsigned hdrlen = ieee80211_hdrlen(static_cast<std::uint16_t>(le(kHeaderAt, 2)));
	std::vector<std::uint8_t> frame(tfd.begin() + kHeaderAt, tfd.begin() + kHeaderAt + hdrlen);
	bool ok = true;
	for (unsigned k = 0; k < chunks && ok; k++) {
		std::uint32_t ptr = le(kChunkPtrAt + 4 * k, 4);
		if (faults_.dma_tx) {
			faults_.dma_tx = false;
			stats_.faults_injected++;
			ptr = kBadDmaAddress;
		}
		const std::uint32_t len = le(kChunkLenAt + 2 * k, 2);
		const std::size_t old = frame.size();
		frame.resize(old + len);
		ok = mem_->read(ptr, frame.data() + old, len);
		if (ok)
			stats_.dma_bytes += len;
	}
	if (!ok) {
		/* A chunk outside host memory: the frame is dropped, the slot consumed. */
		stats_.dma_errors++;
		stats_.tx_errors++;
		return true;
	}
	stats_.tx_frames[q]++;
	if (tx_observer_) {
		constexpr unsigned kTxFlagsAt = 17;
		const TxInfo info{tfd[kTxFlagsAt], tfd[kTxFlagsAt + 1], tfd[kTxFlagsAt + 2]};

		tx_observer_(q, info, frame);
	}
	return true;
}

bool Ipw2200Device::deliver_rx(std::span<const std::uint8_t> packet)
{
	if (!processing() || mem_ == nullptr)
		return false;
	const std::uint32_t r = rx_read_.value_or(bar0_.le32(shm::kRxReadIndex));
	const std::uint32_t w = bar0_.le32(shm::kRxWriteIndex);

	if (!rx_ring_set_ || packet.size() > kRxBufSize || r >= kRxSlots || w >= kRxSlots || r == w) {
		/* No buffer the host handed over: the packet is lost. */
		stats_.rx_dropped++;
		table0_add(60, 1); /* RX_NO_BUFFER */
		return false;
	}
	std::uint32_t buf = bar0_.le32(shm::kRfdTable + 4 * r);
	if (faults_.dma_rx) {
		faults_.dma_rx = false;
		stats_.faults_injected++;
		buf = kBadDmaAddress;
	}
	if (!mem_->write(buf, packet.data(), packet.size())) {
		stats_.dma_errors++;
		stats_.rx_dropped++;
		return false;
	}
	stats_.dma_bytes += packet.size();
	stats_.rx_packets++;
	rx_read_.reset();
	bar0_.set_le32(shm::kRxReadIndex, (r + 1) % kRxSlots);
	raise(inta::kRxTransfer);
	return true;
}

bool Ipw2200Device::send_notification(std::uint8_t subtype, std::span<const std::uint8_t> payload)
{
	constexpr std::size_t kHeader = 16;

	if (payload.size() > kRxBufSize - kHeader)
		return false;
	std::vector<std::uint8_t> p(kHeader + payload.size(), 0);
	p[0] = kRxHostNotificationType;
	p[1] = rx_seq_++;
	p[12] = subtype;
	p[13] = 0;
	p[14] = static_cast<std::uint8_t>(payload.size());
	p[15] = static_cast<std::uint8_t>(payload.size() >> 8);
	std::copy(payload.begin(), payload.end(), p.begin() + kHeader);
	return deliver_rx(p);
}

/* ---- Trace --------------------------------------------------------------------------- */

void Ipw2200Device::set_trace_capacity(std::size_t entries)
{
	trace_capacity_ = entries;
	trace_recording_ = entries > 0;
	while (trace_.size() > trace_capacity_)
		trace_.pop_front();
}

void Ipw2200Device::trace(TraceEntry::Kind kind, std::uint32_t offset, unsigned size, std::uint64_t value)
{
	if (!trace_recording_ || trace_capacity_ == 0)
		return;
	if (trace_.size() >= trace_capacity_)
		trace_.pop_front();
	trace_.push_back({trace_seq_++, kind, offset, static_cast<std::uint8_t>(size), value});
}

} // namespace ipwmodel::ipw2200
