#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx scans through cfg80211: wlan0 and its wiphy appear at probe
# (station, the EEPROM geography's channels, cipher suites), and
# `iw dev wlan0 scan` lists a hostapd WPA2-PSK/CCMP AP on channel 6 of a
# mac80211_hwsim radio (own network namespace) with its SSID, channel and
# RSN element: the firmware's scan command went out, the AP's beacons and
# probe responses came back over the model's air, the driver gave them to
# cfg80211's BSS table and reported the scan done.  Then the ways a scan
# ends early, each of which must report the request exactly once (a later
# scan succeeds): `iw scan abort`, the interface going down mid-scan, and
# a firmware reload mid-scan.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v iw >/dev/null || skip "iw is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }

# The driver first, so that it gets wlan0 and the hwsim radio the next name.
cxx_wlan0_up
phy=$(phy_of wlan0) || fail "wlan0 has no wiphy"
klog | grep "ipw2200_cxx" | sed 's/^/# /'

# The wiphy: station mode, the geography's 2.4 GHz channels, the ciphers.
info=$(iw phy "$phy" info) || fail "iw phy $phy info"
echo "$info" | grep -q "^[[:space:]]*\* managed" || { echo "$info"; fail "station (managed) mode not offered"; }
echo "$info" | grep -q "CCMP" || { echo "$info"; fail "no CCMP cipher suite"; }
country=$(model_ctl info country)
if [ "$country" = ZZD ]; then
	n=$(echo "$info" | grep -c "\* 24[0-9][0-9] MHz \[[0-9]*\]")
	[ "$n" = 13 ] || { echo "$info"; fail "geography ZZD: $n 2.4 GHz channels, not 13"; }
fi

hwsim_ap_up wpa2
model_ctl air reset || fail "model control channel"
ip link set wlan0 up || fail "ip link set wlan0 up"

# scan: one `iw dev wlan0 scan`; the firmware's 40 ms per active channel may
# miss a busy AP, so a few tries are allowed.  iw is bounded by timeout: a
# scan whose end is never reported would hang it.
scan() {
	out=$(timeout 30 iw dev wlan0 scan 2>&1)
	rc=$?
	[ $rc = 124 ] && { klog | tail -n 20; note "air: $(model_ctl air)"; fail "iw dev wlan0 scan did not return ($1)"; }
	return $rc
}
found=
for try in 1 2 3 4 5 6; do
	if scan "try $try" && echo "$out" | grep -q "SSID: $AP_SSID\$"; then
		found=$try
		break
	fi
	note "scan $try: rc $rc, $(echo "$out" | grep -c '^BSS') BSS"
	sleep 1
done
[ -n "$found" ] || { echo "$out"; note "air: $(model_ctl air)"; fail "iw dev wlan0 scan does not list $AP_SSID"; }
# The AP's entry: from its "BSS" line to the next one.
bss=$(echo "$out" | awk -v s="SSID: $AP_SSID" '/^BSS /{if (hit) exit; blk=""} {blk=blk $0 "\n"} index($0, s){hit=1} END{if (hit) printf "%s", blk}')
echo "$bss" | sed 's/^/# /'
echo "$bss" | grep -q "freq: 2437" || fail "the AP is not at 2437 MHz"
echo "$bss" | grep -q "DS Parameter set: channel 6" || fail "the AP's DS element does not say channel 6"
echo "$bss" | grep -q "signal: -[0-9]" || fail "no signal for the AP"
echo "$bss" | grep -q "^[[:space:]]*RSN:" || fail "no RSN element"
echo "$bss" | grep -q "Pairwise ciphers: CCMP" || fail "the RSN element does not offer CCMP"
echo "$bss" | grep -q "Authentication suites: PSK" || fail "the RSN element does not offer PSK"
air=$(model_ctl air)
note "found in scan $found; air: $air"
get() { echo "$air" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
[ "$(get probe_requests)" -ge 1 ] || fail "the model firmware sent no probe request"
[ "$(get frames_to_host)" -ge 1 ] || fail "the model firmware delivered no frame"
[ "$(get scans_completed)" -ge 1 ] || fail "the model firmware completed no scan"
iw dev wlan0 scan dump | grep -q "SSID: $AP_SSID\$" || fail "scan dump does not list $AP_SSID"

# A directed scan (SSID command, then broadcast and directed probes).
out=$(timeout 30 iw dev wlan0 scan ssid "$AP_SSID" 2>&1) || { echo "$out"; fail "iw dev wlan0 scan ssid $AP_SSID"; }
note "directed scan: $(echo "$out" | grep -c '^BSS') BSS"

# Early ends.  Each must report the request once: the next scan is not
# refused as busy for good (a scan the firmware is still ending may make
# it wait a moment).
scan_after() {
	i=0
	while :; do
		scan "$1" && return 0
		echo "$out" | grep -q "busy" || { echo "$out"; fail "a scan $1 failed: rc $rc"; }
		i=$((i + 1))
		[ $i -lt 20 ] || fail "scans stay busy $1"
		sleep 0.5
	done
}
aborts=$(get scans_aborted)
iw dev wlan0 scan trigger >/dev/null || fail "scan trigger"
iw dev wlan0 scan abort || fail "iw dev wlan0 scan abort"
scan_after "after scan abort"

iw dev wlan0 scan trigger >/dev/null || fail "scan trigger"
ip link set wlan0 down || fail "ip link set wlan0 down"
ip link set wlan0 up || fail "ip link set wlan0 up"
scan_after "after down/up mid-scan"

iw dev wlan0 scan trigger >/dev/null || fail "scan trigger"
echo 1 >"$(cxx_dbg "$dev")/restart" || fail "firmware restart through debugfs"
wait_for 20 cxx_ready "$dev" || fail "the firmware did not come back"
scan_after "after a firmware reload mid-scan"
note "air: $(model_ctl air)"
[ "$(model_ctl air | tr ' ' '\n' | sed -n 's/^scans_aborted=//p')" -gt "$aborts" ] ||
	fail "the firmware saw no SCAN_ABORT"

ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: iw dev wlan0 scan lists $AP_SSID (channel 6, RSN CCMP/PSK); abort, down and reload mid-scan end cleanly"
