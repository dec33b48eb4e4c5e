// SPDX-License-Identifier: GPL-2.0
#include "medium/medium.h"

#include "medium/frame.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "core/log.h"

namespace ipwmodel::medium {

namespace {

/* Frame control (2), duration (2), address 1 (6): an ACK frame's header. */
constexpr std::size_t kAddr1Offset = 4;
constexpr std::size_t kMinAirFrame = kAddr1Offset + 6;
constexpr std::size_t kAddr2Offset = 10;
constexpr std::size_t kMgmtHeader = 24;

bool has_addr2(const std::vector<std::uint8_t> &b)
{
	/* Every frame but CTS and ACK (control subtypes 12 and 13). */
	const unsigned type = (b[0] >> 2) & 3U;
	const unsigned subtype = b[0] >> 4;

	return b.size() >= kAddr2Offset + 6 && !(type == 1 && (subtype == 12 || subtype == 13));
}

bool is_beacon(const std::vector<std::uint8_t> &b)
{
	return (b[0] & 0xFC) == 0x80;
}

void set_member(std::vector<MacAddr> &v, const MacAddr &a, bool on)
{
	std::erase(v, a);
	if (on)
		v.push_back(a);
}

std::string list(const char *key, const std::vector<MacAddr> &v)
{
	std::string s;

	for (const MacAddr &a : v) {
		s += s.empty() ? "" : " ";
		s += key;
		s += '=';
		s += format_mac(a);
	}
	return s;
}

} // namespace

std::string format_mac(const MacAddr &a)
{
	std::array<char, 18> buf{};

	(void)std::snprintf(buf.data(), buf.size(), "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3], a[4],
			    a[5]);
	return buf.data();
}

std::optional<MacAddr> parse_mac(std::string_view s)
{
	MacAddr a{};
	constexpr std::size_t kLen = 17;

	if (s.size() != kLen)
		return std::nullopt;
	for (std::size_t i = 0; i < a.size(); i++) {
		const std::string_view byte = s.substr(3 * i, 2);
		unsigned v = 0;
		const auto [end, ec] = std::from_chars(byte.data(), byte.data() + byte.size(), v, 16);

		if (ec != std::errc{} || end != byte.data() + byte.size() || (i + 1 < a.size() && s[3 * i + 2] != ':'))
			return std::nullopt;
		a[i] = static_cast<std::uint8_t>(v);
	}
	return a;
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
	return deliver(&from, f);
}

Medium::Result Medium::inject(const AirFrame &f)
{
	stats_.injected++;
	return deliver(nullptr, f);
}

bool Medium::inject_deauth(const MacAddr &from, const MacAddr &to, std::uint16_t reason)
{
	const std::uint32_t freq = last_heard_mhz(from);

	if (freq == 0)
		return false;
	AirFrame f;

	f.bytes.assign(kMgmtHeader + 2, 0);
	f.bytes[0] = 0xC0; /* management, deauthentication */
	std::copy(to.begin(), to.end(), f.bytes.begin() + kAddr1Offset);
	std::copy(from.begin(), from.end(), f.bytes.begin() + kAddr2Offset);
	std::copy(from.begin(), from.end(), f.bytes.begin() + kAddr2Offset + 6);
	f.bytes[kMgmtHeader] = static_cast<std::uint8_t>(reason & 0xFF);
	f.bytes[kMgmtHeader + 1] = static_cast<std::uint8_t>(reason >> 8);
	f.freq_mhz = freq;
	LOG_INFO("medium: fault: deauthentication %s -> %s reason %u on %u MHz", format_mac(from).c_str(),
		 format_mac(to).c_str(), reason, freq);
	(void)inject(f);
	return true;
}

std::uint32_t Medium::last_heard_mhz(const MacAddr &a) const
{
	const auto it = last_heard_.find(a);

	return it == last_heard_.end() ? 0 : it->second;
}

void Medium::set_vanished(const MacAddr &a, bool on)
{
	set_member(vanished_, a, on);
}

void Medium::set_beacon_loss(const MacAddr &a, bool on)
{
	set_member(beacon_loss_, a, on);
}

void Medium::clear_faults()
{
	vanished_.clear();
	beacon_loss_.clear();
}

std::string Medium::describe_faults() const
{
	std::string s = list("vanished", vanished_);
	const std::string b = list("beacon_loss", beacon_loss_);

	if (!b.empty())
		s += (s.empty() ? "" : " ") + b;
	return s.empty() ? "none" : s;
}

bool Medium::lost_to_fault(const AirFrame &f) const
{
	auto in = [](const std::vector<MacAddr> &v, const MacAddr &a) {
		return std::find(v.begin(), v.end(), a) != v.end();
	};

	if (vanished_.empty() && beacon_loss_.empty())
		return false;
	if (in(vanished_, addr_at(f.bytes, kAddr1Offset)))
		return true;
	if (!has_addr2(f.bytes))
		return false;
	const MacAddr addr2 = addr_at(f.bytes, kAddr2Offset);

	return in(vanished_, addr2) || (is_beacon(f.bytes) && in(beacon_loss_, addr2));
}

Medium::Result Medium::deliver(const Station *from, const AirFrame &f)
{
	Result r;

	stats_.frames++;
	if (f.bytes.size() < kMinAirFrame) {
		stats_.runts++;
		return r;
	}
	if (from != nullptr && has_addr2(f.bytes)) {
		if (last_heard_.size() >= kMaxHeard)
			last_heard_.clear();
		last_heard_[addr_at(f.bytes, kAddr2Offset)] = f.freq_mhz;
	}
	if (lost_to_fault(f)) {
		stats_.lost++;
		return r;
	}

	const MacAddr addr1 = addr_at(f.bytes, kAddr1Offset);
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
		if (s == from || std::find(stations_.begin(), stations_.end(), s) == stations_.end())
			continue;
		if (!group && !r.acked && s->acks(addr1, f.freq_mhz))
			r.acked = true;
		s->receive(copy);
		r.receivers++;
		stats_.deliveries++;
	}
	if (r.acked)
		stats_.acked++;
	LOG_DEBUG("medium: %s %u MHz fc=%02x%02x len=%zu a1=%s -> %u receivers%s",
		  from != nullptr ? from->name().c_str() : "(injected)", f.freq_mhz, f.bytes[0], f.bytes[1],
		  f.bytes.size(), format_mac(addr1).c_str(), r.receivers,
		  group ? "" : (r.acked ? ", acked" : ", not acked"));
	return r;
}

} // namespace ipwmodel::medium
