// SPDX-License-Identifier: GPL-2.0
#include "pcidev/virtio_pcidev.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/log.h"

namespace ipwmodel::pcidev {

/*
 * INTx.
 *
 * The 2200BG's INTx is level-triggered: asserted while (INTA & INTA_MASK) is
 * non-zero.  The guest side has no notion of a level: 7.3's virtio_pcidev.c
 * calls generic_handle_irq() once per INT message and then re-posts the
 * message buffer (and kicks queue 1).  There is no deassert message.  The
 * re-post is the only end-of-interrupt the device can observe, and this
 * model uses it as one:
 *
 *  - rising edge (set_level(true) while low): send an INT message now.
 *  - EOI (queue 1 kicked with re-posted buffers): each re-posted buffer
 *    retires one outstanding INT.  When none is outstanding and the line is
 *    still asserted, send another INT, as a level-triggered line re-raises
 *    after EOI.  This covers a handler that read INTA before a new cause
 *    arrived, and causes the driver left pending.  Posted writes the
 *    handler issued before re-posting (e.g. masking INTA) are applied first:
 *    the cmd queue is drained before the level is looked at.
 *  - falling edge: nothing to send (the guest cannot be told).
 *  - no irq buffer available: the INT waits for the next re-post.
 *  - a line that stays asserted through storm_threshold EOIs in a row
 *    (nobody clears the cause: no driver bound yet, which makes the guest
 *    drop INT messages, or a handler returning IRQ_NONE) gets its
 *    re-deliveries delayed by storm_backoff each, so a stuck line costs the
 *    guest one interrupt per backoff instead of all its time.
 *  - reasserted(): the device cleared a cause on the host's acknowledgement
 *    and raised it again in the same access (a cause that keeps coming
 *    back, e.g. the ipw2200 model's irq-storm fault injection).  The line
 *    is being serviced, so the storm guard's count restarts; the next INT
 *    still waits for the EOI.  A continuous stream therefore runs at the
 *    pace of the guest's re-posts, one INT in flight at a time, and the
 *    model never sends an INT the guest did not make room for.  (Sending
 *    at the acknowledgement instead would let the guest's irq callback,
 *    which loops while the used ring has entries, find the next INT before
 *    it returns, for ever.)
 *  - on disconnect the outstanding count is forgotten; an asserted line is
 *    delivered once the next front-end's irq queue is ready.
 *
 * A driver must therefore not rely on an INT per cause: like on real INTx,
 * one INT means "look at INTA"; the device keeps interrupting while causes
 * stay unmasked and unacknowledged.
 */

namespace {

void put_le(std::uint8_t *dst, std::uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		dst[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::uint64_t get_le(const std::uint8_t *src, unsigned n)
{
	std::uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= std::uint64_t{src[i]} << (8 * i);
	return v;
}

bool is_access_size(std::uint32_t size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

/* Split [addr, addr + size) into naturally aligned accesses of up to 8 bytes. */
template <typename Fn> void for_each_access(std::uint64_t addr, std::uint32_t size, Fn fn)
{
	std::uint32_t done = 0;

	while (done < size) {
		const std::uint64_t a = addr + done;
		unsigned w = 8;

		while (w > 1 && (a % w != 0 || size - done < w))
			w /= 2;
		fn(done, a, w);
		done += w;
	}
}

const char *op_name(std::uint8_t op)
{
	switch (static_cast<Op>(op)) {
	case Op::reserved:
		return "RESERVED";
	case Op::cfg_read:
		return "CFG_READ";
	case Op::cfg_write:
		return "CFG_WRITE";
	case Op::mmio_read:
		return "MMIO_READ";
	case Op::mmio_write:
		return "MMIO_WRITE";
	case Op::mmio_memset:
		return "MMIO_MEMSET";
	case Op::intx:
		return "INT";
	case Op::msi:
		return "MSI";
	case Op::pme:
		return "PME";
	}
	return "unknown";
}

} // namespace

VirtioPciDevice::VirtioPciDevice(PciFunction &fn, Scheduler &sched) : VirtioPciDevice(fn, sched, Options{}) {}

VirtioPciDevice::VirtioPciDevice(PciFunction &fn, Scheduler &sched, Options opt) : fn_(fn), sched_(sched), opt_(opt)
{
	fn_.attach(mem_, *this, sched_);
}

VirtioPciDevice::~VirtioPciDevice()
{
	cancel_backoff();
}

void VirtioPciDevice::attach(vhost::VirtioTransport &t)
{
	t_ = &t;
	mem_.set(&t.memory());
	outstanding_ = 0;
	irq_avail_known_ = false;
	resend_streak_ = 0;
}

void VirtioPciDevice::detach()
{
	cancel_backoff();
	mem_.set(nullptr);
	t_ = nullptr;
	outstanding_ = 0;
	irq_avail_known_ = false;
}

void VirtioPciDevice::on_kick(unsigned index)
{
	if (t_ == nullptr)
		return;
	if (index == kCmdQueue)
		process_cmd_queue();
	else if (index == kIrqQueue)
		irq_queue_kicked();
}

/* ---- queue 0 ---- */

void VirtioPciDevice::process_cmd_queue()
{
	vhost::Virtqueue &q = t_->queue(kCmdQueue);
	bool wrote = false;

	while (q.pop(cmd_chain_) == vhost::Virtqueue::PopResult::ok) {
		bool is_write = false;
		const std::uint32_t len = handle_cmd(cmd_chain_, is_write);

		/* Reads: the guest is polling for exactly this; no signal. */
		(void)q.push(cmd_chain_.head(), len);
		wrote = wrote || is_write;
	}
	if (wrote && opt_.signal_write_completions)
		(void)q.signal();
}

std::uint32_t VirtioPciDevice::handle_cmd(const vhost::Chain &c, bool &is_write)
{
	MsgHeader h{};

	if (c.read(0, &h, sizeof(h)) != sizeof(h)) {
		stats_.malformed++;
		LOG_WARN("pcidev: command with %zu readable bytes (header is 16)", c.readable_bytes());
		/* Whatever waits for an answer gets all ones. */
		std::array<std::uint8_t, 8> ones{};

		ones.fill(0xff);
		return static_cast<std::uint32_t>(c.write(0, ones.data(), std::min(c.writable_bytes(), ones.size())));
	}
	switch (static_cast<Op>(h.op)) {
	case Op::cfg_read:
		return do_cfg_read(c, h);
	case Op::cfg_write:
		is_write = true;
		do_cfg_write(c, h);
		return 0;
	case Op::mmio_read:
		return do_bar_read(c, h);
	case Op::mmio_write:
		is_write = true;
		do_bar_write(c, h);
		return 0;
	case Op::mmio_memset: {
		is_write = true;
		std::uint8_t value = 0;

		if (c.read(sizeof(h), &value, 1) != 1) {
			stats_.malformed++;
			LOG_WARN("pcidev: MMIO_MEMSET without a data byte");
			return 0;
		}
		do_memset(h.bar, h.addr, h.size, value);
		return 0;
	}
	case Op::reserved:
	case Op::intx:
	case Op::msi:
	case Op::pme:
		break;
	}
	stats_.malformed++;
	LOG_WARN("pcidev: unexpected %s (op %u) on the cmd queue", op_name(h.op), h.op);
	return 0;
}

std::uint32_t VirtioPciDevice::do_cfg_read(const vhost::Chain &c, const MsgHeader &h)
{
	std::array<std::uint8_t, 8> data{};
	const std::size_t n = std::min<std::size_t>(h.size, c.writable_bytes());

	stats_.cfg_reads++;
	data.fill(0xff);
	if (!is_access_size(h.size) || n < h.size) {
		stats_.malformed++;
		LOG_WARN("pcidev: CFG_READ of %u bytes into a %zu-byte buffer", h.size, c.writable_bytes());
		return static_cast<std::uint32_t>(c.write(0, data.data(), std::min(n, data.size())));
	}
	if (h.addr < kConfigSpaceSize && h.size <= kConfigSpaceSize - h.addr) {
		/* Config space is served in accesses of up to 4 bytes. */
		for (std::uint32_t off = 0; off < h.size; off += 4) {
			const unsigned w = std::min<std::uint32_t>(h.size - off, 4);
			const std::uint32_t v = fn_.config_read(static_cast<std::uint32_t>(h.addr + off), w);

			put_le(data.data() + off, v, w);
		}
	}
	return static_cast<std::uint32_t>(c.write(0, data.data(), h.size));
}

void VirtioPciDevice::do_cfg_write(const vhost::Chain &c, const MsgHeader &h)
{
	std::array<std::uint8_t, 8> data{};
	const std::size_t have = c.read(sizeof(h), data.data(), data.size());

	if (h.bar != 0 || !is_access_size(h.size)) {
		/* memset_io, mis-encoded by the guest: see the header. */
		if (!memset_warned_) {
			LOG_WARN("pcidev: CFG_WRITE with BAR %u, %u bytes: served as memset_io "
				 "(guest encodes memset as a config write)",
				 h.bar, h.size);
			memset_warned_ = true;
		}
		if (have < 1) {
			stats_.malformed++;
			return;
		}
		do_memset(h.bar, h.addr, h.size, data[0]);
		return;
	}
	stats_.cfg_writes++;
	if (have < h.size) {
		stats_.malformed++;
		LOG_WARN("pcidev: CFG_WRITE of %u bytes carries %zu", h.size, have);
		return;
	}
	if (h.addr >= kConfigSpaceSize || h.size > kConfigSpaceSize - h.addr) {
		LOG_WARN("pcidev: CFG_WRITE beyond config space (0x%llx)", static_cast<unsigned long long>(h.addr));
		return;
	}
	for (std::uint32_t off = 0; off < h.size; off += 4) {
		const unsigned w = std::min<std::uint32_t>(h.size - off, 4);

		fn_.config_write(static_cast<std::uint32_t>(h.addr + off), w,
				 static_cast<std::uint32_t>(get_le(data.data() + off, w)));
	}
}

std::uint32_t VirtioPciDevice::do_bar_read(const vhost::Chain &c, const MsgHeader &h)
{
	stats_.bar_reads++;
	const std::uint32_t n = std::min<std::uint32_t>(
		std::min<std::uint32_t>(h.size, kMaxMmioSize),
		static_cast<std::uint32_t>(std::min<std::size_t>(c.writable_bytes(), kMaxMmioSize)));

	if (n < h.size || h.size == 0 || h.bar >= kNumBars) {
		stats_.malformed++;
		LOG_WARN("pcidev: MMIO_READ bar %u size %u into a %zu-byte buffer", h.bar, h.size, c.writable_bytes());
		const std::array<std::uint8_t, 64> ones = [] {
			std::array<std::uint8_t, 64> a{};

			a.fill(0xff);
			return a;
		}();

		for (std::uint32_t off = 0; off < n; off += ones.size())
			(void)c.write(off, ones.data(), std::min<std::size_t>(ones.size(), n - off));
		return n;
	}
	for_each_access(h.addr, n, [&](std::uint32_t off, std::uint64_t a, unsigned w) {
		std::array<std::uint8_t, 8> buf{};

		put_le(buf.data(), fn_.bar_read(h.bar, a, w), w);
		(void)c.write(off, buf.data(), w);
	});
	return n;
}

void VirtioPciDevice::do_bar_write(const vhost::Chain &c, const MsgHeader &h)
{
	stats_.bar_writes++;
	if (h.bar >= kNumBars || h.size == 0 || h.size > kMaxMmioSize || c.readable_bytes() - sizeof(h) < h.size) {
		stats_.malformed++;
		LOG_WARN("pcidev: MMIO_WRITE bar %u size %u with %zu data bytes", h.bar, h.size,
			 c.readable_bytes() - sizeof(h));
		return;
	}
	for_each_access(h.addr, h.size, [&](std::uint32_t off, std::uint64_t a, unsigned w) {
		std::array<std::uint8_t, 8> buf{};

		(void)c.read(sizeof(h) + off, buf.data(), w);
		fn_.bar_write(h.bar, a, w, get_le(buf.data(), w));
	});
}

void VirtioPciDevice::do_memset(unsigned bar, std::uint64_t addr, std::uint32_t size, std::uint8_t value)
{
	stats_.memsets++;
	if (bar >= kNumBars || size > kMaxMmioSize) {
		stats_.malformed++;
		LOG_WARN("pcidev: memset of BAR %u, %u bytes: ignored", bar, size);
		return;
	}
	const std::uint64_t pattern = 0x0101010101010101ULL * value;

	for_each_access(addr, size, [&](std::uint32_t, std::uint64_t a, unsigned w) {
		fn_.bar_write(bar, a, w, w == 8 ? pattern : pattern & ((std::uint64_t{1} << (8 * w)) - 1));
	});
}

/* ---- queue 1: INTx ---- */

void VirtioPciDevice::set_level(bool asserted)
{
	if (asserted == level_)
		return;
	level_ = asserted;
	if (!asserted) {
		resend_streak_ = 0;
		cancel_backoff();
		return;
	}
	if (t_ != nullptr)
		(void)deliver_int();
}

void VirtioPciDevice::reasserted()
{
	if (level_)
		resend_streak_ = 0;
}

bool VirtioPciDevice::deliver_int()
{
	vhost::Virtqueue &q = t_->queue(kIrqQueue);

	while (q.pop(irq_chain_) == vhost::Virtqueue::PopResult::ok) {
		if (irq_chain_.writable_bytes() < sizeof(MsgHeader)) {
			LOG_WARN("pcidev: irq buffer of %zu bytes is too small", irq_chain_.writable_bytes());
			(void)q.push(irq_chain_.head(), 0);
			continue;
		}
		MsgHeader m{};

		m.op = static_cast<std::uint8_t>(Op::intx);
		m.addr = kPinA;
		(void)irq_chain_.write(0, &m, sizeof(m));
		(void)q.push(irq_chain_.head(), sizeof(m));
		(void)q.signal();
		outstanding_++;
		stats_.ints_sent++;
		return true;
	}
	/* Nothing posted: irq_queue_kicked() delivers when buffers come back. */
	return false;
}

void VirtioPciDevice::irq_queue_kicked()
{
	vhost::Virtqueue &q = t_->queue(kIrqQueue);
	/* Read the re-post index before draining the cmd queue (see top). */
	const std::uint16_t avail = q.avail_idx();

	if (t_->queue(kCmdQueue).ready())
		process_cmd_queue();
	if (irq_avail_known_) {
		const auto reposted = static_cast<std::uint16_t>(avail - irq_avail_seen_);

		outstanding_ -= std::min<unsigned>(reposted, outstanding_);
	}
	/* The first look sees the initially posted buffers: no EOIs. */
	irq_avail_seen_ = avail;
	irq_avail_known_ = true;

	if (!level_ || outstanding_ != 0 || backoff_armed_)
		return;
	if (++resend_streak_ > opt_.storm_threshold) {
		if (resend_streak_ == opt_.storm_threshold + 1)
			LOG_WARN("pcidev: INTx still asserted after %u interrupts; delaying "
				 "re-delivery (nobody clears the cause)",
				 opt_.storm_threshold);
		backoff_armed_ = true;
		backoff_timer_ = sched_.schedule(opt_.storm_backoff, [this] {
			backoff_armed_ = false;
			if (t_ != nullptr && level_ && outstanding_ == 0 && deliver_int())
				stats_.ints_resent++;
		});
		return;
	}
	if (deliver_int())
		stats_.ints_resent++;
}

void VirtioPciDevice::cancel_backoff()
{
	if (backoff_armed_)
		(void)sched_.cancel(backoff_timer_);
	backoff_armed_ = false;
}

} // namespace ipwmodel::pcidev
