#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream ipw2200 driver connects through the model's air to a
# hostapd WPA2-PSK/CCMP AP on a mac80211_hwsim radio (own network
# namespace): wpa_supplicant -Dwext completes the 4-way handshake (the
# model firmware authenticates and associates with real 802.11 frames,
# the driver encrypts in software), and ping crosses the air both ways.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'sta_stop; ap_stop; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

modprobe ipw2200 || fail "modprobe ipw2200"
wait_for 10 sh -c "ls '$dev/net' | grep -q ." || fail "no network interface"
ifc=$(ls "$dev/net" | head -n 1)
init_done() { [ $(($(cat "$dev/status") & 0x20)) -ne 0 ]; }
wait_for 10 init_done || fail "initialisation did not complete"

modprobe mac80211_hwsim radios=1 || fail "modprobe mac80211_hwsim"
ap_ifc=
for n in /sys/class/net/*; do
	[ -e "$n/phy80211" ] && [ "$(basename "$n")" != "$ifc" ] && ap_ifc=$(basename "$n")
done
[ -n "$ap_ifc" ] || fail "no hwsim interface"
ap_start wpa2 "$ap_ifc" || fail "hostapd did not start"
model_ctl air reset || fail "model control channel"

ip link set "$ifc" up || fail "ip link set $ifc up"
sta_wpa2_connect "$ifc" wext || { note "air: $(model_ctl air)"; fail "WPA2 connection (wext) did not complete"; }
ip addr add $STA_IP/24 dev "$ifc"
iwconfig "$ifc" | grep -q "ESSID:\"$AP_SSID\"" || { iwconfig "$ifc"; fail "iwconfig does not show the ESSID"; }
ping -c 3 -W 3 $AP_IP >/dev/null || { note "air: $(model_ctl air)"; fail "ping station -> AP"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || fail "ping AP -> station"
ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" all_sta | grep -q AUTHORIZED ||
	fail "hostapd does not list the station as authorized"
note "air: $(model_ctl air)"
echo "ok: upstream ipw2200 WPA2 (wpa_supplicant -Dwext) and ping both ways through the model's air"
