#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Faults on the air against the upstream ipw2200 driver, associated with an
# open hostapd network on a mac80211_hwsim radio: the AP deauthenticates
# (a deauthentication forged by the medium), its beacons are lost, it
# vanishes and comes back, the RF-kill switch flips during an association,
# and a data frame's DMA descriptor points outside guest memory.  After
# each one the driver must be associated again and ping must cross the
# air; vm-run fails the test on any lockdep, KASAN or WARNING report.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
trap 'ap_stop; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

upstream_up debug=0x60000
hwsim_ap_up open
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
bssid=$(cat "/sys/class/net/$ap_ifc/address" 2>/dev/null || ip -n $AP_NS link show "$ap_ifc" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
sta=$(cat "/sys/class/net/$ifc/address")
[ -n "$bssid" ] || fail "no address for the AP's interface"
model_ctl air reset || fail "model control channel"

air() { model_ctl air | tr ' ' '\n' | sed -n "s/^$1=//p"; }
associated() { iwconfig "$ifc" | grep -qi "Access Point: $bssid"; }
not_associated() { ! associated; }
reachable() { ping -c 1 -W 2 $AP_IP >/dev/null; }
# connected WHAT: associated again and ping gets through (30 s).
connected() {
	wait_for 30 associated || { iwconfig "$ifc"; note "air: $(model_ctl air)"; fail "no association after $1"; }
	wait_for 20 reachable || {
		note "air: $(model_ctl air)"
		note "$(iwconfig "$ifc" 2>&1 | tr -s ' \n' ' ')"
		note "carrier $(cat /sys/class/net/$ifc/carrier) status $(cat $dev/status) $(ip neigh show dev $ifc)"
		note "$(grep "$ifc" /proc/net/dev)"
		ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" all_sta | head -5
		fail "no ping after $1"
	}
}

ip link set "$ifc" up || fail "ip link set $ifc up"
iwconfig "$ifc" essid "$AP_SSID" || fail "iwconfig $ifc essid $AP_SSID"
ip addr add $STA_IP/24 dev "$ifc"
connected "iwconfig essid"
note "associated with $bssid as $sta"

# 1. The AP deauthenticates the station: the firmware reports it, the
# driver drops the link and associates again by itself.
n=$(air associations)
model_ctl medium deauth "$bssid" "$sta" 3 || fail "medium deauth"
took() { [ "$(air disassociations)" -ge 1 ]; }
wait_for 10 took || fail "the firmware did not take the deauthentication"
connected "a deauthentication by the AP"
[ "$(air associations)" -gt "$n" ] || fail "no new association after the deauthentication"
note "AP deauthentication: associated again ($(air associations) associations)"

# 2. Beacon loss: the firmware reports missed beacons; the driver roams
# (more than 8) or disassociates (more than 24) and gets back once the
# beacons are heard again.
n=$(air associations)
model_ctl medium beacon-loss "$bssid" on || fail "medium beacon-loss"
misses() { [ "$(air beacon_misses)" -ge 9 ]; }
wait_for 20 misses || fail "no missed-beacon notifications ($(air beacon_misses))"
reassociated() { [ "$(air associations)" -gt "$n" ] || not_associated; }
wait_for 20 reassociated || fail "the driver did not react to the missed beacons"
model_ctl medium beacon-loss "$bssid" off || fail "medium beacon-loss off"
connected "beacon loss"
note "beacon loss: $(air beacon_misses) missed-beacon reports, associated again"

# 3. The AP vanishes: no beacons, no answers.  The driver must notice and
# drop the link, then join again when the AP is back.
model_ctl medium vanish "$bssid" on || fail "medium vanish"
wait_for 30 not_associated || { iwconfig "$ifc"; note "air: $(model_ctl air)"; fail "still associated with a vanished AP"; }
reachable && fail "ping crossed to a vanished AP"
model_ctl medium vanish "$bssid" off || fail "medium vanish off"
connected "the AP's return"
note "AP vanished: link dropped, associated again on its return"

# 4. A data frame's chunk outside guest memory: that frame is lost, the
# rest of the path keeps working.
e=$(model_counter tx_errors)
model_ctl fault dma tx || fail "fault dma tx"
ping -c 5 -i 0.3 -W 2 $AP_IP >/dev/null 2>&1
[ "$(model_counter tx_errors)" -gt "$e" ] || fail "the data DMA fault did not fire"
wait_for 10 reachable || fail "no ping after the data DMA fault"
note "data DMA fault: one frame lost, ping goes on"

# 5. RF kill during an association: the driver reports the switch and
# drops the attempt (cfg80211 closes the interface); once the switch is
# back, the driver reloads the firmware, and the reopened interface
# associates.
model_ctl fault rfkill-on-associate || fail "fault rfkill-on-associate"
model_ctl medium deauth "$bssid" "$sta" 3 || fail "medium deauth"
killed() { [ "$(model_ctl rfkill)" = on ]; }
wait_for 30 killed || fail "no association attempt switched the radio off"
rf_kill_hw() { [ $(($(cat "$dev/rf_kill") & 2)) -ne 0 ]; }
wait_for 10 rf_kill_hw || fail "the driver does not report the hardware switch ($(cat "$dev/rf_kill"))"
wait_for 10 not_associated || fail "associated with the radio killed"
# cfg80211 closes the interfaces of a wiphy whose radio is killed; once
# the switch is back and the driver has reloaded, the user opens it again.
model_ctl rfkill off >/dev/null || fail "rfkill off"
rf_on() { [ "$(cat "$dev/rf_kill")" = 0 ]; }
wait_for 20 rf_on || fail "the driver still reports RF kill ($(cat "$dev/rf_kill"))"
ip link set "$ifc" up || fail "ip link set $ifc up after RF kill"
connected "the radio came back"
note "RF kill during association: reported, associated again after the switch"

[ "$(model_ctl fault)" = none ] || fail "faults still armed: $(model_ctl fault)"
note "air: $(model_ctl air)"
note "medium: $(model_ctl medium | tr ' ' '\n' | grep -E '^(lost|injected)=' | tr '\n' ' ')"
echo "ok: upstream ipw2200 rides out AP deauthentication, beacon loss, a vanished AP, a lost data frame and RF kill during association"
