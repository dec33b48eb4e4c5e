#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The AP goes wrong under ipw2200_cxx, connected with wpa_supplicant
# -Dnl80211 (WPA2-PSK/CCMP) to a hostapd AP on a mac80211_hwsim radio (own
# network namespace): the medium forges a deauthentication from the AP,
# the AP's beacons are lost (the firmware's missed-beacon notifications,
# more than the driver's limit: the AP is gone), the AP vanishes (no frame
# of it reaches the air) and comes back, and hostapd is stopped and
# started again.  Each time the driver must report the loss to cfg80211
# (a "disconnected" event in `iw event`, CTRL-EVENT-DISCONNECTED in
# wpa_supplicant), no ping may cross while the AP is away, and once the AP
# is back wpa_supplicant must reconnect by itself and ping must cross
# again.  vm-run fails the test on any lockdep, KASAN, kmemleak or WARNING
# report.
# timeout=300
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
command -v iw >/dev/null || skip "iw is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
iwev=
trap '[ -n "$iwev" ] && kill $iwev 2>/dev/null; sta_stop; ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }

cxx_wlan0_up
hwsim_ap_up wpa2
model_ctl air reset || fail "model control channel"
bssid=$(ip -n $AP_NS link show "$ap_ifc" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
sta=$(cat /sys/class/net/wlan0/address)
[ -n "$bssid" ] || fail "no address for the AP's interface"
ip link set wlan0 up || fail "ip link set wlan0 up"
iw event >"$WORK/iw-event.log" 2>&1 &
iwev=$!

wpa="wpa_cli -p $WORK/wpa -i wlan0"
air() { model_ctl air | tr ' ' '\n' | sed -n "s/^$1=//p"; }
diag() {
	klog | tail -n 25
	note "air: $(model_ctl air)"
	note "medium: $(model_ctl medium)"
	tail -n 15 "$WORK/wpa.log" | sed 's/^/# wpa: /'
	tail -n 5 "$WORK/iw-event.log" | sed 's/^/# iw event: /'
}
completed() { $wpa status 2>/dev/null | grep -q wpa_state=COMPLETED; }
reachable() { ping -c 1 -W 2 $AP_IP >/dev/null; }
wpa_disconnects() { grep -c "CTRL-EVENT-DISCONNECTED" "$WORK/wpa.log"; }
iw_disconnects() { grep -c "wlan0.*disconnected" "$WORK/iw-event.log"; }
# lost WHAT: wait for the loss report that follows the count in $w/$e.
lost() {
	wait_for 20 sh -c "[ \$(grep -c CTRL-EVENT-DISCONNECTED '$WORK/wpa.log') -gt $w ]" ||
		{ diag; fail "wpa_supplicant saw no disconnect after $1"; }
	wait_for 5 sh -c "[ \$(grep -c 'wlan0.*disconnected' '$WORK/iw-event.log') -gt $e ]" ||
		{ diag; fail "no disconnected event (iw event) after $1"; }
}
mark() { w=$(wpa_disconnects); e=$(iw_disconnects); ev=$(wc -l <"$WORK/iw-event.log"); }
# events_since_mark: the iw events after the last mark.
events_since_mark() { tail -n +$((ev + 1)) "$WORK/iw-event.log"; }
# back WHAT: wpa_supplicant reconnects by itself, ping crosses again.
back() {
	wait_for 60 completed || { diag; fail "wpa_supplicant did not reconnect after $1"; }
	wait_for 20 reachable || { diag; fail "no ping after $1"; }
}

sta_wpa2_connect wlan0 nl80211 || { diag; fail "WPA2 connection did not complete"; }
ip addr add $STA_IP/24 dev wlan0 || fail "ip addr add"
back "the first connection"
note "connected to $bssid as $sta"

# 1. A deauthentication from the AP (forged by the medium; the AP keeps beaconing).
mark
model_ctl medium deauth "$bssid" "$sta" 3 || fail "medium deauth"
lost "the AP's deauthentication"
back "the AP's deauthentication"
note "deauthentication: reported, reconnected"

# 2. Beacon loss: the firmware reports missed beacons; more than the
# driver's limit and the link is reported lost.  The AP still answers
# probes, so wpa_supplicant may associate again and lose it again; once
# the beacons are back the connection must hold.
mark
m=$(air beacon_misses)
model_ctl medium beacon-loss "$bssid" on || fail "medium beacon-loss on"
lost "beacon loss"
[ "$(air beacon_misses)" -gt "$m" ] || { diag; fail "no missed-beacon notifications from the firmware"; }
klog | grep -q "beacons missed" || { diag; fail "the driver did not log the beacon loss"; }
# The driver's beacon-loss report: inactivity (reason 4), not a deauthentication.
events_since_mark | grep -q "disconnected.*reason: 4" || { diag; fail "the loss was not reported as inactivity"; }
model_ctl medium beacon-loss "$bssid" off || fail "medium beacon-loss off"
back "beacon loss"
note "beacon loss: $(air beacon_misses) missed-beacon notifications, reported, reconnected"

# 3. The AP vanishes: none of its frames reach the air (beacons, answers, data).
mark
model_ctl medium vanish "$bssid" on || fail "medium vanish on"
lost "the AP vanished"
reachable && { diag; fail "ping crossed to a vanished AP"; }
completed && { diag; fail "wpa_supplicant connected to a vanished AP"; }
model_ctl medium vanish "$bssid" off || fail "medium vanish off"
back "the AP's return"
note "vanished AP: reported, reconnected on its return"

# 4. hostapd stops (it deauthenticates its stations and stops beaconing), then starts again.
mark
hpid=$(cat "$WORK/hostapd.pid")
kill "$hpid" || fail "kill hostapd"
lost "hostapd stopped"
wait_for 10 sh -c "! kill -0 $hpid 2>/dev/null" || fail "hostapd did not exit"
sleep 2
completed && { diag; fail "wpa_supplicant connected with hostapd stopped"; }
ip netns exec $AP_NS hostapd -B -P "$WORK/hostapd.pid" -f "$WORK/hostapd.log" "$WORK/hostapd.conf" >/dev/null ||
	fail "hostapd did not start again"
back "hostapd's restart"
note "hostapd stopped: reported, reconnected after its restart"

note "$(wpa_disconnects) disconnects seen by wpa_supplicant, $(iw_disconnects) by iw event"
note "air: $(model_ctl air)"
[ "$(model_ctl medium | tr ' ' '\n' | grep -c '^vanished=\|^beacon_loss=')" = 0 ] ||
	note "medium faults left: $(model_ctl medium)"
sta_stop
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after wpa_supplicant exited"
kill $iwev 2>/dev/null
iwev=
ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: AP deauthentication, beacon loss, a vanished AP and a stopped hostapd reported as disconnects; wpa_supplicant reconnects each time, ping crosses again"
