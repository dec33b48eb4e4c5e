#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx in an IBSS through cfg80211, with a mac80211_hwsim radio in
# its own network namespace as the peer (traffic crosses the model's air):
# `iw dev wlan0 set type ibss` is refused while wlan0 is up (EBUSY) and,
# with wlan0 down, loads the IBSS firmware (ipw2200-ibss.fw).  `iw dev
# wlan0 ibss join` starts the cell (ASSOCIATE type 3: the firmware
# beacons), `iw dev wlan0 link` shows it, hwsim joins it, ping crosses
# both ways and the driver's station table holds the peer.  `iw dev wlan0
# ibss leave` ends the firmware's cell (hwsim keeps it up); after a scan
# lists it, a second join takes the known cell (ASSOCIATE type 0, same
# BSSID) and ping works again; after a firmware reload the driver joins
# the cell again by itself.  Then back to managed.
. "$(dirname "$0")/lib.sh"

command -v iw >/dev/null || skip "iw is not installed"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
NS=ibssns
SSID=ipw-ibss
PEER_IP=10.78.0.1
OWN_IP=10.78.0.2
trap 'ip netns del $NS 2>/dev/null; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
diag() { klog | tail -n 25; note "air: $(model_ctl air)"; note "ibss: $(model_ctl ibss)"; iw dev wlan0 link; }
image() { model_ctl state | grep -q "image=$1"; }
air() { model_ctl air | tr ' ' '\n' | sed -n "s/^$1=//p"; }

cxx_wlan0_up
modprobe mac80211_hwsim radios=1 || fail "modprobe mac80211_hwsim"
peer=
for n in /sys/class/net/*; do
	[ -e "$n/phy80211" ] && [ "$(basename "$n")" != wlan0 ] && peer=$(basename "$n")
done
[ -n "$peer" ] || fail "no hwsim interface"
ip netns add $NS || fail "ip netns add"
iw phy "$(phy_of "$peer")" set netns name $NS || fail "iw phy set netns"
ip -n $NS link set lo up
ip netns exec $NS iw dev "$peer" set type ibss || fail "iw set type ibss (hwsim)"
ip -n $NS link set "$peer" up || fail "ip link set $peer up"
ip -n $NS addr add $PEER_IP/24 dev "$peer"
peer_mac=$(ip netns exec $NS cat "/sys/class/net/$peer/address")

# A type change reloads the firmware: not while the interface is up.
ip link set wlan0 up || fail "ip link set wlan0 up"
out=$(iw dev wlan0 set type ibss 2>&1) && fail "set type ibss succeeded on an interface that is up"
echo "$out" | grep -qi "busy" || fail "set type ibss while up: not EBUSY ($out)"
ip link set wlan0 down || fail "ip link set wlan0 down"
iw dev wlan0 set type ibss || { diag; fail "iw dev wlan0 set type ibss"; }
wait_for 10 image ibss || { diag; fail "the IBSS firmware was not loaded ($(model_ctl state))"; }
wait_for 20 cxx_ready "$dev" || { diag; fail "the IBSS firmware did not become ready"; }
iw dev wlan0 info | grep -q "type IBSS" || fail "iw dev wlan0 info: not IBSS ($(iw dev wlan0 info))"
ip link set wlan0 up || fail "ip link set wlan0 up (IBSS)"
ip addr add $OWN_IP/24 dev wlan0
model_ctl air reset || fail "model control channel"

# The driver starts the cell.
iw dev wlan0 ibss join $SSID 2437 || { diag; fail "iw dev wlan0 ibss join"; }
in_cell() { model_ctl ibss | grep -q "^bssid="; }
wait_for 20 in_cell || { diag; fail "the firmware started no IBSS"; }
bssid=$(model_ctl ibss | sed -n 's/^bssid=\([0-9a-f:]*\) .*/\1/p')
note "cell $bssid: $(model_ctl ibss)"
[ "$(air ibss_started)" -ge 1 ] || fail "no ASSOCIATE type 3 ($(model_ctl air))"
model_ctl ibss | grep -q "ssid=$SSID channel=6" || fail "the cell is not $SSID on channel 6 ($(model_ctl ibss))"
joined_own() { iw dev wlan0 link | grep -qi "Joined IBSS $bssid"; }
wait_for 10 joined_own || { diag; fail "iw dev wlan0 link does not show IBSS $bssid"; }
iw dev wlan0 link | grep -q "freq: 2437" || fail "iw link: not on 2437 MHz ($(iw dev wlan0 link))"

ip netns exec $NS iw dev "$peer" ibss join $SSID 2437 || fail "iw ibss join (hwsim)"
joined() { ip netns exec $NS iw dev "$peer" link | grep -qi "IBSS $bssid"; }
wait_for 20 joined || { ip netns exec $NS iw dev "$peer" link; diag; fail "hwsim did not join cell $bssid"; }
ping -c 3 -W 3 $PEER_IP >/dev/null || { diag; fail "ping ipw2200_cxx -> hwsim"; }
ip netns exec $NS ping -c 3 -W 3 $OWN_IP >/dev/null || { diag; fail "ping hwsim -> ipw2200_cxx"; }
model_ctl ibss | grep -q "stations=.*$peer_mac" || fail "the driver's station table lacks $peer_mac ($(model_ctl ibss))"
model_ctl ibss | grep -q "peers=.*$peer_mac" || fail "the firmware heard no $peer_mac ($(model_ctl ibss))"
[ "$(air data_tx)" -ge 3 ] || fail "the firmware sent $(air data_tx) data frames"
note "air: $(model_ctl air)"

# Leave: ASSOCIATE type 2, the firmware's beacons stop; hwsim keeps the cell.
iw dev wlan0 ibss leave || { diag; fail "iw dev wlan0 ibss leave"; }
left() { model_ctl ibss | grep -q "^none"; }
wait_for 10 left || { diag; fail "the firmware is still in the cell after the leave"; }
iw dev wlan0 link | grep -qi "Joined IBSS" && fail "iw link still shows a cell after the leave"
ping -c 1 -W 2 $PEER_IP >/dev/null 2>&1 && fail "ping works after the leave"

# Join again: a scan lists hwsim's cell, the join takes it (type 0, same BSSID).
listed() { timeout 30 iw dev wlan0 scan 2>/dev/null | grep -qi "^BSS $bssid"; }
wait_for 40 listed || { diag; fail "iw scan does not list hwsim's cell $bssid"; }
iw dev wlan0 ibss join $SSID 2437 || { diag; fail "iw dev wlan0 ibss join (again)"; }
joined_again() { [ "$(air ibss_joined)" -ge 1 ]; }
wait_for 20 joined_again || { diag; fail "the driver did not join hwsim's cell (ASSOCIATE type 0)"; }
model_ctl ibss | grep -q "^bssid=$bssid" || fail "joined another cell ($(model_ctl ibss))"
wait_for 10 joined_own || { diag; fail "iw dev wlan0 link does not show IBSS $bssid after the join"; }
ping -c 3 -W 3 $PEER_IP >/dev/null || { diag; fail "ping ipw2200_cxx -> hwsim after the join"; }
ip netns exec $NS ping -c 3 -W 3 $OWN_IP >/dev/null || { diag; fail "ping hwsim -> ipw2200_cxx after the join"; }
note "air: $(model_ctl air)"

# A firmware reload: the new firmware is in no cell; the driver joins the one cfg80211 counts it in.
echo 1 >"$(cxx_dbg "$dev")/restart" || fail "debugfs restart"
rejoined() { klog | grep -q "rejoining IBSS $bssid" && model_ctl ibss | grep -q "^bssid=$bssid"; }
wait_for 30 rejoined || { diag; fail "no rejoin of $bssid after a firmware reload"; }
wait_for 10 joined_own || { diag; fail "iw dev wlan0 link does not show IBSS $bssid after the reload"; }
ping -c 3 -W 3 $PEER_IP >/dev/null || { diag; fail "ping ipw2200_cxx -> hwsim after the reload"; }

# Down leaves the cell (cfg80211 calls leave_ibss); back to managed.
ip link set wlan0 down || fail "ip link set wlan0 down (IBSS)"
wait_for 10 left || { diag; fail "the firmware is still in the cell after wlan0 went down"; }
iw dev wlan0 set type managed || { diag; fail "iw dev wlan0 set type managed"; }
wait_for 10 image bss || { diag; fail "the BSS firmware was not loaded again"; }
wait_for 20 cxx_ready "$dev" || { diag; fail "the BSS firmware did not become ready"; }
iw dev wlan0 info | grep -q "type managed" || fail "iw dev wlan0 info: not managed again"
echo "ok: ipw2200_cxx starts and joins an IBSS with a hwsim radio through the model's air; ping both ways"
