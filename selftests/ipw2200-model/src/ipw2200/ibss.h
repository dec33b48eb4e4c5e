/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IBSS firmware's cell (ipw2200-ibss.fw; reference 7.1, 12.7, 14.10,
 * 16.5): what the firmware keeps of the ad-hoc network it started or
 * joined, the frames it sends in it, and the peers it heard.
 *
 * ASSOCIATE type 3 (IBSS_START) and 4 (IBSS_RECONF) start a cell with the
 * command's BSSID (the upstream driver makes a random locally administered
 * one; an all-zero BSSID gets one from the firmware), channel, capability
 * (IBSS set, ESS cleared), beacon interval and ATIM window; the SSID and
 * the connect rates are those of the SSID and SUPPORTED_RATES (purpose 0)
 * commands before it.  ASSOCIATE type 0 or 1 in the IBSS firmware joins
 * the cell of that BSSID with the same parameters: there is no
 * authentication or association exchange in an IBSS.  Either way the host
 * hears STATUS_ASSOCIATED 12, which makes the upstream driver clear its
 * station table and start its missed-beacon check.
 *
 * In the cell the firmware beacons every beacon interval (1 TU = 1024 us)
 * with the timestamp of its timer (microseconds since the cell started,
 * never 0: the driver takes a network with a zero timestamp for one to
 * create), answers probe requests for the SSID or the wildcard SSID with
 * probe responses, and hands the host the cell's beacons, probe responses
 * and data frames (address 3 = BSSID) to it or to a group.  Every station
 * heard in the cell is a peer (up to 32, as the host's station table).
 * The host's own station table is in BAR0 at 0xC0C (12.7), written
 * directly by the driver; station_table() reads it back.
 */
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "medium/medium.h"

namespace ipwmodel::ipw2200 {

class IbssCell {
public:
	static constexpr unsigned kMaxPeers = 32; /* MAX_STATIONS */
	static constexpr std::uint16_t kCapEss = 0x0001;
	static constexpr std::uint16_t kCapIbss = 0x0002;

	IbssCell() = default;
	IbssCell(const medium::MacAddr &bssid, const medium::MacAddr &own, std::string ssid, std::uint8_t channel,
		 std::uint8_t band, std::uint16_t capability, std::uint16_t beacon_interval, std::uint16_t atim_window,
		 std::vector<std::uint8_t> rates);

	[[nodiscard]] const medium::MacAddr &bssid() const { return bssid_; }
	[[nodiscard]] const std::string &ssid() const { return ssid_; }
	[[nodiscard]] std::uint8_t channel() const { return channel_; }
	[[nodiscard]] std::uint8_t band() const { return band_; }
	[[nodiscard]] std::uint16_t capability() const { return capability_; }
	/* Beacon interval in TU (100 when the command gave 0). */
	[[nodiscard]] std::uint16_t beacon_interval() const { return beacon_interval_; }

	/* A beacon, or a probe response to @to, stamped @tsf_us, sequence @seq. */
	[[nodiscard]] std::vector<std::uint8_t> beacon(std::uint64_t tsf_us, std::uint16_t seq) const;
	[[nodiscard]] std::vector<std::uint8_t> probe_response(const medium::MacAddr &to, std::uint64_t tsf_us,
							       std::uint16_t seq) const;
	/* Whether probe request @frame (header and body) asks for this cell. */
	[[nodiscard]] bool probe_wanted(std::span<const std::uint8_t> frame) const;

	/* A station heard in the cell; false if the table is full. */
	bool note_peer(const medium::MacAddr &mac);
	[[nodiscard]] const std::vector<medium::MacAddr> &peers() const { return peers_; }

	/* A random locally administered unicast address (IBSS BSSID). */
	static medium::MacAddr random_bssid();

private:
	[[nodiscard]] std::vector<std::uint8_t> mgmt(std::uint8_t subtype, const medium::MacAddr &to,
						     std::uint64_t tsf_us, std::uint16_t seq) const;

	medium::MacAddr bssid_{};
	medium::MacAddr own_{};
	std::string ssid_;
	std::uint8_t channel_ = 0;
	std::uint8_t band_ = 1;
	std::uint16_t capability_ = kCapIbss;
	std::uint16_t beacon_interval_ = 100;
	std::uint16_t atim_window_ = 0;
	std::vector<std::uint8_t> rates_;
	std::vector<medium::MacAddr> peers_;
};

/*
 * The host's IBSS station table (BAR0 0xC0C + 8 i, i < 32; reference
 * 12.7): the MAC addresses of the entries that are not all zero, in order.
 */
std::vector<medium::MacAddr> station_table(std::span<const std::uint8_t> bar0);

} // namespace ipwmodel::ipw2200
