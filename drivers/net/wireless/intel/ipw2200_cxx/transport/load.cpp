// SPDX-License-Identifier: GPL-2.0
/*
 * transport/load.cpp: the load sequence -- boot image, DINO microcode,
 * runtime image, EEPROM -- with bounded polls that sleep between reads.
 *
 * Runs with the lifecycle mutex held, the interrupt masked at the device
 * and no bottom half running (Transport::up() arranges that).
 */
#include <kcxx/dma.h>
#include <kcxx/time.h>

#include <kcxx/errno.h>

#include "trans.h"

namespace ipw {

namespace {

/* poll() - @pred() until true or @timeout_ms passed, sleeping @step_us between tries. */
template <typename Pred>
bool poll(kcxx::Sleepable &ctx, unsigned int timeout_ms, unsigned long step_us, Pred &&pred) KCXX_REQUIRES(ctx)
{
	unsigned long end = kcxx::jiffies_now() + static_cast<unsigned long>(kcxx::Timeout::ms(timeout_ms).jiffies());
	for (;;) {
		if (pred())
			return true;
		if (static_cast<long>(kcxx::jiffies_now() - end) > 0)
			return pred();
		kcxx::usleep_range(ctx, step_us, step_us * 2);
	}
}

} // namespace

kcxx::Status Transport::stop_master(kcxx::Sleepable &ctx, unsigned int timeout_ms)
{
	hw_.set_bits<regs::reset_reg>(regs::reset_stop_master);
	if (!poll(ctx, timeout_ms, 1000,
		  [this] { return hw_.read32<regs::reset_reg>() & regs::reset_master_disabled; })) {
		dev_.err("bus master did not stop within %u ms\n", timeout_ms);
		return kcxx::Err(kcxx::err::timedout);
	}
	return kcxx::Status::ok();
}

void Transport::stop_nic(kcxx::Sleepable &ctx)
{
	/* The whole register: STOP_MASTER only, then hold the CPU in reset. */
	hw_.write32<regs::reset_reg>(regs::reset_stop_master);
	if (!poll(ctx, 500, 1000, [this] { return hw_.read32<regs::reset_reg>() & regs::reset_master_disabled; }))
		dev_.warn("bus master did not stop within 500 ms\n");
	hw_.set_bits<regs::reset_reg>(regs::reset_princeton);
}

void Transport::init_nic(kcxx::Sleepable &ctx)
{
	hw_.set_bits<regs::gp_cntrl>(regs::gp_init_done);
	hw_.write32<regs::read_int_register>(regs::pll_activate);
	if (!poll(ctx, 250, 1000, [this] { return hw_.read32<regs::gp_cntrl>() & regs::gp_clock_ready; }))
		dev_.dbg("clock not ready after 250 ms\n");
	hw_.set_bits<regs::reset_reg>(regs::reset_sw);
	kcxx::udelay(10);
	hw_.set_bits<regs::gp_cntrl>(regs::gp_init_done);
}

void Transport::start_nic()
{
	hw_.clear_bits<regs::reset_reg>(regs::reset_master_disabled | regs::reset_stop_master | regs::reset_princeton);
	hw_.set_bits<regs::gp_cntrl>(regs::gp_host_allows_standby);
}

kcxx::Status Transport::wait_fw_init(kcxx::Sleepable &ctx, const char *what)
{
	if (!poll(ctx, 500, 1000, [this] { return hw_.read32<regs::inta_rw>() & regs::inta::fw_init_done; })) {
		dev_.err("the %s firmware did not start within 500 ms\n", what);
		return kcxx::Err(kcxx::err::timedout);
	}
	hw_.write32<regs::inta_rw>(regs::inta::fw_init_done);
	return kcxx::Status::ok();
}

/*
 * One image by the DMA engine: the chunks' payloads are copied into one
 * coherent buffer, cut into pieces of at most 8191 bytes, one command
 * block per piece.
 */
kcxx::Status Transport::dma_image(kcxx::Sleepable &ctx, const char *what, kcxx::Bytes image, unsigned int pieces)
{
	size_t payload = 0;
	for_each_chunk(image, [&payload](u32, kcxx::Bytes p) { payload += p.size(); });
	auto buf = kcxx::DmaCoherent<u8>::alloc(dev_, kcxx::Gfp::kernel(ctx), payload);
	if (!buf) {
		dev_.err("%s image: no memory for %zu bytes of DMA buffer\n", what, payload);
		return kcxx::Err(kcxx::err::nomem);
	}
	DmaCb cbs[regs::cb_max_blocks];
	unsigned int n = 0;
	size_t at = 0;
	bool overflow = false;
	for_each_chunk(image, [&](u32 dest, kcxx::Bytes p) {
		u8 *dst = buf.value().at(at);
		__builtin_memcpy(dst, p.data(), p.size());
		for (size_t done = 0; done < p.size(); done += regs::cb_max_length) {
			size_t len = p.size() - done < regs::cb_max_length ? p.size() - done : regs::cb_max_length;
			if (n == regs::cb_max_blocks) {
				overflow = true;
				return;
			}
			u32 src = static_cast<u32>(buf.value().bus_addr() + at + done);
			u32 control = regs::cb_control | static_cast<u32>(len);
			u32 to = dest + static_cast<u32>(done);
			cbs[n++] = {control, src, to, control ^ src ^ to};
		}
		at += p.size();
	});
	if (overflow || n != pieces) {
		/* parse_firmware() counted the pieces: this cannot differ. */
		dev_.err("%s image: %u DMA pieces, expected %u\n", what, n, pieces);
		return kcxx::Err(kcxx::err::inval);
	}
	return run_dma(ctx, what, cbs, n);
}

/* run_dma() - hand @n command blocks to the engine and wait until it has done them. */
kcxx::Status Transport::run_dma(kcxx::Sleepable &ctx, const char *what, const DmaCb *cbs, unsigned int n)
{
	{
		auto w = hw_.window(ctx);
		w.zero(regs::sram_dma_cb, 16 * regs::cb_max_blocks);
		w.write32(regs::dma_cb_base, regs::sram_dma_cb);
		for (unsigned int i = 0; i < n; i++) {
			u8 raw[16];
			const u32 f[4] = {cbs[i].control, cbs[i].src, cbs[i].dest, cbs[i].status};
			for (int k = 0; k < 4; k++)
				for (int b = 0; b < 4; b++)
					raw[4 * k + b] = static_cast<u8>(f[k] >> (8 * b));
			w.write_block(regs::sram_dma_cb + 16 * i, raw, sizeof(raw));
		}
	}
	hw_.clear_bits<regs::reset_reg>(regs::reset_master_disabled | regs::reset_stop_master);
	{
		auto w = hw_.window(ctx);
		w.write32(regs::dma_control, regs::dma_start);
	}
	/* Wait for the engine to reach the end of the list; fail if it stops moving for 100 ms. */
	u32 last = ~0u;
	unsigned long moved = kcxx::jiffies_now();
	unsigned long stall = static_cast<unsigned long>(kcxx::Timeout::ms(100).jiffies());
	kcxx::Status st = kcxx::Status::ok();
	for (;;) {
		u32 cur;
		{
			auto w = hw_.window(ctx);
			cur = w.read32(regs::dma_current_cb);
		}
		u32 index = (cur - regs::sram_dma_cb) / 16;
		if (cur >= regs::sram_dma_cb && index >= n)
			break;
		if (cur != last) {
			last = cur;
			moved = kcxx::jiffies_now();
		} else if (static_cast<long>(kcxx::jiffies_now() - moved) > static_cast<long>(stall)) {
			dev_.err("%s image: DMA stopped at command block %u of %u (current 0x%x)\n", what,
				 cur >= regs::sram_dma_cb ? index : 0, n, cur);
			st = kcxx::Err(kcxx::err::io);
			break;
		}
		kcxx::usleep_range(ctx, 50, 100);
	}
	{
		auto w = hw_.window(ctx);
		w.write32(regs::dma_control, regs::dma_stop_and_abort);
	}
	hw_.set_bits<regs::reset_reg>(regs::reset_master_disabled | regs::reset_stop_master);
	return st;
}

/*
 * zero_sram() - clear the whole SRAM before the boot image: by DMA from one
 * zeroed buffer (25 command blocks instead of 48 Ki register writes through
 * the window), around the command-block area, which run_dma() clears.
 */
kcxx::Status Transport::zero_sram(kcxx::Sleepable &ctx)
{
	auto zeros = kcxx::DmaCoherent<u8>::alloc(dev_, kcxx::Gfp::kernel(ctx), regs::cb_max_length);
	if (!zeros)
		return kcxx::Err(kcxx::err::nomem);
	DmaCb cbs[regs::cb_max_blocks];
	unsigned int n = 0;
	const u32 src = static_cast<u32>(zeros.value().bus_addr());
	const u32 ranges[2][2] = {{0, regs::sram_dma_cb},
				  {regs::sram_dma_cb + 16 * regs::cb_max_blocks, regs::sram_size}};
	for (const auto &r : ranges) {
		for (u32 at = r[0]; at < r[1] && n < regs::cb_max_blocks; at += regs::cb_max_length) {
			u32 len = r[1] - at < regs::cb_max_length ? r[1] - at : regs::cb_max_length;
			u32 control = regs::cb_control | len;
			cbs[n++] = {control, src, at, control ^ src ^ at};
		}
	}
	return run_dma(ctx, "SRAM clear", cbs, n);
}

kcxx::Status Transport::load_ucode(kcxx::Sleepable &ctx, kcxx::Bytes ucode)
{
	auto st = stop_master(ctx, 100);
	if (!st)
		return st;
	for (u32 off = regs::shared_lower; off < regs::shared_upper; off += 4)
		hw_.write32_at(off, 0);
	{
		auto w = hw_.window(ctx);
		w.write32(regs::mem_halt_and_reset, regs::halt_reset_on);
	}
	kcxx::msleep(ctx, 5);
	hw_.clear_bits<regs::reset_reg>(regs::reset_princeton);
	kcxx::msleep(ctx, 5);
	{
		auto w = hw_.window(ctx);
		w.write32(regs::mem_halt_and_reset, 0);
	}
	kcxx::msleep(ctx, 1);
	{
		auto w = hw_.window(ctx);
		w.write32(regs::event_reg, 1); /* PHY power down... */
	}
	kcxx::msleep(ctx, 1);
	{
		auto w = hw_.window(ctx);
		w.write32(regs::event_reg, 0); /* ...and up */
	}
	kcxx::msleep(ctx, 1);
	{
		auto w = hw_.window(ctx);
		w.write8(regs::dino_control, 0);
		w.write8(regs::dino_control, regs::dino_enable_cs);
	}
	kcxx::msleep(ctx, 1);
	{
		/* The address is written again before every word: the DINO wants it so. */
		auto w = hw_.window(ctx);
		for (size_t i = 0; i + 1 < ucode.size(); i += 2)
			w.write16(regs::dino_control_store, ucode.read_le16(i).value_or(0));
		w.write8(regs::dino_control, 0);
		w.write8(regs::dino_control, regs::dino_enable_system);
	}
	bool alive = poll(ctx, 100, 1000, [this, &ctx]() KCXX_NO_THREAD_SAFETY_ANALYSIS {
		auto w = hw_.window(ctx);
		return (w.read8(regs::dino_control) & regs::dino_rxfifo_data) != 0;
	});
	if (!alive) {
		dev_.err("no alive response from the DINO baseband after 100 ms\n");
		return kcxx::Err(kcxx::err::timedout);
	}
	u8 resp[28];
	{
		auto w = hw_.window(ctx);
		for (int i = 0; i < 7; i++) {
			u32 v = w.read32(regs::dino_rx_fifo);
			for (int b = 0; b < 4; b++)
				resp[4 * i + b] = static_cast<u8>(v >> (8 * b));
		}
		w.write8(regs::dino_control, 0);
	}
	if (resp[0] != 1 || resp[25] != 1) {
		dev_.err("the DINO microcode is not alive (response %u, valid %u)\n", resp[0], resp[25]);
		return kcxx::Err(kcxx::err::inval);
	}
	dev_.dbg("DINO alive: revision 0x%x, device 0x%x\n", resp[2] | resp[3] << 8, resp[4]);
	return kcxx::Status::ok();
}

void Transport::read_eeprom(kcxx::Sleepable &ctx)
{
	auto w = hw_.window(ctx);
	auto port = [&w](u32 v) {
		w.write32(regs::eeprom_port, v);
		kcxx::udelay(1);
	};
	for (unsigned int word = 0; word < regs::eeprom_bytes / 2; word++) {
		port(0);
		port(regs::ee_cs);
		port(regs::ee_cs | regs::ee_sk);
		port(regs::ee_cs);
		/* start bit, then opcode READ (binary 10) */
		const bool bits[3] = {true, true, false};
		for (bool b : bits) {
			u32 d = b ? regs::ee_di : 0;
			port(regs::ee_cs | d);
			port(regs::ee_cs | d | regs::ee_sk);
		}
		for (int i = 7; i >= 0; i--) {
			u32 d = (word >> i) & 1 ? regs::ee_di : 0;
			port(regs::ee_cs | d);
			port(regs::ee_cs | d | regs::ee_sk);
		}
		port(regs::ee_cs);
		u16 v = 0;
		for (int i = 0; i < 16; i++) {
			port(regs::ee_cs | regs::ee_sk);
			port(regs::ee_cs);
			v = static_cast<u16>(v << 1 | ((w.read32(regs::eeprom_port) & regs::ee_do) ? 1 : 0));
		}
		port(0);
		port(regs::ee_cs);
		port(0);
		port(regs::ee_sk);
		eeprom_.image[2 * word] = static_cast<u8>(v);
		eeprom_.image[2 * word + 1] = static_cast<u8>(v >> 8);
	}
	for (int i = 0; i < 6; i++)
		eeprom_.mac[i] = eeprom_.image[regs::ee_mac + i];
	for (int i = 0; i < 3; i++) {
		u8 c = eeprom_.image[regs::ee_country + i];
		eeprom_.country[i] = (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
	}
	eeprom_.country[3] = 0;
	eeprom_.version = eeprom_.image[regs::ee_version];
	eeprom_.nic_type = eeprom_.image[regs::ee_nic_type];
	eeprom_.sku = eeprom_.image[regs::ee_sku];
	/* A programmed EEPROM goes to the firmware through shared memory; else it reads it itself. */
	if (eeprom_.version) {
		for (unsigned int i = 0; i < regs::eeprom_bytes; i++)
			hw_.write8_at(regs::eeprom_image + i, eeprom_.image[i]);
		hw_.write32<regs::eeprom_load_disable>(0);
	} else {
		hw_.write32<regs::eeprom_load_disable>(1);
	}
}

kcxx::Status Transport::load(kcxx::Sleepable &ctx, const FwImage &fw_)
{
	kcxx::Status st = kcxx::Status::ok();
	counters.loads.add(1);
	for (int attempt = 0; attempt < 3; attempt++) {
		irq_disable();
		hw_.write32<regs::inta_rw>(regs::inta::mask_all);
		stop_nic(ctx);
		init_nic(ctx);
		st = zero_sram(ctx);
		if (!st)
			return st;
		st = dma_image(ctx, "boot", fw_.boot, fw_.boot_pieces);
		if (!st)
			return st;
		start_nic();
		st = wait_fw_init(ctx, "boot");
		if (!st)
			return st;
		st = load_ucode(ctx, fw_.ucode);
		if (!st)
			return st;
		stop_nic(ctx);
		st = dma_image(ctx, "runtime", fw_.runtime, fw_.runtime_pieces);
		if (!st)
			return st;
		hw_.write32<regs::eeprom_load_disable>(0);
		reset_rings(ctx);
		irq_disable();
		hw_.write32<regs::inta_rw>(regs::inta::mask_all);
		start_nic();
		if (hw_.read32<regs::inta_rw>() & regs::inta::parity_error) {
			dev_.warn("parity error while starting the runtime firmware (attempt %d of 3)\n", attempt + 1);
			st = kcxx::Err(kcxx::err::io);
			continue;
		}
		st = wait_fw_init(ctx, "runtime");
		if (!st)
			return st;
		read_eeprom(ctx);
		return kcxx::Status::ok();
	}
	dev_.err("parity errors on three attempts to start the firmware\n");
	return st;
}

} // namespace ipw
