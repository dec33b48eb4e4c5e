// SPDX-License-Identifier: GPL-2.0
#include "medium/control.h"

#include <charconv>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/kv.h"

namespace ipwmodel::medium {

namespace {

constexpr long kMinSignalDbm = -100;
constexpr long kMaxSignalDbm = 0;

} // namespace

std::string format_medium_counters(const Medium &medium, const HwsimVirtio *hwsim)
{
	const Medium::Stats &m = medium.stats();
	std::string s;

	append_kv(s, "stations", medium.stations());
	append_kv(s, "frames", m.frames);
	append_kv(s, "group", m.group);
	append_kv(s, "unicast", m.unicast);
	append_kv(s, "acked", m.acked);
	append_kv(s, "deliveries", m.deliveries);
	append_kv(s, "runts", m.runts);
	append_kv(s, "lost", m.lost);
	append_kv(s, "injected", m.injected);
	if (hwsim != nullptr) {
		const HwsimVirtio::Stats &h = hwsim->stats();

		append_kv(s, "hwsim_radios", hwsim->radios());
		append_kv(s, "hwsim_messages_in", h.messages_in);
		append_kv(s, "hwsim_frames_in", h.frames_in);
		append_kv(s, "hwsim_mac_events", h.mac_events);
		append_kv(s, "hwsim_malformed", h.malformed);
		append_kv(s, "hwsim_unknown_cmds", h.unknown_cmds);
		append_kv(s, "hwsim_frames_out", h.frames_out);
		append_kv(s, "hwsim_tx_status_out", h.tx_status_out);
		append_kv(s, "hwsim_acked", h.acked);
		append_kv(s, "hwsim_dropped", h.dropped);
		append_kv(s, "hwsim_pending", hwsim->pending());
	}
	return s;
}

namespace {

using Reply = ControlServer::Reply;
using Args = std::vector<std::string>;

constexpr const char *kUsage = "usage: medium [reset|radios|signal [DBM]|vanish ADDR on|off|beacon-loss ADDR on|off|"
			       "deauth FROM TO [REASON]|faults [clear]]";

std::optional<bool> on_off(const std::string &s)
{
	if (s == "on")
		return true;
	if (s == "off")
		return false;
	return std::nullopt;
}

Reply signal_cmd(Medium &medium, const Args &args)
{
	if (args.size() == 2) {
		const std::string_view v = args[1];
		long dbm = 0;
		const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), dbm);

		if (ec != std::errc() || end != v.data() + v.size() || dbm < kMinSignalDbm || dbm > kMaxSignalDbm)
			return Reply{false, "signal must be -100..0 (dBm)"};
		medium.set_signal_dbm(static_cast<std::int32_t>(dbm));
	}
	return Reply{true, std::to_string(medium.signal_dbm())};
}

/* vanish|beacon-loss ADDR on|off */
Reply fault_switch_cmd(Medium &medium, const Args &args)
{
	const auto addr = parse_mac(args[1]);
	const auto on = on_off(args[2]);

	if (!addr || !on)
		return Reply{false, kUsage};
	if (args[0] == "vanish")
		medium.set_vanished(*addr, *on);
	else
		medium.set_beacon_loss(*addr, *on);
	return Reply{true, ""};
}

Reply deauth_cmd(Medium &medium, const Args &args)
{
	const auto from = parse_mac(args[1]);
	const auto to = parse_mac(args[2]);
	unsigned reason = 1; /* unspecified */

	if (!from || !to)
		return Reply{false, kUsage};
	if (args.size() == 4) {
		const std::string_view v = args[3];
		const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), reason);

		if (ec != std::errc() || end != v.data() + v.size() || reason > 0xFFFF)
			return Reply{false, "REASON is a reason code 0..65535"};
	}
	if (!medium.inject_deauth(*from, *to, static_cast<std::uint16_t>(reason)))
		return Reply{false, format_mac(*from) + " was never heard on the air"};
	return Reply{true, ""};
}

Reply medium_cmd(Medium &medium, HwsimVirtio *hwsim, const Args &args)
{
	const std::size_t n = args.size();

	if (n == 0)
		return Reply{true, format_medium_counters(medium, hwsim)};
	const std::string &what = args[0];

	if (what == "reset" && n == 1) {
		medium.reset_stats();
		if (hwsim != nullptr)
			hwsim->reset_stats();
		return Reply{true, ""};
	}
	if (what == "radios" && n == 1)
		return Reply{true, hwsim != nullptr ? hwsim->describe_radios() : ""};
	if (what == "signal" && n <= 2)
		return signal_cmd(medium, args);
	if ((what == "vanish" || what == "beacon-loss") && n == 3)
		return fault_switch_cmd(medium, args);
	if (what == "deauth" && (n == 3 || n == 4))
		return deauth_cmd(medium, args);
	if (what == "faults" && n == 1)
		return Reply{true, medium.describe_faults()};
	if (what == "faults" && n == 2 && args[1] == "clear") {
		medium.clear_faults();
		return Reply{true, ""};
	}
	return Reply{false, kUsage};
}

} // namespace

void add_control_commands(ControlServer &ctl, Medium &medium, HwsimVirtio *hwsim)
{
	ctl.add_command("medium",
			"[reset|radios|signal [DBM]|vanish ADDR on|off|beacon-loss ADDR on|off|"
			"deauth FROM TO [REASON]|faults [clear]]: the radio medium's counters, "
			"settings and faults",
			[&medium, hwsim](const Args &args) { return medium_cmd(medium, hwsim, args); });
}

} // namespace ipwmodel::medium
