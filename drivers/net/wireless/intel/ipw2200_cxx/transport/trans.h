/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: transport/trans.h - the transport: everything that talks to the card
 *
 * &Transport owns the adapter's registers (&Hw), the firmware image, the
 * command channel, the data and receive rings and the interrupt.  The
 * wireless layer sees it through send_command(), the ring API and the
 * &TransportClient callbacks it receives from the bottom half.
 *
 * Ownership (Documentation/locking.rst has the full table):
 *
 * - interrupt mask and the bits handed from the hard handler to the thread:
 *   irq_ (irqsave spinlock; hard IRQ and process context);
 * - indirect register window: the mutex inside &Hw;
 * - command ring indices: cmd_ring_ (spinlock; senders and the bottom half);
 * - one command in flight, waiting senders: cmd_turn_ (mutex; senders);
 * - each data ring: tx_[q] (spinlock with BHs off: transmit runs in softirq);
 * - receive ring and its buffers: rx_ (mutex; the bottom half and up/down);
 * - lifecycle (up, down, restart): life_ (mutex; probe, remove, PM, the
 *   restart work);
 * - status bits: status_ (atomic bit operations; every context);
 * - the firmware error log: errlog_ (mutex; bottom half, debugfs).
 *
 * The bottom half is the interrupt's thread (request_threaded_irq): it may
 * sleep, so it takes mutexes, allocates with GFP_KERNEL and reads the
 * indirect window; synchronize_irq()/free_irq() wait for it.
 */
#pragma once

#include <kcxx/atomic.h>
#include <kcxx/debugfs.h>
#include <kcxx/device.h>
#include <kcxx/dma.h>
#include <kcxx/firmware.h>
#include <kcxx/irq.h>
#include <kcxx/new.h>
#include <kcxx/pci.h>
#include <kcxx/sync.h>
#include <kcxx/wait.h>
#include <kcxx/work.h>

#include "fw.h"
#include "hw.h"
#include "regs.h"

namespace ipw {

/** enum class St - transport status bits (AtomicBits). */
enum class St : unsigned int {
	fw_alive,   /* runtime firmware started: the command ring may be used */
	ready,	    /* HOST_COMPLETE accepted: commands from users are served */
	irq_live,   /* the bottom half may unmask interrupts when it is done */
	rf_kill_hw, /* the hardware switch blocks the radio */
	rf_kill_sw, /* radio disabled by the user */
	restarting, /* a firmware reload is queued or running */
	exiting,    /* remove/unbind started: nothing new may start */
	suspended,
};

/** struct RxInfo - the adapter's receive header of one frame (hardware reference 16.3). */
struct RxInfo {
	u8 channel;
	u8 rate;
	u8 rssi_dbm_raw; /* dBm + 112 */
	u8 antenna_phy;
	u8 control;
	u16 signal;
	u16 noise;
};

/**
 * class TransportClient - what the wireless layer receives from the bottom
 * half (process context, no transport lock held).
 */
class TransportClient {
public:
	virtual void rx_frame(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame, size_t len)
		KCXX_REQUIRES(ctx) = 0;
	virtual void notification(kcxx::Sleepable &ctx, u8 subtype, u8 flags, const u8 *payload, size_t len)
		KCXX_REQUIRES(ctx) = 0;
	virtual void rf_kill(kcxx::Sleepable &ctx, bool blocked) KCXX_REQUIRES(ctx) = 0;
	/** firmware_up() - configure the firmware (send the init commands). */
	virtual kcxx::Status firmware_up(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) = 0;
	virtual void firmware_down(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) = 0;
	/**
	 * tx_done() - the firmware has taken the frame submitted with @cookie
	 * (or the ring was reset: @sent false).  Called without ring locks.
	 */
	virtual void tx_done(void *cookie, bool sent) = 0;
	/** tx_flow() - data ring @q crossed a mark: stop (@stop) or wake its queue. */
	virtual void tx_flow(unsigned int q, bool stop) = 0;

protected:
	~TransportClient() = default;
};

struct Tfd {
	u8 bytes[regs::tfd_size];
};
static_assert(sizeof(Tfd) == 128);

struct RxBuf {
	alignas(64) u8 bytes[regs::rx_buf_size];
};

/** struct EepromInfo - what the transport reads from the EEPROM. */
struct EepromInfo {
	u8 image[regs::eeprom_bytes];
	u8 mac[6];
	char country[4];
	u8 nic_type;
	u8 sku;
	u8 version;
};

/** struct Params - module parameters that reach the transport (validated by the glue). */
struct Params {
	int mode;     /* 0 BSS, 1 IBSS, 2 monitor */
	bool disable; /* radio off at load */
	unsigned int cmd_timeout_ms;
};

struct FwErrorEntry {
	u32 desc, time, blink1, blink2, link1, link2, data;
};

struct ErrorLog {
	unsigned int count = 0; /* entries the firmware reported */
	unsigned int kept = 0;	/* entries kept here (at most 8) */
	u32 status = 0;		/* the interrupt bits that reported it */
	unsigned long when = 0; /* jiffies */
	FwErrorEntry e[8];
};

struct Counters {
	kcxx::Atomic<long> irqs{0}, irqs_not_ours{0}, thread_runs{0};
	kcxx::Atomic<long> rx_frames{0}, rx_notifications{0}, rx_bad{0}, rx_unknown{0};
	kcxx::Atomic<long> cmds_sent{0}, cmds_failed{0}, cmds_timed_out{0}, lost_completions{0};
	kcxx::Atomic<long> tx_reclaimed{0}, bad_indices{0};
	kcxx::Atomic<long> fatal_errors{0}, restarts{0}, restart_failures{0}, rf_kill_events{0};
	kcxx::Atomic<long> loads{0};
};

class Transport : kcxx::Pinned {
public:
	Transport(kcxx::PciDevice pdev, const Params &params);
	~Transport();

	/**
	 * probe() - bring the PCI function up, map it, request the firmware,
	 * allocate the rings, take the interrupt, load the firmware and
	 * configure it.  On failure everything done is undone.
	 */
	[[nodiscard]] kcxx::Status probe(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	/** remove() - safe against every context; see Documentation/locking.rst. */
	void remove(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	[[nodiscard]] kcxx::Status suspend(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	[[nodiscard]] kcxx::Status resume(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	void set_client(TransportClient *c) { client_ = c; }

	/**
	 * send_command() - queue one host command and wait for the firmware to
	 * take it.  Any number of callers may wait their turn; none is refused
	 * for being second.
	 * Return: 0; -EINVAL (payload too long); -ENODEV (device going away);
	 * -ENETDOWN (firmware not running, e.g. radio killed); -ETIMEDOUT (the
	 * firmware did not take it within the timeout; a reload is scheduled);
	 * -EINTR (a signal while waiting for the turn).
	 */
	[[nodiscard]] kcxx::Status send_command(kcxx::Sleepable &ctx, u8 id, const void *payload, size_t len)
		KCXX_REQUIRES(ctx);

	/*
	 * Flow-control marks of a data ring: the queue stops when fewer than
	 * tx_stop_mark slots are free and wakes when more than tx_wake_mark are.
	 */
	static constexpr unsigned int tx_stop_mark = regs::tx_ring_size / 8;
	static constexpr unsigned int tx_wake_mark = regs::tx_ring_size / 4;

	/**
	 * tx_submit() - queue one data TFD on ring @q; the client gets
	 * tx_done(@cookie) when the firmware has taken it.  Any context (the
	 * ring's lock disables bottom halves).
	 * Return: 0; -ENETDOWN (firmware not running); -EINVAL (bad ring);
	 * -ENOSPC (ring full: the client should have stopped its queue).
	 */
	[[nodiscard]] kcxx::Status tx_submit(unsigned int q, const Tfd &tfd, void *cookie);

	/**
	 * set_mode() - load the firmware of @mode (0 BSS, 1 IBSS, 2 monitor:
	 * the legacy file names) in place of the running one: the file is
	 * requested and validated first (a missing or bad file changes
	 * nothing), then the adapter goes down and up with it (client
	 * firmware_down/firmware_up as for a restart).  Sleeps for a load.
	 * Return: 0; -EINVAL; -ENODEV; the request's or the load's error.
	 */
	[[nodiscard]] kcxx::Status set_mode(kcxx::Sleepable &ctx, int mode) KCXX_REQUIRES(ctx);
	/** mode() - the mode of the firmware image in use (changes only in set_mode()). */
	int mode() const { return mode_.read(); }
	/**
	 * write_station() - entry @i (< regs::max_stations) of the IBSS
	 * station table in BAR0 (hardware reference 12.7): @mac, or all zero
	 * for nullptr.  Any context; the caller owns the table.
	 */
	void write_station(unsigned int i, const u8 *mac);

	/** schedule_restart() - reload the firmware from the restart work. */
	void schedule_restart(const char *why);

	const kcxx::Device &dev() const { return dev_; }
	const EepromInfo &eeprom() const { return eeprom_; }
	bool is_2915() const { return pdev_.device_id() == 0x4223 || pdev_.device_id() == 0x4224; }
	bool test(St bit) const { return status_.test(bit); }

	/*
	 * Radio state and identity (transport/trans.cpp, "rf-kill and
	 * identity"); process context, life_ taken: not from the bottom half
	 * or with a lock the restart work takes.
	 */
	/**
	 * set_radio_off() - software rf-kill: @off takes the firmware down
	 * (CARD_DISABLE, the NIC held in reset) and keeps it down; !@off loads
	 * and configures it again (unless the hardware switch still kills it).
	 * Return: 0, or the error of the load.
	 */
	[[nodiscard]] kcxx::Status set_radio_off(kcxx::Sleepable &ctx, bool off) KCXX_REQUIRES(ctx);
	/** fw_version() - the running firmware's version string (ordinal FW_VERSION) into @out. */
	void fw_version(kcxx::Sleepable &ctx, char *out, size_t n) KCXX_REQUIRES(ctx);
	/** copy_eeprom() - @len bytes of the EEPROM image from @offset; -EINVAL outside it. */
	[[nodiscard]] kcxx::Status copy_eeprom(kcxx::Sleepable &ctx, size_t offset, size_t len, u8 *out)
		KCXX_REQUIRES(ctx);
	/**
	 * set_leds() - the LED bits of the event register (hardware reference
	 * 5: activity 0x10, associated 0x20, OFDM 0x40), read-modify-written
	 * through the indirect window; nothing while the firmware is down.
	 */
	void set_leds(kcxx::Sleepable &ctx, u32 on, u32 off) KCXX_REQUIRES(ctx);

	/** ordinal() - read a fixed-size ordinal into @buf (table 0 or 2). */
	[[nodiscard]] kcxx::Status ordinal(kcxx::Sleepable &ctx, u32 ord, void *buf, size_t len) KCXX_REQUIRES(ctx);

	Counters counters;

private:
	struct IrqState {
		bool enabled = false;
		u32 pending = 0; /* acked by the hard handler, not yet handled */
	};
	struct CmdRing {
		kcxx::DmaCoherent<Tfd> *mem = nullptr;
		u32 write = 0; /* next slot the host fills */
		u32 read = 0;  /* firmware's read index, as last reclaimed */
		u64 issued = 0;
		u64 completed = 0;
	};
	struct CmdTurn {
		u32 last_id = 0;
	};
	struct TxRing {
		kcxx::DmaCoherent<Tfd> *mem = nullptr;
		u32 write = 0;
		u32 read = 0;
		void *cookie[regs::tx_ring_size] = {};
		bool stopped = false;
	};
	/* Free slots; two stay unused, as on every ring of the card (hardware reference 17). */
	static unsigned int tx_free(const TxRing &r)
	{
		unsigned int used = (r.write + regs::tx_ring_size - r.read) % regs::tx_ring_size;
		return regs::tx_ring_size - 2 - used;
	}
	struct RxSlot {
		RxBuf *buf = nullptr;
		kcxx::DmaMapping *map = nullptr;
	};
	struct RxRing {
		RxSlot slot[regs::rx_ring_size];
		u32 read = 0; /* next slot to process */
		bool armed = false;
	};
	/* The lifecycle and the firmware image it loads (set_mode() swaps the image). */
	struct Life {
		unsigned int loads = 0;
		int mode = 0;			/* the image's mode (mode_ is a copy for readers) */
		kcxx::Box<kcxx::Firmware> file; /* the file, kept for reloads */
		FwImage img{};			/* views into file */
	};

	/* probe/remove pieces */
	kcxx::Status alloc_rings(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void free_rings(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status request_firmware(kcxx::Sleepable &ctx, int mode, kcxx::Box<kcxx::Firmware> &file, FwImage &img)
		KCXX_REQUIRES(ctx);
	static const char *fw_name(int mode);
	void clear_retry_timeout(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* lifecycle (life_ held) */
	kcxx::Status up(kcxx::Sleepable &ctx, kcxx::MutexGuard<Life> &life) KCXX_REQUIRES(ctx);
	void down(kcxx::Sleepable &ctx, kcxx::MutexGuard<Life> &life) KCXX_REQUIRES(ctx);
	void restart_work(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void rf_kill_poll(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* the load sequence (transport/load.cpp) */
	kcxx::Status load(kcxx::Sleepable &ctx, const FwImage &fw) KCXX_REQUIRES(ctx);
	void stop_nic(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status stop_master(kcxx::Sleepable &ctx, unsigned int timeout_ms) KCXX_REQUIRES(ctx);
	void init_nic(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void start_nic();
	kcxx::Status wait_fw_init(kcxx::Sleepable &ctx, const char *what) KCXX_REQUIRES(ctx);
	kcxx::Status dma_image(kcxx::Sleepable &ctx, const char *what, kcxx::Bytes image, unsigned int pieces)
		KCXX_REQUIRES(ctx);
	struct DmaCb {
		u32 control, src, dest, status;
	};
	kcxx::Status run_dma(kcxx::Sleepable &ctx, const char *what, const DmaCb *cbs, unsigned int n)
		KCXX_REQUIRES(ctx);
	kcxx::Status zero_sram(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status load_ucode(kcxx::Sleepable &ctx, kcxx::Bytes ucode) KCXX_REQUIRES(ctx);
	void read_eeprom(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void reset_rings(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	kcxx::Status read_fw_version(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* interrupts */
	kcxx::IrqReturn hard_irq(kcxx::AtomicContext &ctx);
	kcxx::IrqReturn irq_thread(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void irq_enable();
	void irq_disable();
	void handle_rx(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void handle_rx_packet(kcxx::Sleepable &ctx, const u8 *p, size_t len) KCXX_REQUIRES(ctx);
	void handle_cmd_done();
	void handle_tx_done(unsigned int q);
	void tx_flush(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void handle_fatal(kcxx::Sleepable &ctx, u32 inta) KCXX_REQUIRES(ctx);
	void handle_rf_kill(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
	void fail_commands();
	bool index_ok(const char *ring, u32 idx, u32 size);
	kcxx::Status send(kcxx::Sleepable &ctx, u8 id, const void *payload, size_t len, bool last) KCXX_REQUIRES(ctx);

	/* debugfs */
	kcxx::Status dbg_status(kcxx::Sleepable &ctx, kcxx::TextBuf &out) KCXX_REQUIRES(ctx);
	kcxx::Status dbg_error_log(kcxx::Sleepable &ctx, kcxx::TextBuf &out) KCXX_REQUIRES(ctx);
	kcxx::Status dbg_command(kcxx::Sleepable &ctx, const char *buf, size_t len) KCXX_REQUIRES(ctx);
	kcxx::Status dbg_restart(kcxx::Sleepable &ctx, const char *buf, size_t len) KCXX_REQUIRES(ctx);
	void debugfs_init();

	kcxx::PciDevice pdev_;
	kcxx::Device dev_;
	Params params_;
	TransportClient *client_ = nullptr;
	kcxx::AtomicBits<St> status_;

	/* PCI resources, in the order probe takes them (remove gives them back in reverse). */
	bool pci_enabled_ = false;
	bool regions_ = false;
	Hw hw_;
	/* Ring memory: allocated at probe, freed at remove after the interrupt is gone. */
	kcxx::Box<kcxx::DmaCoherent<Tfd>> cmd_mem_;
	kcxx::Box<kcxx::DmaCoherent<Tfd>> tx_mem_[regs::tx_rings];
	kcxx::Atomic<int> mode_{0};
	EepromInfo eeprom_{};
	char fw_version_[64] = {};

	kcxx::IrqSpinLock<IrqState> irq_{KCXX_LOCK_CLASS("ipw2200_cxx:irq_state")};
	kcxx::ThreadedIrq irq_line_;

	kcxx::Mutex<CmdTurn> cmd_turn_{KCXX_LOCK_CLASS("ipw2200_cxx:cmd_turn")};
	kcxx::SpinLock<CmdRing> cmd_ring_{KCXX_LOCK_CLASS("ipw2200_cxx:cmd_ring")};
	kcxx::WaitQueue cmd_wait_{KCXX_LOCK_CLASS("ipw2200_cxx:cmd_wait")};
	kcxx::WaitQueue ready_wait_{KCXX_LOCK_CLASS("ipw2200_cxx:ready_wait")};

	kcxx::BhSpinLock<TxRing> tx_[regs::tx_rings] = {
		kcxx::BhSpinLock<TxRing>{KCXX_LOCK_CLASS("ipw2200_cxx:tx_ring0")},
		kcxx::BhSpinLock<TxRing>{KCXX_LOCK_CLASS("ipw2200_cxx:tx_ring1")},
		kcxx::BhSpinLock<TxRing>{KCXX_LOCK_CLASS("ipw2200_cxx:tx_ring2")},
		kcxx::BhSpinLock<TxRing>{KCXX_LOCK_CLASS("ipw2200_cxx:tx_ring3")},
	};
	kcxx::Mutex<RxRing> rx_{KCXX_LOCK_CLASS("ipw2200_cxx:rx_ring")};
	kcxx::Mutex<ErrorLog> errlog_{KCXX_LOCK_CLASS("ipw2200_cxx:error_log")};
	kcxx::Mutex<Life> life_{KCXX_LOCK_CLASS("ipw2200_cxx:lifecycle")};

	kcxx::WorkQueue wq_;
	kcxx::Work restart_{KCXX_LOCK_CLASS("ipw2200_cxx:restart_work"), kcxx::bind<&Transport::restart_work>(this)};
	kcxx::DelayedWork rf_poll_{KCXX_LOCK_CLASS("ipw2200_cxx:rf_kill_poll"),
				   kcxx::bind<&Transport::rf_kill_poll>(this)};

	kcxx::DebugfsDir dbg_dir_;
};

} // namespace ipw
