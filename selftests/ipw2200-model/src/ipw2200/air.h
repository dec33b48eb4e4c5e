/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 2200BG's firmware on the air: the adapter as a Station of the radio
 * medium (medium/medium.h), driven by the host commands the device model
 * parses (Ipw2200Device::set_command_observer()).
 *
 * Scanning (reference 14.12, 16.3, 16.5, 18.1): SCAN_REQUEST_EXT lists the
 * channels in groups (band << 6 | count, then the channel numbers), a
 * scan type per channel (nibbles from byte 58) and a dwell time per type
 * (ms, from byte 86).  The firmware visits the channels in order; on an
 * active channel (types 2, 3, 4) it transmits probe requests, broadcast
 * (type 3, 4) and/or directed at the SSID of the last SSID command (2, 4);
 * it listens for the dwell time and hands every beacon and every probe
 * response to the host as a receive frame (message type 0x09, the 24-byte
 * header of 16.3: received channel, PLCP rate code, rssi_dbm = dBm + 112,
 * band bit).  After the last channel, SCAN_COMPLETED {type, channels, 1, 0};
 * SCAN_ABORT ends the scan at once with status 2.  A new request while
 * scanning restarts the scan (the driver does not send one).  The firmware
 * hears and transmits only while it runs and the radio is not killed.
 *
 * Association (14.10, 16.5, 16.6, 18.3, 18.4): ASSOCIATE type 0 or 1 tunes to
 * the target's channel and authenticates (auth nibble 0: open system, one
 * request and the answer; 1: shared key, the four-frame exchange of IEEE
 * 802.11 12.3.3.2: request, the AP's challenge text, the challenge sent
 * back WEP-encrypted with the default key of the auth_key nibble, the
 * AP's result; a refusal or a missing key fails the attempt), then sends an association (type 1: reassociation) request
 * with the station's capability bits taken from the command (ESS, privacy, short preamble, short slot), the listen
 * interval, the SSID of the last SSID command, the rates of the last SUPPORTED_RATES with purpose 0 (the first 8 in
 * Supported Rates, the rest in Extended Supported Rates) and, when policy_support has the RSN bit, the element of the
 * last RSN_CAPABILITIES command, unchanged.  Each request is sent up to kTries times, kResponseTimeout apart.  The host
 * hears STATUS_AUTHENTICATE (9 on success, 0 with the AP's status on a refusal or when no answer comes) and
 * STATUS_ASSOCIATED (12 on success, 0 otherwise).  Once associated, data frames from the BSSID to us or to a group
 * address, and the BSSID's beacons, reach the host; frames the host queues on the data rings go on the air with the
 * firmware's sequence numbers.  A deauthentication from the AP is reported as STATUS_AUTHENTICATE 0, a disassociation
 * as STATUS_ASSOCIATED 0; ASSOCIATE type 2 sends a disassociation frame (type 5: quietly) and reports STATUS_ASSOCIATED
 * 0.  LEAP is not modelled and is refused with STATUS_AUTHENTICATE 0.
 *
 * Missed beacons (16.5, 18.5): while associated the firmware expects a
 * beacon from the BSSID every beacon interval (the ASSOCIATE command's,
 * 100 TU if 0).  When n whole intervals (with half an interval of grace)
 * have passed without one, it reports STATUS_BEACON_STATE {1 = missing, n},
 * once for each new n; a beacon starts the count again.  Time off the
 * channel (scanning) does not count.  If the radio is killed, the link is
 * dropped without a notification: the host hears RF_KILL_DONE.
 *
 * Hardware WEP and CCMP (hw_crypto.h): data frames the host asks the
 * firmware to encrypt leave encrypted; protected data frames from the BSS are
 * decrypted when the host enabled hardware decryption.
 *
 * The runtime image decides the rest (Ipw2200Device::fw_mode()):
 *
 * - ipw2200-ibss.fw: ASSOCIATE starts (type 3, 4) or joins (0, 1) an IBSS
 *   (ibss.h, air_ibss.cpp) and the firmware beacons until the host leaves
 *   it (type 2 or 5: no frame, STATUS_ASSOCIATED 0).  Data frames from the
 *   host go out in the cell; the BSS firmware refuses types 3 and 4 with
 *   STATUS_ASSOCIATED 0.
 * - ipw2200-sniffer.fw: the firmware never transmits or acknowledges; on
 *   the channel it is tuned to (the upstream driver's monitor-mode scan
 *   request: one channel, passive, 2 s dwell, again and again) every frame
 *   it hears, of any type and for anyone, reaches the host as a receive
 *   frame with the usual 24-byte header.  ASSOCIATE is refused.
 *
 * Frequencies: band 1 (B/G) channel c is 2407 + 5c MHz (14: 2484), band 0
 * (A) 5000 + 5c MHz.  Rates on the medium are indexes into hwsim's band
 * tables (2.4 GHz: 1, 2, 5.5, 11, 6 ... 54 Mb/s; 5 GHz: 6 ... 54 Mb/s).
 */
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/control_server.h"
#include "core/scheduler.h"
#include "ipw2200/device.h"
#include "ipw2200/firmware.h"
#include "ipw2200/host_command.h"
#include "ipw2200/hw_crypto.h"
#include "ipw2200/ibss.h"
#include "medium/medium.h"

namespace ipwmodel::ipw2200 {

class Ipw2200Air final : public medium::Station {
public:
	struct Stats {
		std::uint64_t scans = 0;	   /* SCAN_REQUEST_EXT taken */
		std::uint64_t scans_completed = 0; /* SCAN_COMPLETED status 1 */
		std::uint64_t scans_aborted = 0;   /* status 2 */
		std::uint64_t bad_scan_requests = 0;
		std::uint64_t probe_requests = 0;   /* transmitted */
		std::uint64_t frames_heard = 0;	    /* on our channel, radio on */
		std::uint64_t frames_to_host = 0;   /* receive frames delivered */
		std::uint64_t rx_dropped = 0;	    /* no free receive buffer */
		std::uint64_t auth_requests = 0;    /* authentication frames sent */
		std::uint64_t assoc_requests = 0;   /* (re)association requests sent */
		std::uint64_t associations = 0;	    /* STATUS_ASSOCIATED 12 */
		std::uint64_t assoc_failures = 0;   /* refused or timed out */
		std::uint64_t disassociations = 0;  /* by the host or the AP */
		std::uint64_t data_tx = 0;	    /* host frames put on the air */
		std::uint64_t data_tx_dropped = 0;  /* host frames while not associated */
		std::uint64_t data_rx = 0;	    /* data frames delivered to the host */
		std::uint64_t beacon_misses = 0;    /* STATUS_BEACON_STATE notifications */
		std::uint64_t radio_lost = 0;	    /* links dropped because the radio was killed */
		std::uint64_t shared_key_auths = 0; /* shared-key exchanges that succeeded */
		std::uint64_t ibss_started = 0;	    /* IBSS created (ASSOCIATE 3, 4) */
		std::uint64_t ibss_joined = 0;	    /* IBSS joined (ASSOCIATE 0, 1) */
		std::uint64_t beacons = 0;	    /* IBSS beacons transmitted */
		std::uint64_t probe_responses = 0;  /* IBSS probe responses transmitted */
		std::uint64_t sniffed = 0;	    /* sniffer: frames delivered */
	};

	enum class Link { idle, authenticating, associating, associated };
	static constexpr unsigned kTries = 3;
	static constexpr std::chrono::milliseconds kResponseTimeout{200};

	/* Scan-type nibbles (reference 14.12). */
	static constexpr std::uint8_t kPassiveFirstBeacon = 0;
	static constexpr std::uint8_t kPassiveFullDwell = 1;
	static constexpr std::uint8_t kActiveDirected = 2;
	static constexpr std::uint8_t kActiveBroadcast = 3;
	static constexpr std::uint8_t kActiveBroadcastDirected = 4;

	/* Joins @air and follows @dev's resets (its reset observer); @dev, @air and
	 * @sched must outlive this object. */
	Ipw2200Air(Ipw2200Device &dev, medium::Medium &air, Scheduler &sched);
	~Ipw2200Air() override;
	Ipw2200Air(const Ipw2200Air &) = delete;
	Ipw2200Air &operator=(const Ipw2200Air &) = delete;
	Ipw2200Air(Ipw2200Air &&) = delete;
	Ipw2200Air &operator=(Ipw2200Air &&) = delete;

	/* medium::Station */
	[[nodiscard]] std::string name() const override;
	[[nodiscard]] bool acks(const medium::MacAddr &addr, std::uint32_t freq_mhz) const override;
	void receive(const medium::AirFrame &f) override;

	/* The host command the device just completed (the device's observer). */
	void on_command(const HostCommand &c);
	/* A frame the host queued on data ring @queue (the device's TX
	 * observer), with the TFD's crypto fields @info. */
	void on_tx(unsigned queue, std::span<const std::uint8_t> frame, const TxInfo &info = {});

	[[nodiscard]] Link link() const { return link_; }
	[[nodiscard]] medium::MacAddr bssid() const { return target_.bssid; }

	[[nodiscard]] const Stats &stats() const { return stats_; }
	[[nodiscard]] const HwCrypto &crypto() const { return crypto_; }
	void reset_stats()
	{
		stats_ = {};
		crypto_.reset_stats();
	}
	/* The frequency the receiver is tuned to (0: not listening). */
	[[nodiscard]] std::uint32_t listening_mhz() const { return listen_mhz_; }
	[[nodiscard]] bool scanning() const { return scan_.has_value(); }
	[[nodiscard]] medium::MacAddr mac() const { return mac_; }
	/* The IBSS the firmware is in (IBSS firmware, associated), if any. */
	[[nodiscard]] const IbssCell *ibss() const { return ibss_ ? &*ibss_ : nullptr; }
	[[nodiscard]] FwMode fw_mode() const { return dev_.fw_mode(); }
	/* The host's IBSS station table (BAR0 0xC0C), non-empty entries. */
	[[nodiscard]] std::vector<medium::MacAddr> host_station_table() const;

	/* Channel @ch of band @band (0 = A, 1 = B/G) in MHz; 0 if invalid. */
	static std::uint32_t channel_mhz(std::uint8_t band, std::uint8_t ch);
	/* The receive packet (message type 0x09, reference 16.3) for @f. */
	static std::vector<std::uint8_t> rx_packet(const medium::AirFrame &f, std::uint8_t channel, std::uint8_t seq);

private:
	struct ScanChannel {
		std::uint8_t band;
		std::uint8_t number;
		std::uint8_t type;
	};
	struct Scan {
		std::vector<ScanChannel> channels;
		std::array<std::uint16_t, 5> dwell_ms{};
		std::size_t next = 0;
		std::uint8_t first_type = 0;
		std::optional<Scheduler::TimerId> timer;
	};

	struct Target {
		medium::MacAddr bssid{};
		std::uint8_t channel = 0;
		std::uint8_t band = 1;
		std::uint32_t mhz = 0;
		std::uint8_t auth_type = 0;
		std::uint8_t auth_key = 0; /* default WEP key for shared-key auth */
		bool reassoc = false;
		std::uint16_t policy = 0;
		std::uint16_t capability = 0;
		std::uint16_t listen_interval = 0;
		std::uint16_t beacon_interval_tu = 0;
	};

	[[nodiscard]] bool radio_on() const;
	/* CARD_DISABLE: scan, link, IBSS and their timers end. */
	void stop_radio_work();
	/* The device's reset observer: everything the firmware knew is gone. */
	void firmware_reset();
	/* Where the receiver rests when not scanning: the BSS's channel, or nothing. */
	[[nodiscard]] std::uint32_t home_mhz() const;
	void associate(const HostCommand &c);
	void disassociate(bool quiet);
	void send_auth();
	void receive_auth(const std::vector<std::uint8_t> &frame, std::span<const std::uint8_t> body);
	void auth_failed(const std::vector<std::uint8_t> &frame, std::uint16_t status);
	void send_assoc();
	void response_timeout();
	void arm_timeout();
	void cancel_timeout();
	void link_lost();
	void notify_auth(std::uint8_t state, const std::vector<std::uint8_t> &frame, std::uint16_t status);
	void notify_assoc(std::uint8_t state);
	/* Missed beacons while associated (reference 16.5, 18.5). */
	void watch_beacons();
	void check_beacons();
	void stop_beacon_watch();
	void receive_bss(const medium::AirFrame &f);
	void to_host(const medium::AirFrame &f);
	/* A management frame to the BSSID: header with our sequence number, then @body. */
	void send_mgmt(std::uint8_t subtype, const std::vector<std::uint8_t> &body);
	[[nodiscard]] medium::AirFrame mgmt_frame(std::uint8_t subtype, const std::vector<std::uint8_t> &body);
	/* The same, encrypted with default WEP key @key; false if it is not set. */
	bool send_mgmt_protected(std::uint8_t subtype, const std::vector<std::uint8_t> &body, std::uint8_t key);
	void start_scan(const HostCommand &c);
	void scan_step();
	void end_scan(std::uint8_t status);
	void send_probe_request(const std::string &ssid, std::uint32_t freq, std::uint8_t band);
	/* IBSS firmware (air_ibss.cpp). */
	void ibss_associate(const Target &t, std::uint8_t type, std::span<const std::uint8_t> cmd);
	void ibss_leave();
	void ibss_beacon();
	/* A frame of the cell (address 3 = BSSID); false if it is not one. */
	bool receive_ibss(const medium::AirFrame &f);
	[[nodiscard]] std::uint64_t ibss_tsf_us() const;
	/* Sniffer firmware: every frame heard goes to the host. */
	void sniff(const medium::AirFrame &f);

	Ipw2200Device &dev_;
	medium::Medium &air_;
	Scheduler &sched_;
	medium::MacAddr mac_{};
	std::string ssid_;
	std::optional<Scan> scan_;
	std::uint32_t listen_mhz_ = 0;
	std::uint8_t listen_channel_ = 0;
	std::uint8_t rx_seq_ = 0;
	std::uint16_t tx_seq_ = 0;
	Target target_;
	Link link_ = Link::idle;
	unsigned tries_ = 0;
	std::uint16_t auth_seq_ = 1;	      /* the authentication frame we send */
	std::vector<std::uint8_t> challenge_; /* shared key: the AP's challenge text */
	HwCrypto crypto_;
	std::optional<Scheduler::TimerId> timeout_;
	std::vector<std::uint8_t> rates_;  /* SUPPORTED_RATES, purpose 0 */
	std::vector<std::uint8_t> rsn_ie_; /* RSN_CAPABILITIES */
	Scheduler::Clock::time_point last_beacon_{};
	unsigned misses_reported_ = 0;
	std::optional<Scheduler::TimerId> miss_timer_;
	std::optional<IbssCell> ibss_;
	std::optional<Scheduler::TimerId> beacon_timer_;
	Scheduler::Clock::time_point ibss_epoch_{};
	Stats stats_;
};

/*
 * "air" on the control channel: "ok KEY=VALUE ..." with listening_mhz,
 * scanning (0/1), the Stats above up to rx_dropped (scans scans_completed
 * scans_aborted bad_scan_requests probe_requests frames_heard
 * frames_to_host rx_dropped), link (0 idle, 1 authenticating,
 * 2 associating, 3 associated), then auth_requests assoc_requests
 * associations assoc_failures disassociations data_tx data_tx_dropped
 * data_rx shared_key_auths, then the hardware crypto's
 * (format_crypto_counters()), then the firmware image (fw=bss|ibss|sniffer)
 * and ibss_started ibss_joined beacons probe_responses sniffed; "air
 * reset" zeroes the counters.  "ibss" on the control channel: "ok
 * bssid=MAC ssid=SSID channel=N peers=MAC,... stations=MAC,..." (peers
 * heard by the firmware, the host's station table in BAR0), or "ok none".
 * @air must outlive @ctl.
 */
void add_air_commands(ControlServer &ctl, Ipw2200Air &air);
std::string format_air_counters(const Ipw2200Air &air);
std::string format_ibss(const Ipw2200Air &air);

} // namespace ipwmodel::ipw2200
