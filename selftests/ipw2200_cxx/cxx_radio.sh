#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx's radio switches while connected to an open hostapd AP:
# `rfkill block` on its phy (cfg80211 closes wlan0, the driver takes the
# firmware down with CARD_DISABLE, the connection is gone and wlan0 cannot
# come up), `rfkill unblock` (the firmware is loaded again when wlan0
# opens; it reconnects and pings); the model's hardware switch (the
# firmware's RF_KILL interrupt: rfkill shows the hard block, the
# connection is reported lost; switched off, the firmware is reloaded and
# it reconnects); and a firmware error (the firmware is reloaded, the
# connection is reported lost, and a reconnect works).
# timeout=600
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v iw >/dev/null || skip "iw is not installed"
command -v rfkill >/dev/null || skip "rfkill is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
stat() { cxx_stat "$dev" "$1"; }

cxx_wlan0_up
phy=$(phy_of wlan0)
# The rfkill switch cfg80211 registered for our phy.
rfk=$(basename "$(ls -d /sys/class/ieee80211/"$phy"/rfkill* | head -n 1)")
[ -n "$rfk" ] || fail "no rfkill switch for $phy"
idx=${rfk#rfkill}
soft() { cat /sys/class/rfkill/$rfk/soft; }
hard() { cat /sys/class/rfkill/$rfk/hard; }

hwsim_ap_up open
ip link set wlan0 up || fail "ip link set wlan0 up"
diag() { klog | tail -n 25; note "air: $(model_ctl air)"; iw dev wlan0 link; }
scan_for() {
	for try in 1 2 3 4 5 6; do
		timeout 30 iw dev wlan0 scan 2>/dev/null | grep -q "SSID: $AP_SSID\$" && return 0
		sleep 1
	done
	return 1
}
linked() { iw dev wlan0 link 2>/dev/null | grep -q "SSID: $AP_SSID"; }
unlinked() { ! linked; }
carrier() { [ "$(cat /sys/class/net/wlan0/carrier 2>/dev/null)" = 1 ]; }
connect() {
	scan_for || { diag; fail "no $AP_SSID in the scan results ($1)"; }
	out=$(timeout 60 iw dev wlan0 connect "$AP_SSID" 2>&1)
	[ $? = 124 ] && { diag; fail "iw connect did not return ($1)"; }
	wait_for 30 linked || { echo "$out"; diag; fail "no connection to $AP_SSID ($1)"; }
	wait_for 10 carrier || fail "no carrier when connected ($1)"
	ip addr replace $STA_IP/24 dev wlan0
	ping -c 2 -W 3 $AP_IP >/dev/null || { diag; fail "ping the AP ($1)"; }
}
# A monitor of cfg80211's events: a lost connection is reported as "disconnected".
events() { cat $WORK/radio-events; }
iw event -t >$WORK/radio-events 2>&1 &
ev=$!
trap 'kill $ev 2>/dev/null; ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
disconnects() { grep -c "wlan0 (phy #[0-9]*): disconnected" $WORK/radio-events; }

connect "first"
note "$(rfkill list $idx | tr '\n\t' '  ')"
[ "$(soft)" = 0 ] && [ "$(hard)" = 0 ] || fail "$rfk is blocked before any block"

# 1. Software rf-kill while connected.
d=$(disconnects)
off=$(model_counter cmd_0x21)
rfkill block $idx || fail "rfkill block $idx"
wait_for 10 unlinked || { diag; fail "still linked after rfkill block"; }
wait_for 10 sh -c "! ip link show wlan0 | grep -q ',UP'" || fail "wlan0 still up after rfkill block"
wait_for 10 sh -c "[ \$(grep -c 'wlan0 (phy #[0-9]*): disconnected' $WORK/radio-events) -gt $d ]" ||
	{ events; fail "no disconnect event for rfkill block"; }
carrier && fail "carrier on after rfkill block"
card_disabled() { [ "$(model_counter cmd_0x21)" -gt "$off" ]; }
wait_for 10 card_disabled || { diag; fail "the firmware got no CARD_DISABLE: the radio is still on"; }
cxx_ready "$dev" && fail "the firmware is still configured with the radio blocked"
klog | grep -q "radio disabled by rf-kill" || fail "no 'radio disabled by rf-kill' in the kernel log"
ip link set wlan0 up 2>/dev/null && fail "wlan0 came up with the radio blocked"
note "rfkill block: disconnected, CARD_DISABLE, firmware down, wlan0 cannot come up"
loads=$(model_counter runtime_starts)
rfkill unblock $idx || fail "rfkill unblock $idx"
[ "$(soft)" = 0 ] || fail "$rfk still soft-blocked"
ip link set wlan0 up || { diag; fail "ip link set wlan0 up after rfkill unblock"; }
wait_for 20 cxx_ready "$dev" || { diag; fail "the firmware is not back after rfkill unblock"; }
[ "$(model_counter runtime_starts)" -gt "$loads" ] || fail "the firmware was not loaded again after unblock"
connect "after rfkill unblock"
note "rfkill unblock: firmware reloaded, reconnected"

# 2. The hardware switch while connected.
d=$(disconnects)
ev0=$(stat rf_kill_events)
model_ctl rfkill on >/dev/null || fail "model rfkill on"
wait_for 10 sh -c "[ \$(cat /sys/class/rfkill/$rfk/hard) = 1 ]" || { diag; fail "rfkill shows no hard block"; }
wait_for 10 unlinked || { diag; fail "still linked with the hardware switch on"; }
wait_for 10 sh -c "[ \$(grep -c 'wlan0 (phy #[0-9]*): disconnected' $WORK/radio-events) -gt $d ]" ||
	{ events; fail "no disconnect event for the hardware switch"; }
[ "$(stat rf_kill_events)" -gt "$ev0" ] || fail "the driver counted no rf-kill interrupt"
wait_for 10 sh -c "! ip link show wlan0 | grep -q ',UP'" || fail "cfg80211 did not close wlan0"
ip link set wlan0 up 2>/dev/null && fail "wlan0 came up with the hardware switch on"
note "$(rfkill list $idx | tr '\n\t' '  ')"
loads=$(model_counter runtime_starts)
model_ctl rfkill off >/dev/null || fail "model rfkill off"
wait_for 10 sh -c "[ \$(cat /sys/class/rfkill/$rfk/hard) = 0 ]" || { diag; fail "rfkill still shows the hard block"; }
wait_for 20 cxx_ready "$dev" || { diag; fail "the firmware is not back after the switch"; }
[ "$(model_counter runtime_starts)" -gt "$loads" ] || fail "the firmware was not reloaded after the switch"
ip link set wlan0 up || fail "ip link set wlan0 up after the switch"
connect "after the hardware switch"
note "hardware switch: disconnected, hard block shown; released: firmware reloaded, reconnected"

# 3. A firmware error while connected: reloaded, the connection is reported lost, reconnect.
d=$(disconnects)
n=$(stat restarts)
model_ctl fault fatal 13 0xbad >/dev/null || fail "fault fatal"
wait_for 30 sh -c "[ \$(sed -n 's/^restarts=//p' $(cxx_dbg "$dev")/status) -gt $n ]" ||
	{ diag; fail "no firmware reload after the firmware error"; }
wait_for 10 unlinked || { diag; fail "still linked after the firmware reload"; }
wait_for 10 sh -c "[ \$(grep -c 'wlan0 (phy #[0-9]*): disconnected' $WORK/radio-events) -gt $d ]" ||
	{ events; fail "no disconnect event for the firmware reload"; }
wait_for 20 cxx_ready "$dev" || { diag; fail "not ready after the firmware reload"; }
connect "after the firmware reload"
note "firmware error: reloaded, disconnect reported, reconnected"

iw dev wlan0 disconnect
ip link set wlan0 down
kill $ev 2>/dev/null
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: rfkill block/unblock, hardware switch and firmware reload while connected; each disconnect reported, each reconnect works"
