// SPDX-License-Identifier: GPL-2.0
#include "medium/medium.h"

#include <algorithm>
#include <cstdio>

#include "core/log.h"

namespace ipwmodel::medium {

namespace {

/* Frame control (2), duration (2), address 1 (6): an ACK frame's header. */
constexpr std::size_t kAddr1Offset = 4;
constexpr std::size_t kMinAirFrame = kAddr1Offset + 6;

} // namespace

std::string format_mac(const MacAddr &a)
{
	std::array<char, 18> buf{};

	(void)std::snprintf(buf.data(), buf.size(), "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1],
			    a[2], a[3], a[4], a[5]);
	return buf.data();
}

void Medium::join(Station &s)
{
	if (std::find(stations_.begin(), stations_.end(), &s) == stations_.end())
		stations_.push_back(&s);
}

void Medium::leave(Station &s)
{
	std::erase(stations_, &s);
}

Medium::Result Medium::transmit(const Station &from, const AirFrame &f)
{
	Result r;

	stats_.frames++;
	if (f.bytes.size() < kMinAirFrame) {
		stats_.runts++;
		return r;
	}

	MacAddr addr1{};

	std::copy_n(f.bytes.begin() + kAddr1Offset, addr1.size(), addr1.begin());
	const bool group = (addr1[0] & 1U) != 0;

	if (group)
		stats_.group++;
	else
		stats_.unicast++;

	AirFrame copy = f;

	copy.signal_dbm = signal_dbm_;
	/* A receiver may join or leave while it handles the frame. */
	const std::vector<Station *> receivers = stations_;

	for (Station *s : receivers) {
		if (s == &from ||
		    std::find(stations_.begin(), stations_.end(), s) == stations_.end())
			continue;
		if (!group && !r.acked && s->acks(addr1, f.freq_mhz))
			r.acked = true;
		s->receive(copy);
		r.receivers++;
		stats_.deliveries++;
	}
	if (r.acked)
		stats_.acked++;
	LOG_DEBUG("medium: %s %u MHz fc=%02x%02x len=%zu a1=%s -> %u receivers%s", from.name().c_str(),
		  f.freq_mhz, f.bytes[0], f.bytes[1], f.bytes.size(), format_mac(addr1).c_str(),
		  r.receivers, group ? "" : (r.acked ? ", acked" : ", not acked"));
	return r;
}

} // namespace ipwmodel::medium
