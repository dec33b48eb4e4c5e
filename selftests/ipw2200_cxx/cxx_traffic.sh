#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Traffic through ipw2200_cxx, connected with wpa_supplicant -Dnl80211
# (WPA2-PSK/CCMP, host CCMP) to a hostapd AP on a mac80211_hwsim radio (own
# network namespace): 10 s of iperf3 each way through the model's air
# (the receiver must get data, every step bounded), then `ip link set
# wlan0 down` in the middle of a ping flood, up again: wpa_supplicant
# reconnects by itself, 3 s of iperf3 and ping from the AP cross again.
# The frames in flight at the down are dropped or completed, never leaked
# (vm-run's kmemleak, KASAN and lockdep gate).
# timeout=300
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
command -v iperf3 >/dev/null || skip "iperf3 is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
bg=
trap '[ -n "$bg" ] && kill $bg 2>/dev/null; sta_stop; ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }

cxx_wlan0_up
hwsim_ap_up wpa2
model_ctl air reset || fail "model control channel"
ip link set wlan0 up || fail "ip link set wlan0 up"
wpa="wpa_cli -p $WORK/wpa -i wlan0"
diag() {
	klog | tail -n 25
	note "air: $(model_ctl air)"
	note "counters: $(model_ctl counters)"
	note "station: $(grep wlan0: /proc/net/dev)"
	note "AP: $(ip netns exec $AP_NS grep "$ap_ifc:" /proc/net/dev)"
	tail -n 10 "$WORK/wpa.log" | sed 's/^/# wpa: /'
}
completed() { $wpa status 2>/dev/null | grep -q wpa_state=COMPLETED; }
reachable() { ping -c 1 -W 2 $AP_IP >/dev/null; }

sta_wpa2_connect wlan0 nl80211 || { diag; fail "WPA2 connection did not complete"; }
ip addr add $STA_IP/24 dev wlan0 || fail "ip addr add"
wait_for 20 reachable || { diag; fail "no ping station -> AP"; }

# 10 s of iperf3 each way.
up=$(iperf_way up) || { diag; fail "iperf3 station -> AP"; }
down=$(iperf_way down -R) || { diag; fail "iperf3 AP -> station"; }
note "iperf3, 10 s each: station -> AP $up bytes, AP -> station $down bytes received"

# down_up WHAT: the interface goes down under load and up again; wpa_supplicant reconnects.
down_up() {
	sleep 2
	ip link set wlan0 down || fail "ip link set wlan0 down ($1)"
	wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || { diag; fail "still linked with wlan0 down ($1)"; }
	sleep 1
	ip link set wlan0 up || fail "ip link set wlan0 up ($1)"
	wait_for 60 completed || { diag; fail "wpa_supplicant did not reconnect after down/up ($1)"; }
	ip addr replace $STA_IP/24 dev wlan0
	wait_for 20 reachable || { diag; fail "no ping after down/up ($1)"; }
}

# A ping flood (bounded by -w), the interface down and up under it.
tx0=$(awk '/wlan0:/ { print $11 }' /proc/net/dev)
ping -f -w 6 $AP_IP >"$WORK/flood.log" 2>&1 &
bg=$!
down_up "ping flood"
wait $bg
bg=
note "ping flood: $(grep -E 'transmitted' "$WORK/flood.log")"
[ "$(awk '/wlan0:/ { print $11 }' /proc/net/dev)" -gt "$tx0" ] || fail "the flood sent nothing"

# Volume again after the cut: 3 s of iperf3 up, ping from the AP.
up=$(iperf_way up-again -t 3) || { diag; fail "iperf3 station -> AP after down/up"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || { diag; fail "ping AP -> station after down/up"; }
note "iperf3 (3 s) after down/up: $up bytes"
note "air: $(model_ctl air)"

sta_stop
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after wpa_supplicant exited"
ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: WPA2 iperf3 10 s each way, ip link down/up under a ping flood, reconnect, iperf3 and ping again"
