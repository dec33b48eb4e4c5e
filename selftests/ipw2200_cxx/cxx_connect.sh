#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx connects through cfg80211: after a scan, `iw dev wlan0
# connect` joins an open hostapd network on a mac80211_hwsim radio (own
# network namespace) through the model's air (the firmware authenticates
# and associates), `iw dev wlan0 link` and `iw dev wlan0 station dump`
# show the AP with a signal, and ping crosses the air both ways (802.3 <->
# 802.11 in the driver, the data ring and the receive ring).  Then
# disconnect/reconnect cycles (each one seen by the firmware and by
# hostapd), `ip link set wlan0 down/up` while connected, a
# deauthentication by the AP (reported as a disconnect, then a reconnect),
# and a connect to an SSID nobody has, which must fail cleanly.
# timeout=600
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v iw >/dev/null || skip "iw is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
CYCLES=${CXX_CONNECT_CYCLES:-5}

cxx_wlan0_up

hwsim_ap_up open
model_ctl air reset || fail "model control channel"
ip link set wlan0 up || fail "ip link set wlan0 up"
sta() { ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" all_sta; }
air() { model_ctl air | tr ' ' '\n' | sed -n "s/^$1=//p"; }
diag() { klog | tail -n 25; note "air: $(model_ctl air)"; iw dev wlan0 link; }

# scan_for: scan until the AP is listed (the connect takes the network from the scan results).
scan_for() {
	for try in 1 2 3 4 5 6; do
		timeout 30 iw dev wlan0 scan 2>/dev/null | grep -q "SSID: $AP_SSID\$" && return 0
		sleep 1
	done
	return 1
}
linked() { iw dev wlan0 link | grep -q "SSID: $AP_SSID"; }
# connect: one `iw connect` (it waits for the outcome), then the link must show.
connect() {
	scan_for || { diag; fail "no $AP_SSID in the scan results ($1)"; }
	out=$(timeout 60 iw dev wlan0 connect "$AP_SSID" 2>&1)
	rc=$?
	[ $rc = 124 ] && { diag; fail "iw connect did not return ($1)"; }
	wait_for 30 linked || { echo "$out"; diag; fail "no connection to $AP_SSID ($1)"; }
}

connect "first"
link=$(iw dev wlan0 link)
echo "$link" | sed 's/^/# /'
echo "$link" | grep -q "freq: 2437" || fail "iw link: not on 2437 MHz"
echo "$link" | grep -q "signal: -[0-9]* dBm" || fail "iw link: no signal"
bssid=$(echo "$link" | sed -n 's/^Connected to \([0-9a-f:]*\).*/\1/p')
[ -n "$bssid" ] || fail "iw link names no BSSID"
dump=$(iw dev wlan0 station dump)
echo "$dump" | sed 's/^/# /'
echo "$dump" | grep -q "^Station $bssid" || fail "station dump does not list the AP $bssid"
echo "$dump" | grep -q "signal:[[:space:]]*-[0-9]" || fail "station dump: no signal"
iw dev wlan0 station get "$bssid" >/dev/null || fail "iw station get $bssid"
wait_for 10 sh -c "ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i $ap_ifc all_sta | grep -q ASSOC" ||
	fail "hostapd does not list the station as associated"
[ "$(air associations)" -ge 1 ] || fail "the model firmware reports no association"

ip addr add $STA_IP/24 dev wlan0 || fail "ip addr add"
ping -c 3 -W 3 $AP_IP >/dev/null || { diag; fail "ping station -> AP"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || { diag; fail "ping AP -> station"; }
# A payload larger than the default (1472 bytes of ICMP: a full 1500-byte packet).
ping -c 2 -W 3 -s 1472 $AP_IP >/dev/null || { diag; fail "ping station -> AP with 1500-byte packets"; }
grep -q "wlan0:" /proc/net/dev || fail "no wlan0 statistics"
rx=$(awk '/wlan0:/ { print $2 }' /proc/net/dev)
tx=$(awk '/wlan0:/ { print $10 }' /proc/net/dev)
[ "$rx" -gt 0 ] && [ "$tx" -gt 0 ] || fail "wlan0 statistics: rx $rx tx $tx bytes"
note "statistics: rx $rx bytes, tx $tx bytes; $(iw dev wlan0 station dump | grep -E 'rx packets|tx packets|tx bitrate' | tr -s '\t\n' '  ')"
note "air: $(model_ctl air)"

# Disconnect/reconnect cycles.
i=1
while [ $i -le "$CYCLES" ]; do
	dis=$(air disassociations)
	iw dev wlan0 disconnect || fail "iw disconnect (cycle $i)"
	wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after disconnect (cycle $i)"
	[ "$(air disassociations)" -gt "$dis" ] || fail "the firmware saw no disassociation (cycle $i)"
	connect "cycle $i"
	ping -c 1 -W 3 $AP_IP >/dev/null || { diag; fail "ping after reconnect (cycle $i)"; }
	i=$((i + 1))
done
note "$CYCLES disconnect/reconnect cycles"

# Interface down while connected: cfg80211 disconnects; up again, connect again.
ip link set wlan0 down || fail "ip link set wlan0 down"
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked with the interface down"
ip link set wlan0 up || fail "ip link set wlan0 up"
connect "after down/up"
ip addr replace $STA_IP/24 dev wlan0
ping -c 2 -W 3 $AP_IP >/dev/null || { diag; fail "ping after down/up"; }

# The AP deauthenticates us: the firmware reports it, cfg80211 hears a disconnect.
mac=$(cat /sys/class/net/wlan0/address)
ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" deauthenticate "$mac" >/dev/null ||
	fail "hostapd_cli deauthenticate"
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || { diag; fail "still linked after the AP's deauthentication"; }
connect "after the AP's deauthentication"
ping -c 1 -W 3 $AP_IP >/dev/null || { diag; fail "ping after the AP's deauthentication"; }

# A network nobody has: refused (not in the scan results), nothing left hanging.
iw dev wlan0 disconnect
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after disconnect"
timeout 30 iw dev wlan0 connect no-such-network >/dev/null 2>&1
[ $? = 124 ] && fail "iw connect to an unknown network did not return"
connect "after a refused connect"

note "air: $(model_ctl air)"
iw dev wlan0 disconnect
ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: iw connect to an open network, link and station dump with a signal, ping both ways, $CYCLES reconnects, down/up, AP deauth"
