#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Reference scenario, independent of our driver: hostapd WPA2-PSK/CCMP on
# one mac80211_hwsim radio in its own network namespace, wpa_supplicant
# -Dnl80211 on another, the 4-way handshake, and ping in both directions.
# The device model is the medium between the radios (hwsim's virtio
# device): every frame crosses it, and it reports the acknowledgements
# hostapd needs for its authentication, association and EAPOL frames.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
trap 'sta_stop; ap_stop; modprobe -r mac80211_hwsim' EXIT

model_ctl medium reset || fail "model control channel"
modprobe mac80211_hwsim radios=2 || fail "modprobe mac80211_hwsim"
wait_for 5 test -e /sys/class/net/wlan1 || fail "hwsim radios did not appear"
ap_start wpa2 wlan0 || fail "hostapd did not start"
sta_wpa2_connect wlan1 nl80211 || fail "WPA2 connection did not complete"
ip addr add $STA_IP/24 dev wlan1
iw dev wlan1 link | grep -q "SSID: $AP_SSID" || fail "iw link does not show the AP"
ping -c 3 -W 2 $AP_IP >/dev/null || fail "ping station -> AP"
ip netns exec $AP_NS ping -c 3 -W 2 $STA_IP >/dev/null || fail "ping AP -> station"
ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i wlan0 all_sta | grep -q AUTHORIZED ||
	fail "hostapd does not list the station as authorized"
# Both radios used the model's medium, nothing was lost or malformed.
[ "$(medium_counter hwsim_radios)" = 2 ] || fail "the model's medium saw $(medium_counter hwsim_radios) hwsim radios, not 2"
[ "$(medium_counter acked)" -ge 10 ] || fail "the model's medium acknowledged only $(medium_counter acked) frames"
for c in hwsim_malformed hwsim_dropped runts; do
	[ "$(medium_counter $c)" = 0 ] || fail "model medium counter $c = $(medium_counter $c)"
done
echo "ok: WPA2 connection and ping in both directions, through the model's medium"
note "medium: $(model_ctl medium)"
