// SPDX-License-Identifier: GPL-2.0
/*
 * ipw2200.cpp: one adapter -- the transport, the firmware configuration
 * the transport asks for when the firmware comes up, and the wireless
 * layer the transport's reports go to; the entry points the C glue calls.
 */
#include <kcxx/debugfs.h>
#include <kcxx/new.h>
#include <kcxx/pci.h>
#include <kcxx/random.h>

#include "fw_api.h"
#include "ipw2200.h"
#include "transport/trans.h"
#include "wireless/wireless.h"

namespace ipw {

/**
 * class Adapter - one 2200BG/2915ABG: the transport, its client, and the
 * wireless layer (wlan%d) on top of it.
 */
class Adapter final : public TransportClient, kcxx::Pinned {
public:
	Adapter(kcxx::PciDevice pdev, const ipw2200_cxx_params &p)
		: trans_(pdev, Params{p.mode, p.disable != 0, p.cmd_timeout_ms}), antenna_(static_cast<u8>(p.antenna))
	{
		trans_.set_client(this);
		wl_.set_hwcrypto(p.hwcrypto != 0);
		wl_.set_leds_enabled(p.led != 0);
	}

	Transport &trans() { return trans_; }
	Wireless &wireless() { return wl_; }

	void rx_frame(kcxx::Sleepable &ctx, const RxInfo &info, const u8 *frame, size_t len) override KCXX_REQUIRES(ctx)
	{
		wl_.rx_frame(ctx, info, frame, len);
	}
	void notification(kcxx::Sleepable &ctx, u8 subtype, u8, const u8 *payload, size_t len) override
		KCXX_REQUIRES(ctx)
	{
		wl_.notification(ctx, subtype, payload, len);
	}
	void rf_kill(kcxx::Sleepable &ctx, bool blocked) override KCXX_REQUIRES(ctx) { wl_.rf_kill(ctx, blocked); }
	void firmware_down(kcxx::Sleepable &ctx) override KCXX_REQUIRES(ctx) { wl_.firmware_changed(ctx); }
	void tx_done(void *cookie, bool sent) override { wl_.tx_done(cookie, sent); }
	void tx_flow(unsigned int q, bool stop) override { wl_.tx_flow(q, stop); }
	kcxx::Status firmware_up(kcxx::Sleepable &ctx) override KCXX_REQUIRES(ctx);

private:
	kcxx::Status send(kcxx::Sleepable &ctx, u8 id, const void *p, size_t len) KCXX_REQUIRES(ctx)
	{
		return trans_.send_command(ctx, id, p, len);
	}

	Transport trans_;
	Wireless wl_{trans_};
	u8 antenna_;
};

/* The initial configuration (the firmware takes nothing else before HOST_COMPLETE). */
kcxx::Status Adapter::firmware_up(kcxx::Sleepable &ctx)
{
	/* A (re)loaded firmware knows nothing of what the last one was doing. */
	wl_.firmware_changed(ctx);
	/* What the user set (radio.cpp): transmit power and RTS threshold belong to this sequence. */
	const Wireless::RadioSettings radio = wl_.radio_settings(ctx);
	kcxx::Status st = wl_.send_tx_power(ctx, radio.tx_power_dbm);
	if (st)
		st = send(ctx, cmd::adapter_address, trans_.eeprom().mac, 6);
	if (st) {
		u8 sys[20] = {};
		sys[2] = trans_.mode() == 1; /* answer broadcast probes in IBSS */
		sys[4] = 1;		     /* accept non-directed frames */
		sys[6] = 1;		     /* host decrypts unicast... */
		sys[8] = 1;		     /* ...and multicast */
		sys[9] = antenna_;
		sys[15] = 0x1e; /* silence threshold */
		sys[18] = 1;	/* noise statistics to the host */
		wl_.set_system_config(ctx, sys);
		st = send(ctx, cmd::system_config, sys, sizeof(sys));
	}
	if (st) {
		static const u8 rates[16] = {2,	   12,	 1,    0,    0x82, 0x84, 0x8b, 0x96,
					     0x0c, 0x12, 0x18, 0x24, 0x30, 0x48, 0x60, 0x6c};
		st = send(ctx, cmd::supported_rates, rates, sizeof(rates));
	}
	if (st)
		st = wl_.send_rts(ctx, radio.rts);
	if (st) {
		u32 seed = kcxx::random_u32();
		st = send(ctx, cmd::seed_number, &seed, sizeof(seed));
	}
	if (st)
		st = send(ctx, cmd::host_complete, nullptr, 0);
	if (st)
		st = wl_.radio_up(ctx);
	if (st)
		wl_.firmware_configured(ctx);
	return st;
}

} // namespace ipw

/* The debugfs top directory, shared by all adapters (made at module load). */
extern "C" {
kcxx::DebugfsDir *ipw2200_cxx_debugfs_root;
}

int ipw2200_cxx_module_init(void)
{
	return kcxx::with_sleepable([](kcxx::Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
		ipw2200_cxx_debugfs_root = new (kcxx::Gfp::kernel(ctx)) kcxx::DebugfsDir;
		if (!ipw2200_cxx_debugfs_root)
			return -12;
		ipw2200_cxx_debugfs_root->create("ipw2200_cxx");
		return 0;
	});
}

void ipw2200_cxx_module_exit(void)
{
	kcxx::with_sleepable([](kcxx::Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
		ipw2200_cxx_debugfs_root->remove(ctx);
		delete ipw2200_cxx_debugfs_root;
		ipw2200_cxx_debugfs_root = nullptr;
	});
}

int ipw2200_cxx_probe(void *raw, const struct ipw2200_cxx_params *params)
{
	return kcxx::with_sleepable([&](kcxx::Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
		kcxx::PciDevice pdev(raw);
		kcxx::Box<ipw::Adapter> a(new (kcxx::Gfp::kernel(ctx)) ipw::Adapter(pdev, *params));
		if (!a)
			return -12;
		auto st = a->trans().probe(ctx);
		if (!st)
			return st.error();
		st = a->wireless().setup(ctx);
		if (!st) {
			a->wireless().teardown(ctx);
			a->trans().remove(ctx);
			return st.error();
		}
		pdev.set_drvdata(a.release());
		return 0;
	});
}

void ipw2200_cxx_remove(void *raw)
{
	kcxx::with_sleepable([&](kcxx::Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
		kcxx::PciDevice pdev(raw);
		kcxx::Box<ipw::Adapter> a(static_cast<ipw::Adapter *>(pdev.drvdata()));
		pdev.set_drvdata(nullptr);
		if (a) {
			a->wireless().teardown(ctx);
			a->trans().remove(ctx);
		}
	});
}

int ipw2200_cxx_suspend(void *raw)
{
	return kcxx::with_sleepable([&](kcxx::Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
		auto *a = static_cast<ipw::Adapter *>(kcxx::PciDevice(raw).drvdata());
		if (!a)
			return 0;
		auto st = a->trans().suspend(ctx);
		return st ? 0 : st.error();
	});
}

int ipw2200_cxx_resume(void *raw)
{
	return kcxx::with_sleepable([&](kcxx::Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
		auto *a = static_cast<ipw::Adapter *>(kcxx::PciDevice(raw).drvdata());
		if (!a)
			return 0;
		auto st = a->trans().resume(ctx);
		return st ? 0 : st.error();
	});
}
