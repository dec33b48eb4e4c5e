#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx with hwcrypto=1: the firmware does CCMP and WEP.  wpa_supplicant
# -Dnl80211 connects to a hostapd WPA2-PSK/CCMP AP on a mac80211_hwsim radio;
# the driver hands the pairwise key to the firmware (TGI_TX_KEY) and the
# group key (WEP_KEY, type CCM), enables hardware decryption (SYSTEM_CONFIG),
# queues plaintext with CCM TFDs and takes decrypted frames; ping crosses
# the air both ways and the model's counters show that its hardware
# encrypted and decrypted them.  Then a WEP-104 AP with `iw connect ... key`:
# the keys go to the firmware (WEP_KEY) and its hardware WEP carries the
# ping both ways.
# timeout=300
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
command -v iw >/dev/null || skip "iw is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'sta_stop; ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
diag() {
	klog | tail -n 25
	note "air: $(model_ctl air)"
	[ -f "$WORK/wpa.log" ] && tail -n 15 "$WORK/wpa.log" | sed 's/^/# wpa: /'
}
unlinked() { ! iw dev wlan0 link | grep -q SSID; }
ping_both() {
	ping -c 3 -i 0.2 -W 3 $AP_IP >/dev/null || { diag; fail "$1: ping station -> AP"; }
	ip netns exec $AP_NS ping -c 3 -i 0.2 -W 3 $STA_IP >/dev/null || { diag; fail "$1: ping AP -> station"; }
	ip netns exec $AP_NS ip neigh flush dev "$ap_ifc"
	ip netns exec $AP_NS ping -c 2 -i 0.2 -W 3 $STA_IP >/dev/null || { diag; fail "$1: ping AP -> station after an ARP flush"; }
}

cxx_wlan0_up hwcrypto=1
[ "$(cat /sys/module/ipw2200_cxx/parameters/hwcrypto)" = 1 ] || fail "the hwcrypto parameter is not 1"

# 1. WPA2-PSK/CCMP in the firmware.
hwsim_ap_up wpa2
model_ctl air reset || fail "model control channel"
ip link set wlan0 up || fail "ip link set wlan0 up"
sta_wpa2_connect wlan0 nl80211 || { diag; fail "WPA2 connection (hwcrypto=1) did not complete"; }
ip addr add $STA_IP/24 dev wlan0 || fail "ip addr add"
ping_both "CCMP (hwcrypto)"
[ "$(air_counter hw_tgi_keys)" -ge 1 ] || { diag; fail "no pairwise key in the firmware (TGI_TX_KEY)"; }
[ "$(air_counter hw_ccm_keys)" -ge 1 ] || { diag; fail "no group key in the firmware (WEP_KEY, CCM)"; }
[ "$(air_counter hw_unicast_decryption)" = 1 ] || fail "hardware decryption is not enabled"
enc=$(air_counter hw_ccmp_encrypted)
dec=$(air_counter hw_ccmp_decrypted)
[ "$enc" -ge 3 ] || { diag; fail "the model encrypted $enc frames with CCMP"; }
[ "$dec" -ge 3 ] || { diag; fail "the model decrypted $dec frames with CCMP"; }
[ "$(air_counter hw_ccmp_mic_errors)" = 0 ] || fail "MIC errors: $(model_ctl air)"
note "CCMP (hwcrypto): air: $(model_ctl air)"
sta_stop
wait_for 10 unlinked || fail "still linked after wpa_supplicant exited"

# 2. Static WEP-104 in the firmware.
ap_stop
wait_for 10 test -e "/sys/class/net/$ap_ifc" || fail "the hwsim radio did not come back from $AP_NS"
ap_start wep "$ap_ifc" || fail "hostapd (WEP) did not start"
model_ctl air reset || fail "model control channel"
cxx_iw_connect "$AP_SSID" key "d:$AP_WEP_INDEX:$AP_WEP_KEY" ||
	{ diag; fail "no association with $AP_SSID (WEP-104, hwcrypto)"; }
ping_both "WEP-104 (hwcrypto)"
[ "$(air_counter hw_wep_keys)" -ge 1 ] || fail "the driver sent no WEP key to the firmware"
enc=$(air_counter hw_wep_encrypted)
dec=$(air_counter hw_wep_decrypted)
[ "$enc" -ge 3 ] || { diag; fail "the model encrypted $enc frames with WEP"; }
[ "$dec" -ge 3 ] || { diag; fail "the model decrypted $dec frames with WEP"; }
[ "$(air_counter hw_wep_icv_errors)" = 0 ] || fail "ICV errors: $(model_ctl air)"
note "WEP-104 (hwcrypto): air: $(model_ctl air)"
iw dev wlan0 disconnect || fail "iw disconnect"
wait_for 10 unlinked || fail "still linked after iw disconnect"

ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: hwcrypto=1: WPA2/CCMP and WEP-104 through the model's hardware crypto, ping both ways"
