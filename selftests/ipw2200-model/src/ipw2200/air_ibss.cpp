// SPDX-License-Identifier: GPL-2.0
/*
 * The IBSS and sniffer firmwares on the air (air.h, ibss.h): the parts of
 * Ipw2200Air that only ipw2200-ibss.fw and ipw2200-sniffer.fw do.
 */
#include <algorithm>
#include <chrono>

#include "core/log.h"
#include "ipw2200/air.h"
#include "medium/frame.h"

namespace ipwmodel::ipw2200 {

namespace {

constexpr std::uint8_t kStatusAssociated = 10; /* notification subtype */
constexpr std::uint8_t kCmasInit = 0;
constexpr std::uint8_t kCmasAssociated = 12;
constexpr unsigned kProbeRequest = 4; /* management subtypes */
constexpr unsigned kProbeResponse = 5;
constexpr unsigned kBeacon = 8;
constexpr std::chrono::microseconds kTu{1024};

using medium::addr_at;
using medium::le16;

} // namespace

void Ipw2200Air::ibss_associate(const Target &t, std::uint8_t type, std::span<const std::uint8_t> cmd)
{
	constexpr std::size_t kBeaconIntervalAt = 26;
	constexpr std::size_t kAtimWindowAt = 34;
	const bool start = type == 3 || type == 4;

	ibss_leave();
	if ((!start && type != 0 && type != 1) || t.mhz == 0 || !radio_on()) {
		link_ = Link::idle;
		stats_.assoc_failures++;
		notify_assoc(kCmasInit);
		return;
	}
	medium::MacAddr bssid = t.bssid;

	if (start && bssid == medium::MacAddr{})
		bssid = IbssCell::random_bssid();
	target_.bssid = bssid;
	ibss_.emplace(bssid, mac_, ssid_, t.channel, t.band, t.capability, le16(cmd, kBeaconIntervalAt),
		      le16(cmd, kAtimWindowAt), rates_);
	ibss_epoch_ = sched_.now();
	link_ = Link::associated;
	if (!scan_) {
		listen_mhz_ = t.mhz;
		listen_channel_ = t.channel;
	}
	if (start)
		stats_.ibss_started++;
	else
		stats_.ibss_joined++;
	stats_.associations++;
	LOG_DEBUG("ipw2200 air: %s IBSS %s '%s' on channel %u", start ? "started" : "joined",
		  medium::format_mac(bssid).c_str(), ssid_.c_str(), t.channel);
	const std::array<std::uint8_t, 1> p{kCmasAssociated};

	(void)dev_.send_notification(kStatusAssociated, p);
	ibss_beacon();
}

void Ipw2200Air::ibss_leave()
{
	if (beacon_timer_)
		(void)sched_.cancel(*beacon_timer_);
	beacon_timer_.reset();
	ibss_.reset();
}

std::uint64_t Ipw2200Air::ibss_tsf_us() const
{
	const auto us = std::chrono::duration_cast<std::chrono::microseconds>(sched_.now() - ibss_epoch_);

	/* Never 0: a zero timestamp is a network the driver would create. */
	return static_cast<std::uint64_t>(std::max<std::int64_t>(us.count(), 0)) + 1;
}

void Ipw2200Air::ibss_beacon()
{
	beacon_timer_.reset();
	if (!ibss_)
		return;
	if (radio_on()) {
		medium::AirFrame f;

		f.bytes = ibss_->beacon(ibss_tsf_us(), tx_seq_);
		tx_seq_ = static_cast<std::uint16_t>((tx_seq_ + 1) & 0x0FFF);
		f.freq_mhz = target_.mhz;
		f.rate_idx = 0;
		stats_.beacons++;
		(void)air_.transmit(*this, f);
	}
	/* transmit() may have delivered answers that ended the cell. */
	if (ibss_)
		beacon_timer_ = sched_.schedule(kTu * ibss_->beacon_interval(), [this] { ibss_beacon(); });
}

bool Ipw2200Air::receive_ibss(const medium::AirFrame &f)
{
	const auto &b = f.bytes;

	if (!ibss_ || f.freq_mhz != target_.mhz)
		return false;
	IbssCell &cell = *ibss_;
	const unsigned type = (b[0] >> 2) & 3U;
	const unsigned subtype = b[0] >> 4;
	const medium::MacAddr a1 = addr_at(b, 4);
	const medium::MacAddr a2 = addr_at(b, 10);
	const medium::MacAddr a3 = addr_at(b, 16);

	if (type == 0 && subtype == kProbeRequest) {
		if (cell.probe_wanted(b) && radio_on()) {
			medium::AirFrame r;

			r.bytes = cell.probe_response(a2, ibss_tsf_us(), tx_seq_);
			tx_seq_ = static_cast<std::uint16_t>((tx_seq_ + 1) & 0x0FFF);
			r.freq_mhz = target_.mhz;
			r.rate_idx = 0;
			stats_.probe_responses++;
			(void)air_.transmit(*this, r);
		}
		return true;
	}
	if (a3 != cell.bssid() || a2 == mac_)
		return false;
	if (!cell.note_peer(a2))
		LOG_DEBUG("ipw2200 air: IBSS peer table full, %s not added", medium::format_mac(a2).c_str());
	if (type == 2) { /* data */
		if (a1 == mac_ || (a1[0] & 1U) != 0) {
			stats_.data_rx++;
			to_host(f);
		}
		return true;
	}
	if (type == 0 && (subtype == kBeacon || (subtype == kProbeResponse && a1 == mac_)))
		to_host(f);
	return true;
}

void Ipw2200Air::sniff(const medium::AirFrame &f)
{
	if (f.bytes.size() < 2)
		return;
	stats_.sniffed++;
	to_host(f);
}

std::vector<medium::MacAddr> Ipw2200Air::host_station_table() const
{
	const ByteStore &shm = dev_.shared_memory();

	return station_table(std::span(shm.data(), shm.size()));
}

std::string format_ibss(const Ipw2200Air &air)
{
	const IbssCell *cell = air.ibss();
	const auto list = [](const std::vector<medium::MacAddr> &v) {
		std::string s;

		for (const auto &a : v) {
			s += s.empty() ? "" : ",";
			s += medium::format_mac(a);
		}
		return s.empty() ? std::string("-") : s;
	};

	if (cell == nullptr)
		return "none";
	return "bssid=" + medium::format_mac(cell->bssid()) + " ssid=" + cell->ssid() +
	       " channel=" + std::to_string(cell->channel()) + " peers=" + list(cell->peers()) +
	       " stations=" + list(air.host_station_table());
}

} // namespace ipwmodel::ipw2200
