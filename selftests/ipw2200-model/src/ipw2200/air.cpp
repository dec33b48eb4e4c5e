// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/air.h"

#include <algorithm>
#include <chrono>

#include "core/kv.h"
#include "core/log.h"
#include "medium/frame.h"

namespace ipwmodel::ipw2200 {

namespace {

constexpr std::uint8_t kStatusAssociated = 10; /* notification subtypes */
constexpr std::uint8_t kStatusAuthenticate = 11;
constexpr std::uint8_t kScanCompleted = 13;
constexpr std::uint8_t kStatusBeaconState = 17;
constexpr std::uint32_t kBeaconMissing = 1;
constexpr std::uint16_t kDefaultBeaconTu = 100;
constexpr std::chrono::microseconds kTu{1024};
constexpr std::uint8_t kCmasInit = 0; /* CMAS states (reference 16.6) */
constexpr std::uint8_t kCmasAuthenticated = 9;
constexpr std::uint8_t kCmasAssociated = 12;
/* Management subtypes. */
constexpr unsigned kAssocReq = 0;
constexpr unsigned kAssocResp = 1;
constexpr unsigned kReassocReq = 2;
constexpr unsigned kReassocResp = 3;
constexpr unsigned kDisassoc = 10;
constexpr unsigned kAuth = 11;
constexpr unsigned kProbeResponse = 5;
constexpr unsigned kBeacon = 8;
constexpr unsigned kDeauth = 12;
constexpr std::size_t kHdr = 24;
constexpr std::uint16_t kCapMask = 0x0001 | 0x0010 | 0x0020 | 0x0400; /* ESS privacy preamble slot */
constexpr std::uint16_t kPolicyRsn = 0x0002;
constexpr std::uint8_t kRxFrameType = 0x09;
constexpr std::size_t kRxFrameHeader = 28; /* 4-byte packet header + 24 */
constexpr std::size_t kChannelsAt = 4;
constexpr std::size_t kChannelsLen = 54;
constexpr std::size_t kTypesAt = 58;
constexpr std::size_t kDwellAt = 86;
constexpr std::size_t kScanRequestLen = 96;
constexpr std::size_t kMaxSsid = 32;
constexpr std::uint8_t kAuthOpen = 0; /* ASSOCIATE auth nibble */
constexpr std::uint8_t kAuthSharedKey = 1;
constexpr std::uint8_t kChallengeText = 16; /* element id */

/* PLCP rate codes (reference 16.3) by hwsim band-table index. */
constexpr std::array<std::uint8_t, 12> kPlcp24{0x0A, 0x14, 0x37, 0x6E, 0x0D, 0x0F, 0x05, 0x07, 0x09, 0x0B, 0x01, 0x03};
constexpr std::array<std::uint8_t, 8> kPlcp5{0x0D, 0x0F, 0x05, 0x07, 0x09, 0x0B, 0x01, 0x03};
/* Supported rates in 500 kb/s units, basic rates marked (0x80). */
constexpr std::array<std::uint8_t, 8> kRates24{0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24};
constexpr std::array<std::uint8_t, 4> kExtRates24{0x30, 0x48, 0x60, 0x6C};
constexpr std::array<std::uint8_t, 8> kRates5{0x8C, 0x12, 0x98, 0x24, 0xB0, 0x48, 0x60, 0x6C};

constexpr medium::MacAddr kBroadcast{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

using medium::addr_at;
using medium::is_group;
using medium::le16;
using medium::put_ie;
using medium::put_le16;

} // namespace

Ipw2200Air::Ipw2200Air(Ipw2200Device &dev, medium::Medium &air, Scheduler &sched)
	: dev_(dev), air_(air), sched_(sched), mac_(dev.config().eeprom.mac)
{
	air_.join(*this);
	dev_.set_reset_observer([this] { firmware_reset(); });
}

Ipw2200Air::~Ipw2200Air()
{
	if (scan_ && scan_->timer)
		(void)sched_.cancel(*scan_->timer);
	cancel_timeout();
	stop_beacon_watch();
	if (beacon_timer_)
		(void)sched_.cancel(*beacon_timer_);
	dev_.set_reset_observer({});
	air_.leave(*this);
}

std::string Ipw2200Air::name() const
{
	return "2200BG " + medium::format_mac(mac_);
}

bool Ipw2200Air::radio_on() const
{
	return dev_.fw_state() == FwState::runtime_ready && !dev_.hw_rfkill() && !dev_.card_disabled();
}

bool Ipw2200Air::acks(const medium::MacAddr &addr, std::uint32_t freq_mhz) const
{
	/* The sniffer firmware only listens. */
	return addr == mac_ && listen_mhz_ != 0 && freq_mhz == listen_mhz_ && radio_on() &&
	       dev_.fw_mode() != FwMode::sniffer;
}

std::uint32_t Ipw2200Air::channel_mhz(std::uint8_t band, std::uint8_t ch)
{
	if (band == 1) {
		if (ch >= 1 && ch <= 13)
			return 2407U + 5U * ch;
		return ch == 14 ? 2484U : 0U;
	}
	if (band == 0 && ch >= 1 && ch <= 200)
		return 5000U + 5U * ch;
	return 0;
}

std::vector<std::uint8_t> Ipw2200Air::rx_packet(const medium::AirFrame &f, std::uint8_t channel, std::uint8_t seq)
{
	const bool band24 = f.freq_mhz < 5000;
	std::vector<std::uint8_t> p(kRxFrameHeader + f.bytes.size(), 0);
	const int rssi = std::clamp(f.signal_dbm + 112, 0, 255);
	std::uint8_t rate = 0;

	if (band24)
		rate = kPlcp24.at(std::min<std::size_t>(f.rate_idx, kPlcp24.size() - 1));
	else
		rate = kPlcp5.at(std::min<std::size_t>(f.rate_idx, kPlcp5.size() - 1));
	p[0] = kRxFrameType;
	p[1] = seq;
	p[12] = channel;
	p[14] = rate;
	p[15] = static_cast<std::uint8_t>(rssi);
	p[17] = static_cast<std::uint8_t>(rssi);
	p[22] = band24 && f.rate_idx < 4 ? 0x20 : 0x00; /* CCK */
	p[23] = band24 ? 1 : 0;
	p[26] = static_cast<std::uint8_t>(f.bytes.size() & 0xFF);
	p[27] = static_cast<std::uint8_t>(f.bytes.size() >> 8);
	std::copy(f.bytes.begin(), f.bytes.end(), p.begin() + kRxFrameHeader);
	return p;
}

void Ipw2200Air::on_command(const HostCommand &c)
{
	const auto d = c.data();

	crypto_.on_command(c);
	switch (c.id) {
	case cmd::kSsid:
		ssid_.assign(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(std::min(d.size(), kMaxSsid)));
		break;
	case cmd::kAdapterAddress:
		if (d.size() >= mac_.size())
			std::copy_n(d.begin(), mac_.size(), mac_.begin());
		break;
	case cmd::kScanRequestExt:
		start_scan(c);
		break;
	case cmd::kScanAbort:
		if (scan_)
			end_scan(2);
		break;
	case cmd::kSupportedRates:
		/* Purpose 0: the rates to connect with (1 is the capabilities). */
		if (d.size() >= 4 && d[2] == 0)
			rates_.assign(d.begin() + 4,
				      d.begin() + 4 +
					      static_cast<std::ptrdiff_t>(std::min<std::size_t>(d[1], d.size() - 4)));
		break;
	case cmd::kRsnCapabilities:
		rsn_ie_.assign(d.begin(), d.end());
		break;
	case cmd::kAssociate:
		associate(c);
		break;
	case cmd::kCardDisable:
		stop_radio_work();
		break;
	default:
		break;
	}
}

void Ipw2200Air::stop_radio_work()
{
	if (scan_ && scan_->timer)
		(void)sched_.cancel(*scan_->timer);
	scan_.reset();
	cancel_timeout();
	stop_beacon_watch();
	ibss_leave();
	link_ = Link::idle;
	listen_mhz_ = 0;
}

void Ipw2200Air::firmware_reset()
{
	/* A new firmware starts from nothing: no scan, no link, no keys. */
	stop_radio_work();
	crypto_.forget();
	ssid_.clear();
	rates_.clear();
	rsn_ie_.clear();
}

void Ipw2200Air::start_scan(const HostCommand &c)
{
	const auto d = c.data();

	if (d.size() < kScanRequestLen) {
		stats_.bad_scan_requests++;
		return;
	}
	if (scan_ && scan_->timer)
		(void)sched_.cancel(*scan_->timer);
	Scan s;

	for (std::size_t i = 0; i < kChannelsLen;) {
		const std::uint8_t hdr = d[kChannelsAt + i];
		const std::size_t count = hdr & 0x3FU;

		if (count == 0)
			break;
		if (i + 1 + count > kChannelsLen) {
			stats_.bad_scan_requests++;
			LOG_WARN("ipw2200 air: scan channel group overruns the list");
			break;
		}
		for (std::size_t k = 1; k <= count; k++) {
			const std::size_t idx = i + k;
			const std::uint8_t nib = d[kTypesAt + idx / 2];
			std::uint8_t type = (idx % 2 == 0) ? nib >> 4 : nib & 0x0F;

			if (type > kActiveBroadcastDirected) {
				stats_.bad_scan_requests++;
				type = kPassiveFullDwell;
			}
			s.channels.push_back(
				ScanChannel{static_cast<std::uint8_t>(hdr >> 6), d[kChannelsAt + idx], type});
		}
		i += 1 + count;
	}
	for (std::size_t t = 0; t < s.dwell_ms.size(); t++)
		s.dwell_ms[t] = static_cast<std::uint16_t>(d[kDwellAt + 2 * t] | d[kDwellAt + 2 * t + 1] << 8);
	s.first_type = s.channels.empty() ? 0 : s.channels.front().type;
	scan_ = std::move(s);
	stats_.scans++;
	scan_step();
}

void Ipw2200Air::scan_step()
{
	if (!scan_)
		return;
	scan_->timer.reset();
	if (scan_->next == scan_->channels.size()) {
		end_scan(1);
		return;
	}
	const ScanChannel ch = scan_->channels[scan_->next++];
	const std::uint32_t mhz = channel_mhz(ch.band, ch.number);

	listen_mhz_ = mhz;
	listen_channel_ = ch.number;
	if (mhz != 0 && radio_on() && dev_.fw_mode() != FwMode::sniffer) {
		if (ch.type == kActiveBroadcast || ch.type == kActiveBroadcastDirected)
			send_probe_request("", mhz, ch.band);
		if ((ch.type == kActiveDirected || ch.type == kActiveBroadcastDirected) && !ssid_.empty())
			send_probe_request(ssid_, mhz, ch.band);
	}
	/* send_probe_request() may have delivered answers synchronously. */
	if (!scan_)
		return;
	scan_->timer = sched_.schedule(std::chrono::milliseconds(scan_->dwell_ms.at(ch.type)), [this] { scan_step(); });
}

void Ipw2200Air::end_scan(std::uint8_t status)
{
	if (!scan_)
		return;
	if (scan_->timer)
		(void)sched_.cancel(*scan_->timer);
	const std::array<std::uint8_t, 4> payload{scan_->first_type, static_cast<std::uint8_t>(scan_->channels.size()),
						  status, 0};

	scan_.reset();
	listen_mhz_ = home_mhz();
	listen_channel_ = target_.channel;
	if (status == 1)
		stats_.scans_completed++;
	else
		stats_.scans_aborted++;
	(void)dev_.send_notification(kScanCompleted, payload);
}

void Ipw2200Air::send_probe_request(const std::string &ssid, std::uint32_t freq, std::uint8_t band)
{
	medium::AirFrame f;
	auto &b = f.bytes;

	b = {0x40, 0x00, 0x00, 0x00}; /* management, probe request; duration 0 */
	b.insert(b.end(), kBroadcast.begin(), kBroadcast.end());
	b.insert(b.end(), mac_.begin(), mac_.end());
	b.insert(b.end(), kBroadcast.begin(), kBroadcast.end());
	b.push_back(static_cast<std::uint8_t>((tx_seq_ << 4) & 0xF0));
	b.push_back(static_cast<std::uint8_t>(tx_seq_ >> 4));
	tx_seq_ = static_cast<std::uint16_t>((tx_seq_ + 1) & 0x0FFF);
	b.push_back(0); /* SSID element */
	b.push_back(static_cast<std::uint8_t>(ssid.size()));
	b.insert(b.end(), ssid.begin(), ssid.end());
	if (band == 1) {
		put_ie(b, 1, kRates24);
		put_ie(b, 50, kExtRates24);
	} else {
		put_ie(b, 1, kRates5);
	}
	f.freq_mhz = freq;
	f.rate_idx = 0; /* 1 Mb/s, or 6 Mb/s at 5 GHz */
	stats_.probe_requests++;
	(void)air_.transmit(*this, f);
}

void Ipw2200Air::receive(const medium::AirFrame &f)
{
	if (listen_mhz_ == 0 || f.freq_mhz != listen_mhz_ || !radio_on())
		return;
	stats_.frames_heard++;
	if (dev_.fw_mode() == FwMode::sniffer) {
		sniff(f);
		return;
	}
	if (f.bytes.size() < kHdr)
		return;
	if (ibss_ && receive_ibss(f))
		return;
	if (link_ != Link::idle && !ibss_ && f.freq_mhz == target_.mhz) {
		const medium::MacAddr a2 = addr_at(f.bytes, 10);

		if (a2 == target_.bssid) {
			receive_bss(f);
			return;
		}
	}
	if (!scan_)
		return;
	const std::uint8_t fc0 = f.bytes[0];
	const unsigned type = (fc0 >> 2) & 3U;
	const unsigned subtype = fc0 >> 4;

	if (type != 0 || (subtype != kBeacon && subtype != kProbeResponse))
		return;
	if (subtype == kProbeResponse) {
		const medium::MacAddr a1 = addr_at(f.bytes, 4);

		if (a1 != mac_ && a1 != kBroadcast)
			return;
	}
	to_host(f);
}

void Ipw2200Air::to_host(const medium::AirFrame &f)
{
	if (dev_.deliver_rx(rx_packet(f, listen_channel_, rx_seq_++)))
		stats_.frames_to_host++;
	else
		stats_.rx_dropped++;
}

std::uint32_t Ipw2200Air::home_mhz() const
{
	return link_ == Link::idle ? 0 : target_.mhz;
}

void Ipw2200Air::associate(const HostCommand &c)
{
	const auto d = c.data();
	constexpr std::size_t kAssociateLen = 40;

	if (d.size() < kAssociateLen)
		return;
	const std::uint8_t type = d[2];

	if (type == 2 || type == 5) {
		disassociate(type == 5);
		return;
	}
	Target t;

	t.channel = d[0];
	t.auth_type = d[1] & 0x0FU;
	t.auth_key = static_cast<std::uint8_t>((d[1] >> 4) & 3U);
	t.policy = le16(d, 4);
	t.band = d[7] == 0 ? 0 : 1;
	std::copy_n(d.begin() + 8, t.bssid.size(), t.bssid.begin());
	t.capability = le16(d, 22);
	t.listen_interval = le16(d, 24);
	t.beacon_interval_tu = le16(d, 26);
	t.reassoc = type == 1;
	t.mhz = channel_mhz(t.band, t.channel);
	cancel_timeout();
	stop_beacon_watch();
	target_ = t;
	if (dev_.fw_mode() == FwMode::ibss) {
		ibss_associate(t, type, d);
		return;
	}
	if (type != 0 && type != 1) {
		/* IBSS start/reconfigure: not modelled yet. */
		link_ = Link::idle;
		stats_.assoc_failures++;
		notify_assoc(kCmasInit);
		return;
	}
	if (t.mhz == 0 || (t.auth_type != kAuthOpen && t.auth_type != kAuthSharedKey) || !radio_on()) {
		/* LEAP is not modelled yet. */
		link_ = Link::idle;
		stats_.assoc_failures++;
		notify_auth(kCmasInit, {}, 0);
		return;
	}
	link_ = Link::authenticating;
	tries_ = 0;
	auth_seq_ = 1;
	challenge_.clear();
	if (!scan_) {
		listen_mhz_ = t.mhz;
		listen_channel_ = t.channel;
	}
	send_auth();
}

void Ipw2200Air::disassociate(bool quiet)
{
	const bool was_linked = link_ != Link::idle;

	cancel_timeout();
	stop_beacon_watch();
	if (ibss_) {
		/* Leaving an IBSS: no frame, the beacons stop. */
		ibss_leave();
		quiet = true;
	}
	if (was_linked && !quiet && radio_on()) {
		std::vector<std::uint8_t> body;

		put_le16(body, 8); /* leaving the BSS */
		send_mgmt(kDisassoc, body);
	}
	link_ = Link::idle;
	if (!scan_)
		listen_mhz_ = 0;
	stats_.disassociations++;
	notify_assoc(kCmasInit);
}

void Ipw2200Air::send_mgmt(std::uint8_t subtype, const std::vector<std::uint8_t> &body)
{
	(void)air_.transmit(*this, mgmt_frame(subtype, body));
}

bool Ipw2200Air::send_mgmt_protected(std::uint8_t subtype, const std::vector<std::uint8_t> &body, std::uint8_t key)
{
	medium::AirFrame f = mgmt_frame(subtype, body);

	if (!crypto_.protect(key, f.bytes))
		return false;
	(void)air_.transmit(*this, f);
	return true;
}

medium::AirFrame Ipw2200Air::mgmt_frame(std::uint8_t subtype, const std::vector<std::uint8_t> &body)
{
	medium::AirFrame f;
	auto &b = f.bytes;

	b = {static_cast<std::uint8_t>(subtype << 4), 0x00, 0x00, 0x00};
	b.insert(b.end(), target_.bssid.begin(), target_.bssid.end());
	b.insert(b.end(), mac_.begin(), mac_.end());
	b.insert(b.end(), target_.bssid.begin(), target_.bssid.end());
	put_le16(b, static_cast<std::uint16_t>(tx_seq_ << 4));
	tx_seq_ = static_cast<std::uint16_t>((tx_seq_ + 1) & 0x0FFF);
	b.insert(b.end(), body.begin(), body.end());
	f.freq_mhz = target_.mhz;
	f.rate_idx = 0;
	return f;
}

void Ipw2200Air::send_auth()
{
	std::vector<std::uint8_t> body;

	put_le16(body, target_.auth_type);
	put_le16(body, auth_seq_); /* transaction 1, or 3 for the challenge */
	put_le16(body, 0);
	if (auth_seq_ == 1) {
		tries_++;
		stats_.auth_requests++;
		arm_timeout();
		send_mgmt(kAuth, body);
		return;
	}
	if (!crypto_.has_key(target_.auth_key)) {
		LOG_WARN("ipw2200 air: shared-key authentication without WEP key %u", target_.auth_key);
		auth_failed({}, 0);
		return;
	}
	body.push_back(kChallengeText);
	body.push_back(static_cast<std::uint8_t>(challenge_.size()));
	body.insert(body.end(), challenge_.begin(), challenge_.end());
	tries_++;
	stats_.auth_requests++;
	arm_timeout();
	(void)send_mgmt_protected(kAuth, body, target_.auth_key);
}

void Ipw2200Air::receive_auth(const std::vector<std::uint8_t> &frame, std::span<const std::uint8_t> body)
{
	if (link_ != Link::authenticating || body.size() < 6 || le16(body, 2) != auth_seq_ + 1)
		return;
	const std::uint16_t status = le16(body, 4);

	cancel_timeout();
	if (status != 0) {
		auth_failed(frame, status);
		return;
	}
	if (target_.auth_type == kAuthSharedKey && auth_seq_ == 1) {
		/* Transaction 2 carries the challenge text (IEEE 802.11 12.3.3.2). */
		challenge_.clear();
		for (std::size_t at = 6; at + 2 <= body.size();) {
			const std::size_t len = body[at + 1];

			if (at + 2 + len > body.size())
				break;
			if (body[at] == kChallengeText) {
				const auto text = body.subspan(at + 2, len);

				challenge_.assign(text.begin(), text.end());
				break;
			}
			at += 2 + len;
		}
		if (challenge_.empty()) {
			auth_failed(frame, 0);
			return;
		}
		auth_seq_ = 3;
		tries_ = 0;
		send_auth();
		return;
	}
	if (target_.auth_type == kAuthSharedKey)
		stats_.shared_key_auths++;
	notify_auth(kCmasAuthenticated, frame, 0);
	link_ = Link::associating;
	tries_ = 0;
	send_assoc();
}

void Ipw2200Air::auth_failed(const std::vector<std::uint8_t> &frame, std::uint16_t status)
{
	link_lost();
	stats_.assoc_failures++;
	notify_auth(kCmasInit, frame, status);
}

void Ipw2200Air::send_assoc()
{
	std::vector<std::uint8_t> body;

	put_le16(body, static_cast<std::uint16_t>((target_.capability & kCapMask) | 0x0001));
	put_le16(body, target_.listen_interval);
	if (target_.reassoc)
		body.insert(body.end(), target_.bssid.begin(), target_.bssid.end());
	const std::vector<std::uint8_t> ssid(ssid_.begin(), ssid_.end());

	put_ie(body, 0, ssid);
	const std::span<const std::uint8_t> rates(rates_);

	put_ie(body, 1, rates.first(std::min<std::size_t>(rates.size(), 8)));
	if (rates.size() > 8)
		put_ie(body, 50, rates.subspan(8));
	if ((target_.policy & kPolicyRsn) != 0)
		body.insert(body.end(), rsn_ie_.begin(), rsn_ie_.end());
	tries_++;
	stats_.assoc_requests++;
	arm_timeout();
	send_mgmt(target_.reassoc ? kReassocReq : kAssocReq, body);
}

void Ipw2200Air::arm_timeout()
{
	cancel_timeout();
	timeout_ = sched_.schedule(kResponseTimeout, [this] {
		timeout_.reset();
		response_timeout();
	});
}

void Ipw2200Air::cancel_timeout()
{
	if (timeout_)
		(void)sched_.cancel(*timeout_);
	timeout_.reset();
}

void Ipw2200Air::response_timeout()
{
	const bool retry = tries_ < kTries && radio_on();

	if (link_ == Link::authenticating) {
		if (retry) {
			send_auth();
			return;
		}
		auth_failed({}, 0);
	} else if (link_ == Link::associating) {
		if (retry) {
			send_assoc();
			return;
		}
		link_lost();
		stats_.assoc_failures++;
		notify_assoc(kCmasInit);
	}
}

void Ipw2200Air::link_lost()
{
	cancel_timeout();
	stop_beacon_watch();
	link_ = Link::idle;
	if (!scan_)
		listen_mhz_ = 0;
}

void Ipw2200Air::notify_auth(std::uint8_t state, const std::vector<std::uint8_t> &frame, std::uint16_t status)
{
	std::array<std::uint8_t, 27> p{};

	p[0] = state;
	std::copy_n(frame.begin(), std::min<std::size_t>(frame.size(), kHdr), p.begin() + 1);
	p[25] = static_cast<std::uint8_t>(status & 0xFF);
	p[26] = static_cast<std::uint8_t>(status >> 8);
	(void)dev_.send_notification(kStatusAuthenticate, p);
}

void Ipw2200Air::notify_assoc(std::uint8_t state)
{
	const std::array<std::uint8_t, 1> p{state};

	(void)dev_.send_notification(kStatusAssociated, p);
}

void Ipw2200Air::receive_bss(const medium::AirFrame &f)
{
	const auto &b = f.bytes;
	const unsigned type = (b[0] >> 2) & 3U;
	const unsigned subtype = b[0] >> 4;
	const medium::MacAddr a1 = addr_at(b, 4);
	const bool for_us = a1 == mac_;

	if (type == 2) { /* data */
		if (link_ == Link::associated && (for_us || is_group(a1))) {
			medium::AirFrame g = f;

			if (crypto_.receive(g.bytes) == HwCrypto::Rx::drop)
				return;
			stats_.data_rx++;
			to_host(g);
		}
		return;
	}
	if (type != 0)
		return;
	if (subtype == kBeacon) {
		if (link_ == Link::associated) {
			last_beacon_ = sched_.now();
			misses_reported_ = 0;
		}
		if (link_ == Link::associated || scan_)
			to_host(f);
		return;
	}
	if (!for_us && !(is_group(a1) && (subtype == kDeauth || subtype == kDisassoc)))
		return;
	const std::span<const std::uint8_t> body(b.data() + kHdr, b.size() - kHdr);

	switch (subtype) {
	case kProbeResponse:
		if (scan_)
			to_host(f);
		break;
	case kAuth:
		receive_auth(b, body);
		break;
	case kAssocResp:
	case kReassocResp:
		if (link_ != Link::associating || body.size() < 6)
			break;
		cancel_timeout();
		if (le16(body, 2) != 0) {
			link_lost();
			stats_.assoc_failures++;
			notify_assoc(kCmasInit);
			break;
		}
		link_ = Link::associated;
		stats_.associations++;
		notify_assoc(kCmasAssociated);
		watch_beacons();
		break;
	case kDeauth:
		if (link_ == Link::idle)
			break;
		link_lost();
		stats_.disassociations++;
		notify_auth(kCmasInit, b, body.size() >= 2 ? le16(body, 0) : 0);
		break;
	case kDisassoc:
		if (link_ != Link::associated)
			break;
		link_lost();
		stats_.disassociations++;
		notify_assoc(kCmasInit);
		break;
	default:
		break;
	}
}

void Ipw2200Air::watch_beacons()
{
	const std::uint16_t tu = target_.beacon_interval_tu != 0 ? target_.beacon_interval_tu : kDefaultBeaconTu;

	stop_beacon_watch();
	last_beacon_ = sched_.now();
	misses_reported_ = 0;
	miss_timer_ = sched_.schedule(kTu * tu, [this] {
		miss_timer_.reset();
		check_beacons();
	});
}

void Ipw2200Air::stop_beacon_watch()
{
	if (miss_timer_)
		(void)sched_.cancel(*miss_timer_);
	miss_timer_.reset();
}

void Ipw2200Air::check_beacons()
{
	if (link_ != Link::associated)
		return;
	if (!radio_on()) {
		/* The firmware stops; the host learns it from RF_KILL_DONE. */
		stats_.radio_lost++;
		link_lost();
		return;
	}
	const std::uint16_t tu = target_.beacon_interval_tu != 0 ? target_.beacon_interval_tu : kDefaultBeaconTu;
	const std::chrono::microseconds interval = kTu * tu;
	const Scheduler::Clock::time_point now = sched_.now();

	if (scan_) {
		/* Off the channel: the beacons are not missed, just not heard. */
		last_beacon_ = now;
	} else if (now - last_beacon_ > interval + interval / 2) {
		const auto missed = static_cast<unsigned>((now - last_beacon_ - interval / 2) / interval);

		if (missed > misses_reported_) {
			std::array<std::uint8_t, 8> p{};

			misses_reported_ = missed;
			for (unsigned i = 0; i < 4; i++) {
				p[i] = static_cast<std::uint8_t>(kBeaconMissing >> (8 * i));
				p[4 + i] = static_cast<std::uint8_t>(missed >> (8 * i));
			}
			stats_.beacon_misses++;
			(void)dev_.send_notification(kStatusBeaconState, p);
		}
	}
	miss_timer_ = sched_.schedule(interval, [this] {
		miss_timer_.reset();
		check_beacons();
	});
}

void Ipw2200Air::on_tx(unsigned queue, std::span<const std::uint8_t> frame, const TxInfo &info)
{
	if (link_ != Link::associated || !radio_on() || frame.size() < kHdr) {
		stats_.data_tx_dropped++;
		return;
	}
	medium::AirFrame f;

	f.bytes.assign(frame.begin(), frame.end());
	/* The firmware numbers the frames; the fragment number stays. */
	const std::uint16_t sc = static_cast<std::uint16_t>((tx_seq_ << 4) | (f.bytes[22] & 0x0F));

	f.bytes[22] = static_cast<std::uint8_t>(sc & 0xFF);
	f.bytes[23] = static_cast<std::uint8_t>(sc >> 8);
	tx_seq_ = static_cast<std::uint16_t>((tx_seq_ + 1) & 0x0FFF);
	if (!crypto_.transmit(info, f.bytes)) {
		stats_.data_tx_dropped++;
		return;
	}
	f.freq_mhz = target_.mhz;
	f.rate_idx = target_.band == 1 ? 3 : 0; /* 11 Mb/s, or 6 Mb/s at 5 GHz */
	stats_.data_tx++;
	(void)air_.transmit(*this, f);
}

std::string format_air_counters(const Ipw2200Air &air)
{
	const Ipw2200Air::Stats &st = air.stats();
	std::string s;
	append_kv(s, "listening_mhz", air.listening_mhz());
	append_kv(s, "scanning", air.scanning() ? 1 : 0);
	append_kv(s, "scans", st.scans);
	append_kv(s, "scans_completed", st.scans_completed);
	append_kv(s, "scans_aborted", st.scans_aborted);
	append_kv(s, "bad_scan_requests", st.bad_scan_requests);
	append_kv(s, "probe_requests", st.probe_requests);
	append_kv(s, "frames_heard", st.frames_heard);
	append_kv(s, "frames_to_host", st.frames_to_host);
	append_kv(s, "rx_dropped", st.rx_dropped);
	append_kv(s, "link", static_cast<unsigned long long>(air.link()));
	append_kv(s, "auth_requests", st.auth_requests);
	append_kv(s, "assoc_requests", st.assoc_requests);
	append_kv(s, "associations", st.associations);
	append_kv(s, "assoc_failures", st.assoc_failures);
	append_kv(s, "disassociations", st.disassociations);
	append_kv(s, "data_tx", st.data_tx);
	append_kv(s, "data_tx_dropped", st.data_tx_dropped);
	append_kv(s, "data_rx", st.data_rx);
	append_kv(s, "beacon_misses", st.beacon_misses);
	append_kv(s, "radio_lost", st.radio_lost);
	append_kv(s, "shared_key_auths", st.shared_key_auths);
	s += ' ';
	s += format_crypto_counters(air.crypto());
	s += " fw=";
	s += fw_mode_name(air.fw_mode());
	append_kv(s, "ibss_started", st.ibss_started);
	append_kv(s, "ibss_joined", st.ibss_joined);
	append_kv(s, "beacons", st.beacons);
	append_kv(s, "probe_responses", st.probe_responses);
	append_kv(s, "sniffed", st.sniffed);
	return s;
}

void add_air_commands(ControlServer &ctl, Ipw2200Air &air)
{
	ctl.add_command("air", "[reset]: the 2200BG firmware's radio counters (scan, frames)",
			[&air](const std::vector<std::string> &args) {
				if (args.empty())
					return ControlServer::Reply{true, format_air_counters(air)};
				if (args.size() == 1 && args[0] == "reset") {
					air.reset_stats();
					return ControlServer::Reply{true, ""};
				}
				return ControlServer::Reply{false, "usage: air [reset]"};
			});
	ctl.add_command("ibss", ": the IBSS the firmware is in, its peers, the host's station table",
			[&air](const std::vector<std::string> &args) {
				if (!args.empty())
					return ControlServer::Reply{false, "usage: ibss"};
				return ControlServer::Reply{true, format_ibss(air)};
			});
}

} // namespace ipwmodel::ipw2200
