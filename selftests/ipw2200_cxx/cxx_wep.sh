#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx joins static WEP networks through cfg80211, with host WEP
# (RC4 and the CRC-32 ICV on the host; the model's hardware WEP stays
# idle): a hostapd WEP-104 AP (open system, key index 1) on a
# mac80211_hwsim radio, first with `iw dev wlan0 connect ... key d:1:...`
# then with wpa_supplicant -Dnl80211 (key_mgmt=NONE, wep_key1), ping both
# ways each time; then the AP allows only shared-key authentication with a
# WEP-40 key at index 0, `iw connect ... auth shared key d:0:...` makes
# the firmware answer the AP's challenge with the key (the model counts
# the shared-key exchange), and ping crosses both ways again.
# timeout=400
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
	tail -n 10 "$WORK/hostapd.log" | sed 's/^/# hostapd: /'
}
unlinked() { ! iw dev wlan0 link | grep -q SSID; }
ping_both() {
	ping -c 3 -i 0.2 -W 3 $AP_IP >/dev/null || { diag; fail "$1: ping station -> AP"; }
	ip netns exec $AP_NS ping -c 3 -i 0.2 -W 3 $STA_IP >/dev/null || { diag; fail "$1: ping AP -> station"; }
	# A full 1500-byte packet (IV and ICV around it).
	ping -c 2 -i 0.2 -W 3 -s 1472 $AP_IP >/dev/null || { diag; fail "$1: ping station -> AP with 1500-byte packets"; }
	# The AP's broadcasts (ARP) reach us too.
	ip netns exec $AP_NS ip neigh flush dev "$ap_ifc"
	ip netns exec $AP_NS ping -c 2 -i 0.2 -W 3 $STA_IP >/dev/null || { diag; fail "$1: ping AP -> station after an ARP flush"; }
}
# The host did the crypto: the model's firmware decrypted nothing and
# encrypted nothing but the challenge text of shared-key authentications.
host_crypto() {
	[ "$(air_counter hw_wep_encrypted)" -le "$(air_counter shared_key_auths)" ] &&
		[ "$(air_counter hw_wep_decrypted)" = 0 ] ||
		{ note "air: $(model_ctl air)"; fail "$1: the firmware did WEP (hwcrypto is 0)"; }
}

cxx_wlan0_up

# The ciphers the driver implements are advertised.
ciphers=$(iw phy "$(phy_of wlan0)" info | sed -n '/Supported Ciphers:/,/Available Antennas\|Supported interface modes/p')
for c in WEP40 WEP104 TKIP CCMP; do
	echo "$ciphers" | grep -q "$c" || { echo "$ciphers"; fail "$c is not advertised"; }
done

# 1. WEP-104, open system, with iw.
hwsim_ap_up wep
model_ctl air reset || fail "model control channel"
ip link set wlan0 up || fail "ip link set wlan0 up"
cxx_iw_connect "$AP_SSID" key "d:$AP_WEP_INDEX:$AP_WEP_KEY" ||
	{ diag; fail "no association with $AP_SSID (WEP-104, open system, iw)"; }
ip addr add $STA_IP/24 dev wlan0 || fail "ip addr add"
ping_both "WEP-104 (iw)"
host_crypto "WEP-104 (iw)"
[ "$(air_counter shared_key_auths)" = 0 ] || fail "shared-key authentication with an open-system AP"
note "WEP-104 iw: air: $(model_ctl air)"
iw dev wlan0 disconnect || fail "iw disconnect"
wait_for 10 unlinked || fail "still linked after iw disconnect"

# 2. The same network through wpa_supplicant -Dnl80211.
cat >"$WORK/wpa.conf" <<EOS
ctrl_interface=$WORK/wpa
network={
	ssid="$AP_SSID"
	key_mgmt=NONE
	wep_key$AP_WEP_INDEX=$AP_WEP_KEY
	wep_tx_keyidx=$AP_WEP_INDEX
	auth_alg=OPEN
}
EOS
sta_start wlan0 nl80211 || { diag; fail "wpa_supplicant (static WEP-104) did not connect"; }
wpa_cli -p "$WORK/wpa" -i wlan0 status | grep -q '^group_cipher=WEP-104' || {
	wpa_cli -p "$WORK/wpa" -i wlan0 status | sed 's/^/# /'
	fail "wpa_supplicant: the group cipher is not WEP-104"
}
ping_both "WEP-104 (wpa_supplicant)"
host_crypto "WEP-104 (wpa_supplicant)"
sta_stop
wait_for 10 unlinked || fail "still linked after wpa_supplicant exited"

# 3. WEP-40, shared-key authentication only, with iw.
ap_stop
wait_for 10 test -e "/sys/class/net/$ap_ifc" || fail "the hwsim radio did not come back from $AP_NS"
AP_WEP_KEY=0badc0ffee
AP_WEP_INDEX=0
ap_start wep-shared "$ap_ifc" || fail "hostapd (WEP-40, shared key) did not start"
model_ctl air reset || fail "model control channel"
# (cxx_iw_connect makes a new attempt when a freshly started hostapd
# answers after the firmware's tries.)
cxx_iw_connect "$AP_SSID" auth shared key "d:0:$AP_WEP_KEY" ||
	{ diag; fail "no shared-key association with $AP_SSID (WEP-40)"; }
[ "$(air_counter shared_key_auths)" -ge 1 ] || { diag; fail "the firmware did no shared-key authentication"; }
ping_both "WEP-40 shared key"
host_crypto "WEP-40 shared key"
note "WEP-40 shared key: air: $(model_ctl air)"
iw dev wlan0 disconnect || fail "iw disconnect (shared key)"
wait_for 10 unlinked || fail "still linked after iw disconnect (shared key)"

ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: static WEP-104 (iw, wpa_supplicant) and WEP-40 with shared-key authentication, host WEP, ping both ways"
