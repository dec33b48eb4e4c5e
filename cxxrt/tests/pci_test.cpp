// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/pci.h on a real PCI device that no driver is bound
// to (the device model's 2200BG in the test machine): ids against config
// space, offsets refused before the device is touched, BAR checks, and
// enable, regions and a BAR mapping undone by their owners.
#include <kcxx/new.h>
#include <kcxx/pci.h>
#include <kcxx/rcu.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::Sleepable;

namespace {

bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int pci_device(Sleepable &ctx, void *raw) KCXX_REQUIRES(ctx)
{
	kcxx::PciDevice pdev(raw);
	auto id = pdev.config_read32(ctx, 0x00);
	CHECK(id);
	CHECK((id.value() & 0xffff) == pdev.vendor() && (id.value() >> 16) == pdev.device_id());
	auto rev = pdev.config_read32(ctx, 0x08);
	CHECK(rev && (rev.value() & 0xff) == pdev.revision());
	auto hdr = pdev.config_read32(ctx, 0x0c);
	CHECK(hdr);
	if (((hdr.value() >> 16) & 0x7f) == 0) { // a normal function: subsystem ids at 0x2c
		auto ss = pdev.config_read32(ctx, 0x2c);
		CHECK(ss && (ss.value() & 0xffff) == pdev.subsystem_vendor() &&
		      (ss.value() >> 16) == pdev.subsystem_device());
	}
	// Refused before the device is touched.
	CHECK(pdev.config_read32(ctx, 0x02).error() == -22);
	CHECK(pdev.config_read32(ctx, 0x100).error() == -22);
	CHECK(pdev.config_write32(ctx, 0x101, 0).error() == -22);
	CHECK(pdev.config_write32(ctx, 0x1000, 0).error() == -22);
	CHECK(pdev.bar_len(-1) == 0 && pdev.bar_len(6) == 0 && !pdev.bar_is_mem(6) && !pdev.bar_is_mem(-1));
	CHECK(same(pdev.name(), pdev.device().name()));
	CHECK(kcxx::PciBar<16>::map(ctx, pdev, 6).error() == -19);
	CHECK(pdev.drvdata() == nullptr);
	pdev.device().info("kcxx test: %04x:%04x rev %02x irq %u\n", pdev.vendor(), pdev.device_id(), pdev.revision(),
			   pdev.irq());

	int bar = -1;
	for (int b = 0; b < 6 && bar < 0; b++)
		if (pdev.bar_is_mem(b) && pdev.bar_len(b) >= 4)
			bar = b;
	if (bar < 0)
		return 0;
	for (int b = 0; b < 6; b++)
		if (!pdev.bar_is_mem(b))
			CHECK(kcxx::PciBar<4>::map(ctx, pdev, b).error() == -19);
	CHECK(kcxx::PciBar<(1ul << 40)>::map(ctx, pdev, bar).error() == -22);
	{
		auto en = kcxx::PciEnabled::make(ctx, pdev);
		CHECK(en);
		auto rg = kcxx::PciRegions::make(ctx, pdev, "kcxx_test");
		CHECK(rg);
		CHECK(!kcxx::PciRegions::make(ctx, pdev, "kcxx_test")); // reserved already
		auto m = kcxx::PciBar<4>::map(ctx, pdev, bar);
		CHECK(m);
		kcxx::Box<kcxx::Revocable<kcxx::PciBar<4>>> regs(new (Gfp::kernel(ctx))
									 kcxx::Revocable<kcxx::PciBar<4>>);
		CHECK(regs);
		regs->emplace(kcxx::move(m.value()));
		CHECK(regs->is_available());
		{
			auto r = regs->try_access(ctx);
			CHECK(r && r->io().size() == 4);
		}
		CHECK(regs->revoke(ctx)); // unmapped
		kcxx::Slot<kcxx::PciRegions> held;
		held.emplace(kcxx::move(rg.value()));
		CHECK(held);
	} // regions released, device disabled, in that order
	{
		auto rg = kcxx::PciRegions::make(ctx, pdev, "kcxx_test"); // free again
		CHECK(rg);
	}
	return 0;
}

} // namespace

extern "C" int kcxx_test_pci_device(void *pdev)
{
	return kcxx::with_sleepable([pdev](Sleepable &ctx) KCXX_REQUIRES(ctx) { return pci_device(ctx, pdev); });
}
