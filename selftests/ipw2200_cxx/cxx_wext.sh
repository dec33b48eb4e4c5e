#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx through cfg80211's wireless-extensions compatibility layer
# (CONFIG_CFG80211_WEXT): the driver implements no wext handler of its own,
# cfg80211 answers the ioctls from its state and the driver's cfg80211
# operations.  `iwlist wlan0 scan` lists a hostapd AP (mac80211_hwsim radio
# in its own network namespace), `iwconfig wlan0 essid` joins it (open
# network), `iwconfig wlan0` shows ESSID, access point, frequency, bit rate
# and signal (get_station), ping crosses the air both ways; then
# wpa_supplicant -Dwext connects to a WPA2-PSK/CCMP AP (keys through
# SIOCSIWENCODEEXT), ping both ways, disconnect and reconnect.
# timeout=300
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
command -v iwconfig >/dev/null || skip "iwconfig is not installed (wireless-tools)"
command -v iwlist >/dev/null || skip "iwlist is not installed (wireless-tools)"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'sta_stop; ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }

cxx_wlan0_up
hwsim_ap_up open
model_ctl air reset || fail "model control channel"
ip link set wlan0 up || fail "ip link set wlan0 up"
bssid=$(ip -n $AP_NS link show "$ap_ifc" | sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
[ -n "$bssid" ] || fail "no address for the AP's interface"
BSSID=$(echo "$bssid" | tr a-f A-F)
diag() { klog | tail -n 25; note "air: $(model_ctl air)"; iwconfig wlan0; }

# Before any connection: cfg80211 answers for the interface.
iwconfig wlan0 | grep -q "IEEE 802.11" || { iwconfig wlan0; fail "iwconfig does not see a wireless interface"; }
iwconfig wlan0 | grep -q "Not-Associated\|Access Point: Not" || { iwconfig wlan0; fail "iwconfig: associated before any connect"; }

# iwlist scan: SIOCSIWSCAN starts the driver's scan op, SIOCGIWSCAN reads cfg80211's table.
listed() { iwlist wlan0 scan 2>/dev/null | grep -q "ESSID:\"$AP_SSID\""; }
wait_for 30 listed || { iwlist wlan0 scan; diag; fail "iwlist scan does not list $AP_SSID"; }
# The AP's cell: from its "Cell NN - Address:" line to the next cell.
cell=$(iwlist wlan0 scan 2>/dev/null | awk -v a="$BSSID" '/Cell [0-9]+ - Address:/ { on = index($0, a) > 0 } on')
echo "$cell" | sed 's/^/# /'
echo "$cell" | grep -q "ESSID:\"$AP_SSID\"" || fail "iwlist scan: no cell $BSSID with ESSID $AP_SSID"
echo "$cell" | grep -q "Channel:6\|Channel 6)" || fail "iwlist scan: not on channel 6"

# iwconfig essid: cfg80211 calls the driver's connect op.
# One more try if the model's firmware gave up on the attempt (its
# requests or the AP's answers lost on a loaded host's air; cfg80211's
# wext layer does not retry a failed connect).
air() { model_ctl air | tr ' ' '\n' | sed -n "s/^$1=//p"; }
associated() { iwconfig wlan0 | grep -q "Access Point: $BSSID"; }
failed=$(air assoc_failures)
iwconfig wlan0 essid "$AP_SSID" || { diag; fail "iwconfig wlan0 essid $AP_SSID"; }
if ! wait_for 15 associated; then
	[ "$(air assoc_failures)" -gt "$failed" ] || { diag; fail "iwconfig essid: no association with $BSSID"; }
	note "the firmware's attempt was lost on the air; iwconfig essid again"
	iwconfig wlan0 essid off
	iwconfig wlan0 essid "$AP_SSID" || { diag; fail "iwconfig wlan0 essid $AP_SSID (again)"; }
	wait_for 15 associated || { diag; fail "iwconfig essid: no association with $BSSID"; }
fi
cfg=$(iwconfig wlan0)
echo "$cfg" | sed 's/^/# /'
echo "$cfg" | grep -q "ESSID:\"$AP_SSID\"" || fail "iwconfig does not show the ESSID"
echo "$cfg" | grep -q "Frequency:2.437 GHz" || fail "iwconfig does not show 2.437 GHz"
echo "$cfg" | grep -q "Bit Rate[=:][0-9]" || fail "iwconfig shows no bit rate"
echo "$cfg" | grep -q "Signal level=-[0-9]* dBm" || fail "iwconfig shows no signal level"
echo "$cfg" | grep -q "Link Quality=[0-9]" || fail "iwconfig shows no link quality"
ip addr add $STA_IP/24 dev wlan0 || fail "ip addr add"
ping -c 3 -W 3 $AP_IP >/dev/null || { diag; fail "ping station -> AP (iwconfig essid)"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || { diag; fail "ping AP -> station (iwconfig essid)"; }
grep -q "wlan0:" /proc/net/wireless || fail "no wlan0 line in /proc/net/wireless"
note "$(grep wlan0: /proc/net/wireless)"

# Interface down disconnects (cfg80211); the open AP gives way to a WPA2 one.
ip link set wlan0 down
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked with the interface down"
ap_stop
modprobe -r mac80211_hwsim || fail "modprobe -r mac80211_hwsim"
hwsim_ap_up wpa2
ip link set wlan0 up || fail "ip link set wlan0 up"
wpa="wpa_cli -p $WORK/wpa -i wlan0"
wdiag() { diag; tail -n 20 "$WORK/wpa.log" | sed 's/^/# wpa: /'; }
authorized() { ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" all_sta | grep -q AUTHORIZED; }

sta_wpa2_connect wlan0 wext || { wdiag; fail "WPA2 connection (wext) did not complete"; }
status=$($wpa status)
echo "$status" | sed 's/^/# /'
echo "$status" | grep -q '^pairwise_cipher=CCMP' || fail "the pairwise cipher is not CCMP"
echo "$status" | grep -q '^key_mgmt=WPA2-PSK' || fail "key management is not WPA2-PSK"
wait_for 10 authorized || { wdiag; fail "hostapd does not list the station as authorized"; }
iwconfig wlan0 | grep -q "ESSID:\"$AP_SSID\"" || { iwconfig wlan0; fail "iwconfig does not show the ESSID (wext WPA2)"; }
ip addr replace $STA_IP/24 dev wlan0
ping -c 3 -W 3 $AP_IP >/dev/null || { wdiag; fail "ping station -> AP (wext WPA2)"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || { wdiag; fail "ping AP -> station (wext WPA2)"; }
ip netns exec $AP_NS ip neigh flush dev "$ap_ifc"
ip netns exec $AP_NS ping -c 2 -W 3 $STA_IP >/dev/null || { wdiag; fail "ping AP -> station after an ARP flush (group key)"; }

# SIOCSIWMLME disassociates; the reconnect runs the handshake again.
$wpa disconnect >/dev/null || fail "wpa_cli disconnect"
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after the disconnect (wext)"
wait_for 10 sh -c "! ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i $ap_ifc all_sta | grep -q AUTHORIZED" ||
	fail "hostapd still lists the station after the disconnect"
$wpa reconnect >/dev/null || fail "wpa_cli reconnect"
wait_for 30 sh -c "$wpa status | grep -q wpa_state=COMPLETED" || { wdiag; fail "no reconnection (wext)"; }
wait_for 10 authorized || { wdiag; fail "hostapd does not authorize the station again"; }
ping -c 3 -W 3 $AP_IP >/dev/null || { wdiag; fail "ping station -> AP after the reconnection (wext)"; }
note "air: $(model_ctl air)"

sta_stop
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after wpa_supplicant exited"
ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: iwlist scan, iwconfig essid (open) with ESSID/AP/frequency/bit rate/signal, wpa_supplicant -Dwext WPA2-PSK/CCMP, ping both ways, disconnect and reconnect"
