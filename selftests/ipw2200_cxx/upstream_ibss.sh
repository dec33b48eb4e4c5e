#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream ipw2200 driver in ad-hoc mode (the model's IBSS firmware,
# ipw2200-ibss.fw) and a mac80211_hwsim radio in an IBSS (its own network
# namespace, so traffic crosses the model's air): the driver creates the
# cell (ASSOCIATE type 3, the firmware beacons), hwsim joins it with
# `iw ibss join`, ping crosses both ways and the driver's station table
# holds the peer.  Then the driver leaves (`essid off`) and comes back:
# `iwlist scan` finds the cell hwsim keeps up, the ESSID set again makes
# the driver join it (ASSOCIATE type 0), and ping works again.
. "$(dirname "$0")/lib.sh"

command -v iw >/dev/null || skip "iw is not installed"
command -v iwconfig >/dev/null || skip "iwconfig (wireless-tools) is not installed"
NS=ibssns
SSID=ipw-ibss
PEER_IP=10.78.0.1
OWN_IP=10.78.0.2
trap 'ip netns del $NS 2>/dev/null; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

upstream_up
modprobe mac80211_hwsim radios=1 || fail "modprobe mac80211_hwsim"
peer=
for n in /sys/class/net/*; do
	[ -e "$n/phy80211" ] && [ "$(basename "$n")" != "$ifc" ] && peer=$(basename "$n")
done
[ -n "$peer" ] || fail "no hwsim interface"
ip netns add $NS || fail "ip netns add"
iw phy "$(phy_of "$peer")" set netns name $NS || fail "iw phy set netns"
ip -n $NS link set lo up
ip netns exec $NS iw dev "$peer" set type ibss || fail "iw set type ibss"
ip -n $NS link set "$peer" up || fail "ip link set $peer up"
ip -n $NS addr add $PEER_IP/24 dev "$peer"

# Ad-hoc mode: the driver reloads the adapter with ipw2200-ibss.fw.
iwconfig "$ifc" mode ad-hoc || fail "iwconfig $ifc mode ad-hoc"
ibss_image() { model_ctl state | grep -q "image=ibss"; }
init_done() { [ $(($(cat "$dev/status") & 0x20)) -ne 0 ]; }
wait_for 10 ibss_image || fail "the IBSS firmware was not loaded ($(model_ctl state))"
wait_for 10 init_done || fail "initialisation did not complete (status $(cat "$dev/status"))"
model_ctl air reset || fail "model control channel"
iwconfig "$ifc" channel 6 essid $SSID || fail "iwconfig $ifc channel 6 essid $SSID"
ip link set "$ifc" up || fail "ip link set $ifc up"
ip addr add $OWN_IP/24 dev "$ifc"

in_cell() { model_ctl ibss | grep -q "^bssid="; }
wait_for 20 in_cell || { iwconfig "$ifc"; note "air: $(model_ctl air)"; fail "the driver started no IBSS"; }
bssid=$(model_ctl ibss | sed -n 's/^bssid=\([0-9a-f:]*\) .*/\1/p')
note "cell $bssid: $(model_ctl ibss)"
[ "$(model_ctl air | tr ' ' '\n' | sed -n 's/^ibss_started=//p')" -ge 1 ] ||
	fail "no ASSOCIATE type 3 ($(model_ctl air))"
iwconfig "$ifc" | grep -qi "Cell: $bssid" || { iwconfig "$ifc"; fail "iwconfig does not show cell $bssid"; }

ip netns exec $NS iw dev "$peer" ibss join $SSID 2437 || fail "iw ibss join"
joined() { ip netns exec $NS iw dev "$peer" link | grep -qi "IBSS $bssid"; }
wait_for 20 joined || { ip netns exec $NS iw dev "$peer" link; fail "hwsim did not join cell $bssid"; }
ping -c 3 -W 3 $PEER_IP >/dev/null || { note "air: $(model_ctl air)"; fail "ping ipw2200 -> hwsim"; }
ip netns exec $NS ping -c 3 -W 3 $OWN_IP >/dev/null || { note "air: $(model_ctl air)"; fail "ping hwsim -> ipw2200"; }
peer_mac=$(ip netns exec $NS cat "/sys/class/net/$peer/address")
model_ctl ibss | grep -q "stations=.*$peer_mac" ||
	fail "the driver's station table lacks $peer_mac ($(model_ctl ibss))"
model_ctl ibss | grep -q "peers=.*$peer_mac" || fail "the firmware heard no $peer_mac ($(model_ctl ibss))"
note "air: $(model_ctl air)"

# Leave (`essid off`: ASSOCIATE type 2, the beacons stop) and come back:
# hwsim keeps the cell up, the driver finds it in a scan and joins it.
iwconfig "$ifc" essid off || fail "iwconfig $ifc essid off"
left() { model_ctl ibss | grep -q "^none"; }
wait_for 10 left || fail "the firmware is still in the cell after the driver left ($(model_ctl ibss))"
# With a static channel and no such cell in its scan list the driver would
# create a new one at once: scan first (the firmware hands the host hwsim's
# beacons), then set the ESSID.
listed() { iwlist "$ifc" scan 2>/dev/null | grep -qi "Address: $bssid"; }
wait_for 20 listed || fail "iwlist scan does not list hwsim's cell $bssid"
iwconfig "$ifc" essid $SSID || fail "iwconfig $ifc essid $SSID again"
joined_again() { model_ctl air | tr ' ' '\n' | grep -q "^ibss_joined=[1-9]"; }
wait_for 30 joined_again || { note "air: $(model_ctl air)"; fail "the driver did not join hwsim's cell"; }
model_ctl ibss | grep -q "^bssid=$bssid" || fail "joined another cell ($(model_ctl ibss))"
ping -c 3 -W 3 $PEER_IP >/dev/null || { note "air: $(model_ctl air)"; fail "ping ipw2200 -> hwsim after the join"; }
ip netns exec $NS ping -c 3 -W 3 $OWN_IP >/dev/null || fail "ping hwsim -> ipw2200 after the join"
note "air: $(model_ctl air)"
echo "ok: upstream ipw2200 creates and joins an IBSS with a hwsim radio through the model's air; ping both ways"
