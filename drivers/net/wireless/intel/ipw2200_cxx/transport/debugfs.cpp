// SPDX-License-Identifier: GPL-2.0
/*
 * transport/debugfs.cpp: <debugfs>/ipw2200_cxx/<pci device>/
 *
 *   status     the status bits, firmware, counters (KEY=VALUE lines)
 *   error_log  the last firmware error log
 *   command    write "ID [HEX PAYLOAD]": send one host command and wait
 *              for it (the write returns the command's result)
 *   restart    write anything: reload the firmware
 *
 * Removed first at teardown; debugfs waits for callbacks in progress.
 */
#include <kcxx/errno.h>

#include "trans.h"

namespace ipw {

namespace {

int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}
} // namespace

/* The top directory, made by the module glue (ipw2200_cxx_debugfs_root). */
extern "C" kcxx::DebugfsDir *ipw2200_cxx_debugfs_root;

void Transport::debugfs_init()
{
	dbg_dir_.create(pdev_.name(), ipw2200_cxx_debugfs_root);
	dbg_dir_.file<&Transport::dbg_status, nullptr>("status", 0400, this);
	dbg_dir_.file<&Transport::dbg_error_log, nullptr>("error_log", 0400, this);
	dbg_dir_.file<nullptr, &Transport::dbg_command>("command", 0200, this);
	dbg_dir_.file<nullptr, &Transport::dbg_restart>("restart", 0200, this);
}

kcxx::Status Transport::dbg_status(kcxx::Sleepable &ctx, kcxx::TextBuf &out)
{
	static const char *const names[] = {"fw_alive",	  "ready",	"irq_live", "rf_kill_hw",
					    "rf_kill_sw", "restarting", "exiting",  "suspended"};
	unsigned long bits = status_.snapshot();
	out.printf("status=0x%lx", bits);
	for (unsigned int i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (bits & (1ul << i))
			out.printf(" %s", names[i]);
	{
		auto life = life_.lock(ctx);
		out.printf("\nfirmware=%s\nfirmware_file=%s\nfirmware_file_version=%u.%u\n", fw_version_,
			   fw_name(life->mode), life->img.major(), life->img.minor());
	}
	const u8 *m = eeprom_.mac;
	out.printf("mac=%02x:%02x:%02x:%02x:%02x:%02x\ngeography=%s\n", m[0], m[1], m[2], m[3], m[4], m[5],
		   eeprom_.country);
	struct {
		const char *name;
		kcxx::Atomic<long> &v;
	} const rows[] = {
		{"irqs", counters.irqs},
		{"irqs_not_ours", counters.irqs_not_ours},
		{"irq_thread_runs", counters.thread_runs},
		{"rx_frames", counters.rx_frames},
		{"rx_notifications", counters.rx_notifications},
		{"rx_bad", counters.rx_bad},
		{"rx_unknown", counters.rx_unknown},
		{"commands_sent", counters.cmds_sent},
		{"commands_failed", counters.cmds_failed},
		{"commands_timed_out", counters.cmds_timed_out},
		{"lost_completions", counters.lost_completions},
		{"tx_reclaimed", counters.tx_reclaimed},
		{"bad_ring_indices", counters.bad_indices},
		{"fatal_errors", counters.fatal_errors},
		{"restarts", counters.restarts},
		{"restart_failures", counters.restart_failures},
		{"rf_kill_events", counters.rf_kill_events},
		{"firmware_loads", counters.loads},
	};
	for (const auto &r : rows)
		out.printf("%s=%ld\n", r.name, r.v.read());
	out.printf("revoked_register_accesses=%llu\n", static_cast<unsigned long long>(hw_.revoked_accesses()));
	return kcxx::Status::ok();
}

kcxx::Status Transport::dbg_error_log(kcxx::Sleepable &ctx, kcxx::TextBuf &out)
{
	auto log = errlog_.lock(ctx);
	if (!log->status) {
		out.printf("none\n");
		return kcxx::Status::ok();
	}
	out.printf("inta=0x%08x entries=%u kept=%u age_ms=%u\n", log->status, log->count, log->kept,
		   kcxx::Timeout::jiffies(static_cast<long>(kcxx::jiffies_now() - log->when)).to_ms());
	for (unsigned int i = 0; i < log->kept; i++) {
		const FwErrorEntry &e = log->e[i];
		out.printf("%u: desc=%u time=%u blink=0x%x,0x%x link=0x%x,0x%x data=0x%08x\n", i, e.desc, e.time,
			   e.blink1, e.blink2, e.link1, e.link2, e.data);
	}
	return kcxx::Status::ok();
}

kcxx::Status Transport::dbg_command(kcxx::Sleepable &ctx, const char *buf, size_t len)
{
	size_t i = 0;
	while (i < len && is_space(buf[i]))
		i++;
	/* the id: decimal, or hex with 0x */
	unsigned int id = 0;
	unsigned int base = 10;
	if (i + 1 < len && buf[i] == '0' && (buf[i + 1] == 'x' || buf[i + 1] == 'X')) {
		base = 16;
		i += 2;
	}
	size_t start = i;
	for (; i < len && !is_space(buf[i]); i++) {
		int d = hex_digit(buf[i]);
		if (d < 0 || static_cast<unsigned int>(d) >= base)
			return kcxx::Err(kcxx::err::inval);
		id = id * base + static_cast<unsigned int>(d);
		if (id > 255)
			return kcxx::Err(kcxx::err::inval);
	}
	if (i == start)
		return kcxx::Err(kcxx::err::inval);
	u8 payload[regs::cmd_payload_max];
	size_t n = 0;
	int half = -1;
	for (; i < len; i++) {
		if (is_space(buf[i]))
			continue;
		int d = hex_digit(buf[i]);
		if (d < 0)
			return kcxx::Err(kcxx::err::inval);
		if (half < 0) {
			half = d;
			continue;
		}
		if (n == sizeof(payload))
			return kcxx::Err(kcxx::err::inval);
		payload[n++] = static_cast<u8>(half << 4 | d);
		half = -1;
	}
	if (half >= 0)
		return kcxx::Err(kcxx::err::inval);
	return send_command(ctx, static_cast<u8>(id), payload, n);
}

kcxx::Status Transport::dbg_restart(kcxx::Sleepable &, const char *, size_t)
{
	schedule_restart("requested through debugfs");
	return kcxx::Status::ok();
}

} // namespace ipw
