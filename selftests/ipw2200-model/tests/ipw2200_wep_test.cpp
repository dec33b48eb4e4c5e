// SPDX-License-Identifier: GPL-2.0
/*
 * The 2200BG firmware's hardware WEP (src/ipw2200/wep.h, hw_crypto.h) and
 * shared-key authentication on the air (air.h): the ciphers against
 * published test vectors, then frames through the device's rings.
 */
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "air_fakes.h"
#include "ipw2200/air.h"
#include "ipw2200/hw_crypto.h"
#include "ipw2200/wep.h"
#include "ipw2200_fakes.h"
#include "medium/medium.h"

namespace ipwmodel::ipw2200 {
namespace {

using medium::AirFrame;
using medium::MacAddr;
using std::chrono::milliseconds;
using test::Bench;
using test::DriverSim;
using test::host_cmd;
using Bytes = std::vector<std::uint8_t>;

Bytes bytes(std::string_view s)
{
	return {s.begin(), s.end()};
}

Bytes keystream(const Bytes &key, std::size_t skip, std::size_t n)
{
	wep::Rc4 rc4(key);
	Bytes out(n, 0);

	for (std::size_t i = 0; i < skip; i++)
		(void)rc4.next();
	rc4.apply(out);
	return out;
}

TEST(Crc32, CheckValueOfIeee8023)
{
	/* The catalogue check value of CRC-32/ISO-HDLC ("123456789"). */
	EXPECT_EQ(wep::crc32(bytes("123456789")), 0xCBF43926U);
	EXPECT_EQ(wep::crc32({}), 0U);
	EXPECT_EQ(wep::crc32(bytes("The quick brown fox jumps over the lazy dog")), 0x414FA339U);
}

TEST(Rc4, Rfc6229KeyStreams)
{
	/* RFC 6229, 40-bit key 0x0102030405, offsets 0 and 16. */
	const Bytes k40 = {1, 2, 3, 4, 5};

	EXPECT_EQ(keystream(k40, 0, 32), (Bytes{0xb2, 0x39, 0x63, 0x05, 0xf0, 0x3d, 0xc0, 0x27, 0xcc, 0xc3, 0x52,
						0x4a, 0x0a, 0x11, 0x18, 0xa8, 0x69, 0x82, 0x94, 0x4f, 0x18, 0xfc,
						0x82, 0xd5, 0x89, 0xc4, 0x03, 0xa4, 0x7a, 0x0d, 0x09, 0x19}));
	/* 128-bit key 0x0102...10, offsets 0 and 4096. */
	Bytes k128(16);

	for (std::size_t i = 0; i < k128.size(); i++)
		k128[i] = static_cast<std::uint8_t>(i + 1);
	EXPECT_EQ(keystream(k128, 0, 16), (Bytes{0x9a, 0xc7, 0xcc, 0x9a, 0x60, 0x9d, 0x1e, 0xf7, 0xb2, 0x93, 0x28, 0x99,
						 0xcd, 0xe4, 0x1b, 0x97}));
	EXPECT_EQ(keystream(k128, 4096, 16), (Bytes{0xa3, 0x6a, 0x4c, 0x30, 0x1a, 0xe8, 0xac, 0x13, 0x61, 0x0c, 0xcb,
						    0xc1, 0x22, 0x56, 0xca, 0xcc}));
}

TEST(Rc4, ClassicPlaintextVectors)
{
	const auto enc = [](std::string_view key, std::string_view text) {
		Bytes b = bytes(text);
		wep::Rc4 rc4(bytes(key));

		rc4.apply(b);
		return b;
	};

	EXPECT_EQ(enc("Key", "Plaintext"), (Bytes{0xBB, 0xF3, 0x16, 0xE8, 0xD9, 0x40, 0xAF, 0x0A, 0xD3}));
	EXPECT_EQ(enc("Wiki", "pedia"), (Bytes{0x10, 0x21, 0xBF, 0x04, 0x20}));
	EXPECT_EQ(enc("Secret", "Attack at dawn"),
		  (Bytes{0x45, 0xA0, 0x1F, 0x64, 0x5F, 0xC3, 0x5B, 0x38, 0x35, 0x52, 0x54, 0x4B, 0x9B, 0xF5}));
}

TEST(Wep, EncapsulationMatchesAReferenceImplementation)
{
	/* Computed with an independent RC4 and zlib's CRC-32. */
	const Bytes body = wep::encrypt(bytes("12345"), {1, 2, 3}, 2, bytes("hello wep"));

	EXPECT_EQ(body, (Bytes{0x01, 0x02, 0x03, 0x80, 0x09, 0xfe, 0x85, 0x58, 0xbc, 0xb9, 0x8d, 0x17, 0xa4, 0x8d, 0x3e,
			       0xfb, 0xc1}));
	EXPECT_EQ(wep::key_id(body), 2);
	EXPECT_FALSE(wep::ext_iv(body));

	Bytes k104(13);
	Bytes text(40);

	for (std::size_t i = 0; i < k104.size(); i++)
		k104[i] = static_cast<std::uint8_t>(0x10 + i);
	for (std::size_t i = 0; i < text.size(); i++)
		text[i] = static_cast<std::uint8_t>(i);
	const Bytes b104 = wep::encrypt(k104, {0xaa, 0xbb, 0xcc}, 0, text);

	EXPECT_EQ(b104.size(), 4U + 40U + 4U);
	EXPECT_EQ(Bytes(b104.begin() + 4, b104.begin() + 12), (Bytes{0x1d, 0x71, 0x1b, 0xce, 0xc7, 0x55, 0xd2, 0xf9}));
	EXPECT_EQ(Bytes(b104.end() - 4, b104.end()), (Bytes{0xb2, 0x92, 0x50, 0x1f}));
}

TEST(Wep, DecryptChecksTheIcv)
{
	const Bytes key = bytes("abcde");
	Bytes body = wep::encrypt(key, {9, 8, 7}, 1, bytes("payload"));
	const auto plain = wep::decrypt(key, body);

	ASSERT_TRUE(plain.has_value());
	EXPECT_EQ(Bytes(plain->begin(), plain->end() - 4), bytes("payload"));
	EXPECT_FALSE(wep::decrypt(bytes("abcdf"), body).has_value());
	body[6] ^= 1;
	EXPECT_FALSE(wep::decrypt(key, body).has_value());
	EXPECT_FALSE(wep::decrypt(key, Bytes(7, 0)).has_value());
}

const MacAddr kApMac{0x02, 0, 0, 0, 0, 0x0A};
const MacAddr kBcast{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
const Bytes kKey104 = bytes("0123456789abc");
const Bytes kKey40 = bytes("wepkk");

/* WEP_KEY (reference 14.8). */
Bytes wep_key_cmd(std::uint8_t index, const Bytes &key, std::uint8_t type = 0)
{
	Bytes c(20, 0);

	c[0] = 0x08;
	c[2] = static_cast<std::uint8_t>(index | type);
	c[3] = static_cast<std::uint8_t>(key.size());
	std::copy(key.begin(), key.end(), c.begin() + 4);
	return c;
}

/* SYSTEM_CONFIG (14.3) with hardware decryption on or off. */
Bytes system_config(bool decrypt)
{
	Bytes c(20, 0);

	c[4] = 1;
	c[6] = decrypt ? 0 : 1;
	c[8] = decrypt ? 0 : 1;
	c[15] = 0x1E;
	c[18] = 1;
	return c;
}

/* A data frame: FromDS from the AP to @to, or ToDS from the station. */
Bytes data_frame(const MacAddr &a1, const MacAddr &a2, bool from_ds, const Bytes &body, bool prot = false)
{
	Bytes f = {0x08, static_cast<std::uint8_t>((from_ds ? 0x02 : 0x01) | (prot ? 0x40 : 0)), 0, 0};

	f.insert(f.end(), a1.begin(), a1.end());
	f.insert(f.end(), a2.begin(), a2.end());
	f.insert(f.end(), kApMac.begin(), kApMac.end());
	f.insert(f.end(), {0, 0});
	f.insert(f.end(), body.begin(), body.end());
	return f;
}

TEST(HwCryptoUnit, KeysFromWepKeyCommands)
{
	HwCrypto c;

	c.on_command(host_cmd(cmd::kWepKey, wep_key_cmd(1, kKey40)));
	c.on_command(host_cmd(cmd::kWepKey, wep_key_cmd(2, kKey104, 0x30))); /* TKIP */
	EXPECT_FALSE(c.has_key(0));
	EXPECT_TRUE(c.has_key(1));
	EXPECT_FALSE(c.has_key(2));
	EXPECT_EQ(c.stats().wep_keys_set, 1U);
	EXPECT_EQ(c.stats().other_keys, 1U);
	c.on_command(host_cmd(cmd::kWepKey, wep_key_cmd(1, {})));
	EXPECT_FALSE(c.has_key(1));
	c.on_command(host_cmd(cmd::kWepKey, wep_key_cmd(3, kKey104)));
	EXPECT_FALSE(c.unicast_decryption());
	c.on_command(host_cmd(cmd::kSystemConfig, system_config(true)));
	EXPECT_TRUE(c.unicast_decryption());
	EXPECT_TRUE(c.multicast_decryption());
	c.on_command(host_cmd(cmd::kCardDisable, Bytes(4, 0)));
	EXPECT_FALSE(c.has_key(3));
	EXPECT_FALSE(c.unicast_decryption());
}

TEST(HwCryptoUnit, TransmitEncryptsOnlyWhatTheTfdAsksFor)
{
	HwCrypto c;
	const MacAddr sta{2, 0, 0, 0, 0, 1};
	const Bytes plain = data_frame(kApMac, sta, false, bytes("llc+payload"), true);
	Bytes f = plain;

	c.on_command(host_cmd(cmd::kWepKey, wep_key_cmd(1, kKey104)));
	/* NO_WEP: the host encrypted (or nothing to do). */
	EXPECT_TRUE(c.transmit(TxInfo{0xA0, 0, 0}, f));
	EXPECT_EQ(f, plain);
	/* Hardware WEP, key 1, 104 bits. */
	EXPECT_TRUE(c.transmit(TxInfo{0x80, 0, 0x81}, f));
	ASSERT_EQ(f.size(), plain.size() + 8);
	EXPECT_TRUE(std::equal(plain.begin(), plain.begin() + 24, f.begin()));
	EXPECT_EQ(wep::key_id(std::span(f).subspan(24)), 1);
	const auto dec = wep::decrypt(kKey104, std::span(f).subspan(24));

	ASSERT_TRUE(dec.has_value());
	EXPECT_EQ(Bytes(dec->begin(), dec->end() - 4), bytes("llc+payload"));
	/* A new IV for every frame. */
	Bytes g = plain;

	EXPECT_TRUE(c.transmit(TxInfo{0x80, 0, 0x81}, g));
	EXPECT_NE(Bytes(f.begin() + 24, f.begin() + 27), Bytes(g.begin() + 24, g.begin() + 27));
	EXPECT_EQ(c.stats().wep_encrypted, 2U);
	/* Key 0 is not set; TKIP is not modelled: dropped, never sent in clear. */
	g = plain;
	EXPECT_FALSE(c.transmit(TxInfo{0x80, 0, 0x40}, g));
	EXPECT_FALSE(c.transmit(TxInfo{0x80, 0x0C, 0x20}, g));
	EXPECT_EQ(c.stats().tx_no_key, 1U);
	EXPECT_EQ(c.stats().tx_unsupported, 1U);
	/* Without the Protected bit the frame goes as it is. */
	Bytes open = data_frame(kApMac, sta, false, bytes("x"));
	const Bytes open_copy = open;

	EXPECT_TRUE(c.transmit(TxInfo{0x80, 0, 0x41}, open));
	EXPECT_EQ(open, open_copy);
}

TEST(HwCryptoUnit, ReceiveDecryptsWhenEnabled)
{
	HwCrypto c;
	const MacAddr sta{2, 0, 0, 0, 0, 1};
	Bytes f = data_frame(sta, kApMac, true, {});
	const Bytes body = wep::encrypt(kKey40, {5, 6, 7}, 3, bytes("secret data"));

	f[1] |= 0x40;
	f.insert(f.end(), body.begin(), body.end());
	const Bytes enc = f;

	c.on_command(host_cmd(cmd::kWepKey, wep_key_cmd(3, kKey40)));
	EXPECT_EQ(c.receive(f), HwCrypto::Rx::as_is); /* decryption still disabled */
	EXPECT_EQ(f, enc);
	c.on_command(host_cmd(cmd::kSystemConfig, system_config(true)));
	EXPECT_EQ(c.receive(f), HwCrypto::Rx::decrypted);
	ASSERT_EQ(f.size(), enc.size());
	EXPECT_EQ(f[1] & 0x40, 0x40); /* the driver clears Protected itself */
	EXPECT_EQ(Bytes(f.begin() + 24, f.begin() + 28), (Bytes{5, 6, 7, 0xC0}));
	EXPECT_EQ(Bytes(f.begin() + 28, f.end() - 4), bytes("secret data"));
	EXPECT_EQ(c.stats().wep_decrypted, 1U);
	/* A corrupted frame is dropped. */
	Bytes bad = enc;

	bad[30] ^= 0x55;
	EXPECT_EQ(c.receive(bad), HwCrypto::Rx::drop);
	EXPECT_EQ(c.stats().wep_icv_errors, 1U);
	/* Extended IV (CCMP/TKIP) or an unknown key: left to the host. */
	Bytes ext = enc;

	ext[27] = 0x20;
	EXPECT_EQ(c.receive(ext), HwCrypto::Rx::as_is);
	Bytes other = enc;

	other[27] = 0x40; /* key 1, not set */
	EXPECT_EQ(c.receive(other), HwCrypto::Rx::as_is);
}

/*
 * An AP on 2437 MHz with WEP key @key at index @index: open or shared-key
 * authentication (IEEE 802.11 12.3.3.2), association, and WEP data.
 */
class WepAp final : public test::ApRadio {
public:
	explicit WepAp(medium::Medium &m) : ApRadio(m, kApMac, "wep-ap") {}

	void on_frame(const AirFrame &f) override
	{
		MacAddr sa{};

		std::copy_n(f.bytes.begin() + 10, 6, sa.begin());
		const std::uint8_t fc0 = f.bytes[0];

		if (fc0 == 0xB0)
			auth(f.bytes, sa);
		else if (fc0 == 0x00)
			send(0x10, sa, {0x11, 0x00, 0, 0, 1, 0xC0});
	}
	void auth(const Bytes &b, const MacAddr &sa)
	{
		const bool prot = (b[1] & 0x40) != 0;
		Bytes body(b.begin() + 24, b.end());

		if (prot) {
			const auto plain = wep::decrypt(key, body);

			if (!plain) {
				icv_failures++;
				return; /* mac80211 drops it */
			}
			body.assign(plain->begin(), plain->end() - 4);
		}
		const unsigned alg = body[0];
		const unsigned seq = body[2];

		if (alg == 0 && seq == 1) {
			send(0xB0, sa, {0, 0, 2, 0, 0, 0});
		} else if (alg == 1 && seq == 1) {
			Bytes r = {1, 0, 2, 0, static_cast<std::uint8_t>(shared ? 0 : 13), 0};

			if (shared) {
				r.push_back(16);
				r.push_back(static_cast<std::uint8_t>(challenge.size()));
				r.insert(r.end(), challenge.begin(), challenge.end());
			}
			send(0xB0, sa, r);
		} else if (alg == 1 && seq == 3 && prot) {
			const Bytes &text = expect.empty() ? challenge : expect;
			Bytes want = {16, static_cast<std::uint8_t>(text.size())};

			want.insert(want.end(), text.begin(), text.end());
			const bool ok = Bytes(body.begin() + 6, body.end()) == want;

			send(0xB0, sa, {1, 0, 4, 0, static_cast<std::uint8_t>(ok ? 0 : 15), 0});
		}
	}
	void send(std::uint8_t fc0, const MacAddr &to, const Bytes &body)
	{
		Bytes f = {fc0, 0, 0, 0};

		f.insert(f.end(), to.begin(), to.end());
		f.insert(f.end(), kApMac.begin(), kApMac.end());
		f.insert(f.end(), kApMac.begin(), kApMac.end());
		f.insert(f.end(), {0, 0});
		f.insert(f.end(), body.begin(), body.end());
		transmit(f);
	}
	/* A WEP data frame to @to carrying @text. */
	void send_data(const MacAddr &to, const Bytes &text)
	{
		Bytes f = data_frame(to, kApMac, true, {}, true);
		const Bytes body = wep::encrypt(key, {0x11, 0x22, 0x33}, index, text);

		f.insert(f.end(), body.begin(), body.end());
		transmit(f);
	}

	Bytes key = kKey104;
	std::uint8_t index = 1;
	bool shared = true;
	Bytes challenge = Bytes(128, 0x5A);
	Bytes expect; /* the answer it accepts, if not the challenge */
	unsigned icv_failures = 0;
};

struct WepAir : ::testing::Test {
	void SetUp() override
	{
		ASSERT_EQ(d.load(make_synthetic_firmware(FwMode::bss)), 0);
		b.dev->set_command_observer([this](const HostCommand &c) { air.on_command(c); });
		b.dev->set_tx_observer([this](unsigned q, const TxInfo &info, std::span<const std::uint8_t> f) {
			air.on_tx(q, f, info);
		});
		const std::string ssid = "wep";
		Bytes rates(16, 0);

		rates[0] = 2;
		rates[1] = 4;
		rates[4] = 0x82;
		rates[5] = 0x84;
		rates[6] = 0x8B;
		rates[7] = 0x96;
		ASSERT_TRUE(d.cmd(cmd::kSsid, Bytes(ssid.begin(), ssid.end())));
		ASSERT_TRUE(d.cmd(cmd::kSupportedRates, rates));
	}
	static DeviceConfig config()
	{
		DeviceConfig c;

		c.auto_scan_complete = false;
		return c;
	}
	/* ASSOCIATE to the AP on channel 6 with auth byte @auth. */
	static Bytes associate(std::uint8_t auth)
	{
		Bytes a(40, 0);

		a[0] = 6;
		a[1] = auth;
		a[7] = 2;
		std::copy(kApMac.begin(), kApMac.end(), a.begin() + 8);
		a[22] = 0x11; /* ESS | privacy */
		a[24] = 10;
		a[26] = 100;
		return a;
	}
	/* The notifications (subtype, payload) the host got. */
	std::vector<std::pair<int, Bytes>> notes()
	{
		std::vector<std::pair<int, Bytes>> out;

		for (unsigned i = 0; i < d.read32(shm::kRxReadIndex); i++) {
			const std::uint8_t *p = b.mem.at(d.rx_buf[i]);

			if (p[0] == kRxHostNotificationType)
				out.emplace_back(p[12], Bytes(p + 16, p + 16 + (p[14] | p[15] << 8)));
		}
		return out;
	}
	/* Queues @frame's header in a data TFD of ring 0 with @body as its one chunk. */
	void post_tx(const Bytes &hdr, const Bytes &body, std::uint8_t tx_flags, std::uint8_t key_index)
	{
		const std::uint64_t chunk = b.mem.alloc(body.size());
		const std::uint64_t at = d.data_ring[0] + std::uint64_t{tx_slot} * kTfdSize;
		std::array<std::uint8_t, kTfdSize> tfd{};

		b.mem.put(chunk, body);
		tfd[2] = 0x04;
		tfd[12] = 0x0B;
		tfd[14] = static_cast<std::uint8_t>(body.size());
		tfd[17] = tx_flags;
		tfd[19] = key_index;
		std::copy(hdr.begin(), hdr.end(), tfd.begin() + 48);
		tfd[88] = 1;
		b.mem.put(at, tfd);
		b.mem.put32(at + 92, static_cast<std::uint32_t>(chunk));
		b.mem.put32(at + 116, static_cast<std::uint32_t>(body.size()));
		tx_slot++;
		d.write32(shm::kCmdWriteIndex + 4, tx_slot);
		b.sched.advance(milliseconds(1));
	}

	Bench b{config()};
	DriverSim d{*b.dev, b.mem, b.sched};
	medium::Medium m;
	WepAp ap{m};
	Ipw2200Air air{*b.dev, m, b.sched};
	unsigned tx_slot = 0;
};

TEST_F(WepAir, HardwareWepBothWays)
{
	ASSERT_TRUE(d.cmd(cmd::kWepKey, wep_key_cmd(1, kKey104)));
	ASSERT_TRUE(d.cmd(cmd::kSystemConfig, system_config(true)));
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate(0)));
	ASSERT_EQ(air.link(), Ipw2200Air::Link::associated);

	/* Transmit: the driver's TFD for hardware WEP (reference 15.2). */
	const Bytes hdr = data_frame(kApMac, air.mac(), false, {}, true);
	const Bytes payload = bytes("\xAA\xAA\x03\x00\x00\x00\x08\x00ping");

	post_tx(hdr, payload, 0x80, 0x81);
	const auto data = ap.with_fc(0x08);

	ASSERT_EQ(data.size(), 1U);
	const Bytes &f = data[0].bytes;

	ASSERT_EQ(f.size(), 24U + 4U + payload.size() + 4U);
	EXPECT_EQ(f[1] & 0x40, 0x40);
	EXPECT_EQ(f[27], 0x40); /* key id 1 */
	const auto plain = wep::decrypt(kKey104, std::span(f).subspan(24));

	ASSERT_TRUE(plain.has_value());
	EXPECT_EQ(Bytes(plain->begin(), plain->end() - 4), payload);

	/* Receive: decrypted by the hardware, IV and ICV left for the driver. */
	const unsigned before = d.read32(shm::kRxReadIndex);

	ap.send_data(air.mac(), bytes("pong"));
	ap.send_data(kBcast, bytes("arp?"));
	ASSERT_EQ(d.read32(shm::kRxReadIndex), before + 2);
	const std::uint8_t *r = b.mem.at(d.rx_buf[before]);
	const unsigned len = r[26] | r[27] << 8;

	EXPECT_EQ(r[0], 0x09);
	ASSERT_EQ(len, 24U + 4U + 4U + 4U);
	EXPECT_EQ(r[28 + 1] & 0x40, 0x40);
	EXPECT_EQ(Bytes(r + 28 + 24, r + 28 + 28), (Bytes{0x11, 0x22, 0x33, 0x40}));
	EXPECT_EQ(Bytes(r + 28 + 28, r + 28 + 32), bytes("pong"));
	const std::uint8_t *g = b.mem.at(d.rx_buf[before + 1]);

	EXPECT_EQ(Bytes(g + 28 + 28, g + 28 + 32), bytes("arp?"));
	EXPECT_EQ(air.crypto().stats().wep_encrypted, 1U);
	EXPECT_EQ(air.crypto().stats().wep_decrypted, 2U);
	EXPECT_NE(format_air_counters(air).find("hw_wep_encrypted=1 hw_wep_decrypted=2"), std::string::npos);
}

TEST_F(WepAir, WithoutHardwareDecryptionTheHostGetsCiphertext)
{
	ASSERT_TRUE(d.cmd(cmd::kWepKey, wep_key_cmd(1, kKey104)));
	ASSERT_TRUE(d.cmd(cmd::kSystemConfig, system_config(false)));
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate(0)));
	const unsigned before = d.read32(shm::kRxReadIndex);

	ap.send_data(air.mac(), bytes("pong"));
	ASSERT_EQ(d.read32(shm::kRxReadIndex), before + 1);
	const std::uint8_t *r = b.mem.at(d.rx_buf[before]);
	const Bytes body(r + 28 + 24, r + 28 + 36);

	EXPECT_TRUE(wep::decrypt(kKey104, body).has_value());
	EXPECT_EQ(air.crypto().stats().wep_decrypted, 0U);
	/* Host-encrypted frames (NO_WEP) go out unchanged. */
	const Bytes hdr = data_frame(kApMac, air.mac(), false, {}, true);

	post_tx(hdr, body, 0xA0, 0);
	const auto sent = ap.with_fc(0x08);

	ASSERT_EQ(sent.size(), 1U);
	EXPECT_EQ(Bytes(sent[0].bytes.begin() + 24, sent[0].bytes.end()), body);
	EXPECT_EQ(air.crypto().stats().wep_encrypted, 0U);
}

TEST_F(WepAir, SharedKeyAuthentication)
{
	ASSERT_TRUE(d.cmd(cmd::kWepKey, wep_key_cmd(1, kKey104)));
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate(0x11))); /* shared key, key 1 */
	EXPECT_EQ(air.link(), Ipw2200Air::Link::associated);
	const auto auth = ap.with_fc(0xB0);

	ASSERT_EQ(auth.size(), 2U);
	EXPECT_EQ(auth[0].bytes[24], 1); /* algorithm 1, transaction 1, in clear */
	EXPECT_EQ(auth[0].bytes[26], 1);
	EXPECT_EQ(auth[0].bytes[1] & 0x40, 0);
	EXPECT_EQ(auth[1].bytes[1] & 0x40, 0x40); /* transaction 3 encrypted with key 1 */
	EXPECT_EQ(auth[1].bytes[27], 0x40);
	EXPECT_EQ(auth[1].bytes.size(), 24U + 4U + 6U + 2U + 128U + 4U);
	const auto n = notes();

	ASSERT_EQ(n.size(), 2U);
	EXPECT_EQ(n[0].first, 11);
	EXPECT_EQ(n[0].second[0], 9);
	EXPECT_EQ(n[1].first, 10);
	EXPECT_EQ(n[1].second, Bytes{12});
	EXPECT_EQ(air.stats().shared_key_auths, 1U);
	EXPECT_EQ(air.stats().auth_requests, 2U);
}

TEST_F(WepAir, SharedKeyWithTheWrongKeyIsRefused)
{
	ap.key = kKey104;
	Bytes wrong = kKey104;

	wrong[0] ^= 1;
	ASSERT_TRUE(d.cmd(cmd::kWepKey, wep_key_cmd(1, wrong)));
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate(0x11)));
	/* The AP cannot decrypt transaction 3 and never answers: three tries. */
	b.sched.advance(Ipw2200Air::kResponseTimeout * 3);
	EXPECT_EQ(ap.icv_failures, 3U);
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	const auto n = notes();

	ASSERT_EQ(n.size(), 1U);
	EXPECT_EQ(n[0].first, 11);
	EXPECT_EQ(n[0].second[0], 0);
	EXPECT_EQ(air.stats().assoc_failures, 1U);
	EXPECT_TRUE(ap.with_fc(0x00).empty());
}

TEST_F(WepAir, ARefusedChallengeIsReportedWithTheStatus)
{
	ASSERT_TRUE(d.cmd(cmd::kWepKey, wep_key_cmd(1, kKey104)));
	ap.expect = Bytes(128, 0x33); /* not the text it sent */
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate(0x11)));
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	const auto n = notes();

	ASSERT_EQ(n.size(), 1U);
	EXPECT_EQ(n[0].first, 11);
	EXPECT_EQ(n[0].second[0], 0);
	EXPECT_EQ(n[0].second[25], 15);	 /* challenge failure */
	EXPECT_EQ(n[0].second[1], 0xB0); /* the AP's transaction 4 */
	EXPECT_EQ(air.stats().shared_key_auths, 0U);
}

TEST_F(WepAir, SharedKeyFailures)
{
	/* No key at the auth_key index: the exchange stops after transaction 2. */
	ASSERT_TRUE(d.cmd(cmd::kWepKey, wep_key_cmd(1, kKey104)));
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate(0x21)));
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	EXPECT_EQ(ap.with_fc(0xB0).size(), 1U);
	ASSERT_EQ(notes().size(), 1U);
	EXPECT_EQ(notes()[0].second[0], 0);
	/* An AP without shared key refuses transaction 1 with status 13. */
	ap.shared = false;
	ASSERT_TRUE(d.cmd(cmd::kAssociate, associate(0x11)));
	EXPECT_EQ(air.link(), Ipw2200Air::Link::idle);
	ASSERT_EQ(notes().size(), 2U);
	EXPECT_EQ(notes()[1].second[0], 0);
	EXPECT_EQ(notes()[1].second[25], 13);
	EXPECT_EQ(air.stats().assoc_failures, 2U);
}

} // namespace
} // namespace ipwmodel::ipw2200
