#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Teardown against every context: 100 unbind/bind cycles through sysfs and
# 50 rmmod/modprobe cycles of ipw2200_cxx while the model streams receive
# frames (scans of a channel with a hostapd AP on it, requested through
# debugfs) and interrupts (BEACON_PERIOD_EXPIRED every 5 ms), while a
# reader keeps reading the driver's debugfs status and one holds it open
# across the unbind.  vm-run fails the test on any lockdep, KASAN, WARNING
# or kmemleak report and on debug_locks = 0.
# timeout=1500
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
pci=$(basename "$dev")
drv=/sys/bus/pci/drivers/ipw2200_cxx
mkdir -p "$WORK"
stop=$WORK/cycles.stop
rm -f "$stop"
cleanup() {
	touch "$stop"
	wait
	model_ctl irq-storm off >/dev/null 2>&1
	ap_stop
	modprobe -r mac80211_hwsim 2>/dev/null
	cxx_unload 2>/dev/null
}
trap cleanup EXIT

cxx_load || fail "loading ipw2200_cxx"
wait_for 30 cxx_ready "$dev" || fail "the firmware did not become ready"
hwsim_ap_up open
rx0=$(cxx_stat "$dev" rx_frames)
cxx_cmd "$dev" "$CXX_SCAN_CMD" || fail "scan command"
wait_for 10 sh -c "[ \$(sed -n 's/^rx_frames=//p' $(cxx_dbg "$dev")/status) -gt $rx0 ]" ||
	fail "a scan brought no frames from the AP"

# The stimulus: scans (frames and notifications on the receive ring),
# an interrupt every 2 ms, and a debugfs reader.
( while [ ! -e "$stop" ]; do cxx_cmd "$dev" "$CXX_SCAN_CMD" 2>/dev/null; sleep 0.1; done ) &
( while [ ! -e "$stop" ]; do cat "$(cxx_dbg "$dev")/status" >/dev/null 2>&1; done ) &
model_ctl irq-storm on 0x20 5000 >/dev/null || fail "irq-storm on"
s0=$(model_counter irq_storm_raises)
p0=$(model_counter rx_packets)

exec 8<"$(cxx_dbg "$dev")/status"
for i in $(seq 100); do
	echo "$pci" >"$drv/unbind" || fail "unbind $i"
	[ $i = 1 ] && { cat <&8 >/dev/null 2>&1 && fail "a debugfs file held open across the unbind still reads"; exec 8<&-; }
	echo "$pci" >"$drv/bind" || fail "bind $i failed"
	cxx_bound "$dev" || fail "not bound after bind $i"
	[ $((i % 25)) = 0 ] && { wait_for 30 cxx_ready "$dev" || fail "not ready after bind $i"; note "$i unbind/bind cycles"; }
done
for i in $(seq 50); do
	cxx_unload || fail "rmmod $i"
	cxx_load || fail "modprobe $i"
	[ $((i % 10)) = 0 ] && { wait_for 30 cxx_ready "$dev" || fail "not ready after modprobe $i"; note "$i rmmod/modprobe cycles"; }
done
touch "$stop"
wait
model_ctl irq-storm off >/dev/null
note "stimulus: $(($(model_counter irq_storm_raises) - s0)) storm interrupts, $(($(model_counter rx_packets) - p0)) receive packets"
wait_for 30 cxx_ready "$dev" || fail "not ready at the end"
cxx_cmd "$dev" "15 00090000" || fail "no command after the cycles"
# lockdep still on (it switches itself off after its first report).
[ ! -e /proc/lockdep_stats ] || grep -q 'debug_locks: *1' /proc/lockdep_stats || fail "debug_locks is 0"
echo "ok: 100 unbind/bind and 50 rmmod/modprobe cycles under receive and interrupt load"
