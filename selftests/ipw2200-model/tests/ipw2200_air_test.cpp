// SPDX-License-Identifier: GPL-2.0
/* The 2200BG firmware on the air (src/ipw2200/air.h): scanning the medium. */
#include <functional>
#include <utility>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "air_fakes.h"
#include "ipw2200/air.h"
#include "ipw2200_fakes.h"
#include "medium/medium.h"

namespace ipwmodel::ipw2200 {
namespace {

using medium::AirFrame;
using medium::MacAddr;
using std::chrono::milliseconds;
using test::Bench;
using test::DriverSim;
using Bytes = std::vector<std::uint8_t>;

const MacAddr kApMac{0x02, 0, 0, 0, 0, 0};
const MacAddr kBcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

Bytes mgmt(std::uint8_t subtype, const MacAddr &a1, const std::string &ssid)
{
	Bytes f = {static_cast<std::uint8_t>(subtype << 4), 0, 0, 0};

	f.insert(f.end(), a1.begin(), a1.end());
	f.insert(f.end(), kApMac.begin(), kApMac.end());
	f.insert(f.end(), kApMac.begin(), kApMac.end());
	f.insert(f.end(), {0, 0});		     /* sequence */
	f.insert(f.end(), {0, 0, 0, 0, 0, 0, 0, 0}); /* timestamp */
	f.insert(f.end(), {100, 0, 0x11, 0x04});     /* interval, ESS | privacy */
	f.push_back(0);
	f.push_back(static_cast<std::uint8_t>(ssid.size()));
	f.insert(f.end(), ssid.begin(), ssid.end());
	return f;
}

/* An AP on 2437 MHz that answers probe requests at once, on the air. */
class FakeAp final : public test::ApRadio {
public:
	explicit FakeAp(medium::Medium &m) : ApRadio(m, kApMac, "ap") {}

	static Bytes reply(std::uint8_t fc0, const MacAddr &to, const Bytes &body)
	{
		Bytes f = {fc0, 0, 0, 0};

		f.insert(f.end(), to.begin(), to.end());
		f.insert(f.end(), kApMac.begin(), kApMac.end());
		f.insert(f.end(), kApMac.begin(), kApMac.end());
		f.insert(f.end(), {0, 0});
		f.insert(f.end(), body.begin(), body.end());
		return f;
	}
	void beacon(const Bytes &b, std::uint32_t freq = 2437) { transmit(b, freq); }

	int auth_status = 0;
	int assoc_status = 0;
	bool silent = false;

protected:
	void on_frame(const AirFrame &f) override
	{
		if (f.freq_mhz != 2437 || silent)
			return;
		MacAddr sa{};

		std::copy_n(f.bytes.begin() + 10, 6, sa.begin());
		if (f.bytes[0] == 0x40) {
			beacon(mgmt(5, sa, "net"));
		} else if (f.bytes[0] == 0xB0) { /* authentication: answer seq 2 */
			beacon(reply(0xB0, sa, {0, 0, 2, 0, static_cast<std::uint8_t>(auth_status), 0}));
		} else if (f.bytes[0] == 0x00 || f.bytes[0] == 0x20) { /* (re)association */
			beacon(reply(static_cast<std::uint8_t>(f.bytes[0] + 0x10), sa,
				     {0x11, 0x04, static_cast<std::uint8_t>(assoc_status), 0, 1, 0xC0}));
		}
	}
};

struct Air : ::testing::Test {
	void SetUp() override
	{
		ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
		b.dev->set_command_observer([this](const HostCommand &c) { air.on_command(c); });
	}

	/* SCAN_REQUEST_EXT: one B/G group of @chans, all of @type, dwell @ms for it. */
	static Bytes scan_request(const std::vector<std::uint8_t> &chans, std::uint8_t type, std::uint16_t ms)
	{
		Bytes r(96, 0);

		r[4] = static_cast<std::uint8_t>((1 << 6) | chans.size());
		for (std::size_t i = 0; i < chans.size(); i++) {
			const std::size_t idx = 1 + i;

			r[5 + i] = chans[i];
			r[58 + idx / 2] |= idx % 2 == 0 ? type << 4 : type;
		}
		r[86 + 2 * type] = static_cast<std::uint8_t>(ms & 0xFF);
		r[87 + 2 * type] = static_cast<std::uint8_t>(ms >> 8);
		return r;
	}

	/* The receive packets the host got so far (read index), from @from on. */
	std::vector<const std::uint8_t *> packets(unsigned from = 0)
	{
		std::vector<const std::uint8_t *> out;

		for (unsigned i = from; i < d.read32(shm::kRxReadIndex); i++)
			out.push_back(b.mem.at(d.rx_buf[i]));
		return out;
	}

	std::vector<AirFrame> probes() const
	{
		std::vector<AirFrame> out;

		for (const AirFrame &f : ap.heard)
			if (f.bytes[0] == 0x40)
				out.push_back(f);
		return out;
	}

	static DeviceConfig config()
	{
		DeviceConfig c;

		c.auto_scan_complete = false; /* the air firmware answers scans */
		return c;
	}

	Bench b{config()};
	DriverSim d{*b.dev, b.mem, b.sched};
	medium::Medium m;
	FakeAp ap{m};
	Ipw2200Air air{*b.dev, m, b.sched};
};

TEST_F(Air, ActiveScanProbesEachChannelAndReportsTheAnswer)
{
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan_request({1, 6, 11}, 3, 20)));
	EXPECT_TRUE(air.scanning());
	EXPECT_EQ(air.listening_mhz(), 2412U);
	b.sched.advance(milliseconds(20));
	EXPECT_EQ(air.listening_mhz(), 2437U);
	ASSERT_EQ(probes().size(), 2U);
	const AirFrame p = probes()[1];

	EXPECT_EQ(p.freq_mhz, 2437U);
	EXPECT_TRUE(std::equal(kBcast.begin(), kBcast.end(), p.bytes.begin() + 4));
	const MacAddr mac = air.mac();

	EXPECT_TRUE(std::equal(mac.begin(), mac.end(), p.bytes.begin() + 10));
	EXPECT_EQ(p.bytes[24], 0); /* SSID element, wildcard */
	EXPECT_EQ(p.bytes[25], 0);
	EXPECT_EQ(p.bytes[26], 1); /* supported rates */

	/* The answer is a receive frame (reference 16.3). */
	auto pk = packets();
	ASSERT_EQ(pk.size(), 1U);
	const std::uint8_t *r = pk[0];
	const Bytes resp = mgmt(5, air.mac(), "net");

	EXPECT_EQ(r[0], 0x09);
	EXPECT_EQ(r[12], 6);	       /* received channel */
	EXPECT_EQ(r[14], 0x6E);	       /* 11 Mb/s */
	EXPECT_EQ(r[17], 112 - 50);    /* rssi_dbm */
	EXPECT_EQ(r[22] & 0x20, 0x20); /* CCK */
	EXPECT_EQ(r[23] & 1, 1);       /* 2.4 GHz */
	EXPECT_EQ(r[26] | r[27] << 8, static_cast<int>(resp.size()));
	EXPECT_TRUE(std::equal(resp.begin(), resp.end(), r + 28));

	/* A beacon on channel 6 while the radio is on channel 11: not heard. */
	b.sched.advance(milliseconds(20));
	EXPECT_EQ(air.listening_mhz(), 2462U);
	ap.beacon(mgmt(8, kBcast, "net"));
	b.sched.advance(milliseconds(20));
	EXPECT_FALSE(air.scanning());
	EXPECT_EQ(air.listening_mhz(), 0U);
	pk = packets(1);
	ASSERT_EQ(pk.size(), 1U);
	EXPECT_EQ(pk[0][0], kRxHostNotificationType);
	EXPECT_EQ(pk[0][12], 13); /* SCAN_COMPLETED {type 3, 3 channels, complete} */
	EXPECT_EQ(pk[0][16], 3);
	EXPECT_EQ(pk[0][17], 3);
	EXPECT_EQ(pk[0][18], 1);
	EXPECT_EQ(air.stats().scans_completed, 1U);
	EXPECT_EQ(air.stats().frames_to_host, 1U);
}

TEST_F(Air, DirectedScanProbesForTheConfiguredSsid)
{
	const std::string ssid = "test";

	ASSERT_TRUE(d.cmd(cmd::kSsid, Bytes(ssid.begin(), ssid.end())));
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan_request({6}, 4, 20)));
	const std::vector<AirFrame> p = probes();

	ASSERT_EQ(p.size(), 2U);
	EXPECT_EQ(p[0].bytes[25], 0);
	EXPECT_EQ(p[1].bytes[25], 4);
	EXPECT_EQ(std::string(p[1].bytes.begin() + 26, p[1].bytes.begin() + 30), ssid);
	EXPECT_EQ(air.stats().probe_requests, 2U);
}

TEST_F(Air, PassiveScanListensWithoutProbing)
{
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan_request({6}, 1, 120)));
	EXPECT_TRUE(probes().empty());
	b.sched.advance(milliseconds(100));
	ap.beacon(mgmt(8, kBcast, "net"));
	ap.beacon(mgmt(4, kBcast, "x"));		      /* someone else's probe request: not for the host */
	ap.beacon(mgmt(5, MacAddr{2, 0, 0, 0, 9, 9}, "net")); /* answer to another station */
	ASSERT_EQ(packets().size(), 1U);
	EXPECT_EQ(packets()[0][28], 0x80); /* the beacon */
	EXPECT_TRUE(air.scanning());
	b.sched.advance(milliseconds(20));
	EXPECT_FALSE(air.scanning());
	EXPECT_EQ(air.stats().frames_heard, 3U);
}

TEST_F(Air, AbortEndsTheScanAtOnce)
{
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan_request({1, 6, 11}, 3, 20)));
	ASSERT_TRUE(d.cmd(cmd::kScanAbort, {}));
	EXPECT_FALSE(air.scanning());
	ASSERT_EQ(packets().size(), 1U);
	EXPECT_EQ(packets()[0][18], 2); /* aborted */
	b.sched.advance(milliseconds(100));
	EXPECT_EQ(packets().size(), 1U);
	EXPECT_EQ(probes().size(), 1U);
	EXPECT_EQ(air.stats().scans_aborted, 1U);
}

TEST_F(Air, AKilledRadioNeitherTransmitsNorHears)
{
	b.dev->set_hw_rfkill(true);
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan_request({6}, 3, 20)));
	EXPECT_TRUE(probes().empty());
	ap.beacon(mgmt(8, kBcast, "net"));
	EXPECT_EQ(air.stats().frames_heard, 0U);
	EXPECT_FALSE(air.acks(air.mac(), 2437));
}

TEST_F(Air, AGroupOverrunningTheListIsCountedAndTheRestScanned)
{
	Bytes r = scan_request({6}, 3, 20);

	r[6] = (1 << 6) | 60; /* a second group claiming 60 channels */
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, r));
	EXPECT_EQ(air.stats().bad_scan_requests, 1U);
	b.sched.advance(milliseconds(20));
	ASSERT_FALSE(packets().empty());
	EXPECT_EQ(packets().back()[17], 1); /* one channel */
}

/* ASSOCIATE (40 bytes) to the fake AP on channel 6. */
Bytes associate_cmd(std::uint8_t type, std::uint8_t auth = 0, std::uint16_t policy = 0)
{
	Bytes a(40, 0);

	a[0] = 6;
	a[1] = auth;
	a[2] = type;
	a[4] = static_cast<std::uint8_t>(policy);
	a[7] = 2; /* G */
	std::copy(kApMac.begin(), kApMac.end(), a.begin() + 8);
	a[22] = 0x31; /* ESS | privacy | short preamble */
	a[23] = 0x04; /* short slot */
	a[24] = 10;   /* listen interval */
	a[26] = 100;
	return a;
}

struct Assoc : Air {
	/* The notifications (subtype, payload) the host got from packet @from on. */
	std::vector<std::pair<int, Bytes>> notes(unsigned from = 0)
	{
		std::vector<std::pair<int, Bytes>> out;

		for (const std::uint8_t *p : packets(from))
			if (p[0] == kRxHostNotificationType)
				out.emplace_back(p[12], Bytes(p + 16, p + 16 + (p[14] | p[15] << 8)));
		return out;
	}
	void configure()
	{
		const std::string ssid = "net";
		Bytes rates(16, 0);

		rates[0] = 2;
		rates[1] = 12;
		for (std::uint8_t i = 0; i < 12; i++)
			rates[4 + i] = static_cast<std::uint8_t>(2 + i);
		ASSERT_TRUE(d.cmd(cmd::kSsid, Bytes(ssid.begin(), ssid.end())));
		ASSERT_TRUE(d.cmd(cmd::kSupportedRates, rates));
		ASSERT_TRUE(d.cmd(cmd::kRsnCapabilities, rsn));
	}

	const Bytes rsn = {0x30, 0x06, 1, 0, 0, 0x0f, 0xac, 4};
};

TEST_F(Assoc, OpenAuthenticationThenAssociation)
{
	configure();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0, 0, 2)));
	EXPECT_EQ(air.link(), Ipw2200Air::Link::associated);
	EXPECT_EQ(air.listening_mhz(), 2437U);
	const auto n = notes();

	ASSERT_EQ(n.size(), 2U);
	EXPECT_EQ(n[0].first, 11); /* STATUS_AUTHENTICATE */
	ASSERT_EQ(n[0].second.size(), 27U);
	EXPECT_EQ(n[0].second[0], 9);
	EXPECT_EQ(n[0].second[1], 0xB0); /* the AP's frame header */
	EXPECT_EQ(n[1].first, 10);	 /* STATUS_ASSOCIATED */
	EXPECT_EQ(n[1].second, Bytes{12});
	/* The request: capability, listen interval, SSID, 8 + 4 rates, the RSN element. */
	const auto req = ap.with_fc(0x00);

	ASSERT_EQ(req.size(), 1U);
	const Bytes &b = req[0].bytes;
	const Bytes body(b.begin() + 24, b.end());
	Bytes want = {0x31, 0x04, 10, 0, 0, 3, 'n', 'e', 't', 1, 8, 2, 3, 4, 5, 6, 7, 8, 9, 50, 4, 10, 11, 12, 13};

	want.insert(want.end(), rsn.begin(), rsn.end());
	EXPECT_EQ(body, want);
	EXPECT_EQ(air.stats().associations, 1U);
}

TEST_F(Assoc, DataFlowsBothWaysOnceAssociated)
{
	configure();
	Bytes out(40, 0);

	out[0] = 0x08;
	out[1] = 0x01; /* ToDS */
	air.on_tx(0, out);
	EXPECT_EQ(air.stats().data_tx_dropped, 1U); /* not associated yet */
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	const unsigned before = d.read32(shm::kRxReadIndex);

	air.on_tx(0, out);
	air.on_tx(0, out);
	const auto data = ap.with_fc(0x08);

	ASSERT_EQ(data.size(), 2U);
	EXPECT_NE(data[0].bytes[22] | data[0].bytes[23] << 8,
		  data[1].bytes[22] | data[1].bytes[23] << 8); /* firmware sequence numbers */
	const MacAddr me = air.mac();

	ap.beacon(FakeAp::reply(0x08, me, Bytes(20, 0)));			 /* to us */
	ap.beacon(FakeAp::reply(0x08, MacAddr{2, 0, 0, 0, 7, 7}, Bytes(20, 0))); /* to another */
	ap.beacon(FakeAp::reply(0x08, kBcast, Bytes(20, 0)));			 /* group */
	const auto pk = packets(before);

	ASSERT_EQ(pk.size(), 2U);
	EXPECT_EQ(pk[0][0], 0x09);
	EXPECT_EQ(pk[0][28], 0x08);
	EXPECT_EQ(air.stats().data_rx, 2U);
	EXPECT_EQ(air.stats().data_tx, 2U);
}

TEST_F(Assoc, RefusedAuthenticationIsReportedWithTheStatus)
{
	configure();
	ap.auth_status = 17;
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	const auto n = notes();

	ASSERT_EQ(n.size(), 1U);
	EXPECT_EQ(n[0].first, 11);
	EXPECT_EQ(n[0].second[0], 0);
	EXPECT_EQ(n[0].second[25], 17);
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	EXPECT_EQ(air.listening_mhz(), 0U);
}

TEST_F(Assoc, RefusedAssociationIsReported)
{
	configure();
	ap.assoc_status = 1;
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	const auto n = notes();

	ASSERT_EQ(n.size(), 2U);
	EXPECT_EQ(n[1].first, 10);
	EXPECT_EQ(n[1].second, Bytes{0});
	EXPECT_EQ(air.stats().assoc_failures, 1U);
}

TEST_F(Assoc, SilentApMeansThreeTriesThenFailure)
{
	configure();
	ap.silent = true;
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	EXPECT_EQ(ap.with_fc(0xB0).size(), 1U);
	b.sched.advance(Ipw2200Air::kResponseTimeout);
	b.sched.advance(Ipw2200Air::kResponseTimeout);
	EXPECT_EQ(ap.with_fc(0xB0).size(), 3U);
	EXPECT_TRUE(notes().empty());
	b.sched.advance(Ipw2200Air::kResponseTimeout);
	const auto n = notes();

	ASSERT_EQ(n.size(), 1U);
	EXPECT_EQ(n[0].first, 11);
	EXPECT_EQ(n[0].second[0], 0);
	EXPECT_EQ(ap.with_fc(0xB0).size(), 3U);
}

TEST_F(Assoc, DeauthenticationAndDisassociation)
{
	configure();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	const MacAddr me = air.mac();

	ap.beacon(FakeAp::reply(0xC0, me, {3, 0})); /* deauthentication, reason 3 */
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	auto n = notes(2);

	ASSERT_EQ(n.size(), 1U);
	EXPECT_EQ(n[0].first, 11);
	EXPECT_EQ(n[0].second[0], 0);
	EXPECT_EQ(n[0].second[25], 3);

	/* The host leaves: a disassociation frame, then STATUS_ASSOCIATED 0. */
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(2)));
	EXPECT_EQ(ap.with_fc(0xA0).size(), 1U);
	EXPECT_EQ(notes().back().first, 10);
	EXPECT_EQ(notes().back().second, Bytes{0});
	/* Quietly: no frame. */
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(5)));
	EXPECT_EQ(ap.with_fc(0xA0).size(), 1U);
	EXPECT_EQ(air.stats().disassociations, 3U);
}

TEST_F(Assoc, LeapAndTheBssFirmwareStartingAnIbssAreRefused)
{
	configure();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0, 2)));
	EXPECT_EQ(notes().back().first, 11);
	EXPECT_EQ(notes().back().second[0], 0);
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(3)));
	EXPECT_EQ(notes().back().first, 10);
	EXPECT_EQ(notes().back().second, Bytes{0});
	EXPECT_TRUE(ap.with_fc(0xB0).empty());
}

const MacAddr kCell{0x02, 0xC0, 0xFF, 0xEE, 0, 1};

/* ASSOCIATE in the IBSS firmware: @type 3 starts, 0 joins the cell @bssid. */
Bytes ibss_cmd(std::uint8_t type, const MacAddr &bssid = kCell)
{
	Bytes a = associate_cmd(type);

	std::copy(bssid.begin(), bssid.end(), a.begin() + 8);
	a[22] = 0x02; /* IBSS */
	a[23] = 0;
	std::fill(a.begin() + 28, a.begin() + 34, 0xFF); /* dest: broadcast */
	return a;
}

/* A frame in the cell: @fc0, address 1 @a1, from the fake AP's address. */
Bytes cell_frame(std::uint8_t fc0, const MacAddr &a1, const MacAddr &bssid = kCell)
{
	Bytes f = FakeAp::reply(fc0, a1, Bytes(20, 0));

	std::copy(bssid.begin(), bssid.end(), f.begin() + 16);
	return f;
}

struct Ibss : Assoc {
	void SetUp() override
	{
		Assoc::SetUp();
		ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::ibss)), 0);
		ASSERT_EQ(air.fw_mode(), FwMode::ibss);
		configure();
	}
	[[nodiscard]] std::vector<AirFrame> beacons() const { return ap.with_fc(0x80); }
};

TEST_F(Ibss, StartingACellBeaconsAndAnswersProbes)
{
	ASSERT_TRUE(d.cmd(cmd::kAssociate, ibss_cmd(3)));
	EXPECT_EQ(notes().back().first, 10);
	EXPECT_EQ(notes().back().second, Bytes{12});
	ASSERT_NE(air.ibss(), nullptr);
	EXPECT_EQ(air.ibss()->bssid(), kCell);
	EXPECT_TRUE(ap.with_fc(0xB0).empty()); /* no authentication in an IBSS */
	ASSERT_EQ(beacons().size(), 1U);
	b.sched.advance(milliseconds(205)); /* 100 TU = 102.4 ms */
	ASSERT_EQ(beacons().size(), 3U);
	const Bytes bc = beacons().back().bytes;

	EXPECT_EQ(beacons().back().freq_mhz, 2437U);
	EXPECT_TRUE(std::equal(kBcast.begin(), kBcast.end(), bc.begin() + 4));
	EXPECT_TRUE(std::equal(kCell.begin(), kCell.end(), bc.begin() + 16));
	EXPECT_NE(std::count(bc.begin() + 24, bc.begin() + 32, 0), 8); /* timestamp */
	EXPECT_EQ(bc[32], 100);					       /* beacon interval */
	EXPECT_EQ(bc[34] & 0x03, 0x02);				       /* IBSS, not ESS */
	const Bytes ies(bc.begin() + 36, bc.end());
	const Bytes want = {0,	3, 'n', 'e', 't', 1, 8, 2, 3, 4, 5, 6, 7, 8, 9, 3, 1, 6, /* DS parameter set */
			    6,	2, 0,	0,						 /* IBSS parameter set */
			    50, 4, 10,	11,  12,  13};					 /* extended rates */
	EXPECT_EQ(ies, want);

	/* Probe requests: wildcard and our SSID are answered, another is not. */
	Bytes probe = mgmt(4, kBcast, "");

	probe.resize(24);
	const auto with_ssid = [&probe](const std::string &ssid) {
		Bytes p = probe;

		p.push_back(0);
		p.push_back(static_cast<std::uint8_t>(ssid.size()));
		p.insert(p.end(), ssid.begin(), ssid.end());
		return p;
	};
	std::fill(probe.begin() + 16, probe.begin() + 22, 0xFF);
	ap.beacon(with_ssid(""));
	ap.beacon(with_ssid("net"));
	ap.beacon(with_ssid("other"));
	const auto resp = ap.with_fc(0x50);

	ASSERT_EQ(resp.size(), 2U);
	EXPECT_TRUE(std::equal(kApMac.begin(), kApMac.end(), resp[0].bytes.begin() + 4));
	EXPECT_TRUE(std::equal(kCell.begin(), kCell.end(), resp[0].bytes.begin() + 16));
	EXPECT_EQ(air.stats().probe_responses, 2U);
	EXPECT_EQ(air.stats().ibss_started, 1U);
}

TEST_F(Ibss, DataAndBeaconsOfTheCellReachTheHost)
{
	ASSERT_TRUE(d.cmd(cmd::kAssociate, ibss_cmd(3)));
	const unsigned before = d.read32(shm::kRxReadIndex);
	const MacAddr me = air.mac();

	ap.beacon(cell_frame(0x08, me));			    /* to us */
	ap.beacon(cell_frame(0x08, kBcast));			    /* group */
	ap.beacon(cell_frame(0x08, MacAddr{2, 0, 0, 0, 7, 7}));	    /* to another */
	ap.beacon(cell_frame(0x08, me, MacAddr{2, 9, 9, 9, 9, 9})); /* another cell */
	ap.beacon(cell_frame(0x80, kBcast));			    /* a peer's beacon */
	const auto pk = packets(before);

	ASSERT_EQ(pk.size(), 3U);
	EXPECT_EQ(pk[0][28], 0x08);
	EXPECT_EQ(pk[2][28], 0x80);
	EXPECT_EQ(air.stats().data_rx, 2U);
	ASSERT_EQ(air.ibss()->peers().size(), 1U);
	EXPECT_EQ(air.ibss()->peers()[0], kApMac);

	Bytes out(40, 0); /* to the peer: address 3 = BSSID, no DS bits */

	out[0] = 0x08;
	std::copy(kApMac.begin(), kApMac.end(), out.begin() + 4);
	std::copy(me.begin(), me.end(), out.begin() + 10);
	std::copy(kCell.begin(), kCell.end(), out.begin() + 16);
	air.on_tx(0, out);
	ASSERT_EQ(ap.with_fc(0x08).size(), 1U);
	EXPECT_EQ(ap.with_fc(0x08)[0].freq_mhz, 2437U);
	EXPECT_EQ(air.stats().data_tx, 1U);
}

TEST_F(Ibss, JoiningAndLeavingACell)
{
	ASSERT_TRUE(d.cmd(cmd::kAssociate, ibss_cmd(0)));
	EXPECT_EQ(notes().back().second, Bytes{12});
	EXPECT_EQ(air.stats().ibss_joined, 1U);
	EXPECT_TRUE(ap.with_fc(0xB0).empty());
	EXPECT_TRUE(ap.with_fc(0x00).empty());
	EXPECT_EQ(beacons().size(), 1U);
	ASSERT_TRUE(d.cmd(cmd::kAssociate, ibss_cmd(2)));
	EXPECT_EQ(notes().back().second, Bytes{0});
	EXPECT_EQ(air.ibss(), nullptr);
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	b.sched.advance(milliseconds(500));
	EXPECT_EQ(beacons().size(), 1U);       /* the beacons stopped */
	EXPECT_TRUE(ap.with_fc(0xA0).empty()); /* no disassociation in an IBSS */
}

TEST_F(Ibss, ACellWithoutBssidGetsALocallyAdministeredOne)
{
	ASSERT_TRUE(d.cmd(cmd::kAssociate, ibss_cmd(3, MacAddr{})));
	ASSERT_NE(air.ibss(), nullptr);
	const MacAddr bssid = air.ibss()->bssid();

	EXPECT_NE(bssid, MacAddr{});
	EXPECT_EQ(bssid[0] & 0x03, 0x02);
}

TEST_F(Ibss, TheHostsStationTableIsReadBack)
{
	EXPECT_TRUE(air.host_station_table().empty());
	/* ipw_add_station(): 8-byte entries at BAR0 0xC0C, written directly. */
	d.write32(0xC0C, 0x00000002U);
	d.write32(0xC10, 0x00000100U);
	d.write32(0xC14, 0x00000002U);
	d.write32(0xC18, 0x00000200U);
	const auto t = air.host_station_table();

	ASSERT_EQ(t.size(), 2U);
	EXPECT_EQ(t[0], (MacAddr{2, 0, 0, 0, 0, 1}));
	EXPECT_EQ(t[1], (MacAddr{2, 0, 0, 0, 0, 2}));
	ASSERT_TRUE(d.cmd(cmd::kAssociate, ibss_cmd(3)));
	EXPECT_NE(format_ibss(air).find("stations=02:00:00:00:00:01,02:00:00:00:00:02"), std::string::npos);
}

struct Sniffer : Air {
	void SetUp() override
	{
		Air::SetUp();
		ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::sniffer)), 0);
		ASSERT_EQ(air.fw_mode(), FwMode::sniffer);
	}
};

TEST_F(Sniffer, EveryFrameOnTheChannelReachesTheHost)
{
	/* The upstream driver's monitor-mode scan: channel 6, type 1, 2 s. */
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan_request({6}, 1, 2000)));
	const unsigned before = d.read32(shm::kRxReadIndex);
	const MacAddr other{2, 0, 0, 0, 7, 7};

	ap.beacon(mgmt(8, kBcast, "net"));
	ap.beacon(FakeAp::reply(0x08, other, Bytes(20, 0))); /* data for someone else */
	ap.beacon(FakeAp::reply(0xB0, other, Bytes(6, 0)));  /* authentication */
	ap.beacon(Bytes{0xD4, 0, 0, 0, 2, 0, 0, 0, 7, 7});   /* ACK (10 bytes) */
	ap.beacon(mgmt(8, kBcast, "net"), 2412);	     /* another channel */
	const auto pk = packets(before);

	ASSERT_EQ(pk.size(), 4U);
	EXPECT_EQ(pk[0][0], 0x09);
	EXPECT_EQ(pk[0][12], 6);
	EXPECT_EQ(pk[0][23] & 1, 1);
	EXPECT_EQ(pk[1][28], 0x08);
	EXPECT_EQ(pk[3][26], 10); /* length */
	EXPECT_EQ(air.stats().sniffed, 4U);
	EXPECT_TRUE(probes().empty());
	EXPECT_FALSE(air.acks(air.mac(), 2437));
	/* It does not associate or transmit. */
	air.on_tx(0, Bytes(40, 0x08));
	EXPECT_EQ(air.stats().data_tx, 0U);
	b.sched.advance(milliseconds(2000));
	EXPECT_EQ(air.stats().scans_completed, 1U);
}

TEST(AirFormat, RatesAndBands)
{
	const auto p24 = Ipw2200Air::rx_packet(AirFrame{Bytes(24, 0), 2412, 11, -40}, 1, 7);

	EXPECT_EQ(p24[1], 7);
	EXPECT_EQ(p24[14], 0x03); /* 54 Mb/s */
	EXPECT_EQ(p24[22] & 0x20, 0);
	EXPECT_EQ(p24[17], 72);
	const auto p5 = Ipw2200Air::rx_packet(AirFrame{Bytes(24, 0), 5180, 0, -200}, 36, 0);

	EXPECT_EQ(p5[14], 0x0D); /* 6 Mb/s */
	EXPECT_EQ(p5[23] & 1, 0);
	EXPECT_EQ(p5[17], 0); /* clamped */
	EXPECT_EQ(Ipw2200Air::channel_mhz(1, 14), 2484U);
	EXPECT_EQ(Ipw2200Air::channel_mhz(1, 15), 0U);
	EXPECT_EQ(Ipw2200Air::channel_mhz(0, 36), 5180U);
	EXPECT_EQ(Ipw2200Air::channel_mhz(2, 1), 0U);
}

/* Missed beacons: STATUS_BEACON_STATE {1, n} for each new n. */
struct Beacons : Assoc {
	static constexpr std::chrono::microseconds kInterval{102400}; /* 100 TU */

	void beacon() { ap.beacon(FakeAp::reply(0x80, kBcast, Bytes(12, 0))); }
	/* The missed-beacon counts reported from packet @from on. */
	std::vector<std::uint32_t> misses(unsigned from = 0)
	{
		std::vector<std::uint32_t> out;

		for (const auto &[sub, p] : notes(from)) {
			if (sub != 17)
				continue;
			EXPECT_EQ(p.size(), 8U);
			EXPECT_EQ(p[0] | p[1] << 8 | p[2] << 16 | p[3] << 24, 1); /* missing */
			out.push_back(static_cast<std::uint32_t>(p[4] | p[5] << 8 | p[6] << 16 | p[7] << 24));
		}
		return out;
	}
};

TEST_F(Beacons, ABeaconEachIntervalIsNoMiss)
{
	configure();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	for (int i = 0; i < 20; i++) {
		b.sched.advance(kInterval);
		beacon();
	}
	EXPECT_TRUE(misses().empty());
	EXPECT_EQ(air.stats().beacon_misses, 0U);
}

TEST_F(Beacons, MissesAreCountedUntilTheNextBeacon)
{
	configure();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	/* Jitter of less than half an interval is no miss. */
	b.sched.advance(kInterval + kInterval / 3);
	EXPECT_TRUE(misses().empty());
	beacon();
	for (int i = 0; i < 5; i++)
		b.sched.advance(kInterval);
	EXPECT_EQ(misses(), (std::vector<std::uint32_t>{1, 2, 3, 4}));
	/* A beacon: counting starts again. */
	const unsigned mark = d.read32(shm::kRxReadIndex);
	beacon();
	for (int i = 0; i < 3; i++)
		b.sched.advance(kInterval);
	EXPECT_EQ(misses(mark), (std::vector<std::uint32_t>{1, 2}));
	EXPECT_EQ(air.stats().beacon_misses, 6U);
	EXPECT_EQ(air.link(), Ipw2200Air::Link::associated); /* the host decides */
}

TEST_F(Beacons, TheIntervalComesFromTheAssociateCommand)
{
	configure();
	Bytes a = associate_cmd(0);
	a[26] = 0;
	a[27] = 1; /* 256 TU */
	ASSERT_TRUE(d.cmd(cmd::kAssociate, a));
	b.sched.advance(5 * kInterval);
	EXPECT_TRUE(misses().empty()); /* 512 ms: one check at 262 ms, 1 interval */
	b.sched.advance(kInterval);
	EXPECT_EQ(misses(), std::vector<std::uint32_t>{1}); /* the check at 524 ms */
}

TEST_F(Beacons, NothingIsMissedWhileScanningOrAfterLeaving)
{
	configure();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	/* A long passive scan of channel 1: off the channel for 1 s. */
	ASSERT_TRUE(d.cmd(cmd::kScanRequestExt, scan_request({1}, Ipw2200Air::kPassiveFullDwell, 1000)));
	b.sched.advance(std::chrono::milliseconds(980));
	EXPECT_TRUE(air.scanning());
	EXPECT_TRUE(misses().empty());
	b.sched.advance(std::chrono::milliseconds(20));
	EXPECT_FALSE(air.scanning());
	beacon();
	/* Leaving stops the watch. */
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(2)));
	b.sched.advance(10 * kInterval);
	EXPECT_EQ(misses(), std::vector<std::uint32_t>{});
}

TEST_F(Beacons, AKilledRadioDropsTheLinkQuietly)
{
	configure();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	const unsigned mark = d.read32(shm::kRxReadIndex);

	b.dev->set_hw_rfkill(true);
	b.sched.advance(2 * kInterval);
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	EXPECT_EQ(air.stats().radio_lost, 1U);
	EXPECT_TRUE(notes(mark).empty()); /* the host has RF_KILL_DONE */
	EXPECT_TRUE(d.read32(csr::kIntA) & inta::kRfKillDone);
}

TEST_F(Beacons, AFirmwareReloadForgetsTheLink)
{
	configure();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	ASSERT_EQ(air.link(), Ipw2200Air::Link::associated);
	/* The driver reloads the firmware (a restart, or a new driver). */
	ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	EXPECT_EQ(air.listening_mhz(), 0U);
	const unsigned mark = d.read32(shm::kRxReadIndex);
	beacon();
	ap.beacon(FakeAp::reply(0x08, air.mac(), Bytes(20, 0)));
	b.sched.advance(10 * kInterval);
	EXPECT_EQ(d.read32(shm::kRxReadIndex), mark); /* nothing reaches the host */
	EXPECT_TRUE(misses().empty());
}

TEST_F(Beacons, RfKillFaultDuringAssociation)
{
	configure();
	ap.silent = true; /* the AP's answers would come after the switch */
	b.dev->rfkill_on_next_associate();
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate_cmd(0)));
	EXPECT_TRUE(b.dev->hw_rfkill());
	EXPECT_EQ(ap.with_fc(0xB0).size(), 1U); /* the first frame left before */
	ap.silent = false;
	for (int i = 0; i < 3; i++)
		b.sched.advance(Ipw2200Air::kResponseTimeout);
	/* No retry with the radio off; the attempt fails. */
	EXPECT_EQ(ap.with_fc(0xB0).size(), 1U);
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	EXPECT_EQ(air.stats().assoc_failures, 1U);
}

} // namespace
} // namespace ipwmodel::ipw2200
