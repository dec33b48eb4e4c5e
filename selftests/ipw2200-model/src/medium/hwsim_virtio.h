/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mac80211_hwsim's virtio device (VIRTIO_ID_MAC80211_HWSIM, 29): the model
 * as the medium of every hwsim radio in the guest.  UML attaches it with
 * virtio_uml.device=SOCKET:29; hwsim then sends all its radios' frames
 * here instead of delivering them itself (its "perfect medium").
 *
 * Two queues, no feature bits beyond VERSION_1, no config space:
 *  - queue 0, "tx" (guest to device): one generic netlink message of the
 *    MAC80211_HWSIM family per readable buffer (medium/netlink.h).  FRAME:
 *    a radio transmitted (ADDR_TRANSMITTER = the radio's hwaddr, FRAME,
 *    FLAGS, FREQ, TX_INFO[, TX_INFO_FLAGS], COOKIE); ADD_MAC_ADDR /
 *    DEL_MAC_ADDR: an interface address came up on / went from a radio
 *    (ADDR_TRANSMITTER = radio, ADDR_RECEIVER = interface address).  Each
 *    buffer is returned at once (used length 0).
 *  - queue 1, "rx" (device to guest): the guest posts writable buffers of
 *    GENLMSG_DEFAULT_SIZE; one message per buffer.  FRAME: a frame for one
 *    radio (ADDR_RECEIVER, FRAME, RX_RATE, SIGNAL, FREQ); TX_INFO_FRAME: the
 *    transmit status of a frame, by its COOKIE (ADDR_TRANSMITTER, FLAGS with
 *    HWSIM_TX_STAT_ACK when acknowledged, SIGNAL, TX_INFO, COOKIE).
 *    Messages wait in the device while no buffer is posted, up to
 *    kMaxPending; beyond that they are dropped (counted, logged once).
 *
 * Each radio becomes a Station of the Medium when it first shows up (its
 * first FRAME or ADD_MAC_ADDR).  It acknowledges frames to its interface
 * addresses (and its hwaddr; an address added twice, as a scan adds the
 * interface's own, stays until removed twice) on the frequency it last transmitted on, or on
 * any before it has transmitted.  Every transmitted frame gets its status:
 * hwsim keeps a frame until the status arrives, and hostapd treats an
 * unacknowledged authentication or EAPOL frame as lost.
 *
 * A malformed message (bad lengths, FRAME without a required attribute, a
 * frame shorter than 24 or longer than 2304 bytes) is counted, logged once
 * per kind, and answered with nothing; an unknown command is counted.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "medium/hwsim.h"
#include "medium/medium.h"
#include "medium/netlink.h"
#include "vhost/virtio_device.h"
#include "vhost/virtqueue.h"

namespace ipwmodel::medium {

class HwsimVirtio final : public vhost::VirtioDevice {
public:
	static constexpr std::uint32_t kDeviceId = 29;
	static constexpr unsigned kTxQueue = 0;
	static constexpr unsigned kRxQueue = 1;
	static constexpr std::size_t kMaxPending = 4096;
	/* Largest message read from the tx queue (a frame plus attributes). */
	static constexpr std::size_t kMaxMessage = 8192;

	struct Stats {
		std::uint64_t messages_in = 0;	 /* tx-queue buffers */
		std::uint64_t frames_in = 0;	 /* FRAME from a radio */
		std::uint64_t mac_events = 0;	 /* ADD/DEL_MAC_ADDR */
		std::uint64_t malformed = 0;	 /* rejected messages */
		std::uint64_t unknown_cmds = 0;	 /* other commands */
		std::uint64_t frames_out = 0;	 /* FRAME to a radio, written */
		std::uint64_t tx_status_out = 0; /* TX_INFO_FRAME, written */
		std::uint64_t acked = 0;	 /* of them with HWSIM_TX_STAT_ACK */
		std::uint64_t dropped = 0;	 /* beyond kMaxPending or too big for a buffer */
	};

	explicit HwsimVirtio(Medium &medium);
	HwsimVirtio(const HwsimVirtio &) = delete;
	HwsimVirtio &operator=(const HwsimVirtio &) = delete;
	HwsimVirtio(HwsimVirtio &&) = delete;
	HwsimVirtio &operator=(HwsimVirtio &&) = delete;
	~HwsimVirtio() override;

	/* VirtioDevice */
	[[nodiscard]] unsigned num_queues() const override { return 2; }
	void attach(vhost::VirtioTransport &t) override;
	void detach() override;
	void on_kick(unsigned index) override;

	[[nodiscard]] const Stats &stats() const { return stats_; }
	void reset_stats() { stats_ = {}; }
	[[nodiscard]] std::size_t pending() const { return out_.size(); }
	/* "HWADDR@FREQ[,IFADDR...]" per radio, space-separated, in order of appearance. */
	[[nodiscard]] std::string describe_radios() const;
	[[nodiscard]] std::size_t radios() const { return radios_.size(); }

	/* Handle one message from the tx queue (also used by the unit tests). */
	void handle_message(std::span<const std::uint8_t> bytes);

private:
	class Radio final : public Station {
	public:
		Radio(HwsimVirtio &dev, const MacAddr &hwaddr) : dev_(dev), hwaddr_(hwaddr) {}
		[[nodiscard]] std::string name() const override;
		[[nodiscard]] bool acks(const MacAddr &addr, std::uint32_t freq_mhz) const override;
		void receive(const AirFrame &f) override;

		[[nodiscard]] const MacAddr &hwaddr() const { return hwaddr_; }
		/* Counted: a scan adds and removes the interface's own address again. */
		std::multiset<MacAddr> addrs;
		std::uint32_t freq_mhz = 0; /* of its last transmission; 0 before */

	private:
		HwsimVirtio &dev_;
		MacAddr hwaddr_;
	};

	Radio &radio(const MacAddr &hwaddr);
	void handle_frame(const GenlMessage &m);
	void handle_mac(const GenlMessage &m, bool add);
	void malformed(const std::string &why);
	struct Out {
		std::vector<std::uint8_t> msg;
		bool is_frame = false;
		bool acked = false;
	};
	void queue(Out out);
	void flush();

	Medium &medium_;
	vhost::VirtioTransport *t_ = nullptr;
	vhost::Chain chain_;
	std::vector<std::unique_ptr<Radio>> radios_;
	std::deque<Out> out_;
	std::uint16_t family_ = 0; /* as the guest numbers it */
	bool in_kick_ = false;
	bool drop_warned_ = false;
	std::set<std::string> warned_;
	Stats stats_;
};

} // namespace ipwmodel::medium
