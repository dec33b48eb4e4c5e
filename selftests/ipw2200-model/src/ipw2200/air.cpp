// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/air.h"

#include <algorithm>
#include <chrono>

#include "core/log.h"

namespace ipwmodel::ipw2200 {

namespace {

constexpr std::uint8_t kScanCompleted = 13; /* notification subtype */
constexpr std::uint8_t kRxFrameType = 0x09;
constexpr std::size_t kRxFrameHeader = 28; /* 4-byte packet header + 24 */
constexpr std::size_t kChannelsAt = 4;
constexpr std::size_t kChannelsLen = 54;
constexpr std::size_t kTypesAt = 58;
constexpr std::size_t kDwellAt = 86;
constexpr std::size_t kScanRequestLen = 96;
constexpr std::size_t kMaxSsid = 32;

/* PLCP rate codes (reference 16.3) by hwsim band-table index. */
constexpr std::array<std::uint8_t, 12> kPlcp24{0x0A, 0x14, 0x37, 0x6E, 0x0D, 0x0F,
					       0x05, 0x07, 0x09, 0x0B, 0x01, 0x03};
constexpr std::array<std::uint8_t, 8> kPlcp5{0x0D, 0x0F, 0x05, 0x07, 0x09, 0x0B, 0x01, 0x03};
/* Supported rates in 500 kb/s units, basic rates marked (0x80). */
constexpr std::array<std::uint8_t, 8> kRates24{0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12, 0x18, 0x24};
constexpr std::array<std::uint8_t, 4> kExtRates24{0x30, 0x48, 0x60, 0x6C};
constexpr std::array<std::uint8_t, 8> kRates5{0x8C, 0x12, 0x98, 0x24, 0xB0, 0x48, 0x60, 0x6C};

constexpr medium::MacAddr kBroadcast{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

medium::MacAddr addr_at(const std::vector<std::uint8_t> &f, std::size_t off)
{
	medium::MacAddr a{};

	std::copy_n(f.begin() + static_cast<std::ptrdiff_t>(off), a.size(), a.begin());
	return a;
}

} // namespace

Ipw2200Air::Ipw2200Air(Ipw2200Device &dev, medium::Medium &air, Scheduler &sched)
	: dev_(dev), air_(air), sched_(sched), mac_(dev.config().eeprom.mac)
{
	air_.join(*this);
}

Ipw2200Air::~Ipw2200Air()
{
	if (scan_ && scan_->timer)
		(void)sched_.cancel(*scan_->timer);
	air_.leave(*this);
}

std::string Ipw2200Air::name() const
{
	return "2200BG " + medium::format_mac(mac_);
}

bool Ipw2200Air::radio_on() const
{
	return dev_.fw_state() == FwState::runtime_ready && !dev_.hw_rfkill() &&
	       !dev_.card_disabled();
}

bool Ipw2200Air::acks(const medium::MacAddr &addr, std::uint32_t freq_mhz) const
{
	return addr == mac_ && listen_mhz_ != 0 && freq_mhz == listen_mhz_ && radio_on();
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

std::vector<std::uint8_t> Ipw2200Air::rx_packet(const medium::AirFrame &f, std::uint8_t channel,
						std::uint8_t seq)
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

	switch (c.id) {
	case cmd::kSsid:
		ssid_.assign(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(
							   std::min(d.size(), kMaxSsid)));
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
	case cmd::kCardDisable:
		if (scan_ && scan_->timer)
			(void)sched_.cancel(*scan_->timer);
		scan_.reset();
		listen_mhz_ = 0;
		break;
	default:
		break;
	}
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
			s.channels.push_back(ScanChannel{static_cast<std::uint8_t>(hdr >> 6),
							 d[kChannelsAt + idx], type});
		}
		i += 1 + count;
	}
	for (std::size_t t = 0; t < s.dwell_ms.size(); t++)
		s.dwell_ms[t] = static_cast<std::uint16_t>(d[kDwellAt + 2 * t] |
							   d[kDwellAt + 2 * t + 1] << 8);
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
	if (mhz != 0 && radio_on()) {
		if (ch.type == kActiveBroadcast || ch.type == kActiveBroadcastDirected)
			send_probe_request("", mhz, ch.band);
		if ((ch.type == kActiveDirected || ch.type == kActiveBroadcastDirected) &&
		    !ssid_.empty())
			send_probe_request(ssid_, mhz, ch.band);
	}
	/* send_probe_request() may have delivered answers synchronously. */
	if (!scan_)
		return;
	scan_->timer = sched_.schedule(std::chrono::milliseconds(scan_->dwell_ms.at(ch.type)),
				       [this] { scan_step(); });
}

void Ipw2200Air::end_scan(std::uint8_t status)
{
	if (!scan_)
		return;
	if (scan_->timer)
		(void)sched_.cancel(*scan_->timer);
	const std::array<std::uint8_t, 4> payload{
		scan_->first_type, static_cast<std::uint8_t>(scan_->channels.size()), status, 0};

	scan_.reset();
	listen_mhz_ = 0;
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
	const auto add_ie = [&b](std::uint8_t id, std::span<const std::uint8_t> v) {
		b.push_back(id);
		b.push_back(static_cast<std::uint8_t>(v.size()));
		b.insert(b.end(), v.begin(), v.end());
	};
	if (band == 1) {
		add_ie(1, kRates24);
		add_ie(50, kExtRates24);
	} else {
		add_ie(1, kRates5);
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
	if (f.bytes.size() < 24 || !scan_)
		return;
	const std::uint8_t fc0 = f.bytes[0];
	const unsigned type = (fc0 >> 2) & 3U;
	const unsigned subtype = fc0 >> 4;
	constexpr unsigned kProbeResponse = 5;
	constexpr unsigned kBeacon = 8;

	if (type != 0 || (subtype != kBeacon && subtype != kProbeResponse))
		return;
	if (subtype == kProbeResponse) {
		const medium::MacAddr a1 = addr_at(f.bytes, 4);

		if (a1 != mac_ && a1 != kBroadcast)
			return;
	}
	if (dev_.deliver_rx(rx_packet(f, listen_channel_, rx_seq_++)))
		stats_.frames_to_host++;
	else
		stats_.rx_dropped++;
}

std::string format_air_counters(const Ipw2200Air &air)
{
	const Ipw2200Air::Stats &st = air.stats();
	std::string s;
	const auto kv = [&s](const char *k, unsigned long long v) {
		s += s.empty() ? "" : " ";
		s += k;
		s += '=';
		s += std::to_string(v);
	};

	kv("listening_mhz", air.listening_mhz());
	kv("scanning", air.scanning() ? 1 : 0);
	kv("scans", st.scans);
	kv("scans_completed", st.scans_completed);
	kv("scans_aborted", st.scans_aborted);
	kv("bad_scan_requests", st.bad_scan_requests);
	kv("probe_requests", st.probe_requests);
	kv("frames_heard", st.frames_heard);
	kv("frames_to_host", st.frames_to_host);
	kv("rx_dropped", st.rx_dropped);
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
}

} // namespace ipwmodel::ipw2200
