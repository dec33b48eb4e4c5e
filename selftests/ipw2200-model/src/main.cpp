// SPDX-License-Identifier: GPL-2.0
/*
 * ipw2200-model: serve a PCI function to a User-Mode-Linux guest over
 * vhost-user ("PCI over virtio", virtio_uml.device=SOCKET:ID).
 *
 *   ipw2200-model --pci-socket PATH [--ctl-socket PATH] [--ctl-console PATH]
 *                 [--hwsim-socket PATH] [--pci-id 8086:DDDD] [--country CCC]
 *                 [--signal-writes] [--stand-in] [-v|--verbose] [-q|--quiet]
 *
 * The function is the 2200BG/2915ABG model of src/ipw2200 (--pci-id picks a
 * device ID of the driver's table, --country the EEPROM's three-letter
 * geography code, default ZZD); --stand-in serves a plain register file
 * instead, for debugging the transport alone.  The guest attaches it with
 * virtio_uml.device=PATH:1234 (CONFIG_UML_PCI_OVER_VIRTIO_DEVICE_ID).
 *
 * The control channel (core/control_server.h; the 2200BG's commands are in
 * ipw2200/control.h; "help" lists them all) is served on a UNIX socket for
 * the host (--ctl-socket) and/or as a virtio console for the guest
 * (--ctl-console, vhost/virtio_console.h: virtio_uml.device=PATH:3, then
 * /dev/hvc0).  One request line in, one reply line out, on both.
 *
 * With --hwsim-socket the model is also the radio medium (src/medium) of
 * the guest's mac80211_hwsim radios: their virtio device (id 29) is served
 * there, virtio_uml.device=PATH:29; "medium" on the control channel shows
 * what crossed it.
 *
 * Every socket is served by one event loop.  Each listens on its PATH (the
 * file appears once connect() can succeed) and serves one front-end at a
 * time.  The program exits 0 when the guest disconnects from the PCI socket,
 * on SIGTERM/SIGINT/SIGHUP or on the "quit" command; 1 on a setup error, 2
 * on a usage error, 3 when the PCI connection ended on a protocol error.
 * The console's or hwsim's connection coming or going (with or without an error) is
 * logged and does not end the program; a new front-end may connect.
 */
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <csignal>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/control_server.h"
#include "core/event_loop.h"
#include "core/log.h"
#include "core/pci_function.h"
#include "ipw2200/air.h"
#include "ipw2200/control.h"
#include "ipw2200/device.h"
#include "medium/control.h"
#include "medium/hwsim_virtio.h"
#include "medium/medium.h"
#include "pcidev/virtio_pcidev.h"
#include "vhost/vhost_user.h"
#include "vhost/virtio_console.h"

namespace {

using ipwmodel::LogLevel;

/*
 * --stand-in: a function with the configured vendor:device ID, class
 * "network controller", one 4 KiB memory BAR0 of plain registers and INTA.
 * It logs every BAR access at debug level (-v) and never interrupts: enough
 * to watch the transport and the guest's PCI probe without the 2200BG model.
 */
class StandInFunction final : public ipwmodel::PciFunction {
public:
	StandInFunction(std::uint16_t vendor, std::uint16_t device) : vendor_(vendor), device_(device) {}

	void attach(ipwmodel::GuestMemory &, ipwmodel::IrqLine &, ipwmodel::Scheduler &) override {}

	std::uint32_t config_read(std::uint32_t offset, unsigned size) override
	{
		const std::uint32_t dword = config_dword(offset & ~3U);
		const unsigned shift = 8 * (offset & 3U);
		const std::uint32_t mask = size >= 4 ? 0xffffffffU : (1U << (8 * size)) - 1;

		return (dword >> shift) & mask;
	}

	void config_write(std::uint32_t offset, unsigned size, std::uint32_t value) override
	{
		if (offset == 0x04 && size >= 2)
			command_ = static_cast<std::uint16_t>(value & 0x0547);
		else if (offset == 0x10 && size == 4)
			bar0_ = value & ~(kBar0Size - 1);
		else if (offset == 0x3c)
			irq_line_ = static_cast<std::uint8_t>(value);
	}

	std::uint64_t bar_read(unsigned bar, std::uint64_t offset, unsigned size) override
	{
		std::uint64_t v = ~std::uint64_t{0};

		if (bar == 0 && offset + size <= kBar0Size) {
			v = 0;
			for (unsigned i = 0; i < size; i++)
				v |= std::uint64_t{regs_.at(offset + i)} << (8 * i);
		}
		LOG_DEBUG("stand-in: read%u bar%u+0x%llx = 0x%llx", size * 8, bar,
			  static_cast<unsigned long long>(offset), static_cast<unsigned long long>(v));
		return v;
	}

	void bar_write(unsigned bar, std::uint64_t offset, unsigned size, std::uint64_t value) override
	{
		LOG_DEBUG("stand-in: write%u bar%u+0x%llx = 0x%llx", size * 8, bar,
			  static_cast<unsigned long long>(offset), static_cast<unsigned long long>(value));
		if (bar != 0 || offset + size > kBar0Size)
			return;
		for (unsigned i = 0; i < size; i++)
			regs_.at(offset + i) = static_cast<std::uint8_t>(value >> (8 * i));
	}

private:
	static constexpr std::uint32_t kBar0Size = 4096;

	[[nodiscard]] std::uint32_t config_dword(std::uint32_t off) const
	{
		switch (off) {
		case 0x00:
			return vendor_ | (std::uint32_t{device_} << 16);
		case 0x04:
			return command_; /* status 0 */
		case 0x08:
			return 0x02800005U; /* class 0x0280 (network, other), revision 5 */
		case 0x0c:
			return 0;
		case 0x10:
			return bar0_; /* 32-bit memory BAR, not prefetchable */
		case 0x2c:
			return 0x8086U | (0x2701U << 16);
		case 0x3c:
			return irq_line_ | (1U << 8); /* INTA */
		default:
			return 0;
		}
	}

	std::uint16_t vendor_;
	std::uint16_t device_;
	std::uint16_t command_ = 0;
	std::uint32_t bar0_ = 0;
	std::uint8_t irq_line_ = 0;
	std::array<std::uint8_t, kBar0Size> regs_{};
};

struct Args {
	std::string pci_socket;
	std::string ctl_socket;
	std::string ctl_console;
	std::string hwsim_socket;
	std::uint16_t vendor = 0x8086;
	std::uint16_t device = 0x4220;
	std::string country; /* EEPROM geography; empty: the model's default */
	bool signal_writes = false;
	bool stand_in = false;
	LogLevel level = LogLevel::info;
};

void usage(FILE *out)
{
	(void)std::fputs("usage: ipw2200-model --pci-socket PATH [--ctl-socket PATH] [--ctl-console PATH]\n"
			 "           [--hwsim-socket PATH] [--pci-id 8086:DDDD] [--country CCC] [--signal-writes]\n"
			 "           [--stand-in] [-v|--verbose] [-q|--quiet]\n"
			 "\n"
			 "Serves an Intel PRO/Wireless 2200BG/2915ABG to a User-Mode-Linux guest as a\n"
			 "PCI device over vhost-user (UML's PCI over virtio).\n"
			 "\n"
			 "  --pci-socket PATH   vhost-user socket of the PCI function (required);\n"
			 "                      guest: virtio_uml.device=PATH:1234\n"
			 "  --ctl-socket PATH   control channel on a UNIX stream socket (host side)\n"
			 "  --ctl-console PATH  control channel as a virtio console on a vhost-user\n"
			 "                      socket; guest: virtio_uml.device=PATH:3, /dev/hvc0\n"
			 "  --hwsim-socket PATH be the radio medium of the guest's mac80211_hwsim\n"
			 "                      radios (their virtio device); guest:\n"
			 "                      virtio_uml.device=PATH:29\n"
			 "  --pci-id 8086:DDDD  PCI device ID, one of the ipw2200 driver's table\n"
			 "                      (default 8086:4220; 4223/4224 are 2915ABG)\n"
			 "  --country CCC       EEPROM geography code, 3 characters (default ZZD)\n"
			 "  --signal-writes     signal the guest when posted writes complete\n"
			 "  --stand-in          plain 4 KiB register file instead of the 2200BG model\n"
			 "                      (transport debugging; no device commands)\n"
			 "  -v, --verbose       log debug messages too\n"
			 "  -q, --quiet         log warnings and errors only\n"
			 "  -h, --help          print this text and exit\n"
			 "\n"
			 "Control channel: one request line, one reply line, \"ok[ TEXT]\" or\n"
			 "\"error TEXT\"; \"help\" lists every command.\n"
			 "\n"
			 "Exit status: 0 when the guest leaves the PCI socket, on SIGTERM, SIGINT,\n"
			 "SIGHUP or \"quit\"; 1 setup error; 2 usage error; 3 the PCI connection\n"
			 "ended on a protocol error.  The console's and hwsim's connections do not\n"
			 "end the model.\n",
			 out);
}

std::optional<std::uint16_t> parse_hex16(std::string_view s)
{
	if (s.empty() || s.size() > 4)
		return std::nullopt;
	unsigned v = 0;

	for (const char ch : s) {
		unsigned d = 0;

		if (ch >= '0' && ch <= '9')
			d = static_cast<unsigned>(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			d = static_cast<unsigned>(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			d = static_cast<unsigned>(ch - 'A' + 10);
		else
			return std::nullopt;
		v = v * 16 + d;
	}
	return static_cast<std::uint16_t>(v);
}

std::optional<Args> parse_args(int argc, char **argv)
{
	Args a;

	for (int i = 1; i < argc; i++) {
		const std::string_view arg = argv[i];
		auto value = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };

		if (arg == "--pci-socket" || arg == "--ctl-socket" || arg == "--ctl-console" ||
		    arg == "--hwsim-socket") {
			const char *v = value();

			if (v == nullptr || *v == '\0')
				return std::nullopt;
			(arg == "--pci-socket"	  ? a.pci_socket
			 : arg == "--ctl-socket"  ? a.ctl_socket
			 : arg == "--ctl-console" ? a.ctl_console
						  : a.hwsim_socket) = v;
		} else if (arg == "--country") {
			const char *v = value();

			if (v == nullptr)
				return std::nullopt;
			a.country = v;
		} else if (arg == "--pci-id") {
			const char *v = value();

			if (v == nullptr)
				return std::nullopt;
			const std::string_view id = v;
			const std::size_t colon = id.find(':');

			if (colon == std::string_view::npos)
				return std::nullopt;
			const auto ven = parse_hex16(id.substr(0, colon));
			const auto dev = parse_hex16(id.substr(colon + 1));

			if (!ven || !dev)
				return std::nullopt;
			a.vendor = *ven;
			a.device = *dev;
		} else if (arg == "--stand-in") {
			a.stand_in = true;
		} else if (arg == "--signal-writes") {
			a.signal_writes = true;
		} else if (arg == "-v" || arg == "--verbose") {
			a.level = LogLevel::debug;
		} else if (arg == "-q" || arg == "--quiet") {
			a.level = LogLevel::warn;
		} else {
			return std::nullopt;
		}
	}
	if (a.pci_socket.empty())
		return std::nullopt;
	return a;
}

/*
 * A vhost-user server for a device that may come and go (hwsim's radios, the
 * control console): a connection dropped after an error is logged and a new
 * one awaited; only the PCI connection ends the model.  nullptr if @path
 * cannot be listened on.
 */
std::unique_ptr<ipwmodel::vhost::VhostUserServer> optional_server(ipwmodel::EventLoop &loop,
								  ipwmodel::vhost::VirtioDevice &dev, const char *what,
								  const std::string &path)
{
	auto server = std::make_unique<ipwmodel::vhost::VhostUserServer>(
		loop, dev, [what](ipwmodel::vhost::VhostUserConnection::Status why) {
			if (why != ipwmodel::vhost::VhostUserConnection::Status::closed)
				LOG_WARN("%s: connection dropped after an error; waiting for a "
					 "new one",
					 what);
		});

	if (!server->listen(path))
		return nullptr;
	return server;
}

} // namespace

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (std::string_view(argv[i]) == "-h" || std::string_view(argv[i]) == "--help") {
			usage(stdout);
			return 0;
		}
	}
	const std::optional<Args> args = parse_args(argc, argv);

	if (!args) {
		usage(stderr);
		return 2;
	}
	ipwmodel::set_log_level(args->level);

	/* Signals arrive through a signalfd in the loop; a closed call pipe is an EPIPE. */
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &mask, nullptr) < 0)
		return 1;
	(void)std::signal(SIGPIPE, SIG_IGN);
	ipwmodel::UniqueFd sfd(signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK));

	const std::unique_ptr<ipwmodel::EventLoop> loop = ipwmodel::EventLoop::create();

	if (!sfd || !loop)
		return 1;

	int exit_code = 0;
	const ipwmodel::EventLoop::WatchId sig_watch = loop->watch(sfd.get(), EPOLLIN, [&](std::uint32_t) {
		signalfd_siginfo si{};

		if (read(sfd.get(), &si, sizeof(si)) == static_cast<ssize_t>(sizeof(si)))
			LOG_INFO("signal %u: exiting", si.ssi_signo);
		loop->stop();
	});

	if (sig_watch == 0)
		return 1;

	/* The air: the 2200BG's firmware and the guest's hwsim radios are its stations. */
	ipwmodel::medium::Medium medium;
	std::unique_ptr<ipwmodel::PciFunction> function;
	ipwmodel::ipw2200::Ipw2200Device *ipw = nullptr;
	std::unique_ptr<ipwmodel::ipw2200::Ipw2200Air> air;

	if (args->stand_in) {
		function = std::make_unique<StandInFunction>(args->vendor, args->device);
	} else {
		ipwmodel::ipw2200::DeviceConfig cfg;

		cfg.device_id = args->device;
		cfg.auto_scan_complete = false; /* Ipw2200Air scans the medium */
		if (!args->country.empty())
			cfg.eeprom.country = args->country;
		std::unique_ptr<ipwmodel::ipw2200::Ipw2200Device> dev =
			args->vendor == 0x8086 ? ipwmodel::ipw2200::make_ipw2200(cfg) : nullptr;

		if (!dev) {
			LOG_ERROR("--pci-id %04x:%04x is not a 2200BG/2915ABG ID of the driver's "
				  "table",
				  args->vendor, args->device);
			return 2;
		}
		ipw = dev.get();
		function = std::move(dev);
		air = std::make_unique<ipwmodel::ipw2200::Ipw2200Air>(*ipw, medium, *loop);
		ipw->set_command_observer([&air](const ipwmodel::ipw2200::HostCommand &c) { air->on_command(c); });
		ipw->set_tx_observer([&air](unsigned q, const ipwmodel::ipw2200::TxInfo &info,
					    std::span<const std::uint8_t> frame) { air->on_tx(q, frame, info); });
	}
	ipwmodel::pcidev::VirtioPciDevice::Options opt;

	opt.signal_write_completions = args->signal_writes;
	ipwmodel::pcidev::VirtioPciDevice pcidev(*function, *loop, opt);
	ipwmodel::vhost::VhostUserServer server(*loop, pcidev, [&](ipwmodel::vhost::VhostUserConnection::Status why) {
		if (why != ipwmodel::vhost::VhostUserConnection::Status::closed)
			exit_code = 3;
		loop->stop();
	});

	if (!server.listen(args->pci_socket))
		return 1;

	/* The guest's hwsim radios on the air. */
	std::unique_ptr<ipwmodel::medium::HwsimVirtio> hwsim;
	std::unique_ptr<ipwmodel::vhost::VhostUserServer> hwsim_server;

	if (!args->hwsim_socket.empty()) {
		hwsim = std::make_unique<ipwmodel::medium::HwsimVirtio>(medium);
		/* hwsim may be unloaded and loaded again; only the PCI connection ends the model. */
		hwsim_server = optional_server(*loop, *hwsim, "hwsim medium", args->hwsim_socket);
		if (!hwsim_server)
			return 1;
	}

	std::unique_ptr<ipwmodel::ControlServer> ctl;
	std::unique_ptr<ipwmodel::vhost::VirtioConsole> console;
	std::unique_ptr<ipwmodel::vhost::VhostUserServer> console_server;

	if (!args->ctl_socket.empty() || !args->ctl_console.empty()) {
		ctl = std::make_unique<ipwmodel::ControlServer>(*loop);
		ctl->add_command(
			"status", "connection state and access counters", [&](const std::vector<std::string> &) {
				const auto &s = pcidev.stats();
				std::array<char, 320> buf{};

				(void)std::snprintf(
					buf.data(), buf.size(),
					"connected=%d fw=%s irq=%d cfg_reads=%llu cfg_writes=%llu "
					"bar_reads=%llu bar_writes=%llu ints=%llu malformed=%llu",
					server.connected() ? 1 : 0,
					ipw != nullptr ? ipwmodel::ipw2200::fw_state_name(ipw->fw_state()) : "stand-in",
					pcidev.irq_level() ? 1 : 0, static_cast<unsigned long long>(s.cfg_reads),
					static_cast<unsigned long long>(s.cfg_writes),
					static_cast<unsigned long long>(s.bar_reads),
					static_cast<unsigned long long>(s.bar_writes),
					static_cast<unsigned long long>(s.ints_sent),
					static_cast<unsigned long long>(s.malformed));
				return ipwmodel::ControlServer::Reply{true, buf.data()};
			});
		ctl->add_command("quit", "exit the model", [&](const std::vector<std::string> &) {
			loop->stop();
			return ipwmodel::ControlServer::Reply{true, ""};
		});
		if (ipw != nullptr) {
			ipwmodel::ipw2200::add_control_commands(*ctl, *ipw, pcidev);
			ipwmodel::ipw2200::add_air_commands(*ctl, *air);
		}
		ipwmodel::medium::add_control_commands(*ctl, medium, hwsim.get());
		if (!args->ctl_socket.empty() && !ctl->listen(args->ctl_socket))
			return 1;
	}
	if (!args->ctl_console.empty()) {
		const ipwmodel::ControlServer &c = *ctl;

		console = std::make_unique<ipwmodel::vhost::VirtioConsole>(
			[&c](const std::string &line) { return c.terminal_reply(line); });
		/* The console may come and go; only the PCI connection ends the model. */
		console_server = optional_server(*loop, *console, "control console", args->ctl_console);
		if (!console_server)
			return 1;
	}

	if (!loop->run())
		return 1;
	return exit_code;
}
