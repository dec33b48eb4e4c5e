// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/control.h"

#include <array>
#include <charconv>
#include <cstdio>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/kv.h"
#include "ipw2200/regs.h"

namespace ipwmodel::ipw2200 {

namespace {

using Reply = ControlServer::Reply;
using Args = std::vector<std::string>;

/* "KEY_0x%0*x=V" for the keyed counters (commands, INTA bits). */
void put_hex_key(std::string &s, const char *prefix, unsigned digits, std::uint32_t key, std::uint64_t v)
{
	std::array<char, 32> name{};

	(void)std::snprintf(name.data(), name.size(), "%s0x%0*x", prefix, static_cast<int>(digits), key);
	append_kv(s, name.data(), v);
}

/* Hex with optional 0x, at most 8 digits. */
std::optional<std::uint32_t> parse_hex32(std::string_view s)
{
	if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s.remove_prefix(2);
	if (s.empty() || s.size() > 8)
		return std::nullopt;
	std::uint32_t v = 0;
	const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);

	if (ec != std::errc{} || end != s.data() + s.size())
		return std::nullopt;
	return v;
}

std::optional<std::size_t> parse_count(std::string_view s)
{
	std::size_t v = 0;
	const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 10);

	if (s.empty() || ec != std::errc{} || end != s.data() + s.size())
		return std::nullopt;
	return v;
}

std::string hex32(std::uint32_t v)
{
	std::array<char, 16> b{};

	(void)std::snprintf(b.data(), b.size(), "0x%08x", v);
	return b.data();
}

Reply rfkill_cmd(Ipw2200Device &dev, const Args &a)
{
	if (a.size() > 1 || (a.size() == 1 && a[0] != "on" && a[0] != "off"))
		return {false, "usage: rfkill [on|off]"};
	if (a.size() == 1)
		dev.set_hw_rfkill(a[0] == "on");
	return {true, dev.hw_rfkill() ? "on" : "off"};
}

/* The LED bits of the event register (0x300004): activity 0x10, associated 0x20, OFDM 0x40. */
Reply leds_cmd(const Ipw2200Device &dev, const Args &a)
{
	if (!a.empty())
		return {false, "usage: leds"};
	const std::uint32_t b = dev.led_bits();
	return {true, std::string("activity=") + ((b & 0x10) ? "1" : "0") + " associated=" + ((b & 0x20) ? "1" : "0") +
			      " ofdm=" + ((b & 0x40) ? "1" : "0")};
}

Reply counters_cmd(Ipw2200Device &dev, pcidev::VirtioPciDevice &pci, const Args &a)
{
	if (a.empty())
		return {true, format_counters(dev.stats(), pci.stats())};
	if (a.size() == 1 && a[0] == "reset") {
		dev.reset_stats();
		pci.reset_stats();
		return {true, ""};
	}
	return {false, "usage: counters [reset]"};
}

Reply trace_cmd(Ipw2200Device &dev, const Args &a)
{
	if (a.size() == 2 && a[0] == "on") {
		const auto n = parse_count(a[1]);

		if (!n || *n == 0 || *n > kMaxTraceEntries)
			return {false, "trace on N: N is 1.." + std::to_string(kMaxTraceEntries)};
		dev.clear_trace();
		dev.set_trace_capacity(*n);
		return {true, ""};
	}
	if (a.size() == 1 && a[0] == "off") {
		dev.pause_trace();
		return {true, ""};
	}
	if (a.size() == 1 && a[0] == "dump") {
		const std::vector<TraceEntry> t = dev.trace();

		return {true, format_trace(t)};
	}
	return {false, "usage: trace on N|off|dump"};
}

Reply irq_storm_cmd(Ipw2200Device &dev, const Args &a)
{
	if (a.empty()) {
		if (dev.irq_storm() == 0)
			return {true, "off"};
		const auto us = dev.irq_storm_period().count();

		return {true, "on " + hex32(dev.irq_storm()) + (us > 0 ? " " + std::to_string(us) : std::string())};
	}
	if (a.size() == 1 && a[0] == "off") {
		dev.set_irq_storm(0);
		return {true, ""};
	}
	if ((a.size() == 2 || a.size() == 3) && a[0] == "on") {
		const auto bits = parse_hex32(a[1]);
		std::optional<std::size_t> period{0};

		if (!bits)
			return {false, "irq-storm on BITS: BITS is hex"};
		if (*bits == 0 || (*bits & ~inta::kMaskAll) != 0)
			return {false, "irq-storm on BITS: BITS must be non-zero and inside " + hex32(inta::kMaskAll)};
		if (a.size() == 3)
			period = parse_count(a[2]);
		if (!period || *period > kMaxStormPeriodUs)
			return {false, "irq-storm on BITS PERIOD: PERIOD is 0.." + std::to_string(kMaxStormPeriodUs) +
					       " microseconds"};
		dev.set_irq_storm(*bits, std::chrono::microseconds(*period));
		return {true, ""};
	}
	return {false, "usage: irq-storm [on BITS [PERIOD_US]|off]"};
}

constexpr const char *kFaultUsage =
	"usage: fault [fatal [DESC [DATA]]|stall-command|lose-irq [N]|"
	"rx-garbage bad-type|overlong|bad-index|dma command|tx|rx|rfkill-on-associate|clear]";
constexpr std::size_t kMaxLostIrqs = 1000;

Reply fault_fatal(Ipw2200Device &dev, const Args &a)
{
	std::uint32_t desc = fwerr::kSysAssert;
	std::uint32_t data = 0;

	if (a.size() > 3)
		return {false, kFaultUsage};
	if (a.size() >= 2) {
		const auto d = parse_count(a[1]);

		if (!d || *d > fwerr::kFatalError)
			return {false,
				"fault fatal DESC: DESC is an error code 0.." + std::to_string(fwerr::kFatalError)};
		desc = static_cast<std::uint32_t>(*d);
	}
	if (a.size() == 3) {
		const auto v = parse_hex32(a[2]);

		if (!v)
			return {false, "fault fatal DESC DATA: DATA is hex"};
		data = *v;
	}
	if (!dev.inject_fatal_error(desc, data))
		return {false, "the runtime firmware is not running"};
	return {true, ""};
}

Reply fault_rx_garbage(Ipw2200Device &dev, const Args &a)
{
	using G = Ipw2200Device::RxGarbage;
	static constexpr std::array<std::pair<const char *, G>, 3> kinds{{
		{"bad-type", G::bad_type},
		{"overlong", G::overlong},
		{"bad-index", G::bad_index},
	}};

	for (const auto &[name, kind] : kinds) {
		if (a.size() == 2 && a[1] == name) {
			if (!dev.inject_rx_garbage(kind))
				return {false, "no receive buffer or the runtime firmware is not running"};
			return {true, ""};
		}
	}
	return {false, kFaultUsage};
}

Reply fault_dma(Ipw2200Device &dev, const Args &a)
{
	using T = Ipw2200Device::DmaTarget;
	static constexpr std::array<std::pair<const char *, T>, 3> targets{{
		{"command", T::command},
		{"tx", T::tx},
		{"rx", T::rx},
	}};

	for (const auto &[name, target] : targets) {
		if (a.size() == 2 && a[1] == name) {
			dev.fail_next_dma(target);
			return {true, ""};
		}
	}
	return {false, kFaultUsage};
}

Reply fault_cmd(Ipw2200Device &dev, const Args &a)
{
	if (a.empty()) {
		const std::string armed = dev.armed_faults();

		return {true, armed.empty() ? "none" : armed};
	}
	const std::string &what = a[0];

	if (what == "fatal")
		return fault_fatal(dev, a);
	if (what == "rx-garbage")
		return fault_rx_garbage(dev, a);
	if (what == "dma")
		return fault_dma(dev, a);
	if (what == "lose-irq" && a.size() <= 2) {
		std::optional<std::size_t> n{1};

		if (a.size() == 2)
			n = parse_count(a[1]);
		if (!n || *n == 0 || *n > kMaxLostIrqs)
			return {false, "fault lose-irq N: N is 1.." + std::to_string(kMaxLostIrqs)};
		dev.lose_interrupts(static_cast<unsigned>(*n));
		return {true, ""};
	}
	if (a.size() != 1)
		return {false, kFaultUsage};
	if (what == "stall-command")
		dev.stall_next_command();
	else if (what == "rfkill-on-associate")
		dev.rfkill_on_next_associate();
	else if (what == "clear")
		dev.clear_faults();
	else
		return {false, kFaultUsage};
	return {true, ""};
}

Reply info_cmd(const Ipw2200Device &dev, const Args &a)
{
	if (a.empty())
		return {true, info_keys()};
	if (a.size() == 1) {
		std::optional<std::string> v = device_info(dev.config(), a[0]);

		if (v)
			return {true, std::move(*v)};
	}
	return {false, "usage: info [" + info_keys() + "]"};
}

Reply state_cmd(const Ipw2200Device &dev, const Args &a)
{
	if (!a.empty())
		return {false, "usage: state"};
	return {true, std::string("fw=") + fw_state_name(dev.fw_state()) + " irq=" + (dev.irq_level() ? "1" : "0") +
			      " inta=" + hex32(dev.inta()) + " inta_mask=" + hex32(dev.inta_mask()) +
			      " image=" + fw_mode_name(dev.fw_mode())};
}

constexpr std::array<const char *, 6> kInfoKeys = {
	"pci_id", "subsystem", "mac", "country", "fw_version", "fw_date",
};

} // namespace

std::string info_keys()
{
	std::string s;

	for (const char *k : kInfoKeys) {
		if (!s.empty())
			s += ' ';
		s += k;
	}
	return s;
}

std::optional<std::string> device_info(const DeviceConfig &cfg, std::string_view key)
{
	std::array<char, 32> b{};

	if (key == "pci_id") {
		(void)std::snprintf(b.data(), b.size(), "8086:%04x", cfg.device_id);
	} else if (key == "subsystem") {
		(void)std::snprintf(b.data(), b.size(), "%04x:%04x", cfg.subsystem_vendor, cfg.subsystem_id);
	} else if (key == "mac") {
		const auto &m = cfg.eeprom.mac;

		(void)std::snprintf(b.data(), b.size(), "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4],
				    m[5]);
	} else if (key == "country") {
		return cfg.eeprom.country;
	} else if (key == "fw_version") {
		return cfg.fw_version;
	} else if (key == "fw_date") {
		return cfg.fw_date;
	} else {
		return std::nullopt;
	}
	return std::string(b.data());
}

std::string format_counters(const Stats &d, const pcidev::VirtioPciDevice::Stats &p)
{
	std::string s;

	append_kv(s, "commands_total", d.commands_total);
	append_kv(s, "commands_malformed", d.commands_malformed);
	for (std::uint32_t id = 0; id < d.commands.size(); id++) {
		if (d.commands[id] != 0)
			put_hex_key(s, "cmd_", 2, id, d.commands[id]);
	}
	append_kv(s, "dma_transfers", d.dma_transfers);
	append_kv(s, "dma_blocks", d.dma_blocks);
	append_kv(s, "dma_bytes", d.dma_bytes);
	append_kv(s, "dma_errors", d.dma_errors);
	append_kv(s, "fw_boot_dma_bytes", d.fw_boot_dma_bytes);
	append_kv(s, "fw_runtime_dma_bytes", d.fw_runtime_dma_bytes);
	append_kv(s, "ucode_bytes", d.ucode_bytes);
	for (unsigned q = 0; q < d.tx_frames.size(); q++)
		append_kv(s, ("tx_frames_" + std::to_string(q)).c_str(), d.tx_frames[q]);
	append_kv(s, "tx_errors", d.tx_errors);
	append_kv(s, "rx_packets", d.rx_packets);
	append_kv(s, "rx_dropped", d.rx_dropped);
	append_kv(s, "interrupts_raised", d.interrupts_raised);
	append_kv(s, "irq_assertions", d.irq_assertions);
	append_kv(s, "irq_storm_raises", d.irq_storm_raises);
	append_kv(s, "faults_injected", d.faults_injected);
	append_kv(s, "irqs_lost", d.irqs_lost);
	append_kv(s, "commands_stalled", d.commands_stalled);
	for (unsigned b = 0; b < d.interrupts_by_bit.size(); b++) {
		if (d.interrupts_by_bit[b] != 0)
			put_hex_key(s, "inta_", 8, 1U << b, d.interrupts_by_bit[b]);
	}
	append_kv(s, "bar0_reads", d.bar0_reads);
	append_kv(s, "bar0_writes", d.bar0_writes);
	append_kv(s, "indirect_reads", d.indirect_reads);
	append_kv(s, "indirect_writes", d.indirect_writes);
	append_kv(s, "config_reads", d.config_reads);
	append_kv(s, "config_writes", d.config_writes);
	append_kv(s, "unimplemented_accesses", d.unimplemented_accesses);
	append_kv(s, "sw_resets", d.sw_resets);
	append_kv(s, "boot_starts", d.boot_starts);
	append_kv(s, "runtime_starts", d.runtime_starts);
	append_kv(s, "dino_alive", d.dino_alive);
	append_kv(s, "fatal_errors", d.fatal_errors);
	append_kv(s, "rfkill_events", d.rfkill_events);
	append_kv(s, "pci_cfg_reads", p.cfg_reads);
	append_kv(s, "pci_cfg_writes", p.cfg_writes);
	append_kv(s, "pci_bar_reads", p.bar_reads);
	append_kv(s, "pci_bar_writes", p.bar_writes);
	append_kv(s, "pci_memsets", p.memsets);
	append_kv(s, "pci_malformed", p.malformed);
	append_kv(s, "pci_ints_sent", p.ints_sent);
	append_kv(s, "pci_ints_resent", p.ints_resent);
	return s;
}

std::string format_trace(std::span<const TraceEntry> entries)
{
	std::string s;

	for (const TraceEntry &e : entries) {
		char kind = '?';

		switch (e.kind) {
		case TraceEntry::Kind::bar_read:
			kind = 'r';
			break;
		case TraceEntry::Kind::bar_write:
			kind = 'w';
			break;
		case TraceEntry::Kind::config_read:
			kind = 'c';
			break;
		case TraceEntry::Kind::config_write:
			kind = 'C';
			break;
		}
		const unsigned size = e.size <= 8 ? e.size : 8;
		const std::uint64_t value = size >= 8 ? e.value : e.value & ((std::uint64_t{1} << (8 * size)) - 1);
		std::array<char, 64> b{};

		(void)std::snprintf(b.data(), b.size(), "%s%c%u@0x%03x=0x%0*llx", s.empty() ? "" : " ", kind,
				    static_cast<unsigned>(e.size), e.offset,
				    static_cast<int>(2 * (size == 0 ? 1 : size)),
				    static_cast<unsigned long long>(value));
		s += b.data();
	}
	return s;
}

void add_control_commands(ControlServer &ctl, Ipw2200Device &dev, pcidev::VirtioPciDevice &pci)
{
	ctl.add_command("rfkill", "[on|off] hardware RF-kill switch, on = radio killed (alone: show it)",
			[&dev](const Args &a) { return rfkill_cmd(dev, a); });
	ctl.add_command("counters", "[reset] device and transport counters as KEY=VALUE (reset: zero them)",
			[&dev, &pci](const Args &a) { return counters_cmd(dev, pci, a); });
	ctl.add_command("trace",
			"on N|off|dump record the last N register accesses, stop, print them "
			"(rSIZE@0xOFF=0xVAL, r/w BAR0, c/C config)",
			[&dev](const Args &a) { return trace_cmd(dev, a); });
	ctl.add_command("irq-storm",
			"[on BITS [PERIOD_US]|off] raise INTA BITS (hex) again whenever the "
			"host acks them, at once or PERIOD_US later (alone: show it)",
			[&dev](const Args &a) { return irq_storm_cmd(dev, a); });
	ctl.add_command("fault",
			"[fatal [DESC [DATA]]|stall-command|lose-irq [N]|rx-garbage KIND|"
			"dma command|tx|rx|rfkill-on-associate|clear] inject a firmware or bus "
			"fault now or arm it for its next occasion (alone: list the armed ones)",
			[&dev](const Args &a) { return fault_cmd(dev, a); });
	ctl.add_command("info",
			"[KEY] the device's identity: KEY alone prints its value "
			"(alone: list the keys)",
			[&dev](const Args &a) { return info_cmd(dev, a); });
	ctl.add_command("leds", "the LED bits of the event register 0x300004 (activity, associated, ofdm)",
			[&dev](const Args &a) { return leds_cmd(dev, a); });
	ctl.add_command("state", "firmware state, INTx level, INTA, INTA mask, runtime image",
			[&dev](const Args &a) { return state_cmd(dev, a); });
}

} // namespace ipwmodel::ipw2200
