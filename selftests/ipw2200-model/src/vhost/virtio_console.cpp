// SPDX-License-Identifier: GPL-2.0
#include "vhost/virtio_console.h"

#include <algorithm>
#include <utility>

#include "core/log.h"

namespace ipwmodel::vhost {

VirtioConsole::VirtioConsole(LineHandler fn) : fn_(std::move(fn)) {}

void VirtioConsole::clear()
{
	line_.clear();
	overlong_ = false;
	out_.clear();
	drop_warned_ = false;
}

void VirtioConsole::attach(VirtioTransport &t)
{
	t_ = &t;
	clear();
}

void VirtioConsole::detach()
{
	t_ = nullptr;
	clear();
}

void VirtioConsole::on_kick(unsigned index)
{
	if (t_ == nullptr)
		return;
	if (index == kTransmitQueue)
		serve_transmitq();
	else if (index == kReceiveQueue)
		fill_receiveq();
}

void VirtioConsole::serve_transmitq()
{
	Virtqueue &q = t_->queue(kTransmitQueue);
	bool used = false;

	while (q.pop(chain_) == Virtqueue::PopResult::ok) {
		for (const Segment &s : chain_.readable())
			take(s.host, s.len);
		(void)q.push(chain_.head(), 0);
		stats_.tx_buffers++;
		used = true;
	}
	if (used)
		(void)q.signal();
	/* Replies to the lines just taken. */
	fill_receiveq();
}

void VirtioConsole::take(const std::uint8_t *p, std::size_t n)
{
	stats_.bytes_in += n;
	for (std::size_t i = 0; i < n; i++) {
		const auto c = static_cast<char>(p[i]);

		if (c == '\n') {
			end_of_line();
		} else if (c == '\r') {
			continue;
		} else if (line_.size() < kMaxLine) {
			line_ += c;
		} else {
			overlong_ = true;
		}
	}
}

void VirtioConsole::end_of_line()
{
	std::string line;

	line.swap(line_);
	if (overlong_) {
		overlong_ = false;
		stats_.overlong++;
		LOG_WARN("console: line longer than %zu bytes discarded", kMaxLine);
		queue_output("error line too long");
		return;
	}
	stats_.lines++;
	if (!fn_)
		return;
	const std::optional<std::string> reply = fn_(line);

	if (reply)
		queue_output(*reply);
}

void VirtioConsole::queue_output(const std::string &s)
{
	if (out_.size() + s.size() + 1 > kMaxPending) {
		stats_.dropped_bytes += s.size() + 1;
		if (!drop_warned_)
			LOG_WARN("console: the guest posts no receive buffers; output dropped");
		drop_warned_ = true;
		return;
	}
	out_ += s;
	out_ += '\n';
}

void VirtioConsole::fill_receiveq()
{
	if (out_.empty())
		return;
	Virtqueue &q = t_->queue(kReceiveQueue);
	std::size_t done = 0;

	while (done < out_.size() && q.pop(chain_) == Virtqueue::PopResult::ok) {
		const std::size_t n = chain_.write(0, out_.data() + done, out_.size() - done);

		if (n == 0)
			LOG_WARN("console: receive buffer without writable space");
		(void)q.push(chain_.head(), static_cast<std::uint32_t>(n));
		(void)q.signal();
		done += n;
		stats_.bytes_out += n;
		stats_.rx_buffers++;
	}
	out_.erase(0, done);
	if (out_.empty())
		drop_warned_ = false;
}

} // namespace ipwmodel::vhost
