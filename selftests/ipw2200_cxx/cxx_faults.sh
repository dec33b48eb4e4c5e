#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Device faults from the model against ipw2200_cxx: a firmware error with
# an error log, a command that never completes, DMA descriptors outside
# guest memory, garbage on the receive ring, lost interrupts and an
# interrupt storm.  After each the driver has recovered (firmware reloaded,
# commands served) or failed cleanly, with its own messages; vm-run fails
# the test on any lockdep, KASAN, WARNING or kmemleak report.
. "$(dirname "$0")/lib.sh"

dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
stat() { cxx_stat "$dev" "$1"; }
above() { [ "$(stat "$1")" -gt "$2" ]; }
model_above() { [ "$(model_counter "$1")" -gt "$2" ]; }
# alive: ready, and a command and a scan go through.
alive() {
	wait_for 30 cxx_ready "$dev" || return 1
	cxx_cmd "$dev" "15 00090000" || return 1
	cxx_cmd "$dev" "$CXX_SCAN_CMD"
}
# restarted N: the driver reloaded the firmware since its restarts counter was N.
restarted() { wait_for 30 above restarts "$1" && alive; }

cxx_load || fail "loading ipw2200_cxx"
alive || { klog | tail -n 20; fail "not alive before any fault"; }
model_ctl counters reset >/dev/null || fail "model control channel"

# 1. FATAL_ERROR with an error-log entry: logged, firmware reloaded.
n=$(stat restarts)
model_ctl fault fatal 13 0xbad || fail "fault fatal"
restarted "$n" || { klog | tail -n 20; fail "no recovery from a firmware error"; }
klog | grep -q "firmware error: SYSASSERT (13).*data 0x00000bad" || { klog | tail; fail "the firmware error was not reported with its log"; }
grep -q "^0: desc=13 " "$(cxx_dbg "$dev")/error_log" || fail "debugfs error_log does not hold the entry"
note "fatal error: reported, firmware reloaded"

# 2. A command that never completes: the sender gets -ETIMEDOUT, the
# firmware is reloaded, the next command goes through.
n=$(stat restarts)
model_ctl fault stall-command || fail "fault stall-command"
cxx_cmd "$dev" "15 00080000" 2>/dev/null && fail "a stalled command reported success"
klog | grep -q "command 15 was not taken by the firmware" || fail "no command timeout message"
restarted "$n" || { klog | tail -n 20; fail "no recovery from a stalled command queue"; }
note "stalled command: timed out, firmware reloaded"

# 3. A command descriptor outside guest memory: the firmware reports a DMA
# error (FATAL_ERROR); reloaded.
n=$(stat restarts)
e=$(model_counter dma_errors)
model_ctl fault dma command || fail "fault dma command"
cxx_cmd "$dev" "15 00070000" 2>/dev/null
model_above dma_errors "$e" || fail "the command DMA fault did not fire"
restarted "$n" || { klog | tail -n 20; fail "no recovery from a command DMA fault"; }
note "command DMA fault: firmware reloaded"

# 4. A receive buffer outside guest memory: one packet lost.
e=$(model_counter dma_errors)
model_ctl fault dma rx || fail "fault dma rx"
for i in 1 2 3 4 5; do cxx_cmd "$dev" "$CXX_SCAN_CMD"; sleep 1; model_above dma_errors "$e" && break; done
model_above dma_errors "$e" || fail "the receive DMA fault did not fire"
alive || { klog | tail -n 20; fail "not alive after a receive DMA fault"; }
note "receive DMA fault: alive"

# 5. Garbage on the receive ring.
u=$(stat rx_unknown); b=$(stat rx_bad); r=$(stat restarts)
for kind in bad-type overlong bad-index; do
	model_ctl fault rx-garbage $kind || fail "fault rx-garbage $kind"
	cxx_cmd "$dev" "$CXX_SCAN_CMD"
	sleep 1
	alive || { klog | tail -n 20; fail "not alive after rx-garbage $kind"; }
done
above rx_unknown "$u" || fail "the packet of unknown type was not counted"
above rx_bad "$b" || fail "the overlong packet was not counted"
note "rx-garbage: unknown $(stat rx_unknown), bad $(stat rx_bad), restarts $(($(stat restarts) - r)) (bad index), alive"

# 6. Lost interrupts: the next interrupt brings everything up to date.
model_ctl fault lose-irq 3 || fail "fault lose-irq"
for i in 1 2 3 4; do cxx_cmd "$dev" "$CXX_SCAN_CMD" 2>/dev/null; done
[ "$(model_counter irqs_lost)" -ge 3 ] || fail "the interrupts were not lost"
alive || { klog | tail -n 20; fail "not alive after lost interrupts"; }
note "3 lost interrupts: alive"

# 7. An interrupt storm for 3 s: RX_TRANSFER again 200 us after every ack.
s=$(model_counter irq_storm_raises)
model_ctl irq-storm on 0x2 200 || fail "irq-storm on"
sleep 3
model_ctl irq-storm off || fail "irq-storm off"
model_above irq_storm_raises $((s + 100)) || fail "the storm did not reach the driver"
alive || { klog | tail -n 20; fail "not alive after an interrupt storm"; }
note "interrupt storm: $(($(model_counter irq_storm_raises) - s)) interrupts, alive"

[ "$(model_ctl fault)" = none ] || fail "faults still armed: $(model_ctl fault)"
note "driver: $(grep -E '^(fatal_errors|restarts|restart_failures|commands_timed_out|rx_bad|rx_unknown|bad_ring_indices)=' "$(cxx_dbg "$dev")/status" | tr '\n' ' ')"
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: ipw2200_cxx recovers from every device fault of the model"
