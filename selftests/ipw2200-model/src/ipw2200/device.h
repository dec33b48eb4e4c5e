/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intel PRO/Wireless 2200BG / 2915ABG device model: the PCI function, its
 * BAR0 registers and shared memory, the indirect window onto NIC SRAM and
 * the baseband/MAC registers, the firmware load path (DMA engine, DINO,
 * boot and runtime start-up), the EEPROM, the ordinal tables and logs, and
 * the command, transmit and receive rings.  The contract is
 * shared/reference/ipw2200-hardware.md, judged by the upstream ipw2200
 * driver.
 *
 * Firmware behaviour beyond bring-up (scanning for real networks,
 * association, the data path to an air model) is left to hooks:
 * set_command_observer(), set_tx_observer(), deliver_rx() and
 * send_notification().  Built in are only the answers the driver waits for
 * while it brings the adapter up: command completion and, for scan
 * requests, an empty SCAN_COMPLETED (can be turned off).
 *
 * Single-threaded: register accesses and scheduler callbacks come from the
 * same event loop.
 */
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/pci_function.h"
#include "ipw2200/dino.h"
#include "ipw2200/dma_engine.h"
#include "ipw2200/eeprom.h"
#include "ipw2200/firmware.h"
#include "ipw2200/host_command.h"
#include "ipw2200/sram.h"

namespace ipwmodel::ipw2200 {

/* One row of the upstream driver's PCI table (22 rows). */
struct PciIdEntry {
	std::uint16_t device;
	std::uint16_t subsystem_vendor; /* 0xFFFF: any */
	std::uint16_t subsystem_device; /* 0xFFFF: any */
	bool abg;			/* 2915ABG: 5 GHz band */
};
std::span<const PciIdEntry> supported_pci_ids();
/* True if (device, subsystem) matches a row of the driver's table. */
bool pci_id_supported(std::uint16_t device, std::uint16_t sub_vendor, std::uint16_t sub_device);
inline bool is_2915abg(std::uint16_t device)
{
	return device == 0x4223 || device == 0x4224;
}

/* Delays of the model's firmware; all well inside the driver's timeouts. */
struct DeviceTiming {
	std::chrono::microseconds boot_init{2000};    /* boot start -> FW_INITIALIZATION_DONE */
	std::chrono::microseconds runtime_init{5000}; /* runtime start -> the same */
	std::chrono::microseconds command{200};	      /* command doorbell -> completion */
	std::chrono::microseconds tx{200};	      /* data doorbell -> TX completion */
	std::chrono::microseconds scan{50000};	      /* SCAN_REQUEST_EXT -> SCAN_COMPLETED */
};

struct DeviceConfig {
	std::uint16_t device_id = 0x4220;
	std::uint16_t subsystem_vendor = 0x8086;
	std::uint16_t subsystem_id = 0x2701;
	std::uint8_t revision = 0x05;
	std::uint8_t retry_timeout = 0x80; /* PCI config byte 0x41 at reset */
	/* EEPROM: MAC, version, NIC type (0-4), SKU capability, country ("ZZD"). */
	EepromContents eeprom;
	bool hw_rfkill = false; /* hardware switch: true = radio killed */
	/* Ordinal table 2: FW_VERSION (<= 63 chars) and FW_DATE (<= 15 chars). */
	std::string fw_version = "ipw2200-model 3.1";
	std::string fw_date = "2025-01-01";
	DinoIdentity dino;
	DeviceTiming timing;
	bool auto_scan_complete = true; /* answer SCAN_REQUEST_EXT with an empty scan */
	std::size_t trace_capacity = 0; /* register trace entries kept (0: off) */
};

/* nullptr if @cfg is invalid: unknown PCI ID, NIC type > 4, country not 3 characters,
 * version strings too long. */
class Ipw2200Device;
std::unique_ptr<Ipw2200Device> make_ipw2200(const DeviceConfig &cfg);

enum class FwState {
	none,		  /* nothing loaded since reset */
	boot_loaded,	  /* boot image in SRAM, ARC held */
	boot_running,	  /* boot firmware started / initialised */
	runtime_loaded,	  /* runtime image in SRAM, ARC held */
	runtime_starting, /* runtime firmware started, not yet initialised */
	runtime_ready,	  /* runtime firmware processing rings */
	halted,		  /* stopped (STOP_MASTER / PRINCETON_RESET / halt) */
	fatal,		  /* firmware error raised, waiting for a reload */
};
const char *fw_state_name(FwState s);

struct Stats {
	/* Host commands by id, all accepted commands, rejected ones. */
	std::array<std::uint64_t, 256> commands{};
	std::uint64_t commands_total = 0;
	std::uint64_t commands_malformed = 0;
	/* Firmware DMA (command-block engine) and ring DMA. */
	std::uint64_t dma_transfers = 0;
	std::uint64_t dma_blocks = 0;
	std::uint64_t dma_bytes = 0; /* all bytes moved to or from host memory */
	std::uint64_t dma_errors = 0;
	/*
	 * Firmware load accounting, for the load in progress or the last one:
	 * cleared by every SW_RESET (the driver's ipw_load sets it once per
	 * attempt, before the boot image), so a retried load is not counted
	 * twice.  Payload bytes only: what the command-block engine copied
	 * into SRAM (no chunk headers, no command blocks) before the boot
	 * firmware started (boot image) and after (runtime image), and the
	 * microcode bytes the DINO control store received since ENABLE_CS
	 * last rose (two per 16-bit word).
	 */
	std::uint64_t fw_boot_dma_bytes = 0;
	std::uint64_t fw_runtime_dma_bytes = 0;
	std::uint64_t ucode_bytes = 0;
	std::array<std::uint64_t, 4> tx_frames{};
	std::uint64_t tx_errors = 0;
	std::uint64_t rx_packets = 0;
	std::uint64_t rx_dropped = 0;
	/* Interrupt causes raised (per bit and total) and INTx assertions. */
	std::array<std::uint64_t, 32> interrupts_by_bit{};
	std::uint64_t interrupts_raised = 0;
	std::uint64_t irq_assertions = 0;
	std::uint64_t irq_storm_raises = 0; /* acknowledgements undone by set_irq_storm() */
	/* Fault injection (what fired). */
	std::uint64_t faults_injected = 0;
	std::uint64_t irqs_lost = 0;
	std::uint64_t commands_stalled = 0;
	/* Accesses (BAR0: one per access the transport delivers, any size). */
	std::uint64_t bar0_reads = 0;
	std::uint64_t bar0_writes = 0;
	std::uint64_t indirect_reads = 0;
	std::uint64_t indirect_writes = 0;
	std::uint64_t config_reads = 0;
	std::uint64_t config_writes = 0;
	std::uint64_t unimplemented_accesses = 0;
	/* Firmware life cycle. */
	std::uint64_t sw_resets = 0;
	std::uint64_t boot_starts = 0;
	std::uint64_t runtime_starts = 0;
	std::uint64_t dino_alive = 0;
	std::uint64_t fatal_errors = 0;
	std::uint64_t rfkill_events = 0;
};

struct TraceEntry {
	enum class Kind : std::uint8_t { bar_read, bar_write, config_read, config_write };
	std::uint64_t seq;
	Kind kind;
	std::uint32_t offset;
	std::uint8_t size;
	std::uint64_t value;
};

/* The fields of a data TFD (reference 15.1, 15.2) that tell the firmware
 * how to send the frame: tx_flags (0x20 NO_WEP: no hardware encryption),
 * tx_flags_ext (bits 3:2 the cipher: 0 WEP, 0x08 CCM, 0x0C TKIP) and
 * key_index (WEP key index in bits 3:0, 0x40 40-bit / 0x80 104-bit key;
 * 0x20 for the keys of TGI_TX_KEY). */
struct TxInfo {
	std::uint8_t tx_flags = 0;
	std::uint8_t tx_flags_ext = 0;
	std::uint8_t key_index = 0;
};

/* A data frame taken from TX ring @queue: 802.11 header + payload, no FCS. */
using TxObserver = std::function<void(unsigned queue, const TxInfo &info, std::span<const std::uint8_t> frame)>;
using CommandObserver = std::function<void(const HostCommand &)>;
/* The firmware was reset (SW_RESET or power-on): whatever ran is gone. */
using ResetObserver = std::function<void()>;

class Ipw2200Device final : public PciFunction {
public:
	explicit Ipw2200Device(const DeviceConfig &cfg);
	~Ipw2200Device() override;
	Ipw2200Device(const Ipw2200Device &) = delete;
	Ipw2200Device &operator=(const Ipw2200Device &) = delete;
	Ipw2200Device(Ipw2200Device &&) = delete;
	Ipw2200Device &operator=(Ipw2200Device &&) = delete;

	/* PciFunction */
	void attach(GuestMemory &mem, IrqLine &irq, Scheduler &sched) override;
	std::uint32_t config_read(std::uint32_t offset, unsigned size) override;
	void config_write(std::uint32_t offset, unsigned size, std::uint32_t value) override;
	std::uint64_t bar_read(unsigned bar, std::uint64_t offset, unsigned size) override;
	void bar_write(unsigned bar, std::uint64_t offset, unsigned size, std::uint64_t value) override;

	/* Hardware RF-kill switch: true = radio killed.  BAR0 0x030 bit 16
	 * follows; killing the radio while the runtime firmware runs raises
	 * RF_KILL_DONE. */
	void set_hw_rfkill(bool killed);
	[[nodiscard]] bool hw_rfkill() const { return rfkill_; }

	/* Firmware hooks for the MLME/air model (next layer). */
	void set_command_observer(CommandObserver fn) { cmd_observer_ = std::move(fn); }
	void set_tx_observer(TxObserver fn) { tx_observer_ = std::move(fn); }
	void set_reset_observer(ResetObserver fn) { reset_observer_ = std::move(fn); }
	/* Put a receive packet (4-byte header included) into the next free
	 * receive buffer; false if the firmware is not running, no buffer is
	 * free, the packet is larger than a buffer or the DMA failed.  After a
	 * reset the ring is the host's again only once it has written
	 * RX_READ_INDEX (its init step after posting buffers): until then the
	 * RFD table holds the addresses of buffers a previous driver freed. */
	bool deliver_rx(std::span<const std::uint8_t> packet);
	/* A host notification (message type 0x03) with @subtype and @payload. */
	bool send_notification(std::uint8_t subtype, std::span<const std::uint8_t> payload);
	/* Firmware error: log entry {desc, data}, FATAL_ERROR, firmware stops. */
	void raise_fatal_error(std::uint32_t desc, std::uint32_t data);

	/*
	 * Fault injection, interrupt storm: while @bits (INTA bits, limited to
	 * MASK_ALL; 0 = off) are set, every host write that acknowledges one
	 * of them (write 1 to clear INTA) sets it again.  Turning it on raises
	 * @bits now.
	 *
	 * @period 0: again at once, inside the acknowledging write.  While
	 * INTA_MASK enables the bits the INTx line never drops, and the
	 * transport is told (IrqLine::reasserted()) that the line is being
	 * serviced rather than stuck, so it keeps re-delivering INT at every
	 * end of interrupt instead of throttling: the storm runs at the
	 * guest's pace.  A handler that masks before it acks (the ipw2200
	 * driver) sees the line fall and rise again when it unmasks.
	 *
	 * @period > 0: the acknowledged bits come back @period after the
	 * acknowledgement (the line falls meanwhile, unless other causes keep
	 * it up): a steady rate of at most one interrupt per @period plus the
	 * guest's handling time.
	 *
	 * Turning it off leaves pending bits as they are and drops a pending
	 * re-raise.
	 */
	void set_irq_storm(std::uint32_t bits, std::chrono::microseconds period = std::chrono::microseconds(0));
	[[nodiscard]] std::chrono::microseconds irq_storm_period() const { return storm_period_; }
	[[nodiscard]] std::uint32_t irq_storm() const { return storm_bits_; }

	/*
	 * Fault injection: firmware and bus misbehaviour on demand (control
	 * command "fault", Documentation/device-model.rst).  Armed faults
	 * fire once, at the next occasion, and survive firmware reloads
	 * until they fire; clear_faults() disarms them all.
	 */
	/* FATAL_ERROR with error-log entry {@desc, @data}; false unless the runtime firmware runs. */
	bool inject_fatal_error(std::uint32_t desc, std::uint32_t data);
	/* The next host command the firmware takes never completes: the read
	 * index stays, no TX_CMD_QUEUE, the command queue is dead until the
	 * firmware is reset. */
	void stall_next_command() { faults_.stall_command = true; }
	/* The next @n INTx assertions are lost on the way: INTA keeps its
	 * bits, the line stays low until the next change of INTA or the mask
	 * looks at it again. */
	void lose_interrupts(unsigned n) { faults_.lost_irqs = n; }
	enum class RxGarbage : std::uint8_t {
		bad_type,  /* a packet of message type 0x7F */
		overlong,  /* a frame whose length runs past the receive buffer */
		bad_index, /* RX read index published beyond the ring (once) */
	};
	/* Put garbage into the receive path now; false if it could not (no
	 * buffer, firmware not running). */
	bool inject_rx_garbage(RxGarbage kind);
	enum class DmaTarget : std::uint8_t {
		command, /* the next command TFD fetch: DMA_STATUS firmware error */
		tx,	 /* the next data chunk fetch: frame dropped */
		rx,	 /* the next receive buffer write: packet dropped */
	};
	/* The next DMA of @target uses a descriptor address outside guest memory. */
	void fail_next_dma(DmaTarget target);
	/* The hardware switch kills the radio right after the next ASSOCIATE. */
	void rfkill_on_next_associate() { faults_.rfkill_on_associate = true; }
	void clear_faults() { faults_ = Faults{}; }
	/* Armed faults as "name..." ("" if none). */
	[[nodiscard]] std::string armed_faults() const;
	/* Address the DMA faults use: above any guest memory a 32-bit DMA mask reaches. */
	static constexpr std::uint32_t kBadDmaAddress = 0xFFFFF000;

	/* Observation. */
	[[nodiscard]] const Stats &stats() const { return stats_; }
	void reset_stats() { stats_ = Stats{}; }
	/* Keep the last @entries register accesses (0: stop and forget them). */
	void set_trace_capacity(std::size_t entries);
	/* Stop recording but keep what was recorded (set_trace_capacity() resumes). */
	void pause_trace() { trace_recording_ = false; }
	void clear_trace() { trace_.clear(); }
	[[nodiscard]] bool trace_recording() const { return trace_recording_; }
	[[nodiscard]] std::size_t trace_capacity() const { return trace_capacity_; }
	[[nodiscard]] std::vector<TraceEntry> trace() const { return {trace_.begin(), trace_.end()}; }
	[[nodiscard]] FwState fw_state() const { return fw_state_; }
	/* The firmware the last runtime image is (identify_runtime()). */
	[[nodiscard]] FwMode fw_mode() const { return fw_mode_; }
	[[nodiscard]] std::uint32_t inta() const { return inta_; }
	[[nodiscard]] std::uint32_t inta_mask() const { return mask_; }
	[[nodiscard]] bool irq_level() const { return irq_level_; }
	[[nodiscard]] std::uint32_t led_bits() const { return event_reg_ & 0x70; }
	[[nodiscard]] bool card_disabled() const { return card_disabled_; }
	[[nodiscard]] const Eeprom &eeprom() const { return eeprom_; }
	[[nodiscard]] const Dino &dino() const { return dino_; }
	[[nodiscard]] const DmaEngine &dma() const { return dma_; }
	[[nodiscard]] const ByteStore &sram() const { return sram_; }
	[[nodiscard]] const ByteStore &shared_memory() const { return bar0_; }
	[[nodiscard]] const DeviceConfig &config() const { return cfg_; }
	/* 2915ABG (device 0x4223/0x4224): the driver enables the 5 GHz band. */
	[[nodiscard]] bool supports_5ghz() const { return is_2915abg(cfg_.device_id); }

	/* Where the runtime firmware publishes its tables (SRAM addresses). */
	struct Layout {
		static constexpr std::uint32_t kTable1 = 0x2F000;
		static constexpr std::uint32_t kTable2 = 0x2F010;
		static constexpr std::uint32_t kTable2Data = 0x2F080;
		static constexpr std::uint32_t kFixedRate = 0x2F100;
		static constexpr std::uint32_t kErrorLog = 0x2F200;
		static constexpr std::uint32_t kEventLog = 0x2F300;
		static constexpr unsigned kTable0Len = 67;
		static constexpr unsigned kTable2Len = 6;
		static constexpr unsigned kErrorLogMax = 8;
		static constexpr unsigned kEventLogMax = 32;
	};

private:
	struct Timer {
		std::optional<Scheduler::TimerId> id;
	};

	/* Config space. */
	void config_reset();
	void config_write_byte(std::uint32_t offset, std::uint8_t value);
	[[nodiscard]] bool memory_enabled() const;
	[[nodiscard]] bool bus_master_enabled() const;

	/* BAR0. */
	std::uint32_t bar0_read(std::uint32_t offset, unsigned size);
	void bar0_write(std::uint32_t offset, unsigned size, std::uint32_t value);
	std::uint32_t csr_read32(std::uint32_t reg);
	void csr_write(std::uint32_t reg, unsigned lane, unsigned size, std::uint32_t value);
	void shm_write(std::uint32_t offset, unsigned size, std::uint32_t value);
	void write_reset_reg(std::uint32_t value);
	void write_gp_control(std::uint32_t value);

	/* Indirect space. */
	std::uint32_t indirect_read(std::uint32_t addr, unsigned lane, unsigned size);
	void indirect_write(std::uint32_t addr, unsigned lane, unsigned size, std::uint32_t value);
	std::uint32_t indirect_reg_read(std::uint32_t addr);

	/* Interrupts. */
	void raise(std::uint32_t bits);
	void ack_inta(std::uint32_t bits);
	void storm_fire();
	void update_irq();

	/* Firmware life cycle. */
	void sw_reset();
	void power_on_reset();
	void update_arc();
	void arc_started();
	void arc_stopped();
	void firmware_initialised();
	void publish_runtime_tables();
	void set_state(FwState s) { fw_state_ = s; }
	[[nodiscard]] bool processing() const { return fw_state_ == FwState::runtime_ready; }
	void schedule(Timer &t, std::chrono::microseconds delay, void (Ipw2200Device::*fn)());
	void cancel(Timer &t);
	void cancel_all();
	void log_event(std::uint32_t event, std::uint32_t data);
	void log_error(std::uint32_t desc, std::uint32_t data);

	/* Rings. */
	void service_commands();
	void service_tx();
	void handle_command(const HostCommand &c);
	void scan_completed();
	bool process_tx_tfd(unsigned q, std::uint64_t addr);
	void table0_add(unsigned index, std::uint32_t delta);

	void trace(TraceEntry::Kind kind, std::uint32_t offset, unsigned size, std::uint64_t value);

	DeviceConfig cfg_;
	std::array<std::uint8_t, 256> cfg_space_{};

	GuestMemory *mem_ = nullptr;
	IrqLine *irq_ = nullptr;
	Scheduler *sched_ = nullptr;

	ByteStore bar0_;
	ByteStore sram_;
	Eeprom eeprom_;
	Dino dino_;
	DmaEngine dma_;

	std::uint32_t inta_ = 0;
	std::uint32_t mask_ = 0;
	std::uint32_t reset_reg_ = 0;
	std::uint32_t gp_ = 0;
	std::uint32_t ind_addr_ = 0;
	bool ind_addr_fresh_ = false;
	std::uint32_t autoinc_addr_ = 0;
	std::uint32_t event_reg_ = 0;
	std::uint32_t gpio_ = 0;
	std::uint32_t halt_ = 0;
	bool irq_level_ = false;
	bool rfkill_ = false;

	FwState fw_state_ = FwState::none;
	FwMode fw_mode_ = FwMode::bss;
	bool image_pending_ = false; /* a DMA completed since the last ARC start */
	bool have_boot_ = false;     /* the boot firmware ran since reset */
	bool arc_running_ = false;
	bool card_disabled_ = false;
	std::uint8_t rx_seq_ = 0;

	/* Scan answered by SCAN_COMPLETED. */
	std::uint8_t scan_type_ = 0;
	std::uint8_t scan_channels_ = 0;
	std::uint8_t scan_status_ = 1;

	Timer init_timer_;
	Timer cmd_timer_;
	Timer tx_timer_;
	Timer scan_timer_;

	CommandObserver cmd_observer_;
	TxObserver tx_observer_;
	ResetObserver reset_observer_;

	Stats stats_;
	std::uint32_t storm_bits_ = 0;
	std::chrono::microseconds storm_period_{0};
	std::uint32_t storm_again_ = 0; /* acknowledged, waiting for storm_timer_ */
	Timer storm_timer_;

	struct Faults {
		bool stall_command = false;
		unsigned lost_irqs = 0;
		bool dma_command = false;
		bool dma_tx = false;
		bool dma_rx = false;
		bool rfkill_on_associate = false;
	};
	Faults faults_;
	bool cmd_stalled_ = false; /* a stalled command holds the queue */
	bool rx_ring_set_ = false; /* the host wrote RX_READ_INDEX since the reset */
	/* After a bad_index glitch: the firmware's real RX read index. */
	std::optional<std::uint32_t> rx_read_;

	std::deque<TraceEntry> trace_;
	std::size_t trace_capacity_ = 0;
	bool trace_recording_ = false;
	std::uint64_t trace_seq_ = 0;
};

} // namespace ipwmodel::ipw2200
