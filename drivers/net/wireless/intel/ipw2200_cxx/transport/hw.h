/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: transport/hw.h - the adapter's registers: direct BAR0 and the indirect window
 *
 * &Hw owns the mapped BAR0 (revocable: after unbind starts, reads return
 * all-ones and writes are dropped, as on a removed PCI device) and the
 * indirect register window.  The window is a multi-register protocol
 * (address, then data; auto-increment address, then data...), so it has
 * one owner: the mutex in &Hw.  The only way to an indirect access is a
 * &Hw::Window guard, which holds that mutex; every user (firmware load,
 * EEPROM, ordinals, error log, debugfs) is in process context, so a mutex
 * (not a spinlock) lets a long transfer sleep and lets the others wait.
 */
#pragma once

#include <kcxx/io.h>
#include <kcxx/pci.h>
#include <kcxx/rcu.h>
#include <kcxx/sync.h>
#include <kcxx/types.h>

#include "regs.h"

namespace ipw {

using kcxx::size_t;
using kcxx::u16;
using kcxx::u32;
using kcxx::u64;
using kcxx::u8;

class Hw : kcxx::Pinned {
public:
	using Bar = kcxx::PciBar<regs::bar0_size>;

	Hw() = default;

	/** map() - map BAR0 of @pdev; the registers are reachable from then on. */
	[[nodiscard]] kcxx::Status map(kcxx::Sleepable &ctx, const kcxx::PciDevice &pdev) KCXX_REQUIRES(ctx);
	/**
	 * unmap() - make the registers unreachable, wait for accesses in
	 * progress, unmap.  Idempotent.
	 */
	void unmap(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);

	/* Direct BAR0 accesses; the offset is checked at compile time. */
	template <u32 Off> u32 read32() const
	{
		return access([](const Bar &b) { return b.io().template read32<Off>(); }, ~0u);
	}
	template <u32 Off> void write32(u32 v) const
	{
		access(
			[v](const Bar &b) {
				b.io().template write32<Off>(v);
				return 0u;
			},
			0u);
	}
	template <u32 Off> void set_bits(u32 bits) const { write32<Off>(read32<Off>() | bits); }
	template <u32 Off> void clear_bits(u32 bits) const { write32<Off>(read32<Off>() & ~bits); }

	/* Run-time offsets (ring registers, slot table): checked, -EINVAL outside BAR0. */
	u32 read32_at(u32 off) const;
	void write32_at(u32 off, u32 v) const;
	void write16_at(u32 off, u16 v) const;
	void write8_at(u32 off, u8 v) const;

	/** gone() - the registers were revoked (unbind in progress). */
	bool gone() const { return !bar_.is_available(); }

	struct WindowState {
		const Hw *hw;
		u64 reads = 0;
		u64 writes = 0;
	};

	/**
	 * class Window - the indirect window, held: every method runs with the
	 * window mutex taken.
	 */
	class Window : kcxx::Pinned {
	public:
		Window(kcxx::Mutex<WindowState> &m, kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) : g_(m.lock(ctx)) {}

		u32 read32(u32 addr);
		void write32(u32 addr, u32 v);
		u8 read8(u32 addr);
		void write8(u32 addr, u8 v);
		void write16(u32 addr, u16 v);
		/** read_block() - @len bytes from @addr (any alignment). */
		void read_block(u32 addr, u8 *buf, size_t len);
		/** write_block() - @len bytes to @addr (any alignment). */
		void write_block(u32 addr, const u8 *buf, size_t len);
		/** zero() - @len bytes (a multiple of 4) at dword-aligned @addr. */
		void zero(u32 addr, size_t len);

	private:
		const Hw &hw() { return *g_->hw; }
		kcxx::Mutex<WindowState>::Guard g_;
	};

	/** window() - take the indirect window (may sleep while another user has it). */
	Window window(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) { return Window(window_, ctx); }

	/* Counters for debugfs: accesses refused because the BAR was revoked. */
	u64 revoked_accesses() const { return static_cast<u64>(revoked_.read()); }

private:
	template <typename Fn> u32 access(Fn &&fn, u32 dflt) const
	{
		return kcxx::with_atomic([&](kcxx::AtomicContext &a) -> u32 {
			auto g = const_cast<kcxx::Revocable<Bar> &>(bar_).try_access(a);
			if (!g) {
				const_cast<kcxx::Atomic<long> &>(revoked_).add(1);
				return dflt;
			}
			return fn(*g);
		});
	}

	kcxx::Revocable<Bar> bar_;
	kcxx::Mutex<WindowState> window_{KCXX_LOCK_CLASS("ipw2200_cxx:indirect_window"), this};
	kcxx::Atomic<long> revoked_{0};
};

} // namespace ipw
