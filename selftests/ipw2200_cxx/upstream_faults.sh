#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Device faults from the model (the "fault" and "irq-storm" control
# commands) against the upstream ipw2200 driver: a firmware error with an
# error log, DMA descriptors outside guest memory, garbage on the receive
# ring, lost interrupts, an interrupt storm and a command that never
# completes.  After each one the driver must have recovered (the firmware
# reloaded or the path working again) or failed cleanly with its own
# messages; vm-run fails the test on any lockdep, KASAN or WARNING report.
. "$(dirname "$0")/lib.sh"

trap 'modprobe -r ipw2200 2>/dev/null' EXIT

# debug: RF_KILL (1<<17) and FW_ERRORS (1<<18) messages.
upstream_up debug=0x60000
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
ip link set "$ifc" up || fail "ip link set $ifc up"

init_done() { [ $(($(cat "$dev/status") & 0x20)) -ne 0 ]; }
counter_above() { [ "$(model_counter "$1")" -gt "$2" ]; }
# alive: the firmware answers commands and the driver handles what comes
# back: a scan from user space completes.
alive() {
	wait_for 20 init_done || return 1
	iwlist "$ifc" scan 2>&1 | grep -q -e "Scan completed" -e "No scan results"
}
# fired COUNTER N: the fault counted by COUNTER (above N) happened; scans
# from user space give the firmware something to do meanwhile.
fired() {
	local i
	for i in $(seq 20); do
		timeout 10 iwlist "$ifc" scan >/dev/null 2>&1
		counter_above "$1" "$2" && return 0
		sleep 1
	done
	return 1
}
# reloaded N: the driver restarted the firmware since runtime_starts was N.
reloaded() {
	wait_for 30 counter_above runtime_starts "$1" && alive
}

alive || fail "no scan before any fault"
model_ctl counters reset >/dev/null || fail "model control channel"

# 1. FATAL_ERROR with an error log entry: the driver reloads the firmware.
n=$(model_counter runtime_starts)
model_ctl fault fatal 13 0xbad || fail "fault fatal"
reloaded "$n" || { klog | tail -n 20; fail "no recovery from a firmware error"; }
klog | grep -q "Firmware error detected" || fail "the driver did not report the firmware error"
note "fatal error: firmware reloaded"

# 2. A command descriptor outside guest memory: DMA_STATUS firmware error.
n=$(model_counter runtime_starts)
e=$(model_counter dma_errors)
model_ctl fault dma command || fail "fault dma command"
iwconfig "$ifc" rts 500 2>/dev/null
reloaded "$n" || { klog | tail -n 20; fail "no recovery from a command DMA fault"; }
counter_above dma_errors "$e" || fail "the command DMA fault did not fire"
note "command DMA fault: firmware reloaded"

# 3. A receive buffer outside guest memory: one packet lost, nothing else.
e=$(model_counter dma_errors)
model_ctl fault dma rx || fail "fault dma rx"
fired dma_errors "$e" || fail "the receive DMA fault did not fire"
alive || { klog | tail -n 20; fail "the driver stopped after a lost receive packet"; }
note "receive DMA fault: driver alive"

# 4. Garbage on the receive ring: unknown type, a frame longer than its
# buffer, a read index beyond the ring.
for kind in bad-type overlong bad-index; do
	model_ctl fault rx-garbage $kind || fail "fault rx-garbage $kind"
	alive || { klog | tail -n 20; fail "the driver stopped after rx-garbage $kind"; }
	note "rx-garbage $kind: driver alive"
done

# 5. Lost interrupts: the next cause brings the line up again.  A command
# whose completion interrupt is lost times out in the driver (it waits for
# the interrupt, nothing else comes), and its scan watchdog may restart
# the adapter.
model_ctl fault lose-irq 3 || fail "fault lose-irq"
fired irqs_lost 2 || fail "the interrupts were not lost"
alive || { klog | tail -n 20; fail "the driver stopped after lost interrupts"; }
note "3 lost interrupts: driver alive"

# 6. An interrupt storm: RX_TRANSFER comes back 200 us after every
# acknowledgement for 3 s.  The driver services it (nothing new on the
# ring each time) and works on once it ends.
r=$(model_counter irq_storm_raises)
model_ctl irq-storm on 0x2 200 || fail "irq-storm on"
sleep 3
model_ctl irq-storm off || fail "irq-storm off"
counter_above irq_storm_raises $((r + 100)) || fail "the storm did not reach the driver ($(model_counter irq_storm_raises) raises)"
alive || { klog | tail -n 20; fail "the driver stopped after an interrupt storm"; }
note "interrupt storm: $(($(model_counter irq_storm_raises) - r)) interrupts, driver alive"

# 7. A command that never completes: the firmware's command queue is dead
# until it is reset.  The driver times the command out and every later
# one too ("Command timed out"), and does not reset the firmware by
# itself: a clean failure.  Reloading the driver resets it.
model_ctl fault stall-command || fail "fault stall-command"
# (iwconfig rts succeeds whatever the command's fate: the driver ignores it.)
iwconfig "$ifc" rts 600 2>/dev/null
counter_above commands_stalled 0 || fail "no command stalled"
log_mark=$(dmesg | wc -l)
c=$(model_counter commands_total)
iwconfig "$ifc" rts 700 2>/dev/null
timed_out() { klog | grep -q "Failed to send RTS_THRESHOLD: Command timed out"; }
wait_for 15 timed_out || { klog | tail -n 20; fail "the driver did not report the command timeout"; }
[ "$(model_counter commands_total)" = "$c" ] || fail "the stalled firmware completed a command"
modprobe -r ipw2200 || fail "modprobe -r ipw2200 with a stalled command queue"
upstream_up debug=0x60000
ip link set "$ifc" up || fail "ip link set $ifc up after the reload"
alive || { klog | tail -n 20; fail "no recovery after reloading the driver"; }
note "stalled command: timed out cleanly, the driver reload recovered"

[ "$(model_ctl fault)" = none ] || fail "faults still armed: $(model_ctl fault)"
note "model: $(model_ctl counters | tr ' ' '\n' | grep -E '^(faults_injected|fatal_errors|runtime_starts|irqs_lost|commands_stalled|dma_errors)=' | tr '\n' ' ')"
echo "ok: upstream ipw2200 recovers from every device fault of the model"
