#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx does WPA-PSK with TKIP through cfg80211, all on the host
# (per-packet key mixing, Michael, RC4): wpa_supplicant -Dnl80211 on wlan0
# runs the WPA (version 1) 4-way and group key handshakes with a hostapd
# WPA-PSK/TKIP AP on a mac80211_hwsim radio, installs the TKIP keys, and
# ping crosses the air both ways, with full-size frames and the AP's
# broadcasts (group key) too; hostapd lists the station as authorized.
# Then a WPA2 AP with TKIP as the pairwise cipher, the same again.
# timeout=300
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
command -v iw >/dev/null || skip "iw is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'sta_stop; ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
wpa="wpa_cli -p $WORK/wpa -i wlan0"
diag() {
	klog | tail -n 25
	note "air: $(model_ctl air)"
	tail -n 20 "$WORK/wpa.log" | sed 's/^/# wpa: /'
	grep -E 'EAPOL|WPA|4-Way|pairwise|AUTHORIZED|MIC' "$WORK/hostapd.log" | tail -n 10 | sed 's/^/# hostapd: /'
}
authorized() { ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" all_sta | grep -q AUTHORIZED; }
unlinked() { ! iw dev wlan0 link | grep -q SSID; }
# connect PROTO: wpa_supplicant with TKIP as the pairwise cipher, then the checks.
connect() {
	cat >"$WORK/wpa.conf" <<EOS
ctrl_interface=$WORK/wpa
network={
	ssid="$AP_SSID"
	psk="$AP_PSK"
	key_mgmt=WPA-PSK
	proto=$1
	pairwise=TKIP
	group=TKIP CCMP
}
EOS
	sta_start wlan0 nl80211 || { diag; fail "$1/TKIP: wpa_supplicant did not complete"; }
	status=$($wpa status)
	echo "$status" | sed 's/^/# /'
	echo "$status" | grep -q '^pairwise_cipher=TKIP' || fail "$1: the pairwise cipher is not TKIP"
	wait_for 10 authorized || { diag; fail "$1: hostapd does not list the station as authorized"; }
	ping -c 3 -i 0.2 -W 3 $AP_IP >/dev/null || { diag; fail "$1: ping station -> AP"; }
	ip netns exec $AP_NS ping -c 3 -i 0.2 -W 3 $STA_IP >/dev/null || { diag; fail "$1: ping AP -> station"; }
	# A full 1500-byte packet (IV, Michael MIC and ICV around it), both ways.
	ping -c 2 -i 0.2 -W 3 -s 1472 $AP_IP >/dev/null || { diag; fail "$1: ping station -> AP with 1500-byte packets"; }
	ip netns exec $AP_NS ping -c 2 -i 0.2 -W 3 -s 1472 $STA_IP >/dev/null || { diag; fail "$1: ping AP -> station with 1500-byte packets"; }
	# The AP's broadcasts (ARP) come with the group key.
	ip netns exec $AP_NS ip neigh flush dev "$ap_ifc"
	ip netns exec $AP_NS ping -c 2 -i 0.2 -W 3 $STA_IP >/dev/null || { diag; fail "$1: ping AP -> station after an ARP flush (group key)"; }
	! grep -q "MIC failure" "$WORK/wpa.log" || { diag; fail "$1: wpa_supplicant saw a Michael MIC failure"; }
	! klog | grep -q "Michael MIC failure" || { diag; fail "$1: the driver reported a Michael MIC failure"; }
	note "$1/TKIP: air: $(model_ctl air)"
	sta_stop
	wait_for 10 unlinked || fail "$1: still linked after wpa_supplicant exited"
}

cxx_wlan0_up
hwsim_ap_up wpa-tkip
model_ctl air reset || fail "model control channel"
ip link set wlan0 up || fail "ip link set wlan0 up"
ip addr add $STA_IP/24 dev wlan0 || fail "ip addr add"
connect WPA

# WPA2 (RSN) with TKIP pairwise.
ap_stop
wait_for 10 test -e "/sys/class/net/$ap_ifc" || fail "the hwsim radio did not come back from $AP_NS"
sed -i 's/^wpa=1/wpa=2/; s/^wpa_pairwise=TKIP/rsn_pairwise=TKIP/' "$WORK/hostapd.conf"
ip netns add $AP_NS && iw phy "$(phy_of "$ap_ifc")" set netns name $AP_NS && ip -n $AP_NS link set lo up ||
	fail "the hwsim radio does not go back to $AP_NS"
ip netns exec $AP_NS hostapd -B -P "$WORK/hostapd.pid" -f "$WORK/hostapd.log" "$WORK/hostapd.conf" >/dev/null ||
	fail "hostapd (WPA2, TKIP) did not start"
wait_for 10 sh -c "ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i $ap_ifc status | grep -q state=ENABLED" ||
	fail "hostapd (WPA2, TKIP) is not enabled"
ip -n $AP_NS addr add $AP_IP/24 dev "$ap_ifc"
connect RSN

ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: wpa_supplicant -Dnl80211 WPA-PSK and WPA2-PSK with TKIP (host key mixing, Michael, RC4), ping both ways"
