#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream ipw2200 driver scans through the model's radio medium: a
# hostapd WPA2-PSK/CCMP AP on channel 6 of a mac80211_hwsim radio (in its
# own network namespace) answers the model firmware's probe requests and
# sends beacons; `iwlist IFACE scan` must list it with its SSID, channel
# and encryption.  The model's counters must show the frames went over
# the air (probe requests out, beacons and probe responses in).
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
trap 'ap_stop; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

# The driver first, so that hwsim's radio is the next interface.
upstream_up
hwsim_ap_up wpa2
model_ctl air reset || fail "model control channel"

ip link set "$ifc" up || fail "ip link set $ifc up"
# A scan visits 11-13 channels for 20 ms each (active) and reports what
# answered in that time; the AP may be busy when the firmware is on
# channel 6, so a few scans are allowed.
found=
for try in 1 2 3 4 5 6; do
	out=$(iwlist "$ifc" scan 2>&1)
	if echo "$out" | grep -q "ESSID:\"$AP_SSID\""; then
		found=$try
		break
	fi
	sleep 1
done
[ -n "$found" ] || { echo "$out"; note "air: $(model_ctl air)"; fail "iwlist scan does not list $AP_SSID"; }
# The AP's cell: the lines from its "Cell NN - Address" to the next cell.
cell=$(echo "$out" | awk -v RS='Cell [0-9]+ - ' -v s="ESSID:\"$AP_SSID\"" 'index($0, s) { print }')
echo "$cell" | grep -q "Channel:6\|Channel 6)" || { echo "$cell"; fail "the AP is not on channel 6"; }
echo "$cell" | grep -q "Encryption key:on" || { echo "$cell"; fail "the AP's encryption is not shown"; }
echo "$cell" | grep -q "IEEE 802.11i/WPA2" || { echo "$cell"; fail "no WPA2 (RSN) information element"; }
air=$(model_ctl air)
note "found in scan $found; air: $air"
get() { echo "$air" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
[ "$(get probe_requests)" -ge 1 ] || fail "the model firmware sent no probe request"
[ "$(get frames_to_host)" -ge 1 ] || fail "the model firmware delivered no frame"
[ "$(get rx_dropped)" = 0 ] || fail "the model firmware dropped $(get rx_dropped) frames"
echo "ok: upstream ipw2200 scan lists the hostapd AP (SSID, channel 6, WPA2) over the model's air"
