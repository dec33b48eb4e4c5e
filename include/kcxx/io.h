/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/io.h - memory-mapped registers with bounds
 *
 * ``IoMem<Size>`` is a mapped register window of at least ``Size`` bytes
 * (a PCI BAR, mapped by the bus glue).  Offsets known at compile time are
 * checked at compile time (``read32<0x08>()``); offsets computed at run time
 * (from firmware or device data) are checked at run time and give an error
 * instead of touching memory outside the window::
 *
 *	u32 inta = regs.read32<IPW_INTA_RW>();
 *	auto v = regs.try_read32(ord_base + 4 * i);
 *	if (!v)
 *		return v.error();
 *
 * Register access never sleeps; any context may use it.  Access after the
 * device is gone is prevented by keeping the IoMem in a Revocable.
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>

namespace kcxx {

template <size_t Size> class IoMem {
public:
	/**
	 * adopt() - for bus glue: wrap a mapping of @len bytes at @base.
	 * Return: the window, or -EINVAL if the mapping is smaller than Size.
	 */
	static Result<IoMem> adopt(void *base, size_t len)
	{
		if (!base || len < Size)
			return Err(err::inval);
		return IoMem(base);
	}

	template <size_t Off> u32 read32() const
	{
		static_assert(Off % 4 == 0 && Off + 4 <= Size, "register outside the window");
		return kcxx_shim_readl(at(Off));
	}
	template <size_t Off> void write32(u32 v) const
	{
		static_assert(Off % 4 == 0 && Off + 4 <= Size, "register outside the window");
		kcxx_shim_writel(v, at(Off));
	}
	template <size_t Off> u8 read8() const
	{
		static_assert(Off < Size, "register outside the window");
		return kcxx_shim_readb(at(Off));
	}
	template <size_t Off> void write8(u8 v) const
	{
		static_assert(Off < Size, "register outside the window");
		kcxx_shim_writeb(v, at(Off));
	}

	/** try_read32() - run-time offset; -EINVAL if unaligned or outside. */
	Result<u32> try_read32(size_t off) const
	{
		if (!fits(off, 4))
			return Err(err::inval);
		return kcxx_shim_readl(at(off));
	}
	[[nodiscard]] Status try_write32(size_t off, u32 v) const
	{
		if (!fits(off, 4))
			return Err(err::inval);
		kcxx_shim_writel(v, at(off));
		return Status::ok();
	}
	Result<u16> try_read16(size_t off) const
	{
		if (!fits(off, 2))
			return Err(err::inval);
		return kcxx_shim_readw(at(off));
	}
	[[nodiscard]] Status try_write16(size_t off, u16 v) const
	{
		if (!fits(off, 2))
			return Err(err::inval);
		kcxx_shim_writew(v, at(off));
		return Status::ok();
	}
	Result<u8> try_read8(size_t off) const
	{
		if (!fits(off, 1))
			return Err(err::inval);
		return kcxx_shim_readb(at(off));
	}
	[[nodiscard]] Status try_write8(size_t off, u8 v) const
	{
		if (!fits(off, 1))
			return Err(err::inval);
		kcxx_shim_writeb(v, at(off));
		return Status::ok();
	}

	/** fits() - whether an access of @width bytes at @off is inside and aligned. */
	static constexpr bool fits(size_t off, size_t width)
	{
		return off < Size && width <= Size - off && off % width == 0;
	}
	static constexpr size_t size() { return Size; }

private:
	explicit IoMem(void *base) : base_(static_cast<unsigned char *>(base)) {}
	void *at(size_t off) const { return base_ + off; }
	unsigned char *base_;
};

} // namespace kcxx
