// SPDX-License-Identifier: GPL-2.0
/*
 * transport/hw.cpp: BAR0 mapping and the indirect window protocol.
 */
#include "hw.h"

namespace ipw {

kcxx::Status Hw::map(kcxx::Sleepable &ctx, const kcxx::PciDevice &pdev)
{
	auto claim = Bar::map(ctx, pdev, 0);
	if (!claim)
		return kcxx::Err(claim.error());
	bar_.emplace(kcxx::move(claim.value()));
	return kcxx::Status::ok();
}

void Hw::unmap(kcxx::Sleepable &ctx)
{
	bar_.revoke(ctx);
}

u32 Hw::read32_at(u32 off) const
{
	return access([off](const Bar &b) { return b.io().try_read32(off).value_or(~0u); }, ~0u);
}

void Hw::write32_at(u32 off, u32 v) const
{
	access(
		[off, v](const Bar &b) {
			(void)b.io().try_write32(off, v);
			return 0u;
		},
		0u);
}

void Hw::write16_at(u32 off, u16 v) const
{
	access(
		[off, v](const Bar &b) {
			(void)b.io().try_write16(off, v);
			return 0u;
		},
		0u);
}

void Hw::write8_at(u32 off, u8 v) const
{
	access(
		[off, v](const Bar &b) {
			(void)b.io().try_write8(off, v);
			return 0u;
		},
		0u);
}

/*
 * The window: INDIRECT_ADDR selects a dword, INDIRECT_DATA (+ byte lane)
 * reaches it; AUTOINC_ADDR/AUTOINC_DATA stream whole dwords.
 */
u32 Hw::Window::read32(u32 addr)
{
	g_->reads++;
	hw().write32<regs::indirect_addr>(addr);
	return hw().read32<regs::indirect_data>();
}

void Hw::Window::write32(u32 addr, u32 v)
{
	g_->writes++;
	hw().write32<regs::indirect_addr>(addr);
	hw().write32<regs::indirect_data>(v);
}

u8 Hw::Window::read8(u32 addr)
{
	g_->reads++;
	hw().write32<regs::indirect_addr>(addr & ~3u);
	u32 word = hw().read32<regs::indirect_data>();
	return static_cast<u8>(word >> (8 * (addr & 3)));
}

void Hw::Window::write8(u32 addr, u8 v)
{
	g_->writes++;
	hw().write32<regs::indirect_addr>(addr & ~3u);
	hw().write8_at(regs::indirect_data + (addr & 3), v);
}

void Hw::Window::write16(u32 addr, u16 v)
{
	g_->writes++;
	hw().write32<regs::indirect_addr>(addr & ~3u);
	// A 16-bit lane: BAR0 0x014 or 0x016.
	hw().write16_at(regs::indirect_data + (addr & 2), v);
}

void Hw::Window::read_block(u32 addr, u8 *buf, size_t len)
{
	size_t i = 0;
	while (i < len && ((addr + i) & 3)) {
		buf[i] = read8(addr + static_cast<u32>(i));
		i++;
	}
	if (len - i >= 4) {
		hw().write32<regs::autoinc_addr>(addr + static_cast<u32>(i));
		for (; len - i >= 4; i += 4) {
			u32 w = hw().read32<regs::autoinc_data>();
			g_->reads++;
			buf[i] = static_cast<u8>(w);
			buf[i + 1] = static_cast<u8>(w >> 8);
			buf[i + 2] = static_cast<u8>(w >> 16);
			buf[i + 3] = static_cast<u8>(w >> 24);
		}
	}
	for (; i < len; i++)
		buf[i] = read8(addr + static_cast<u32>(i));
}

void Hw::Window::write_block(u32 addr, const u8 *buf, size_t len)
{
	size_t i = 0;
	while (i < len && ((addr + i) & 3)) {
		write8(addr + static_cast<u32>(i), buf[i]);
		i++;
	}
	if (len - i >= 4) {
		hw().write32<regs::autoinc_addr>(addr + static_cast<u32>(i));
		for (; len - i >= 4; i += 4) {
			u32 w = static_cast<u32>(buf[i]) | static_cast<u32>(buf[i + 1]) << 8 |
				static_cast<u32>(buf[i + 2]) << 16 | static_cast<u32>(buf[i + 3]) << 24;
			hw().write32<regs::autoinc_data>(w);
			g_->writes++;
		}
	}
	for (; i < len; i++)
		write8(addr + static_cast<u32>(i), buf[i]);
}

void Hw::Window::zero(u32 addr, size_t len)
{
	hw().write32<regs::autoinc_addr>(addr & ~3u);
	for (size_t i = 0; i + 4 <= len; i += 4) {
		hw().write32<regs::autoinc_data>(0);
		g_->writes++;
	}
}

} // namespace ipw
