// SPDX-License-Identifier: GPL-2.0
/*
 * transport/trans.cpp: probe and remove, the lifecycle (up, down, restart),
 * the command channel, the rings and the interrupt's two halves.
 */
#include <kcxx/random.h>
#include <kcxx/time.h>

#include <kcxx/errno.h>

#include "../fw_api.h"
#include "trans.h"

namespace ipw {

namespace {

/* Log the first few of a recurring event, then every power of two. */
bool worth_logging(long n)
{
	return n <= 4 || (n & (n - 1)) == 0;
}

const char *fw_error_name(u32 desc)
{
	static const char *const names[] = {"OK",	    "FAIL",	    "MEMORY_UNDERFLOW", "MEMORY_OVERFLOW",
					    "BAD_PARAM",    "BAD_CHECKSUM", "NMI_INTERRUPT",	"BAD_DATABASE",
					    "ALLOC_FAIL",   "DMA_UNDERRUN", "DMA_STATUS",	"DINO_ERROR",
					    "EEPROM_ERROR", "SYSASSERT",    "FATAL_ERROR"};
	return desc < sizeof(names) / sizeof(names[0]) ? names[desc] : "unknown";
}
} // namespace

Transport::Transport(kcxx::PciDevice pdev, const Params &params) : pdev_(pdev), dev_(pdev.device()), params_(params) {}

Transport::~Transport() = default;

/* ---- probe and remove ---------------------------------------------------- */

/* The legacy file names: the mode= parameter (validated by the glue) or set_mode(). */
const char *Transport::fw_name(int mode)
{
	static const char *const names[] = {"ipw2200-bss.fw", "ipw2200-ibss.fw", "ipw2200-sniffer.fw"};
	return mode >= 0 && mode <= 2 ? names[mode] : "?";
}

/* A non-zero RETRY_TIMEOUT (config byte 0x41) is cleared, as the card wants (probe and resume). */
void Transport::clear_retry_timeout(kcxx::Sleepable &ctx)
{
	auto cfg = pdev_.config_read32(ctx, 0x40);
	if (cfg && (cfg.value() & 0xff00))
		(void)pdev_.config_write32(ctx, 0x40, cfg.value() & ~0xff00u);
}

kcxx::Status Transport::request_firmware(kcxx::Sleepable &ctx, int mode, kcxx::Box<kcxx::Firmware> &file, FwImage &img)
{
	const char *name = fw_name(mode);
	auto fw = kcxx::Firmware::request(ctx, dev_, name);
	if (!fw) {
		dev_.err("%s: request_firmware failed: %d\n", name, fw.error());
		return kcxx::Err(fw.error());
	}
	file.reset(new (kcxx::Gfp::kernel(ctx)) kcxx::Firmware(kcxx::move(fw.value())));
	if (!file)
		return kcxx::Err(kcxx::err::nomem);
	auto parsed = parse_firmware(dev_, name, file->bytes());
	if (!parsed) {
		file.reset();
		return kcxx::Err(parsed.error());
	}
	img = parsed.value();
	return kcxx::Status::ok();
}

kcxx::Status Transport::set_mode(kcxx::Sleepable &ctx, int mode)
{
	if (mode < 0 || mode > 2)
		return kcxx::Err(kcxx::err::inval);
	if (status_.test(St::exiting))
		return kcxx::Err(kcxx::err::nodev);
	{
		auto life = life_.lock(ctx);
		if (life->mode == mode)
			return kcxx::Status::ok();
	}
	/* The new file first, outside life_ (the request may wait for user space): a bad one changes nothing. */
	kcxx::Box<kcxx::Firmware> file;
	FwImage img{};
	kcxx::Status st = request_firmware(ctx, mode, file, img);
	if (!st)
		return st;
	auto life = life_.lock(ctx);
	if (status_.test(St::exiting))
		return kcxx::Err(kcxx::err::nodev);
	down(ctx, life);
	/* The old file goes with `file` when this returns, after the load of the new one. */
	kcxx::Firmware *old = life->file.release();
	life->file.reset(file.release());
	file.reset(old);
	life->img = img;
	life->mode = mode;
	mode_.set(mode);
	dev_.info("switching to %s\n", fw_name(mode));
	st = up(ctx, life);
	if (!st)
		dev_.err("%s: the adapter did not come up: %d\n", fw_name(mode), st.error());
	return st;
}

void Transport::write_station(unsigned int i, const u8 *mac)
{
	if (i >= regs::max_stations)
		return;
	u8 e[8] = {};
	if (mac)
		__builtin_memcpy(e, mac, 6);
	u32 lo = static_cast<u32>(e[0]) | static_cast<u32>(e[1]) << 8 | static_cast<u32>(e[2]) << 16 |
		 static_cast<u32>(e[3]) << 24;
	u32 hi = static_cast<u32>(e[4]) | static_cast<u32>(e[5]) << 8;
	hw_.write32_at(regs::station_table + 8 * i, lo);
	hw_.write32_at(regs::station_table + 8 * i + 4, hi);
}

kcxx::Status Transport::alloc_rings(kcxx::Sleepable &ctx)
{
	auto cmd = kcxx::DmaCoherent<Tfd>::alloc(dev_, kcxx::Gfp::kernel(ctx), regs::cmd_ring_size);
	if (!cmd)
		return kcxx::Err(cmd.error());
	cmd_mem_.reset(new (kcxx::Gfp::kernel(ctx)) kcxx::DmaCoherent<Tfd>(kcxx::move(cmd.value())));
	if (!cmd_mem_)
		return kcxx::Err(kcxx::err::nomem);
	{
		auto g = cmd_ring_.lock(ctx);
		g->mem = cmd_mem_.get();
	}
	for (unsigned int q = 0; q < regs::tx_rings; q++) {
		auto mem = kcxx::DmaCoherent<Tfd>::alloc(dev_, kcxx::Gfp::kernel(ctx), regs::tx_ring_size);
		if (!mem)
			return kcxx::Err(mem.error());
		tx_mem_[q].reset(new (kcxx::Gfp::kernel(ctx)) kcxx::DmaCoherent<Tfd>(kcxx::move(mem.value())));
		if (!tx_mem_[q])
			return kcxx::Err(kcxx::err::nomem);
		auto g = tx_[q].lock(ctx);
		g->mem = tx_mem_[q].get();
	}
	auto rx = rx_.lock(ctx);
	for (auto &s : rx->slot) {
		s.buf = new (kcxx::Gfp::kernel(ctx)) RxBuf;
		if (!s.buf)
			return kcxx::Err(kcxx::err::nomem);
		auto m = kcxx::DmaMapping::map(dev_, s.buf->bytes, sizeof(s.buf->bytes), kcxx::DmaDir::from_device);
		if (!m)
			return kcxx::Err(m.error());
		s.map = new (kcxx::Gfp::kernel(ctx)) kcxx::DmaMapping(kcxx::move(m.value()));
		if (!s.map)
			return kcxx::Err(kcxx::err::nomem);
	}
	return kcxx::Status::ok();
}

void Transport::free_rings(kcxx::Sleepable &ctx)
{
	{
		auto rx = rx_.lock(ctx);
		for (auto &s : rx->slot) {
			delete s.map; /* unmaps */
			s.map = nullptr;
			delete s.buf;
			s.buf = nullptr;
		}
	}
	for (unsigned int q = 0; q < regs::tx_rings; q++) {
		{
			auto g = tx_[q].lock(ctx);
			g->mem = nullptr;
		}
		tx_mem_[q].reset();
	}
	{
		auto g = cmd_ring_.lock(ctx);
		g->mem = nullptr;
	}
	cmd_mem_.reset();
}

kcxx::Status Transport::probe(kcxx::Sleepable &ctx)
{
	kcxx::Status st = pdev_.enable(ctx);
	if (!st) {
		dev_.err("cannot enable the PCI device: %d\n", st.error());
		return st;
	}
	pci_enabled_ = true;
	pdev_.set_master();
	st = kcxx::dma_set_mask(dev_, 32);
	if (!st) {
		dev_.err("no usable 32-bit DMA: %d\n", st.error());
		remove(ctx);
		return st;
	}
	clear_retry_timeout(ctx);
	st = pdev_.request_regions(ctx, "ipw2200_cxx");
	if (!st) {
		dev_.err("BAR0 is in use: %d\n", st.error());
		remove(ctx);
		return st;
	}
	regions_ = true;
	st = hw_.map(ctx, pdev_);
	if (!st) {
		dev_.err("cannot map BAR0: %d\n", st.error());
		remove(ctx);
		return st;
	}
	{
		auto life = life_.lock(ctx);
		life->mode = params_.mode;
		mode_.set(params_.mode);
		st = request_firmware(ctx, params_.mode, life->file, life->img);
	}
	if (!st) {
		remove(ctx);
		return st;
	}
	st = alloc_rings(ctx);
	if (!st) {
		dev_.err("no memory for the rings: %d\n", st.error());
		remove(ctx);
		return st;
	}
	st = wq_.create(ctx, "ipw2200_cxx", kcxx::WorkQueue::ordered | kcxx::WorkQueue::freezable);
	if (!st) {
		remove(ctx);
		return st;
	}
	/* Nothing may interrupt before the handler can make sense of it. */
	irq_disable();
	hw_.write32<regs::inta_rw>(regs::inta::mask_all);
	st = irq_line_.request<&Transport::hard_irq, &Transport::irq_thread>(ctx, pdev_.irq(), this, "ipw2200_cxx",
									     true);
	if (!st) {
		dev_.err("cannot get IRQ %u: %d\n", pdev_.irq(), st.error());
		remove(ctx);
		return st;
	}
	if (params_.disable)
		status_.set(St::rf_kill_sw);
	{
		auto life = life_.lock(ctx);
		st = up(ctx, life);
	}
	if (!st) {
		remove(ctx);
		return st;
	}
	debugfs_init();
	return kcxx::Status::ok();
}

/*
 * Teardown order (Documentation/locking.rst, "Teardown"):
 *  1. exiting: nothing new starts (commands, restarts, rf-kill polls);
 *     waiting senders are woken and fail with -ENODEV;
 *  2. debugfs goes away, after its readers and writers have left;
 *  3. the restart and rf-kill works are cancelled (they see exiting);
 *  4. the firmware is stopped (CARD_DISABLE, interrupts masked at the
 *     device, the thread synchronised, the NIC held in reset);
 *  5. free_irq(): neither half can run again;
 *  6. ring memory, firmware, register mapping, PCI resources.
 * Also the unwind of a failed probe: every step checks what exists.
 */
void Transport::remove(kcxx::Sleepable &ctx)
{
	status_.set(St::exiting);
	ready_wait_.wake_all();
	cmd_wait_.wake_all();
	dbg_dir_.remove(ctx);
	restart_.cancel_sync(ctx);
	rf_poll_.cancel_sync(ctx);
	{
		auto life = life_.lock(ctx);
		down(ctx, life);
		life->file.reset();
	}
	irq_line_.free(ctx);
	free_rings(ctx);
	hw_.unmap(ctx);
	if (regions_)
		pdev_.release_regions(ctx);
	regions_ = false;
	if (pci_enabled_) {
		pdev_.clear_master();
		pdev_.disable(ctx);
	}
	pci_enabled_ = false;
}

kcxx::Status Transport::suspend(kcxx::Sleepable &ctx)
{
	status_.set(St::suspended);
	restart_.cancel_sync(ctx);
	rf_poll_.cancel_sync(ctx);
	{
		auto life = life_.lock(ctx);
		down(ctx, life);
	}
	auto st = pdev_.save_state(ctx);
	if (!st)
		return st;
	return pdev_.set_power(ctx, kcxx::PciPower::d3hot);
}

kcxx::Status Transport::resume(kcxx::Sleepable &ctx)
{
	auto st = pdev_.set_power(ctx, kcxx::PciPower::d0);
	if (!st)
		return st;
	pdev_.restore_state(ctx);
	clear_retry_timeout(ctx);
	status_.clear(St::suspended);
	auto life = life_.lock(ctx);
	return up(ctx, life);
}

/* ---- lifecycle ----------------------------------------------------------- */

kcxx::Status Transport::read_fw_version(kcxx::Sleepable &ctx)
{
	u8 raw[64] = {};
	auto st = ordinal(ctx, regs::ord_fw_version, raw, sizeof(raw));
	if (!st)
		return st;
	size_t n = 0;
	for (size_t i = 0; i < sizeof(raw) && n + 1 < sizeof(fw_version_); i++) {
		if (!raw[i])
			break;
		fw_version_[n++] = (raw[i] >= 0x20 && raw[i] < 0x7f) ? static_cast<char>(raw[i]) : '?';
	}
	fw_version_[n] = 0;
	return kcxx::Status::ok();
}

kcxx::Status Transport::up(kcxx::Sleepable &ctx, kcxx::MutexGuard<Life> &life)
{
	if (status_.test(St::exiting))
		return kcxx::Err(kcxx::err::nodev);
	if (status_.test(St::rf_kill_sw)) {
		dev_.info("radio disabled by the disable=1 module parameter\n");
		return kcxx::Status::ok();
	}
	unsigned long t0 = kcxx::jiffies_now();
	/* A load that fails (the DINO not alive, a DMA stall) is tried three times. */
	kcxx::Status st = kcxx::Status::ok();
	for (int attempt = 1; attempt <= 3; attempt++) {
		if (status_.test(St::exiting))
			return kcxx::Err(kcxx::err::nodev);
		st = load(ctx, life->img);
		if (st)
			break;
		stop_nic(ctx);
		if (attempt < 3)
			dev_.warn("firmware load failed (%d), attempt %d of 3\n", st.error(), attempt);
	}
	if (!st)
		return st;
	life->loads++;
	if (!read_fw_version(ctx))
		__builtin_strcpy(fw_version_, "unknown");
	if (life->loads == 1) {
		const u8 *m = eeprom_.mac;
		dev_.info("Intel PRO/Wireless %s (%04x:%04x), MAC %02x:%02x:%02x:%02x:%02x:%02x, geography %s\n",
			  is_2915() ? "2915ABG" : "2200BG", pdev_.vendor(), pdev_.device_id(), m[0], m[1], m[2], m[3],
			  m[4], m[5], eeprom_.country);
		dev_.info("firmware %s (%s v%u.%u) loaded in %u ms\n", fw_version_, fw_name(life->mode),
			  life->img.major(), life->img.minor(),
			  kcxx::Timeout::jiffies(static_cast<long>(kcxx::jiffies_now() - t0)).to_ms());
	}
	{
		/* Receive buffers: every slot posted, the firmware may fill 30 of 32. */
		auto rx = rx_.lock(ctx);
		for (unsigned int n = 0; n < regs::rx_ring_size; n++) {
			rx->slot[n].map->sync_for_device();
			hw_.write32_at(regs::rfd_slot(n), static_cast<u32>(rx->slot[n].map->bus_addr()));
		}
		rx->read = 0;
		rx->armed = true;
		hw_.write32<regs::rx_write_index>(regs::rx_ring_size - 2);
		hw_.write32<regs::rx_read_index>(0);
	}
	status_.set(St::fw_alive);
	status_.set(St::irq_live);
	irq_enable();
	hw_.write32<regs::inta_rw>(regs::inta::mask_all);

	if (!(hw_.read32<regs::radio_status>() & regs::radio_allowed)) {
		status_.set(St::rf_kill_hw);
		dev_.notice("radio disabled by the hardware switch\n");
		if (client_)
			client_->rf_kill(ctx, true);
		rf_poll_.queue(kcxx::Timeout::ms(2000));
		return kcxx::Status::ok();
	}
	status_.clear(St::rf_kill_hw);
	ready_wait_.wake_all();
	if (client_) {
		st = client_->firmware_up(ctx);
		if (!st) {
			dev_.err("firmware configuration failed: %d\n", st.error());
			down(ctx, life);
			return st;
		}
	}
	status_.set(St::ready);
	ready_wait_.wake_all();
	return kcxx::Status::ok();
}

void Transport::down(kcxx::Sleepable &ctx, kcxx::MutexGuard<Life> &)
{
	bool orderly = status_.test(St::fw_alive) && !status_.test(St::restarting);
	if (orderly && client_)
		client_->firmware_down(ctx);
	if (orderly && status_.test(St::ready) && !hw_.gone()) {
		const u8 phy_off[4] = {0, 0, 0, 0};
		(void)send(ctx, cmd::card_disable, phy_off, sizeof(phy_off), true);
	}
	status_.clear(St::ready);
	status_.clear(St::fw_alive);
	status_.clear(St::irq_live);
	fail_commands();
	irq_disable();
	if (irq_line_.requested())
		irq_line_.synchronize(ctx);
	{
		auto rx = rx_.lock(ctx);
		rx->armed = false;
	}
	if (!hw_.gone())
		stop_nic(ctx);
	/* The firmware will not take what is left on the data rings: give it back. */
	tx_flush(ctx);
}

void Transport::schedule_restart(const char *why)
{
	if (status_.test(St::exiting) || status_.test(St::suspended))
		return;
	if (status_.test_and_set(St::restarting))
		return;
	dev_.warn("reloading the firmware: %s\n", why);
	restart_.queue_on(wq_);
}

void Transport::restart_work(kcxx::Sleepable &ctx)
{
	if (status_.test(St::exiting)) {
		status_.clear(St::restarting);
		return;
	}
	kcxx::Status st = kcxx::Status::ok();
	{
		auto life = life_.lock(ctx);
		down(ctx, life);
		status_.clear(St::restarting);
		st = up(ctx, life);
	}
	counters.restarts.add(1);
	if (!st) {
		counters.restart_failures.add(1);
		dev_.err("firmware reload failed (%d); the adapter stays down until the next restart\n", st.error());
	} else {
		dev_.info("firmware reloaded\n");
	}
	ready_wait_.wake_all();
}

void Transport::rf_kill_poll(kcxx::Sleepable &ctx)
{
	if (status_.test(St::exiting) || !status_.test(St::rf_kill_hw))
		return;
	if (!(hw_.read32<regs::radio_status>() & regs::radio_allowed)) {
		rf_poll_.queue(kcxx::Timeout::ms(2000));
		return;
	}
	dev_.notice("hardware radio switch released\n");
	status_.clear(St::rf_kill_hw);
	if (client_)
		client_->rf_kill(ctx, false);
	schedule_restart("radio switched back on");
}

/* ---- rf-kill and identity ------------------------------------------------ */

kcxx::Status Transport::set_radio_off(kcxx::Sleepable &ctx, bool off)
{
	auto life = life_.lock(ctx);
	if (status_.test(St::exiting))
		return kcxx::Err(kcxx::err::nodev);
	if (off) {
		if (status_.test_and_set(St::rf_kill_sw))
			return kcxx::Status::ok();
		dev_.info("radio disabled by rf-kill\n");
		down(ctx, life);
		/* Senders waiting for a firmware give up now. */
		ready_wait_.wake_all();
		return kcxx::Status::ok();
	}
	if (!status_.test_and_clear(St::rf_kill_sw))
		return kcxx::Status::ok();
	dev_.info("radio enabled again\n");
	auto st = up(ctx, life);
	ready_wait_.wake_all();
	return st;
}

void Transport::fw_version(kcxx::Sleepable &ctx, char *out, size_t n)
{
	if (!n)
		return;
	auto life = life_.lock(ctx);
	size_t i = 0;
	for (; i + 1 < n && fw_version_[i]; i++)
		out[i] = fw_version_[i];
	out[i] = 0;
}

kcxx::Status Transport::copy_eeprom(kcxx::Sleepable &ctx, size_t offset, size_t len, u8 *out)
{
	if (offset > sizeof(eeprom_.image) || len > sizeof(eeprom_.image) - offset)
		return kcxx::Err(kcxx::err::inval);
	auto life = life_.lock(ctx);
	__builtin_memcpy(out, eeprom_.image + offset, len);
	return kcxx::Status::ok();
}

void Transport::set_leds(kcxx::Sleepable &ctx, u32 on, u32 off)
{
	if (!status_.test(St::fw_alive) || hw_.gone())
		return;
	auto w = hw_.window(ctx);
	u32 v = w.read32(regs::event_reg);
	/* Bit 2 and the DMA gate bits 25, 26, 29 are written back as 0 (hardware reference 5). */
	v &= ~(regs::event_led_clear | off);
	v |= on;
	w.write32(regs::event_reg, v);
}

/*
 * index_ok() - a ring index read from the device is inside its ring;
 * otherwise count and report it and reload the firmware (nothing the
 * firmware says about that ring can be trusted any more).
 */
bool Transport::index_ok(const char *ring, u32 idx, u32 size)
{
	if (idx < size)
		return true;
	long n = counters.bad_indices.add_return(1);
	if (worth_logging(n))
		dev_.err("%s read index %u out of range [0, %u)\n", ring, idx, size);
	schedule_restart("a ring index out of range");
	return false;
}

/* ---- command channel ----------------------------------------------------- */

void Transport::fail_commands()
{
	cmd_wait_.wake_all();
	ready_wait_.wake_all();
}

kcxx::Status Transport::send_command(kcxx::Sleepable &ctx, u8 id, const void *payload, size_t len)
{
	return send(ctx, id, payload, len, false);
}

/*
 * send() - @last: the CARD_DISABLE of a teardown, which goes out although
 * exiting is already set (nothing else may).
 */
kcxx::Status Transport::send(kcxx::Sleepable &ctx, u8 id, const void *payload, size_t len, bool last)
{
	if (len > regs::cmd_payload_max)
		return kcxx::Err(kcxx::err::inval);
	/* Wait for a running firmware: a restart in progress is waited out, not reported. */
	auto wr = ready_wait_.wait_until_interruptible(ctx, kcxx::Timeout::ms(10000), [this, last] {
		return (!last && status_.test(St::exiting)) || status_.test(St::fw_alive) ||
		       ((status_.test(St::rf_kill_hw) || status_.test(St::rf_kill_sw)) &&
			!status_.test(St::restarting));
	});
	if (!last && status_.test(St::exiting))
		return kcxx::Err(kcxx::err::nodev);
	if (wr == kcxx::WaitResult::interrupted)
		return kcxx::Err(kcxx::err::intr);
	if (!status_.test(St::fw_alive))
		return kcxx::Err(kcxx::err::netdown);

	auto turn = cmd_turn_.lock(ctx);
	if (!last && status_.test(St::exiting))
		return kcxx::Err(kcxx::err::nodev);
	if (!status_.test(St::fw_alive))
		return kcxx::Err(kcxx::err::netdown);
	turn->last_id = id;
	u64 mine;
	{
		auto ring = cmd_ring_.lock(ctx);
		if (!ring->mem)
			return kcxx::Err(kcxx::err::nodev);
		Tfd *t = ring->mem->at(ring->write);
		__builtin_memset(t->bytes, 0, sizeof(t->bytes));
		t->bytes[0] = regs::tfd_host_command;
		t->bytes[2] = regs::tfd_need_irq;
		t->bytes[4] = id;
		t->bytes[5] = static_cast<u8>(len);
		if (len)
			__builtin_memcpy(t->bytes + 8, payload, len);
		ring->write = (ring->write + 1) % regs::cmd_ring_size;
		mine = ++ring->issued;
		hw_.write32<regs::cmd_write_index>(ring->write);
		(void)hw_.read32<regs::flush_read>();
	}
	auto done = [this, mine, &ctx]() KCXX_NO_THREAD_SAFETY_ANALYSIS {
		auto ring = cmd_ring_.lock(ctx);
		return ring->completed >= mine;
	};
	cmd_wait_.wait_until(
		ctx, kcxx::Timeout::ms(params_.cmd_timeout_ms), [&, last]() KCXX_NO_THREAD_SAFETY_ANALYSIS {
			return done() || (!last && status_.test(St::exiting)) || !status_.test(St::fw_alive);
		});
	if (!done() && status_.test(St::fw_alive) && !status_.test(St::exiting)) {
		/* Taken, but its interrupt lost?  The read index tells. */
		handle_cmd_done();
		if (done()) {
			long n = counters.lost_completions.add_return(1);
			if (worth_logging(n))
				dev_.warn("command %u completed without an interrupt\n", id);
		}
	}
	if (done()) {
		counters.cmds_sent.add(1);
		return kcxx::Status::ok();
	}
	counters.cmds_failed.add(1);
	if (!last && status_.test(St::exiting))
		return kcxx::Err(kcxx::err::nodev);
	if (!status_.test(St::fw_alive))
		return kcxx::Err(kcxx::err::io);
	long n = counters.cmds_timed_out.add_return(1);
	if (worth_logging(n))
		dev_.err("command %u was not taken by the firmware within %u ms\n", id, params_.cmd_timeout_ms);
	/* The firmware is stuck: a reload is the only way out.  Later senders wait for it. */
	status_.clear(St::fw_alive);
	status_.clear(St::ready);
	schedule_restart("a command timed out");
	return kcxx::Err(kcxx::err::timedout);
}

void Transport::handle_cmd_done()
{
	u32 idx = hw_.read32<regs::cmd_read_index>();
	if (!index_ok("command ring", idx, regs::cmd_ring_size))
		return;
	kcxx::with_atomic([&](kcxx::AtomicContext &a) {
		auto ring = cmd_ring_.lock(a);
		u32 n = (idx + regs::cmd_ring_size - ring->read) % regs::cmd_ring_size;
		ring->read = idx;
		ring->completed += n;
		if (ring->completed > ring->issued)
			ring->completed = ring->issued;
	});
	cmd_wait_.wake_all();
}

/* ---- data rings ---------------------------------------------------------- */

void Transport::reset_rings(kcxx::Sleepable &ctx)
{
	{
		auto ring = cmd_ring_.lock(ctx);
		ring->write = 0;
		ring->read = 0;
		ring->completed = ring->issued;
		if (ring->mem) {
			hw_.write32<regs::cmd_bd_base>(static_cast<u32>(ring->mem->bus_addr()));
			hw_.write32<regs::cmd_bd_size>(regs::cmd_ring_size);
		}
		hw_.write32<regs::cmd_read_index>(0);
		hw_.write32<regs::cmd_write_index>(0);
	}
	for (unsigned int q = 0; q < regs::tx_rings; q++) {
		auto ring = tx_[q].lock(ctx);
		ring->write = 0;
		ring->read = 0;
		if (ring->mem) {
			hw_.write32_at(regs::txq_bd_base(q), static_cast<u32>(ring->mem->bus_addr()));
			hw_.write32_at(regs::txq_bd_size(q), regs::tx_ring_size);
		}
		hw_.write32_at(regs::txq_read_index(q), 0);
		hw_.write32_at(regs::txq_write_index(q), 0);
	}
	(void)hw_.read32<regs::flush_read>();
}

kcxx::Status Transport::tx_submit(unsigned int q, const Tfd &tfd, void *cookie)
{
	if (q >= regs::tx_rings)
		return kcxx::Err(kcxx::err::inval);
	if (!status_.test(St::ready))
		return kcxx::Err(kcxx::err::netdown);
	bool stop = false;
	kcxx::Status st = kcxx::with_atomic([&](kcxx::AtomicContext &a) -> kcxx::Status {
		auto ring = tx_[q].lock(a);
		if (!ring->mem)
			return kcxx::Err(kcxx::err::netdown);
		if (tx_free(*ring) == 0)
			return kcxx::Err(kcxx::err::nospc);
		__builtin_memcpy(ring->mem->at(ring->write)->bytes, tfd.bytes, sizeof(tfd.bytes));
		ring->cookie[ring->write] = cookie;
		ring->write = (ring->write + 1) % regs::tx_ring_size;
		hw_.write32_at(regs::txq_write_index(q), ring->write);
		if (!ring->stopped && tx_free(*ring) < tx_stop_mark) {
			ring->stopped = true;
			stop = true;
		}
		return kcxx::Status::ok();
	});
	if (stop && client_)
		client_->tx_flow(q, true);
	return st;
}

/*
 * Reclaim what the firmware took (up to its read index), then tell the
 * client, without the ring lock: the frames' owners free them.
 */
void Transport::handle_tx_done(unsigned int q)
{
	static const char *const names[regs::tx_rings] = {"data ring 0", "data ring 1", "data ring 2", "data ring 3"};
	u32 idx = hw_.read32_at(regs::txq_read_index(q));
	if (!index_ok(names[q], idx, regs::tx_ring_size))
		return;
	void *done[regs::tx_ring_size];
	unsigned int n = 0;
	bool wake = false;
	kcxx::with_atomic([&](kcxx::AtomicContext &a) {
		auto ring = tx_[q].lock(a);
		while (ring->read != idx && ring->read != ring->write) {
			done[n++] = ring->cookie[ring->read];
			ring->cookie[ring->read] = nullptr;
			ring->read = (ring->read + 1) % regs::tx_ring_size;
		}
		if (ring->stopped && tx_free(*ring) > tx_wake_mark) {
			ring->stopped = false;
			wake = true;
		}
	});
	counters.tx_reclaimed.add(n);
	if (client_) {
		for (unsigned int i = 0; i < n; i++)
			client_->tx_done(done[i], true);
		if (wake)
			client_->tx_flow(q, false);
	}
}

/* tx_flush() - give back every frame still on the data rings (the firmware is down). */
void Transport::tx_flush(kcxx::Sleepable &ctx)
{
	for (unsigned int q = 0; q < regs::tx_rings; q++) {
		void *left[regs::tx_ring_size];
		unsigned int n = 0;
		bool wake = false;
		{
			auto ring = tx_[q].lock(ctx);
			while (ring->read != ring->write) {
				left[n++] = ring->cookie[ring->read];
				ring->cookie[ring->read] = nullptr;
				ring->read = (ring->read + 1) % regs::tx_ring_size;
			}
			wake = ring->stopped;
			ring->stopped = false;
		}
		if (client_) {
			for (unsigned int i = 0; i < n; i++)
				client_->tx_done(left[i], false);
			if (wake)
				client_->tx_flow(q, false);
		}
	}
}

/* ---- receive ------------------------------------------------------------- */

void Transport::handle_rx_packet(kcxx::Sleepable &ctx, const u8 *p, size_t cap)
{
	kcxx::Bytes b(p, cap);
	u8 type = p[0];
	if (type == regs::rx_frame_type) {
		u16 len = b.read_le16(26).value_or(0);
		if (len < 10 || len > cap - regs::rx_frame_header) {
			long n = counters.rx_bad.add_return(1);
			if (worth_logging(n))
				dev_.warn("received frame of %u bytes does not fit its %zu-byte buffer\n", len, cap);
			return;
		}
		counters.rx_frames.add(1);
		if (client_) {
			RxInfo info{p[12],
				    p[14],
				    p[17],
				    p[22],
				    p[23],
				    b.read_le16(18).value_or(0),
				    b.read_le16(20).value_or(0)};
			client_->rx_frame(ctx, info, p + regs::rx_frame_header, len);
		}
	} else if (type == regs::rx_notification_type) {
		u16 size = b.read_le16(14).value_or(0);
		if (size > cap - regs::rx_notification_header) {
			long n = counters.rx_bad.add_return(1);
			if (worth_logging(n))
				dev_.warn("notification %u of %u bytes does not fit its buffer\n", p[12], size);
			return;
		}
		counters.rx_notifications.add(1);
		if (client_)
			client_->notification(ctx, p[12], p[13], p + regs::rx_notification_header, size);
	} else {
		long n = counters.rx_unknown.add_return(1);
		if (worth_logging(n))
			dev_.warn("receive packet of unknown type 0x%02x dropped\n", type);
	}
}

void Transport::handle_rx(kcxx::Sleepable &ctx)
{
	auto rx = rx_.lock(ctx);
	if (!rx->armed)
		return;
	u32 fw_read = hw_.read32<regs::rx_read_index>();
	if (!index_ok("receive ring", fw_read, regs::rx_ring_size))
		return;
	unsigned int handled = 0;
	while (rx->read != fw_read && handled < regs::rx_ring_size) {
		RxSlot &s = rx->slot[rx->read];
		s.map->sync_for_cpu();
		handle_rx_packet(ctx, s.buf->bytes, sizeof(s.buf->bytes));
		s.map->sync_for_device();
		rx->read = (rx->read + 1) % regs::rx_ring_size;
		handled++;
	}
	/* Every processed buffer is posted again at once: the firmware may fill up to two behind us. */
	hw_.write32<regs::rx_write_index>((rx->read + regs::rx_ring_size - 2) % regs::rx_ring_size);
}

/* ---- interrupts ---------------------------------------------------------- */

void Transport::irq_enable()
{
	kcxx::with_atomic([this](kcxx::AtomicContext &a) {
		auto g = irq_.lock(a);
		if (!status_.test(St::irq_live) || hw_.gone())
			return;
		g->enabled = true;
		hw_.write32<regs::inta_mask>(regs::inta::mask_all);
	});
}

void Transport::irq_disable()
{
	kcxx::with_atomic([this](kcxx::AtomicContext &a) {
		auto g = irq_.lock(a);
		g->enabled = false;
		hw_.write32<regs::inta_mask>(regs::inta::mask_off);
	});
}

kcxx::IrqReturn Transport::hard_irq(kcxx::AtomicContext &ctx)
{
	auto g = irq_.lock(ctx);
	if (!g->enabled) {
		counters.irqs_not_ours.add(1);
		return kcxx::IrqReturn::none;
	}
	u32 inta = hw_.read32<regs::inta_rw>();
	if (inta == ~0u) {
		/* The device is gone (or being unbound): not ours, and nothing to ack. */
		counters.irqs_not_ours.add(1);
		return kcxx::IrqReturn::none;
	}
	u32 bits = inta & regs::inta::mask_all & hw_.read32<regs::inta_mask>();
	if (!bits) {
		counters.irqs_not_ours.add(1);
		return kcxx::IrqReturn::none;
	}
	/* Silence the device, ack what we saw, hand it to the thread. */
	hw_.write32<regs::inta_mask>(regs::inta::mask_off);
	g->enabled = false;
	hw_.write32<regs::inta_rw>(bits);
	g->pending |= bits;
	counters.irqs.add(1);
	return kcxx::IrqReturn::wake_thread;
}

void Transport::handle_rf_kill(kcxx::Sleepable &ctx)
{
	counters.rf_kill_events.add(1);
	if (hw_.read32<regs::radio_status>() & regs::radio_allowed)
		return;
	if (status_.test_and_set(St::rf_kill_hw))
		return;
	dev_.notice("radio disabled by the hardware switch\n");
	/* The firmware stops taking commands: senders fail now instead of timing out. */
	status_.clear(St::ready);
	status_.clear(St::fw_alive);
	status_.clear(St::irq_live);
	fail_commands();
	if (client_)
		client_->rf_kill(ctx, true);
	rf_poll_.queue(kcxx::Timeout::ms(2000));
}

void Transport::handle_fatal(kcxx::Sleepable &ctx, u32 inta)
{
	counters.fatal_errors.add(1);
	status_.clear(St::irq_live);
	status_.clear(St::ready);
	status_.clear(St::fw_alive);
	fail_commands();
	if (inta & regs::inta::parity_error) {
		dev_.err("parity error reported by the adapter\n");
	}
	if (inta & regs::inta::fatal_error) {
		u32 base = hw_.read32<regs::error_log>();
		auto log = errlog_.lock(ctx);
		log->status = inta;
		log->when = kcxx::jiffies_now();
		log->count = 0;
		log->kept = 0;
		if (base && base < regs::sram_size - 4) {
			auto w = hw_.window(ctx);
			log->count = w.read32(base);
			unsigned int room = (regs::sram_size - base - 4) / 28;
			unsigned int keep = log->count < 8 ? log->count : 8;
			if (keep > room)
				keep = room;
			for (unsigned int i = 0; i < keep; i++) {
				u32 a = base + 4 + 28 * i;
				FwErrorEntry &e = log->e[i];
				e = {w.read32(a),      w.read32(a + 4),	 w.read32(a + 8), w.read32(a + 12),
				     w.read32(a + 16), w.read32(a + 20), w.read32(a + 24)};
			}
			log->kept = keep;
		} else if (base) {
			dev_.err("firmware error log pointer 0x%x is outside SRAM\n", base);
		}
		if (log->kept)
			dev_.err("firmware error: %s (%u), time %u, data 0x%08x; %u log entries\n",
				 fw_error_name(log->e[0].desc), log->e[0].desc, log->e[0].time, log->e[0].data,
				 log->count);
		else
			dev_.err("firmware error (no error log)\n");
	}
	schedule_restart(inta & regs::inta::fatal_error ? "firmware error" : "parity error");
}

kcxx::IrqReturn Transport::irq_thread(kcxx::Sleepable &ctx)
{
	counters.thread_runs.add(1);
	u32 bits = kcxx::with_atomic([this](kcxx::AtomicContext &a) {
		auto g = irq_.lock(a);
		u32 b = g->pending;
		g->pending = 0;
		return b;
	});
	/* Bits that arrived after the hard handler read INTA (the device is masked): ack and take them too. */
	u32 late = hw_.read32<regs::inta_rw>();
	if (late != ~0u) {
		late &= regs::inta::mask_all;
		if (late)
			hw_.write32<regs::inta_rw>(late);
		bits |= late;
	}
	if (bits & regs::inta::rx_transfer)
		handle_rx(ctx);
	if (bits & regs::inta::tx_cmd_queue)
		handle_cmd_done();
	for (unsigned int q = 0; q < regs::tx_rings; q++)
		if (bits & (regs::inta::tx_queue_1 << q))
			handle_tx_done(q);
	if (bits & regs::inta::rf_kill_done)
		handle_rf_kill(ctx);
	if (bits & (regs::inta::fatal_error | regs::inta::parity_error))
		handle_fatal(ctx, bits);
	u32 other = bits & (regs::inta::status_change | regs::inta::beacon_period_expired |
			    regs::inta::slave_mode_host_cmd_done | regs::inta::prepare_for_power_down |
			    regs::inta::power_down | regs::inta::fw_init_done);
	if (other)
		dev_.dbg("interrupt bits 0x%08x ignored\n", other);
	/* Unmask only if the device is still meant to run (not after a fatal error, not while going down). */
	irq_enable();
	return kcxx::IrqReturn::handled;
}

/* ---- ordinals ------------------------------------------------------------ */

kcxx::Status Transport::ordinal(kcxx::Sleepable &ctx, u32 ord, void *buf, size_t len)
{
	u32 table = ord & regs::ord_table_mask;
	u32 idx = ord & 0xff;
	if (table == regs::ord_table_0) {
		u32 count = hw_.read32<regs::ordinals_table_0>();
		if (len < 4 || idx == 0 || idx > count || idx >= (regs::shared_upper - regs::ordinals_table_0) / 4)
			return kcxx::Err(kcxx::err::inval);
		u32 v = hw_.read32_at(regs::ordinals_table_0 + 4 * idx);
		__builtin_memcpy(buf, &v, 4);
		return kcxx::Status::ok();
	}
	if (table != regs::ord_table_2)
		return kcxx::Err(kcxx::err::inval);
	u32 base = hw_.read32<regs::ordinals_table_2>();
	if (!base || base >= regs::sram_size - 8)
		return kcxx::Err(kcxx::err::inval);
	auto w = hw_.window(ctx);
	u32 count = w.read32(base) & 0xffff;
	if (idx == 0 || idx > count || base + 8 * idx + 8 > regs::sram_size)
		return kcxx::Err(kcxx::err::inval);
	u32 addr = w.read32(base + 8 * idx);
	u32 field = w.read32(base + 8 * idx + 4);
	u32 total = (field & 0xffff) * (field >> 16);
	if (total > len || addr >= regs::sram_size || total > regs::sram_size - addr)
		return kcxx::Err(kcxx::err::inval);
	w.read_block(addr, static_cast<u8 *>(buf), total);
	return kcxx::Status::ok();
}

} // namespace ipw
