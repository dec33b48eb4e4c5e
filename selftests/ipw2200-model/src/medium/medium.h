/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The air between the model's stations: mac80211_hwsim radios (behind
 * HwsimVirtio) and, later, 2200BG devices.
 *
 * A frame transmitted on a frequency reaches every other station; each
 * receiver decides whether it listens there (a hwsim radio's kernel drops
 * frames off its channel, as a real receiver would not hear them).  A
 * unicast frame (address 1 not a group address) is acknowledged when some
 * other station would acknowledge address 1 on that frequency; group frames
 * are never acknowledged.  Every receiver gets the medium's signal level
 * (one value for now: there is no distance yet).  There is no air time:
 * delivery is immediate, in transmission order.
 */
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ipwmodel::medium {

using MacAddr = std::array<std::uint8_t, 6>;

std::string format_mac(const MacAddr &a);

/* One frame on the air: 802.11 header and body, no FCS. */
struct AirFrame {
	std::vector<std::uint8_t> bytes;
	std::uint32_t freq_mhz = 0;
	/* Rate as an index into the band's rate table (hwsim's convention). */
	std::uint8_t rate_idx = 0;
	/* Set by the medium for the receiver. */
	std::int32_t signal_dbm = 0;
};

class Station {
public:
	virtual ~Station() = default;
	[[nodiscard]] virtual std::string name() const = 0;
	/* Would this station acknowledge a unicast frame to @addr on @freq_mhz? */
	[[nodiscard]] virtual bool acks(const MacAddr &addr, std::uint32_t freq_mhz) const = 0;
	/* A frame another station transmitted. */
	virtual void receive(const AirFrame &f) = 0;
};

class Medium {
public:
	struct Stats {
		std::uint64_t frames = 0;     /* transmitted */
		std::uint64_t group = 0;      /* of them group-addressed */
		std::uint64_t unicast = 0;    /* of them unicast */
		std::uint64_t acked = 0;      /* unicast frames acknowledged */
		std::uint64_t deliveries = 0; /* frame copies handed to receivers */
		std::uint64_t runts = 0;      /* shorter than an ACK frame: not delivered */
	};
	struct Result {
		bool acked = false;
		unsigned receivers = 0;
	};

	static constexpr std::int32_t kDefaultSignalDbm = -50;

	Medium() = default;
	Medium(const Medium &) = delete;
	Medium &operator=(const Medium &) = delete;
	Medium(Medium &&) = delete;
	Medium &operator=(Medium &&) = delete;
	~Medium() = default;

	/* @s must leave() before it is destroyed. */
	void join(Station &s);
	void leave(Station &s);
	[[nodiscard]] std::size_t stations() const { return stations_.size(); }

	/* @from (a member) puts @f on the air. */
	Result transmit(const Station &from, const AirFrame &f);

	void set_signal_dbm(std::int32_t dbm) { signal_dbm_ = dbm; }
	[[nodiscard]] std::int32_t signal_dbm() const { return signal_dbm_; }
	[[nodiscard]] const Stats &stats() const { return stats_; }
	void reset_stats() { stats_ = {}; }

private:
	std::vector<Station *> stations_;
	std::int32_t signal_dbm_ = kDefaultSignalDbm;
	Stats stats_;
};

} // namespace ipwmodel::medium
