/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A line-oriented virtio console (VIRTIO_ID_CONSOLE, 3) for the model's
 * control channel inside the guest: UML attaches it with
 * virtio_uml.device=SOCKET:3 and the guest gets /dev/hvc0.
 *
 * No feature bits (no SIZE, MULTIPORT or EMERG_WRITE), so the guest's
 * virtio_console uses exactly two queues, port 0's:
 *  - queue 0, receiveq (device to guest): the guest posts writable buffers
 *    (a page each).  Output goes into them in order, a reply may span
 *    several; every used buffer is signalled.  Output waits in the device
 *    while none is posted (up to kMaxPending bytes; more is dropped, logged).
 *  - queue 1, transmitq (guest to device): readable buffers; every byte is
 *    taken, the buffer returned at once (used length 0) and the batch
 *    signalled (hvc's put_chars busy-waits for it).
 * The guest never reads the config space without features; GET_CONFIG is
 * answered with a zeroed struct virtio_console_config (12 bytes).
 *
 * The byte stream from the guest is cut into lines at '\n', '\r' removed.
 * Each line goes to the LineHandler; a reply it returns is sent back
 * followed by '\n'.  A line longer than kMaxLine bytes is discarded and
 * answered with "error line too long".  A new front-end (or none) starts
 * with empty input and output.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vhost/virtio_device.h"
#include "vhost/virtqueue.h"

namespace ipwmodel::vhost {

class VirtioConsole final : public VirtioDevice {
public:
	/* @line without '\n' and '\r'; the reply line without '\n', or nullopt for none. */
	using LineHandler = std::function<std::optional<std::string>(const std::string &line)>;

	static constexpr std::uint32_t kDeviceId = 3;
	static constexpr unsigned kReceiveQueue = 0;
	static constexpr unsigned kTransmitQueue = 1;
	static constexpr std::size_t kConfigSize = 12; /* cols, rows, max_nr_ports, emerg_wr */
	static constexpr std::size_t kMaxLine = 4096;
	static constexpr std::size_t kMaxPending = 1 << 20;

	struct Stats {
		std::uint64_t bytes_in = 0;	 /* taken from the transmitq */
		std::uint64_t bytes_out = 0;	 /* written into receiveq buffers */
		std::uint64_t lines = 0;	 /* complete lines handled */
		std::uint64_t tx_buffers = 0;	 /* transmitq chains consumed */
		std::uint64_t rx_buffers = 0;	 /* receiveq chains filled */
		std::uint64_t overlong = 0;	 /* lines discarded for length */
		std::uint64_t dropped_bytes = 0; /* output beyond kMaxPending */
	};

	explicit VirtioConsole(LineHandler fn);

	/* VirtioDevice */
	[[nodiscard]] unsigned num_queues() const override { return 2; }
	[[nodiscard]] std::vector<std::uint8_t> config() const override
	{
		return std::vector<std::uint8_t>(kConfigSize, 0);
	}
	void attach(VirtioTransport &t) override;
	void detach() override;
	void on_kick(unsigned index) override;

	/* Output bytes waiting for receive buffers. */
	[[nodiscard]] std::size_t pending_output() const { return out_.size(); }
	[[nodiscard]] const Stats &stats() const { return stats_; }

private:
	void serve_transmitq();
	void take(const std::uint8_t *p, std::size_t n);
	void end_of_line();
	void queue_output(const std::string &s);
	void fill_receiveq();
	void clear();

	LineHandler fn_;
	VirtioTransport *t_ = nullptr;
	Chain chain_;
	std::string line_;
	bool overlong_ = false;
	std::string out_;
	bool drop_warned_ = false;
	Stats stats_;
};

} // namespace ipwmodel::vhost
