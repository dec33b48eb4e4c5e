#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream ipw2200 driver connects through the model's air to a
# hostapd WPA2-PSK/CCMP AP on a mac80211_hwsim radio (own network
# namespace): wpa_supplicant -Dwext completes the 4-way handshake (the
# model firmware authenticates and associates with real 802.11 frames,
# the driver encrypts in software), ping and 10 s of iperf3 each way cross
# the air, and a disconnect (the firmware disassociates on the air) and a
# reconnect work.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
trap 'sta_stop; ap_stop; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

# The driver first, so that hwsim's radio is the next interface.
upstream_up
hwsim_ap_up wpa2
model_ctl air reset || fail "model control channel"

ip link set "$ifc" up || fail "ip link set $ifc up"
sta_wpa2_connect "$ifc" wext || { note "air: $(model_ctl air)"; fail "WPA2 connection (wext) did not complete"; }
ip addr add $STA_IP/24 dev "$ifc"
iwconfig "$ifc" | grep -q "ESSID:\"$AP_SSID\"" || { iwconfig "$ifc"; fail "iwconfig does not show the ESSID"; }
ping -c 3 -W 3 $AP_IP >/dev/null || { note "air: $(model_ctl air)"; fail "ping station -> AP"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || fail "ping AP -> station"
ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" all_sta | grep -q AUTHORIZED ||
	fail "hostapd does not list the station as authorized"

# IPW_IPERF=0 leaves the iperf3 step out (a quick run by hand).
if [ "${IPW_IPERF:-1}" = 1 ]; then
	# 10 s of iperf3 through the AP each way (-R: the AP sends).  Rates are not
	# judged (benchmarks do that), only that the run completed and the receiver
	# got data; every step is bounded, so a stalled transfer fails the test
	# instead of hanging it.
	command -v iperf3 >/dev/null || fail "iperf3 is not installed"
	iperf_diag() {
		note "air: $(model_ctl air)"
		note "counters: $(model_ctl counters)"
		note "medium: $(model_ctl medium)"
		note "station: $(grep "$ifc:" /proc/net/dev)"
		note "AP: $(ip netns exec $AP_NS grep "$ap_ifc:" /proc/net/dev)"
		ss -tin dst $AP_IP
		ip netns exec $AP_NS ss -tin src $AP_IP
	}
	up=$(iperf_way up) || { iperf_diag; fail "iperf3 station -> AP"; }
	down=$(iperf_way down -R) || { iperf_diag; fail "iperf3 AP -> station"; }
	note "iperf3, 10 s each: station -> AP $up bytes, AP -> station $down bytes received"
	note "air: $(model_ctl air)"
else
	note "iperf3 step left out (IPW_IPERF=0)"
fi

# Disconnect: wpa_supplicant's SIOCSIWMLME makes the driver disassociate;
# the firmware sends the disassociation frame, and hostapd drops the station.
wpa="wpa_cli -p $WORK/wpa -i $ifc"
$wpa disconnect >/dev/null || fail "wpa_cli disconnect"
wait_for 10 sh -c "$wpa status | grep -q wpa_state=DISCONNECTED" || fail "wpa_supplicant did not disconnect"
wait_for 10 sh -c "! ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i $ap_ifc all_sta | grep -q AUTHORIZED" ||
	fail "hostapd still lists the station after the disconnect"
[ "$(model_ctl air | tr ' ' '\n' | sed -n 's/^disassociations=//p')" -ge 1 ] ||
	fail "the model firmware saw no disassociation"
$wpa reconnect >/dev/null || fail "wpa_cli reconnect"
wait_for 30 sh -c "$wpa status | grep -q wpa_state=COMPLETED" || { note "air: $(model_ctl air)"; fail "no reconnection"; }
ping -c 3 -W 3 $AP_IP >/dev/null || fail "ping station -> AP after the reconnection"
note "air: $(model_ctl air)"
echo "ok: upstream ipw2200 WPA2 (wpa_supplicant -Dwext), ping both ways$([ "${IPW_IPERF:-1}" = 1 ] && echo ", iperf3 both ways"), disconnect and reconnect through the model's air"
