// SPDX-License-Identifier: GPL-2.0
// kcxx_sample: the PCI half of a driver (probe and remove), built by every
// compiler the sample is built with so the templates of kcxx/pci.h,
// irq.h and debugfs.h are instantiated against each kernel's cxxrt.  No
// pci_driver registers it: the sample binds to no device.
#include <kcxx/debugfs.h>
#include <kcxx/irq.h>
#include <kcxx/new.h>
#include <kcxx/pci.h>
#include <kcxx/random.h>
#include <kcxx/rcu.h>
#include <kcxx/sync.h>
#include <kcxx/time.h>

namespace {

constexpr kcxx::size_t kRegs = 0x1000;
constexpr kcxx::size_t kIntA = 0x08;
constexpr kcxx::size_t kIntMask = 0x0c;

class SamplePci {
public:
	explicit SamplePci(kcxx::PciDevice pdev) : pdev_(pdev) {}

	int probe(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		auto en = kcxx::PciEnabled::make(ctx, pdev_);
		if (!en)
			return en.error();
		auto rg = kcxx::PciRegions::make(ctx, pdev_, "kcxx_sample");
		if (!rg)
			return rg.error();
		auto bar = kcxx::PciBar<kRegs>::map(ctx, pdev_, 0);
		if (!bar)
			return bar.error();
		enabled_.emplace(kcxx::move(en.value()));
		regions_.emplace(kcxx::move(rg.value()));
		regs_.emplace(kcxx::move(bar.value()));
		pdev_.set_master();

		// Wait for the device with a bounded, sleeping poll.
		auto dl = kcxx::Deadline::after_ms(100);
		for (;;) {
			bool ready = false;
			if (auto r = regs_.try_access(ctx))
				ready = r->io().read32<kIntA>() != 0xffffffff;
			if (ready)
				break;
			if (dl.passed())
				return -110; /* ETIMEDOUT */
			kcxx::usleep_range(ctx, 100, 200);
		}
		cookie_ = kcxx::random_u32();

		dbg_.create("kcxx_sample");
		dbg_.file<&SamplePci::show_stats, &SamplePci::store_cmd>("stats", 0600, this);
		auto r = irq_.request<&SamplePci::isr, &SamplePci::irq_thread>(ctx, pdev_.irq(), this, "kcxx_sample",
									       true);
		if (!r)
			return r.error();
		pdev_.set_drvdata(this);
		return 0;
	}

	void remove(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		dbg_.remove(ctx);
		if (auto r = regs_.try_access(ctx))
			r->io().write32<kIntMask>(0);
		irq_.free(ctx);
		regs_.revoke(ctx);
		if (enabled_)
			pdev_.clear_master();
	}

private:
	kcxx::IrqReturn isr(kcxx::AtomicContext &ctx)
	{
		auto r = regs_.try_access(ctx);
		if (!r)
			return kcxx::IrqReturn::none;
		kcxx::u32 inta = r->io().read32<kIntA>();
		if (!inta || inta == 0xffffffff)
			return kcxx::IrqReturn::none;
		r->io().write32<kIntMask>(0); // silence the device: no IRQF_ONESHOT
		r->io().write32<kIntA>(inta);
		return kcxx::IrqReturn::wake_thread;
	}

	kcxx::IrqReturn irq_thread(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		{
			auto g = stats_.lock(ctx);
			g->irqs++;
		}
		if (auto r = regs_.try_access(ctx))
			r->io().write32<kIntMask>(~0u);
		return kcxx::IrqReturn::handled;
	}

	kcxx::Status show_stats(kcxx::Sleepable &ctx, kcxx::TextBuf &out) KCXX_REQUIRES(ctx)
	{
		auto g = stats_.lock(ctx);
		out.printf("irqs %u cookie %08x device %s\n", g->irqs, cookie_, pdev_.name());
		return {};
	}

	kcxx::Status store_cmd(kcxx::Sleepable &ctx, const char *buf, kcxx::size_t len) KCXX_REQUIRES(ctx)
	{
		if (len < 5 || buf[0] != 'r' || buf[1] != 'e' || buf[2] != 's' || buf[3] != 'e' || buf[4] != 't')
			return kcxx::Err(-22);
		auto g = stats_.lock(ctx);
		g->irqs = 0;
		return {};
	}

	struct Stats {
		kcxx::u32 irqs = 0;
	};

	kcxx::PciDevice pdev_;
	kcxx::u32 cookie_ = 0;
	kcxx::Mutex<Stats> stats_{KCXX_LOCK_CLASS("kcxx_sample:pci_stats")};
	kcxx::Slot<kcxx::PciEnabled> enabled_;
	kcxx::Slot<kcxx::PciRegions> regions_;
	kcxx::Revocable<kcxx::PciBar<kRegs>> regs_;
	kcxx::ThreadedIrq irq_;
	kcxx::DebugfsDir dbg_;
};

} // namespace

extern "C" int kcxx_sample_pci_probe(void *pdev);
extern "C" void kcxx_sample_pci_remove(void *pdev);

extern "C" int kcxx_sample_pci_probe(void *raw)
{
	return kcxx::with_sleepable([raw](kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) -> int {
		kcxx::Box<SamplePci> s(new (kcxx::Gfp::kernel(ctx)) SamplePci(kcxx::PciDevice(raw)));
		if (!s)
			return -12; /* ENOMEM */
		int r = s->probe(ctx);
		if (r) {
			s->remove(ctx);
			return r;
		}
		(void)s.release(); // owned through drvdata until remove
		return 0;
	});
}

extern "C" void kcxx_sample_pci_remove(void *raw)
{
	kcxx::with_sleepable([raw](kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx) {
		kcxx::PciDevice pdev(raw);
		auto *s = static_cast<SamplePci *>(pdev.drvdata());
		s->remove(ctx);
		pdev.set_drvdata(nullptr);
		delete s;
	});
}
