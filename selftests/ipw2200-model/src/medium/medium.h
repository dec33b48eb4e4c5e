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
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ipwmodel::medium {

using MacAddr = std::array<std::uint8_t, 6>;

std::string format_mac(const MacAddr &a);
/* "xx:xx:xx:xx:xx:xx" (hex, either case); nullopt otherwise. */
std::optional<MacAddr> parse_mac(std::string_view s);

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
		std::uint64_t lost = 0;	      /* lost to a fault (vanished, beacon loss) */
		std::uint64_t injected = 0;   /* forged frames from nobody (inject()) */
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

	/*
	 * Fault injection.  A vanished address: every frame it transmits
	 * (address 2) or that is sent to it (address 1) is lost, as if its
	 * radio had been switched off.  Beacon loss: the beacons it transmits
	 * are lost, everything else goes through.  Both last until turned off.
	 */
	void set_vanished(const MacAddr &a, bool on);
	void set_beacon_loss(const MacAddr &a, bool on);
	void clear_faults();
	/* "vanished=ADDR... beacon_loss=ADDR..." or "none". */
	[[nodiscard]] std::string describe_faults() const;
	/* Put @f on the air as if nobody in particular sent it (a forged frame). */
	Result inject(const AirFrame &f);
	/* The frequency @a last transmitted on (address 2), 0 if never heard. */
	[[nodiscard]] std::uint32_t last_heard_mhz(const MacAddr &a) const;
	/* A deauthentication from @from (address 2 and 3) to @to with @reason,
	 * forged on the frequency @from was last heard on; false if never heard. */
	bool inject_deauth(const MacAddr &from, const MacAddr &to, std::uint16_t reason);

	void set_signal_dbm(std::int32_t dbm) { signal_dbm_ = dbm; }
	[[nodiscard]] std::int32_t signal_dbm() const { return signal_dbm_; }
	[[nodiscard]] const Stats &stats() const { return stats_; }
	void reset_stats() { stats_ = {}; }

private:
	Result deliver(const Station *from, const AirFrame &f);
	[[nodiscard]] bool lost_to_fault(const AirFrame &f) const;

	/* Bounded: transmitters beyond kMaxHeard restart the table. */
	static constexpr std::size_t kMaxHeard = 256;
	std::vector<Station *> stations_;
	std::vector<MacAddr> vanished_;
	std::vector<MacAddr> beacon_loss_;
	std::map<MacAddr, std::uint32_t> last_heard_;
	std::int32_t signal_dbm_ = kDefaultSignalDbm;
	Stats stats_;
};

} // namespace ipwmodel::medium
