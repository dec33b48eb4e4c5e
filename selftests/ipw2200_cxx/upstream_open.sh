#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream ipw2200 driver joins an open hostapd network on a
# mac80211_hwsim radio through the model's air with nothing but
# `iwconfig IFACE essid SSID` (the driver scans, picks the network and
# sends ASSOCIATE; the model firmware authenticates and associates), and
# ping crosses the air both ways.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
trap 'ap_stop; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

# The driver first, so that hwsim's radio is the next interface.
upstream_up
hwsim_ap_up open
model_ctl air reset || fail "model control channel"

ip link set "$ifc" up || fail "ip link set $ifc up"
iwconfig "$ifc" essid "$AP_SSID" || fail "iwconfig $ifc essid $AP_SSID"
associated() { iwconfig "$ifc" | grep -q "Access Point: [0-9A-F][0-9A-F]:"; }
wait_for 30 associated || { iwconfig "$ifc"; note "air: $(model_ctl air)"; fail "no association with $AP_SSID"; }
ip addr add $STA_IP/24 dev "$ifc"
ping -c 3 -W 3 $AP_IP >/dev/null || { note "air: $(model_ctl air)"; fail "ping station -> AP"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || fail "ping AP -> station"
note "$(iwconfig "$ifc" | grep -o 'Access Point: [0-9A-F:]*')"
note "air: $(model_ctl air)"
echo "ok: upstream ipw2200 joins an open network with iwconfig essid; ping both ways through the model's air"
