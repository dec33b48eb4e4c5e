#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx does WPA2-PSK (CCMP) through cfg80211: wpa_supplicant
# -Dnl80211 on wlan0 runs the 4-way handshake with a hostapd WPA2-PSK/CCMP
# AP on a mac80211_hwsim radio (own network namespace) through the model's
# air, installs its keys with NEW_KEY (the driver's add_key), and the data
# path encrypts and decrypts with host CCMP: wpa_cli shows COMPLETED with
# CCMP, iw shows the link, ping crosses the air both ways, hostapd lists the
# station as authorized.  Then wpa_cli disconnect (the firmware
# disassociates, hostapd drops the station) and reconnect, with ping again.
# timeout=400
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
command -v iw >/dev/null || skip "iw is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'sta_stop; ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }

cxx_wlan0_up

# The driver advertises the ciphers it implements: WEP, TKIP, CCMP, nothing else.
phy=$(phy_of wlan0)
ciphers=$(iw phy "$phy" info | sed -n '/Supported Ciphers:/,/Available Antennas\|Supported interface modes/p')
echo "$ciphers" | grep -q "CCMP-128\|CCMP" || { echo "$ciphers"; fail "CCMP is not advertised"; }
echo "$ciphers" | grep -q "GCMP\|CMAC\|GMAC\|CCMP-256" && { echo "$ciphers"; fail "a cipher the driver does not implement is advertised"; }

hwsim_ap_up wpa2
model_ctl air reset || fail "model control channel"
ip link set wlan0 up || fail "ip link set wlan0 up"
wpa="wpa_cli -p $WORK/wpa -i wlan0"
diag() {
	klog | tail -n 25
	note "air: $(model_ctl air)"
	tail -n 20 "$WORK/wpa.log" | sed 's/^/# wpa: /'
	grep -E 'EAPOL|WPA|4-Way|pairwise|AUTHORIZED' "$WORK/hostapd.log" | tail -n 10 | sed 's/^/# hostapd: /'
	cat "$(cxx_dbg "$dev")/status" 2>/dev/null | sed 's/^/# driver: /'
}
authorized() { ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" all_sta | grep -q AUTHORIZED; }

sta_wpa2_connect wlan0 nl80211 || { diag; fail "WPA2 connection (nl80211) did not complete"; }
status=$($wpa status)
echo "$status" | sed 's/^/# /'
echo "$status" | grep -q '^wpa_state=COMPLETED' || fail "wpa_state is not COMPLETED"
echo "$status" | grep -q '^pairwise_cipher=CCMP' || fail "the pairwise cipher is not CCMP"
echo "$status" | grep -q '^group_cipher=CCMP' || fail "the group cipher is not CCMP"
echo "$status" | grep -q '^key_mgmt=WPA2-PSK' || fail "key management is not WPA2-PSK"
link=$(iw dev wlan0 link)
echo "$link" | sed 's/^/# /'
echo "$link" | grep -q "SSID: $AP_SSID" || fail "iw link does not show $AP_SSID"
echo "$link" | grep -q "signal: -[0-9]* dBm" || fail "iw link: no signal"
wait_for 10 authorized || { diag; fail "hostapd does not list the station as authorized"; }

ip addr add $STA_IP/24 dev wlan0 || fail "ip addr add"
ping -c 3 -W 3 $AP_IP >/dev/null || { diag; fail "ping station -> AP"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || { diag; fail "ping AP -> station"; }
# A full 1500-byte packet (1524 bytes of body once protected).
ping -c 2 -W 3 -s 1472 $AP_IP >/dev/null || { diag; fail "ping station -> AP with 1500-byte packets"; }
# The AP's broadcasts (ARP) come with the group key: flush and ping from the AP again.
ip netns exec $AP_NS ip neigh flush dev "$ap_ifc"
ip netns exec $AP_NS ping -c 2 -W 3 $STA_IP >/dev/null || { diag; fail "ping AP -> station after an ARP flush (group key)"; }
st=$(cat "$(cxx_dbg "$dev")/status" 2>/dev/null | tr '\n' ' ')
note "driver: $st"
note "air: $(model_ctl air)"

# Disconnect: the firmware disassociates on the air, hostapd drops the station.
dis=$(model_ctl air | tr ' ' '\n' | sed -n 's/^disassociations=//p')
$wpa disconnect >/dev/null || fail "wpa_cli disconnect"
wait_for 10 sh -c "$wpa status | grep -q wpa_state=DISCONNECTED" || fail "wpa_supplicant did not disconnect"
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after the disconnect"
wait_for 10 sh -c "! ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i $ap_ifc all_sta | grep -q AUTHORIZED" ||
	fail "hostapd still lists the station after the disconnect"
[ "$(model_ctl air | tr ' ' '\n' | sed -n 's/^disassociations=//p')" -gt "${dis:-0}" ] ||
	fail "the model firmware saw no disassociation"
$wpa reconnect >/dev/null || fail "wpa_cli reconnect"
wait_for 30 sh -c "$wpa status | grep -q wpa_state=COMPLETED" || { diag; fail "no reconnection"; }
wait_for 10 authorized || { diag; fail "hostapd does not authorize the station again"; }
ping -c 3 -W 3 $AP_IP >/dev/null || { diag; fail "ping station -> AP after the reconnection"; }
ip netns exec $AP_NS ping -c 2 -W 3 $STA_IP >/dev/null || { diag; fail "ping AP -> station after the reconnection"; }
note "air: $(model_ctl air)"

sta_stop
wait_for 10 sh -c "! iw dev wlan0 link | grep -q SSID" || fail "still linked after wpa_supplicant exited"
ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: wpa_supplicant -Dnl80211 WPA2-PSK/CCMP (host CCMP), link, ping both ways, authorized, disconnect and reconnect"
