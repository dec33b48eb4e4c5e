// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/ibss.h"

#include <algorithm>
#include <array>
#include <random>

#include "medium/frame.h"

namespace ipwmodel::ipw2200 {

namespace {

constexpr std::uint8_t kBeacon = 8; /* management subtypes */
constexpr std::uint8_t kProbeResponse = 5;
constexpr std::size_t kHdr = 24;
constexpr std::uint32_t kStationTable = 0xC0C; /* IPW_STATION_TABLE_LOWER */
constexpr std::uint32_t kStationEntry = 8;
constexpr medium::MacAddr kBroadcast{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
/* Rates when the host gave none: 1, 2, 5.5, 11 (basic), 6 ... 54 Mb/s. */
constexpr std::array<std::uint8_t, 12> kDefaultRates24{0x82, 0x84, 0x8B, 0x96, 0x0C, 0x12,
						       0x18, 0x24, 0x30, 0x48, 0x60, 0x6C};
constexpr std::array<std::uint8_t, 8> kDefaultRates5{0x8C, 0x12, 0x98, 0x24, 0xB0, 0x48, 0x60, 0x6C};

using medium::put_ie;
using medium::put_le16;

} // namespace

IbssCell::IbssCell(const medium::MacAddr &bssid, const medium::MacAddr &own, std::string ssid, std::uint8_t channel,
		   std::uint8_t band, std::uint16_t capability, std::uint16_t beacon_interval,
		   std::uint16_t atim_window, std::vector<std::uint8_t> rates)
	: bssid_(bssid), own_(own), ssid_(std::move(ssid)), channel_(channel), band_(band),
	  capability_(static_cast<std::uint16_t>((capability & ~kCapEss) | kCapIbss)),
	  beacon_interval_(beacon_interval == 0 ? 100 : beacon_interval), atim_window_(atim_window),
	  rates_(std::move(rates))
{
	if (rates_.empty()) {
		if (band_ == 1)
			rates_.assign(kDefaultRates24.begin(), kDefaultRates24.end());
		else
			rates_.assign(kDefaultRates5.begin(), kDefaultRates5.end());
	}
}

std::vector<std::uint8_t> IbssCell::mgmt(std::uint8_t subtype, const medium::MacAddr &to, std::uint64_t tsf_us,
					 std::uint16_t seq) const
{
	std::vector<std::uint8_t> b{static_cast<std::uint8_t>(subtype << 4), 0x00, 0x00, 0x00};

	b.insert(b.end(), to.begin(), to.end());
	b.insert(b.end(), own_.begin(), own_.end());
	b.insert(b.end(), bssid_.begin(), bssid_.end());
	put_le16(b, static_cast<std::uint16_t>(seq << 4));
	for (unsigned i = 0; i < 8; i++)
		b.push_back(static_cast<std::uint8_t>(tsf_us >> (8 * i)));
	put_le16(b, beacon_interval_);
	put_le16(b, capability_);
	const std::vector<std::uint8_t> ssid(ssid_.begin(), ssid_.end());

	put_ie(b, 0, ssid);
	const std::span<const std::uint8_t> rates(rates_);

	put_ie(b, 1, rates.first(std::min<std::size_t>(rates.size(), 8)));
	if (band_ == 1) {
		const std::array<std::uint8_t, 1> ds{channel_};

		put_ie(b, 3, ds); /* DS Parameter Set */
	}
	std::array<std::uint8_t, 2> ibss{};

	ibss[0] = static_cast<std::uint8_t>(atim_window_ & 0xFF);
	ibss[1] = static_cast<std::uint8_t>(atim_window_ >> 8);
	put_ie(b, 6, ibss); /* IBSS Parameter Set */
	if (rates.size() > 8)
		put_ie(b, 50, rates.subspan(8));
	return b;
}

std::vector<std::uint8_t> IbssCell::beacon(std::uint64_t tsf_us, std::uint16_t seq) const
{
	return mgmt(kBeacon, kBroadcast, tsf_us, seq);
}

std::vector<std::uint8_t> IbssCell::probe_response(const medium::MacAddr &to, std::uint64_t tsf_us,
						   std::uint16_t seq) const
{
	return mgmt(kProbeResponse, to, tsf_us, seq);
}

bool IbssCell::probe_wanted(std::span<const std::uint8_t> frame) const
{
	if (frame.size() < kHdr + 2)
		return false;
	medium::MacAddr a3{};

	std::copy_n(frame.begin() + 16, a3.size(), a3.begin());
	if (a3 != kBroadcast && a3 != bssid_)
		return false;
	/* The SSID element comes first in a probe request. */
	const auto body = frame.subspan(kHdr);

	if (body[0] != 0 || body[1] > body.size() - 2)
		return false;
	if (body[1] == 0)
		return true;
	return std::equal(body.begin() + 2, body.begin() + 2 + body[1], ssid_.begin(), ssid_.end());
}

bool IbssCell::note_peer(const medium::MacAddr &mac)
{
	if (std::find(peers_.begin(), peers_.end(), mac) != peers_.end())
		return true;
	if (peers_.size() >= kMaxPeers)
		return false;
	peers_.push_back(mac);
	return true;
}

medium::MacAddr IbssCell::random_bssid()
{
	std::random_device rd;
	std::uniform_int_distribution<unsigned> byte(0, 255);
	medium::MacAddr a{};

	for (auto &x : a)
		x = static_cast<std::uint8_t>(byte(rd));
	a[0] = static_cast<std::uint8_t>((a[0] & 0xFEU) | 0x02U); /* unicast, local */
	return a;
}

std::vector<medium::MacAddr> station_table(std::span<const std::uint8_t> bar0)
{
	std::vector<medium::MacAddr> out;

	for (unsigned i = 0; i < IbssCell::kMaxPeers; i++) {
		const std::size_t at = kStationTable + std::size_t{kStationEntry} * i;
		medium::MacAddr a{};

		if (at + kStationEntry > bar0.size())
			break;
		std::copy_n(bar0.begin() + static_cast<std::ptrdiff_t>(at), a.size(), a.begin());
		if (a != medium::MacAddr{})
			out.push_back(a);
	}
	return out;
}

} // namespace ipwmodel::ipw2200
