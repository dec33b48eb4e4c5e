// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/net.h and include/kcxx/wireless.h: net device
// operations bound to methods (open, stop, transmit, a missing transmit
// dropping), a wiphy's cfg80211_ops carrying exactly the operations its
// owner names, a scan request whose op fails being left to cfg80211, and
// the checks in front of cfg80211's BSS table.
#include <kcxx/net.h>
#include <kcxx/new.h>
#include <kcxx/wireless.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::Sleepable;
using kcxx::Status;
using kcxx::u16;
using kcxx::u32;
using kcxx::u8;

namespace {

struct NetOwner {
	int opens = 0;
	int stops = 0;
	int xmits = 0;
	kcxx::size_t last_len = 0;
	bool fail_open = false;
	Status open(Sleepable &)
	{
		opens++;
		return fail_open ? Status(kcxx::Err(-5)) : Status::ok();
	}
	void stop(Sleepable &) { stops++; }
	void xmit(kcxx::AtomicContext &, kcxx::SkBuff skb)
	{
		xmits++;
		last_len = skb.len();
	}
	kcxx::NetDevice nd;
};

struct NetOwnerOps {
	using Owner = NetOwner;
	static constexpr auto open = &NetOwner::open;
	static constexpr auto stop = &NetOwner::stop;
	static constexpr auto start_xmit = &NetOwner::xmit;
};

struct OpenOnlyOps {
	using Owner = NetOwner;
	static constexpr auto open = &NetOwner::open;
};

bool prefix(const char *s, const char *p)
{
	while (*p)
		if (*s++ != *p++)
			return false;
	return true;
}

int netdev_ops(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<NetOwner> o(new (Gfp::kernel(ctx)) NetOwner);
	CHECK(o);
	CHECK(o->nd.create<NetOwnerOps>(ctx, "kcxxt%d", o.get()));
	CHECK(!o->nd.create<NetOwnerOps>(ctx, "kcxxt%d", o.get())); // once
	const u8 mac[6] = {0x02, 0, 0, 0, 0x4b, 0x01};
	o->nd.set_address(mac);
	CHECK(o->nd.register_dev(ctx));
	CHECK(o->nd.registered() && prefix(o->nd.name(), "kcxxt"));
	void *raw = o->nd.raw();
	CHECK(kcxx_test_shim_netdev_open(raw) == 0 && o->opens == 1);
	CHECK(kcxx_test_shim_netdev_xmit(raw, 60) == 0 && o->xmits == 1 && o->last_len == 60);
	kcxx_test_shim_netdev_close(raw);
	CHECK(o->stops == 1);
	o->fail_open = true;
	CHECK(kcxx_test_shim_netdev_open(raw) == -5 && o->opens == 2);
	o->nd.unregister(ctx);
	CHECK(!o->nd.registered());
	o->nd.unregister(ctx); // idempotent
	return 0;
}

int netdev_no_xmit(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<NetOwner> o(new (Gfp::kernel(ctx)) NetOwner);
	CHECK(o);
	CHECK(o->nd.create<OpenOnlyOps>(ctx, "kcxxt%d", o.get()));
	const u8 mac[6] = {0x02, 0, 0, 0, 0x4b, 0x03};
	o->nd.set_address(mac); // or open fails: eth_validate_addr()
	CHECK(o->nd.register_dev(ctx));
	void *raw = o->nd.raw();
	CHECK(kcxx_test_shim_netdev_open(raw) == 0 && o->opens == 1);
	CHECK(kcxx_test_shim_netdev_xmit(raw, 100) == 0 && o->xmits == 0);
	CHECK(kcxx_test_shim_netdev_tx_dropped(raw) == 1);
	kcxx_test_shim_netdev_close(raw);
	CHECK(o->stops == 0);
	// The destructor unregisters (last line of defence) and frees.
	return 0;
}

struct WlOwner {
	int scans = 0;
	u32 n_channels = 0;
	u16 freq0 = 0;
	u16 hw0 = 0;
	int band0 = -9;
	u8 ssid_len = 0;
	bool past_end_refused = false;
	Status scan(Sleepable &, kcxx::ScanRequest &req)
	{
		scans++;
		n_channels = req.n_channels();
		auto c = req.channel(0);
		if (c) {
			freq0 = c.value().freq;
			hw0 = c.value().hw_value;
			band0 = c.value().band;
		}
		auto s = req.ssid(0);
		if (s)
			ssid_len = s.value().len;
		past_end_refused = !req.channel(n_channels) && !req.ssid(req.n_ssids());
		// Refused: cfg80211 keeps the request (the binding must not report it).
		return kcxx::Err(-16);
	}
	kcxx::Wiphy w;
};

struct ScanOnlyOps {
	using Owner = WlOwner;
	static constexpr auto scan = &WlOwner::scan;
};

constexpr kcxx::Channel test_channels[] = {{2412, 1, 0}, {2437, 6, 0}, {2462, 11, 0}};
constexpr kcxx::Bitrate test_rates[] = {{10, 2, 0}, {20, 4, 0}, {55, 11, 0}, {110, 22, 0}};
constexpr u32 test_ciphers[] = {kcxx::cipher::ccmp};

Status setup_wiphy(Sleepable &ctx, WlOwner &o, void *dev) KCXX_REQUIRES(ctx)
{
	Status st = o.w.create<ScanOnlyOps>(ctx, kcxx::Device(dev), &o);
	if (st)
		st = o.w.add_band(ctx, kcxx::Band::ghz2, test_channels, 3, test_rates, 4);
	if (!st)
		return st;
	kcxx::WiphyConfig cfg;
	const u8 mac[6] = {0x02, 0, 0, 0, 0x4b, 0x02};
	cfg.perm_addr = mac;
	cfg.iftypes = 1u << kcxx::iftype::station;
	cfg.ciphers = test_ciphers;
	cfg.n_ciphers = 1;
	cfg.max_scan_ssids = 1;
	cfg.max_scan_ie_len = 100;
	return o.w.configure(ctx, cfg);
}

int wiphy_ops(Sleepable &ctx, void *dev) KCXX_REQUIRES(ctx)
{
	kcxx::Box<WlOwner> o(new (Gfp::kernel(ctx)) WlOwner);
	CHECK(o);
	CHECK(setup_wiphy(ctx, *o, dev));
	void *raw = o->w.raw();
	CHECK(kcxx_test_shim_wiphy_has_op(raw, 0) == 1); // scan
	CHECK(kcxx_test_shim_wiphy_has_op(raw, 1) == 0); // abort_scan: not named
	CHECK(kcxx_test_shim_wiphy_has_op(raw, 2) == 0); // connect
	CHECK(kcxx_test_shim_wiphy_has_op(raw, 3) == 0); // the key operations
	CHECK(kcxx_test_shim_wiphy_has_op(raw, 4) == 0); // the interface-mode operations
	CHECK(o->w.add_band(ctx, kcxx::Band::ghz2, test_channels, 3, test_rates, 4).error() == -17); // EEXIST
	CHECK(!o->w.add_band(ctx, kcxx::Band::ghz5, test_channels, 0, test_rates, 4));
	CHECK(kcxx_test_shim_wiphy_fake_scan(raw, "kcxx") == -16);
	CHECK(o->scans == 1 && o->n_channels == 3 && o->freq0 == 2412 && o->hw0 == 1);
	CHECK(o->band0 == static_cast<int>(kcxx::Band::ghz2) && o->ssid_len == 4 && o->past_end_refused);
	return 0;
}

/* An owner of the interface-mode operations: each one is in the table, nothing else is. */
struct ModeOwner {
	Status change_iftype(Sleepable &, u32, bool) { return Status::ok(); }
	Status set_monitor_channel(Sleepable &, const kcxx::ScanChannel &) { return Status::ok(); }
	Status join_ibss(Sleepable &, const kcxx::IbssParams &) { return Status::ok(); }
	Status leave_ibss(Sleepable &) { return Status::ok(); }
	kcxx::Wiphy w;
};

struct ModeOps {
	using Owner = ModeOwner;
	static constexpr auto change_iftype = &ModeOwner::change_iftype;
	static constexpr auto set_monitor_channel = &ModeOwner::set_monitor_channel;
	static constexpr auto join_ibss = &ModeOwner::join_ibss;
	static constexpr auto leave_ibss = &ModeOwner::leave_ibss;
};

int wiphy_mode_ops(Sleepable &ctx, void *dev) KCXX_REQUIRES(ctx)
{
	kcxx::Box<ModeOwner> o(new (Gfp::kernel(ctx)) ModeOwner);
	CHECK(o);
	CHECK(o->w.create<ModeOps>(ctx, kcxx::Device(dev), o.get()));
	void *raw = o->w.raw();
	CHECK(kcxx_test_shim_wiphy_has_op(raw, 4) == 4);
	CHECK(kcxx_test_shim_wiphy_has_op(raw, 0) == 0 && kcxx_test_shim_wiphy_has_op(raw, 2) == 0);
	return 0;
}

/* A beacon: header, timestamp, interval 100, capability ESS, SSID "kcxx", rates, DS channel 6. */
kcxx::size_t make_beacon(u8 *b, u8 fc0)
{
	const u8 hdr[24] = {fc0, 0, 0,	  0,	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0,
			    0,	 0, 0x4b, 0x42, 0x02, 0,    0,	  0,	0x4b, 0x42, 0x10, 0};
	const u8 body[] = {0,	0,   0,	  0,   0, 0, 0,	   0,	 100,  0,    0x01, 0, 0, 4,
			   'k', 'c', 'x', 'x', 1, 4, 0x82, 0x84, 0x8b, 0x96, 3,	   1, 6};
	__builtin_memcpy(b, hdr, sizeof(hdr));
	__builtin_memcpy(b + sizeof(hdr), body, sizeof(body));
	return sizeof(hdr) + sizeof(body);
}

int wiphy_bss(Sleepable &ctx, void *dev) KCXX_REQUIRES(ctx)
{
	kcxx::Box<WlOwner> o(new (Gfp::kernel(ctx)) WlOwner);
	CHECK(o);
	CHECK(setup_wiphy(ctx, *o, dev));
	u8 f[64];
	kcxx::size_t len = make_beacon(f, 0x80);
	CHECK(o->w.inform_bss_frame(Gfp::kernel(ctx), 2437, f, len, -4000).error() == -22); // not registered
	CHECK(o->w.register_dev(ctx));
	{
		auto b = o->w.inform_bss_frame(Gfp::kernel(ctx), 2437, f, len, -4000);
		CHECK(b && b.value().raw());
	}
	// No room for the fixed fields; not a channel of the wiphy; longer than any frame.
	CHECK(o->w.inform_bss_frame(Gfp::kernel(ctx), 2437, f, 35, -4000).error() == -22);
	CHECK(o->w.inform_bss_frame(Gfp::kernel(ctx), 5180, f, len, -4000).error() == -22);
	CHECK(o->w.inform_bss_frame(Gfp::kernel(ctx), 2437, f, 1u << 20, -4000).error() == -22);
	len = make_beacon(f, 0x08); // a data frame
	CHECK(o->w.inform_bss_frame(Gfp::kernel(ctx), 2437, f, len, -4000).error() == -22);
	len = make_beacon(f, 0x50); // a probe response
	{
		auto b = o->w.inform_bss_frame(Gfp::kernel(ctx), 2437, f, len, -5000);
		CHECK(b);
	}
	o->w.unregister(ctx);
	CHECK(!o->w.registered());
	return 0;
}
} // namespace

extern "C" int kcxx_test_netdev_ops(void)
{
	return run(netdev_ops);
}
extern "C" int kcxx_test_netdev_no_xmit(void)
{
	return run(netdev_no_xmit);
}
extern "C" int kcxx_test_wiphy_ops(void *dev)
{
	return run([dev](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS { return wiphy_ops(ctx, dev); });
}
extern "C" int kcxx_test_wiphy_mode_ops(void *dev)
{
	return run([dev](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS { return wiphy_mode_ops(ctx, dev); });
}
extern "C" int kcxx_test_wiphy_bss(void *dev)
{
	return run([dev](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS { return wiphy_bss(ctx, dev); });
}
