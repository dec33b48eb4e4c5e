#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx's radio settings through nl80211, each seen by the model's
# firmware as the host command the hardware reference gives it: `iw dev
# wlan0 set power_save on/off` (POWER_MODE, and `get power_save` shows
# it), `iw phy set rts/frag/retry` (RTS_THRESHOLD, FRAG_THRESHOLD,
# RETRY_LIMIT; values the firmware cannot take are refused), `iw dev wlan0
# set txpower fixed` (TX_POWER; `iw dev wlan0 info` shows it), all sent
# again after a firmware reload.  ethtool: `ethtool -i` (driver, version,
# the firmware's version, the PCI address), `ethtool` link state and
# `ethtool -e` (the EEPROM, with the model's MAC address in it).  LEDs:
# the association LED of the event register follows the connection to an
# open hostapd AP, the activity LED lights with traffic; with led=0 the
# driver leaves them alone.
# timeout=600
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v iw >/dev/null || skip "iw is not installed"
command -v ethtool >/dev/null || skip "ethtool is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
stat() { cxx_stat "$dev" "$1"; }
# sent ID N: the model's firmware has taken command ID (two hex digits) more than N times.
sent() { [ "$(model_counter cmd_0x$1)" -gt "$2" ]; }

cxx_wlan0_up
phy=$(phy_of wlan0)
ip link set wlan0 up || fail "ip link set wlan0 up"

# ---- power save (POWER_MODE, 0x11) ----
# cfg80211 applies its default (CONFIG_CFG80211_DEFAULT_PS) when wlan0 comes up.
note "at start: $(iw dev wlan0 get power_save)"
for ps in off on off; do
	n=$(model_counter cmd_0x11)
	if iw dev wlan0 get power_save | grep -q "Power save: $ps"; then
		continue
	fi
	iw dev wlan0 set power_save $ps || fail "iw set power_save $ps"
	sent 11 "$n" || fail "no POWER_MODE for power_save $ps"
	iw dev wlan0 get power_save | grep -q "Power save: $ps" || fail "get power_save: not $ps"
done
note "power save on/off: POWER_MODE sent, get power_save follows"

# ---- RTS, fragmentation, retries (0x0f, 0x10, 0x33) ----
n=$(model_counter cmd_0x0f)
iw phy "$phy" set rts 500 || fail "iw set rts 500"
sent 0f "$n" || fail "no RTS_THRESHOLD for rts 500"
iw phy "$phy" info | grep -q "RTS threshold: 500" || fail "iw phy info: RTS threshold not 500"
iw phy "$phy" set rts 3000 2>/dev/null && fail "rts 3000 (over the firmware's 2304) accepted"
iw phy "$phy" info | grep -q "RTS threshold: 500" || fail "a refused rts changed the threshold"
n=$(model_counter cmd_0x10)
iw phy "$phy" set frag 1000 || fail "iw set frag 1000"
sent 10 "$n" || fail "no FRAG_THRESHOLD for frag 1000"
iw phy "$phy" info | grep -q "Fragmentation threshold: 1000" || fail "iw phy info: frag threshold not 1000"
iw phy "$phy" set frag 4000 2>/dev/null && fail "frag 4000 (over 2346) accepted"
n=$(model_counter cmd_0x33)
iw phy "$phy" set retry short 5 long 3 || fail "iw set retry"
sent 33 "$n" || fail "no RETRY_LIMIT for retry short 5 long 3"
iw phy "$phy" info | grep -q "Retry short limit: 5" || fail "iw phy info: retry short not 5"
iw phy "$phy" info | grep -q "Retry long limit: 3" || fail "iw phy info: retry long not 3"
note "rts/frag/retry: RTS_THRESHOLD, FRAG_THRESHOLD, RETRY_LIMIT sent; out of range refused"

# ---- transmit power (TX_POWER, 0x23) ----
n=$(model_counter cmd_0x23)
iw dev wlan0 set txpower fixed 1500 || fail "iw set txpower fixed 1500"
[ "$(model_counter cmd_0x23)" -ge $((n + 2)) ] || fail "no TX_POWER tables for txpower 15 dBm"
iw dev wlan0 info | grep -q "txpower 15.00 dBm" || { iw dev wlan0 info; fail "iw info: txpower not 15 dBm"; }
iw dev wlan0 set txpower fixed 3000 2>/dev/null && fail "txpower 30 dBm (over 20) accepted"
iw dev wlan0 info | grep -q "txpower 15.00 dBm" || fail "a refused txpower changed it"
note "txpower: TX_POWER sent, iw info shows 15 dBm"

# ---- a firmware reload sends them again ----
iw dev wlan0 set power_save on || fail "iw set power_save on"
p=$(model_counter cmd_0x11); f=$(model_counter cmd_0x10); r=$(model_counter cmd_0x33)
n=$(stat restarts)
model_ctl fault fatal 13 0xbad >/dev/null || fail "fault fatal"
wait_for 30 sh -c "[ \$(sed -n 's/^restarts=//p' $(cxx_dbg "$dev")/status) -gt $n ]" || fail "no firmware reload"
wait_for 20 cxx_ready "$dev" || fail "not ready after the reload"
sent 11 "$p" && sent 10 "$f" && sent 33 "$r" || fail "the reload did not send power save, frag and retry again"
iw dev wlan0 info | grep -q "txpower 15.00 dBm" || fail "txpower lost in the reload"
iw dev wlan0 set power_save off
note "firmware reload: the settings were sent again"

# ---- ethtool ----
info=$(ethtool -i wlan0) || fail "ethtool -i wlan0"
echo "$info" | sed 's/^/# /'
echo "$info" | grep -q "^driver: ipw2200_cxx$" || fail "ethtool -i: driver"
echo "$info" | grep -q "^version: [0-9]" || fail "ethtool -i: version"
fwv=$(model_ctl info fw_version)
echo "$info" | grep -q "^firmware-version: .*$fwv" || fail "ethtool -i: firmware-version is not the model's $fwv"
echo "$info" | grep -q "^bus-info: $(basename "$dev")$" || fail "ethtool -i: bus-info is not $(basename "$dev")"
ethtool wlan0 | grep -q "Link detected: no" || fail "ethtool: link detected while not connected"
mac=$(model_ctl info mac | tr -d ':')
ee=$(ethtool -e wlan0 raw on | od -An -tx1 -v | tr -d ' \n')
[ ${#ee} = 512 ] || fail "ethtool -e: ${#ee} hex digits, not a 256-byte EEPROM"
echo "$ee" | grep -q "$mac" || fail "ethtool -e: the MAC address $mac is not in the EEPROM image"

# ---- LEDs and ethtool link, connected ----
leds() { model_ctl leds; }
[ "$(leds)" = "activity=0 associated=0 ofdm=0" ] || fail "LEDs on before any connection: $(leds)"
hwsim_ap_up open
scan_for() {
	for try in 1 2 3 4 5 6; do
		timeout 30 iw dev wlan0 scan 2>/dev/null | grep -q "SSID: $AP_SSID\$" && return 0
		sleep 1
	done
	return 1
}
linked() { iw dev wlan0 link | grep -q "SSID: $AP_SSID"; }
connect() {
	scan_for || fail "no $AP_SSID in the scan results"
	timeout 60 iw dev wlan0 connect "$AP_SSID" >/dev/null 2>&1
	wait_for 30 linked || { klog | tail -n 20; fail "no connection to $AP_SSID"; }
}
connect
ethtool wlan0 | grep -q "Link detected: yes" || fail "ethtool: no link while connected"
# The model's EEPROM is of NIC type 0: the association LED is bit 0x20, activity 0x10.
assoc_on() { leds | grep -q "associated=1"; }
wait_for 5 assoc_on || fail "association LED off while connected: $(leds)"
ip addr replace $STA_IP/24 dev wlan0
act_on() { leds | grep -q "activity=1"; }
ping -f -c 200 -W 1 $AP_IP >/dev/null 2>&1 &
pp=$!
wait_for 10 act_on || { kill $pp 2>/dev/null; fail "activity LED never on with traffic: $(leds)"; }
wait $pp
act_off() { leds | grep -q "activity=0"; }
wait_for 5 act_off || fail "activity LED stays on without traffic: $(leds)"
note "connected: $(leds)"
iw dev wlan0 disconnect
assoc_off() { leds | grep -q "associated=0"; }
wait_for 5 assoc_off || fail "association LED on after disconnect: $(leds)"
ethtool wlan0 | grep -q "Link detected: no" || fail "ethtool: link after disconnect"

# ---- led=0: the driver leaves the LEDs alone ----
ip link set wlan0 down
cxx_unload || fail "rmmod ipw2200_cxx"
cxx_load led=0 || fail "loading ipw2200_cxx led=0"
wait_for 20 cxx_ready "$dev" || fail "not ready with led=0"
ip link set wlan0 up || fail "ip link set wlan0 up (led=0)"
connect
ip addr replace $STA_IP/24 dev wlan0
ping -c 3 -W 3 $AP_IP >/dev/null || fail "ping with led=0"
[ "$(leds)" = "activity=0 associated=0 ofdm=0" ] || fail "led=0, but LEDs on: $(leds)"
note "led=0: LEDs untouched"

iw dev wlan0 disconnect
ip link set wlan0 down
ap_stop
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: power save, rts/frag/retry, txpower through nl80211 to the firmware (and again after a reload); ethtool -i/-e/link; LEDs"
