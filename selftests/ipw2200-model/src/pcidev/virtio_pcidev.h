/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The virtio-pcidev device (UML's "PCI over virtio", virtio device id set by
 * CONFIG_UML_PCI_OVER_VIRTIO_DEVICE_ID): turns the messages of queue 0 into
 * config-space and BAR accesses of a PciFunction, and the function's INTx
 * line into INT messages on queue 1.
 *
 * Queue 0 ("cmd"), as Linux 7.3's arch/um/drivers/virtio_pcidev.c sends it:
 *  - reads (CFG_READ, MMIO_READ): readable header, writable buffer of @size
 *    bytes.  The guest busy-polls the used ring for the answer (for up to
 *    max_delay_us = 40 ms), so a read is answered immediately and the call
 *    fd is NOT signalled: a completion interrupt costs the guest 60-100 us.
 *  - writes (CFG_WRITE, MMIO_WRITE): one readable buffer (header + data), or
 *    two (header, data) for copies larger than 8 bytes; posted.  The guest
 *    has 20 posted-write buffers; it frees completed ones when the cmd
 *    callback runs (a signal) *or* whenever it polls for a read, and its 21st
 *    outstanding write becomes a non-posted one that polls and so frees all
 *    completed buffers.  Signalling write completions is therefore not
 *    needed for progress and is off by default (Options).
 *  - memset_io arrives mis-encoded as CFG_WRITE carrying the BAR number, the
 *    byte count in @size and one data byte (7.3's virtio_pcidev_bar_set).
 *    A CFG_WRITE with a non-zero BAR or a size other than 1/2/4/8 is
 *    therefore served as a BAR memset; a memset of 1/2/4/8 bytes of BAR 0 is
 *    indistinguishable from a config write and is taken as one.
 *    MMIO_MEMSET (the correct encoding) is served too.
 *  - anything malformed is logged and completed with length 0; reads that
 *    cannot be served return all ones.
 *
 * Queue 1 ("irq"): the guest pre-posts writable buffers (10 of 20 bytes) and
 * re-posts each after handling it; see set_level() for INTx.
 */
#pragma once

#include <chrono>
#include <cstdint>

#include "core/pci_function.h"
#include "core/scheduler.h"
#include "pcidev/protocol.h"
#include "vhost/memory_map.h"
#include "vhost/virtio_device.h"
#include "vhost/virtqueue.h"

namespace ipwmodel::pcidev {

class VirtioPciDevice final : public vhost::VirtioDevice, private IrqLine {
public:
	struct Options {
		/* Signal the cmd queue's call fd after a batch that completed writes. */
		bool signal_write_completions = false;
		/* INTx re-deliveries at EOI before they are delayed (storm guard). */
		unsigned storm_threshold = 32;
		std::chrono::microseconds storm_backoff{1000};
	};

	struct Stats {
		std::uint64_t cfg_reads = 0;
		std::uint64_t cfg_writes = 0;
		std::uint64_t bar_reads = 0;
		std::uint64_t bar_writes = 0;
		std::uint64_t memsets = 0;
		std::uint64_t malformed = 0;
		std::uint64_t ints_sent = 0;
		std::uint64_t ints_resent = 0; /* of ints_sent: re-deliveries at EOI */
	};

	/* Attaches @fn (fn.attach()) with this device's guest memory and INTx line. */
	VirtioPciDevice(PciFunction &fn, Scheduler &sched);
	VirtioPciDevice(PciFunction &fn, Scheduler &sched, Options opt);
	~VirtioPciDevice() override;
	VirtioPciDevice(const VirtioPciDevice &) = delete;
	VirtioPciDevice &operator=(const VirtioPciDevice &) = delete;
	VirtioPciDevice(VirtioPciDevice &&) = delete;
	VirtioPciDevice &operator=(VirtioPciDevice &&) = delete;

	/* VirtioDevice */
	[[nodiscard]] unsigned num_queues() const override { return kNumQueues; }
	void attach(vhost::VirtioTransport &t) override;
	void detach() override;
	void on_kick(unsigned index) override;

	[[nodiscard]] const Stats &stats() const { return stats_; }
	void reset_stats() { stats_ = Stats{}; }
	[[nodiscard]] bool irq_level() const { return level_; }
	/* INT messages delivered whose buffers the guest has not re-posted yet. */
	[[nodiscard]] unsigned ints_outstanding() const { return outstanding_; }

private:
	/* IrqLine: see the comment in virtio_pcidev.cpp. */
	void set_level(bool asserted) override;
	void reasserted() override;

	void process_cmd_queue();
	/* Serve one cmd chain; returns the used length; @is_write set for writes. */
	std::uint32_t handle_cmd(const vhost::Chain &c, bool &is_write);
	std::uint32_t do_cfg_read(const vhost::Chain &c, const MsgHeader &h);
	void do_cfg_write(const vhost::Chain &c, const MsgHeader &h);
	std::uint32_t do_bar_read(const vhost::Chain &c, const MsgHeader &h);
	void do_bar_write(const vhost::Chain &c, const MsgHeader &h);
	void do_memset(unsigned bar, std::uint64_t addr, std::uint32_t size, std::uint8_t value);

	void irq_queue_kicked();
	/* Deliver an INT message now; false if no irq buffer was available. */
	bool deliver_int();
	void cancel_backoff();

	PciFunction &fn_;
	Scheduler &sched_;
	Options opt_;
	vhost::GuestMemoryProxy mem_;
	vhost::VirtioTransport *t_ = nullptr;
	vhost::Chain cmd_chain_;
	vhost::Chain irq_chain_;
	Stats stats_;

	/* INTx state */
	bool level_ = false;
	unsigned outstanding_ = 0;
	bool irq_avail_known_ = false;
	std::uint16_t irq_avail_seen_ = 0;
	unsigned resend_streak_ = 0;
	bool backoff_armed_ = false;
	Scheduler::TimerId backoff_timer_ = 0;
	bool memset_warned_ = false;
};

} // namespace ipwmodel::pcidev
