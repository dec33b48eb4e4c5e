#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx connects through cfg80211: after a scan, `iw dev wlan0
# connect` joins an open hostapd network on a mac80211_hwsim radio (own
# network namespace) through the model's air (the firmware authenticates
# and associates), `iw dev wlan0 link` and `iw dev wlan0 station dump`
# show the AP with a signal, and ping crosses the air both ways (802.3 <->
# 802.11 in the driver, the data ring and the receive ring).  Then 20
# disconnect/reconnect cycles (seen by the firmware, a ping after each),
# `ip link set wlan0 down/up` while connected, a
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
CYCLES=${CXX_CONNECT_CYCLES:-20}

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
		res=$(timeout 30 iw dev wlan0 scan 2>&1)
		rc=$?
		echo "$res" | grep -q "SSID: $AP_SSID\$" && return 0
		note "scan $try: exit $rc, $(echo "$res" | grep -c '^BSS') networks"
		sleep 1
	done
	return 1
}
linked() { iw dev wlan0 link | grep -q "SSID: $AP_SSID"; }
# try_connect WHAT: one `iw connect -w` (it waits for the outcome and
# prints it); connected, the link must show.  Fails as the attempt failed.
try_connect() {
	out=$(timeout 60 iw dev wlan0 connect -w "$AP_SSID" 2>&1)
	rc=$?
	[ $rc = 124 ] && { diag; fail "iw connect did not return ($1)"; }
	echo "$out" | grep -q "connected to" || return 1
	# Connected, and possibly deauthenticated at once (see connect).
	wait_for 10 linked
}
# connect WHAT [noscan]: connect, after a scan unless noscan (the network
# is still in cfg80211's table: the driver puts it back at each
# association).  One retry, after a scan, when the network had left the
# table or the attempt was lost on the air: the model's firmware gave up
# (its requests or the AP's answers lost on a loaded host's air: it tries
# 3 times, 200 ms apart), or a deauthentication ended it (hostapd
# deauthenticates a station 1 s after it disassociated, and an immediate
# reconnect can meet that frame, before or just after the association).  Any other failed attempt fails the
# test.  The model's counters before the attempt come from $air_base if
# set (the cycles keep them, a question to the model costs about a second
# on a loaded host); connect sets retried=1 when it retried.
air_of() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
connect() {
	[ "${2:-}" = noscan ] || scan_for || { diag; fail "no $AP_SSID in the scan results ($1)"; }
	base=${air_base:-$(model_ctl air)}
	retried=0
	try_connect "$1" && return 0
	now=$(model_ctl air)
	if { [ "${2:-}" = noscan ] && echo "$out" | grep -q "No such file"; } ||
		[ "$(air_of assoc_failures "$now")" -gt "$(air_of assoc_failures "$base")" ] ||
		[ "$(air_of disassociations "$now")" -gt "$(air_of disassociations "$base")" ]; then
		note "connect ($1): $(echo "$out" | tr '\n' ' ')-- lost on the air or not in the table; again after a scan"
		retried=1
		scan_for || { diag; fail "no $AP_SSID in the scan results ($1)"; }
		try_connect "$1" && return 0
	fi
	echo "$out"
	diag
	fail "no connection to $AP_SSID ($1)"
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
# The model is asked before and after the cycles (each disconnect must be
# one disassociation on the air), and in a cycle only after a retry.
i=1
air0=$(model_ctl air)
dis=$(air_of disassociations "$air0")
fails=$(air_of assoc_failures "$air0")
extra=0
while [ $i -le "$CYCLES" ]; do
	iw dev wlan0 disconnect || fail "iw disconnect (cycle $i)"
	wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after disconnect (cycle $i)"
	air_base="assoc_failures=$fails disassociations=$((dis + i + extra))"
	connect "cycle $i" noscan
	if ! ping -c 1 -W 3 $AP_IP >/dev/null; then
		# hostapd's late deauthentication (see connect) may also follow the ping's start.
		a=$(model_ctl air)
		[ "$(air_of disassociations "$a")" -gt $((dis + i + extra)) ] || { diag; fail "ping after reconnect (cycle $i)"; }
		note "cycle $i: deauthenticated by the AP after the reconnect; again"
		air_base=$a
		connect "cycle $i, again"
		ping -c 1 -W 3 $AP_IP >/dev/null || { diag; fail "ping after reconnect (cycle $i, again)"; }
		retried=1
	fi
	if [ "$retried" = 1 ]; then
		a=$(model_ctl air)
		fails=$(air_of assoc_failures "$a")
		extra=$(($(air_of disassociations "$a") - dis - i))
	fi
	i=$((i + 1))
done
air_base=
[ "$(air disassociations)" -ge $((dis + CYCLES + extra)) ] ||
	fail "the firmware saw $(($(air disassociations) - dis)) disassociations for $CYCLES disconnects"
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
