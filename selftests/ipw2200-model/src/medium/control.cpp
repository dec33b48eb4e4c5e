// SPDX-License-Identifier: GPL-2.0
#include "medium/control.h"

#include <charconv>
#include <string_view>
#include <utility>
#include <vector>

namespace ipwmodel::medium {

namespace {

constexpr long kMinSignalDbm = -100;
constexpr long kMaxSignalDbm = 0;

void kv(std::string &s, const char *key, unsigned long long v)
{
	if (!s.empty())
		s += ' ';
	s += key;
	s += '=';
	s += std::to_string(v);
}

} // namespace

std::string format_medium_counters(const Medium &medium, const HwsimVirtio *hwsim)
{
	const Medium::Stats &m = medium.stats();
	std::string s;

	kv(s, "stations", medium.stations());
	kv(s, "frames", m.frames);
	kv(s, "group", m.group);
	kv(s, "unicast", m.unicast);
	kv(s, "acked", m.acked);
	kv(s, "deliveries", m.deliveries);
	kv(s, "runts", m.runts);
	if (hwsim != nullptr) {
		const HwsimVirtio::Stats &h = hwsim->stats();

		kv(s, "hwsim_radios", hwsim->radios());
		kv(s, "hwsim_messages_in", h.messages_in);
		kv(s, "hwsim_frames_in", h.frames_in);
		kv(s, "hwsim_mac_events", h.mac_events);
		kv(s, "hwsim_malformed", h.malformed);
		kv(s, "hwsim_unknown_cmds", h.unknown_cmds);
		kv(s, "hwsim_frames_out", h.frames_out);
		kv(s, "hwsim_tx_status_out", h.tx_status_out);
		kv(s, "hwsim_acked", h.acked);
		kv(s, "hwsim_dropped", h.dropped);
		kv(s, "hwsim_pending", hwsim->pending());
	}
	return s;
}

void add_control_commands(ControlServer &ctl, Medium &medium, HwsimVirtio *hwsim)
{
	ctl.add_command(
		"medium", "[reset|radios|signal [DBM]]: the radio medium's counters and settings",
		[&medium, hwsim](const std::vector<std::string> &args) {
			using Reply = ControlServer::Reply;

			if (args.empty())
				return Reply{true, format_medium_counters(medium, hwsim)};
			if (args[0] == "reset" && args.size() == 1) {
				medium.reset_stats();
				if (hwsim != nullptr)
					hwsim->reset_stats();
				return Reply{true, ""};
			}
			if (args[0] == "radios" && args.size() == 1)
				return Reply{true, hwsim != nullptr ? hwsim->describe_radios() : ""};
			if (args[0] == "signal" && args.size() <= 2) {
				if (args.size() == 2) {
					const std::string_view v = args[1];
					long dbm = 0;
					const auto [end, ec] =
						std::from_chars(v.data(), v.data() + v.size(), dbm);

					if (ec != std::errc() || end != v.data() + v.size() ||
					    dbm < kMinSignalDbm || dbm > kMaxSignalDbm)
						return Reply{false, "signal must be -100..0 (dBm)"};
					medium.set_signal_dbm(static_cast<std::int32_t>(dbm));
				}
				return Reply{true, std::to_string(medium.signal_dbm())};
			}
			return Reply{false, "usage: medium [reset|radios|signal [DBM]]"};
		});
}

} // namespace ipwmodel::medium
