/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/pci.h - PCI devices
 *
 * ``PciDevice`` is a borrowed struct pci_dev, valid from probe until remove
 * returns (like ``Device``); the C glue of the pci_driver makes it.  Its
 * methods are thin: config space, enable/disable, bus mastering, regions,
 * BARs, power states, drvdata.
 *
 * Probe acquires resources one after another and must undo exactly what
 * it did when a later step fails.  ``PciEnabled``, ``PciRegions`` and
 * ``PciBar`` do that by their destructors.  They are Pinned, so a factory
 * cannot return one; it returns a *claim* instead: a move-only value that
 * owns the acquired resource (and gives it back if dropped, so an early
 * return undoes it), from which the Pinned object is then constructed in
 * place where it will live (``Slot::emplace()``, ``Revocable::emplace()``)::
 *
 *	struct Dev {
 *		kcxx::Slot<kcxx::PciEnabled> enabled;
 *		kcxx::Slot<kcxx::PciRegions> regions;
 *		kcxx::Revocable<kcxx::PciBar<0x1000>> regs;	// no access after unbind
 *		...
 *	};
 *
 *	auto en = kcxx::PciEnabled::make(ctx, pdev);
 *	if (!en)
 *		return en.error();
 *	auto rg = kcxx::PciRegions::make(ctx, pdev, "ipw2200_cxx");
 *	if (!rg)
 *		return rg.error();		// en's claim disables the device
 *	auto bar = kcxx::PciBar<0x1000>::map(ctx, pdev, 0);
 *	if (!bar)
 *		return bar.error();		// regions released, device disabled
 *	d->enabled.emplace(kcxx::move(en.value()));
 *	d->regions.emplace(kcxx::move(rg.value()));
 *	d->regs.emplace(kcxx::move(bar.value()));
 *
 *	if (auto r = d->regs.try_access(ctx))	// any context, later
 *		v = r->io().read32<0x30>();
 *
 * Teardown revokes the BAR first (``regs.revoke(ctx)``: no register
 * access after it returns), then the owner's members go in reverse order
 * of declaration: regions released, device disabled.
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/context.h>
#include <kcxx/device.h>
#include <kcxx/io.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

namespace kcxx {

/** enum class PciPower - the device power states drivers ask for. */
enum class PciPower : int { d0 = KCXX_PCI_D0, d3hot = KCXX_PCI_D3HOT };

/** class PciDevice - a borrowed struct pci_dev. */
class PciDevice {
public:
	/** PciDevice() - for the C glue: wrap the struct pci_dev being probed. */
	explicit PciDevice(void *pdev) : raw_(pdev) {}

	/** device() - its struct device, for logging and DMA. */
	Device device() const { return Device(kcxx_shim_pci_to_dev(raw_)); }
	void *raw() const { return raw_; }

	u16 vendor() const { return kcxx_shim_pci_id(raw_, KCXX_PCI_ID_VENDOR); }
	u16 device_id() const { return kcxx_shim_pci_id(raw_, KCXX_PCI_ID_DEVICE); }
	u16 subsystem_vendor() const { return kcxx_shim_pci_id(raw_, KCXX_PCI_ID_SUBSYSTEM_VENDOR); }
	u16 subsystem_device() const { return kcxx_shim_pci_id(raw_, KCXX_PCI_ID_SUBSYSTEM_DEVICE); }
	u8 revision() const { return static_cast<u8>(kcxx_shim_pci_id(raw_, KCXX_PCI_ID_REVISION)); }
	/** irq() - the interrupt line to request (pdev->irq). */
	unsigned int irq() const { return kcxx_shim_pci_irq(raw_); }
	/** name() - pci_name(), "0000:00:04.0". */
	const char *name() const { return kcxx_shim_pci_name(raw_); }

	/**
	 * config_read32() - a dword of the standard configuration header.
	 * Return: the value; -EINVAL for an unaligned offset or one beyond
	 * 256 bytes (refused before touching the device), or the PCI core's
	 * error as an errno.
	 */
	Result<u32> config_read32(Sleepable &ctx, unsigned int off) const KCXX_REQUIRES(ctx)
	{
		if (!config_fits(off))
			return Err(err::inval);
		u32 v = 0;
		int r = kcxx_shim_pci_read_config_dword(raw_, off, &v);
		if (r)
			return Err(r);
		return v;
	}
	/** config_write32() - as config_read32(), for writing. */
	[[nodiscard]] Status config_write32(Sleepable &ctx, unsigned int off, u32 v) const KCXX_REQUIRES(ctx)
	{
		if (!config_fits(off))
			return Err(err::inval);
		int r = kcxx_shim_pci_write_config_dword(raw_, off, v);
		return r ? Status(Err(r)) : Status::ok();
	}

	/** enable() - pci_enable_device(); see also PciEnabled. */
	[[nodiscard]] Status enable(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		return status(kcxx_shim_pci_enable_device(raw_));
	}
	/** disable() - pci_disable_device(). */
	void disable(Sleepable &ctx) KCXX_REQUIRES(ctx) { kcxx_shim_pci_disable_device(raw_); }
	/** set_master() - enable bus mastering (the device may DMA). */
	void set_master() const { kcxx_shim_pci_set_master(raw_); }
	void clear_master() const { kcxx_shim_pci_clear_master(raw_); }

	/**
	 * request_regions() - pci_request_regions(); @name must outlive the
	 * claim (the kernel keeps the pointer: a literal).  See also PciRegions.
	 */
	[[nodiscard]] Status request_regions(Sleepable &ctx, const char *name) KCXX_REQUIRES(ctx)
	{
		return status(kcxx_shim_pci_request_regions(raw_, name));
	}
	void release_regions(Sleepable &ctx) KCXX_REQUIRES(ctx) { kcxx_shim_pci_release_regions(raw_); }

	/** bar_len() - the size of BAR @bar, 0 if there is none (or @bar is not 0..5). */
	u64 bar_len(int bar) const { return kcxx_shim_pci_bar_len(raw_, bar); }
	/** bar_is_mem() - whether BAR @bar is a memory (not an I/O port) BAR. */
	bool bar_is_mem(int bar) const { return kcxx_shim_pci_bar_is_mem(raw_, bar); }
	/** iomap_bar() - pci_ioremap_bar(); nullptr on failure.  See also PciBar. */
	void *iomap_bar(Sleepable &ctx, int bar) KCXX_REQUIRES(ctx) { return kcxx_shim_pci_ioremap_bar(raw_, bar); }
	/** iounmap() - undo iomap_bar(). */
	void iounmap(void *base) { kcxx_shim_iounmap(base); }

	/** save_state() - pci_save_state(), before suspend or a reset. */
	[[nodiscard]] Status save_state(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		return status(kcxx_shim_pci_save_state(raw_));
	}
	/** restore_state() - pci_restore_state(). */
	void restore_state(Sleepable &ctx) KCXX_REQUIRES(ctx) { kcxx_shim_pci_restore_state(raw_); }
	/** set_power() - pci_set_power_state(). */
	[[nodiscard]] Status set_power(Sleepable &ctx, PciPower p) KCXX_REQUIRES(ctx)
	{
		return status(kcxx_shim_pci_set_power_state(raw_, static_cast<int>(p)));
	}

	/** set_drvdata() - pci_set_drvdata(): the glue finds its object again in remove. */
	void set_drvdata(void *p) { kcxx_shim_pci_set_drvdata(raw_, p); }
	void *drvdata() const { return kcxx_shim_pci_get_drvdata(raw_); }

	/** config_fits() - whether config_read32()/config_write32() accept @off. */
	static constexpr bool config_fits(unsigned int off) { return off % 4 == 0 && off < 256; }

private:
	static Status status(int r) { return r ? Status(Err(r)) : Status::ok(); }
	void *raw_;
};

namespace detail {
/*
 * A resource taken from the PCI core and not yet handed to the Pinned
 * object that will own it.  Move-only; gives the resource back with
 * Release::release(pdev, res) if dropped while it still owns it.
 */
template <typename Release> class PciClaim {
public:
	PciClaim(void *pdev, void *res, u64 len) : pdev_(pdev), res_(res), len_(len) {}
	PciClaim(PciClaim &&o) : pdev_(o.pdev_), res_(o.res_), len_(o.len_)
	{
		o.pdev_ = nullptr;
		o.res_ = nullptr;
	}
	PciClaim(const PciClaim &) = delete;
	PciClaim &operator=(const PciClaim &) = delete;
	PciClaim &operator=(PciClaim &&) = delete;
	~PciClaim()
	{
		if (pdev_)
			Release::release(pdev_, res_);
	}

	void *pdev() const { return pdev_; }
	void *res() const { return res_; }
	u64 len() const { return len_; }
	/** take() - the new owner takes over; returns the device (nullptr if empty). */
	void *take()
	{
		void *p = pdev_;
		pdev_ = nullptr;
		return p;
	}

private:
	void *pdev_;
	void *res_;
	u64 len_;
};

struct PciDisable {
	static void release(void *pdev, void *) { kcxx_shim_pci_disable_device(pdev); }
};
struct PciRelease {
	static void release(void *pdev, void *) { kcxx_shim_pci_release_regions(pdev); }
};
struct PciUnmap {
	static void release(void *, void *base) { kcxx_shim_iounmap(base); }
};
} // namespace detail

/** class PciEnabled - the device enabled (pci_enable_device()) for its lifetime. */
class PciEnabled : Pinned {
public:
	using Claim = detail::PciClaim<detail::PciDisable>;

	/** make() - enable @pdev; the claim disables it again unless emplaced. */
	static Result<Claim> make(Sleepable &ctx, PciDevice &pdev) KCXX_REQUIRES(ctx)
	{
		auto r = pdev.enable(ctx);
		if (!r)
			return Err(r.error());
		return Claim(pdev.raw(), nullptr, 0);
	}

	/** PciEnabled() - take over a claim from make(). */
	explicit PciEnabled(Claim &&c) : pdev_(c.take()) {}
	/** ~PciEnabled() - pci_disable_device(). */
	~PciEnabled()
	{
		if (pdev_)
			kcxx_shim_pci_disable_device(pdev_);
	}

private:
	void *pdev_;
};

/** class PciRegions - the device's BARs reserved (pci_request_regions()) for its lifetime. */
class PciRegions : Pinned {
public:
	using Claim = detail::PciClaim<detail::PciRelease>;

	/** make() - reserve the regions under @name (kept by the kernel: a literal). */
	static Result<Claim> make(Sleepable &ctx, PciDevice &pdev, const char *name) KCXX_REQUIRES(ctx)
	{
		auto r = pdev.request_regions(ctx, name);
		if (!r)
			return Err(r.error());
		return Claim(pdev.raw(), nullptr, 0);
	}

	explicit PciRegions(Claim &&c) : pdev_(c.take()) {}
	/** ~PciRegions() - pci_release_regions(). */
	~PciRegions()
	{
		if (pdev_)
			kcxx_shim_pci_release_regions(pdev_);
	}

private:
	void *pdev_;
};

/**
 * class PciBar - a memory BAR of at least Size bytes, mapped for the
 * object's lifetime; io() is its register window.
 */
template <size_t Size> class PciBar : Pinned {
public:
	using Claim = detail::PciClaim<detail::PciUnmap>;

	/**
	 * map() - pci_ioremap_bar() of BAR @bar.
	 * Return: the mapping's claim; -ENODEV if @bar is not a memory BAR,
	 * -EINVAL if it is smaller than Size, -ENOMEM if the mapping fails.
	 */
	static Result<Claim> map(Sleepable &ctx, const PciDevice &pdev, int bar) KCXX_REQUIRES(ctx)
	{
		if (!pdev.bar_is_mem(bar))
			return Err(err::nodev);
		u64 len = pdev.bar_len(bar);
		if (len < Size)
			return Err(err::inval);
		void *base = kcxx_shim_pci_ioremap_bar(pdev.raw(), bar);
		if (!base)
			return Err(err::nomem);
		return Claim(pdev.raw(), base, len);
	}

	/** PciBar() - take over a claim from map() (not a moved-from one). */
	explicit PciBar(Claim &&c) : base_(c.res()), io_(IoMem<Size>::adopt(c.res(), c.len()).value())
	{
		(void)c.take();
	}
	/** ~PciBar() - iounmap(). */
	~PciBar() { kcxx_shim_iounmap(base_); }

	/** io() - the register window (Size bytes; the BAR may be larger). */
	const IoMem<Size> &io() const { return io_; }

private:
	void *base_;
	IoMem<Size> io_;
};

} // namespace kcxx
