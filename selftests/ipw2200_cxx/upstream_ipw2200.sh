#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The fidelity reference: the upstream C ipw2200 driver on the device model
# (scripts/vm-model).  It must probe, load the firmware by DMA, initialise
# the adapter through HOST_COMPLETE, say which card and geography it found,
# register its interface (iwconfig, ethtool -i with the model's firmware
# version) and list the card's channels.  A failure here means the model is
# wrong, not the driver.
. "$(dirname "$0")/lib.sh"

dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
case $(cat "$dev/device") in
0x4223|0x4224) card=2915ABG ;;
*) card=2200BG ;;
esac
note "model: $(basename "$dev") $(cat "$dev/vendor"):$(cat "$dev/device") ($card)"
trap 'modprobe -r ipw2200 2>/dev/null' EXIT

# Lines of the kernel log from this test on.
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }

# The model's default FW_VERSION ordinal (DeviceConfig::fw_version).
fw_version="ipw2200-model 3.1"

# debug: RF_KILL (1<<17) and FW_ERRORS (1<<18) messages.
modprobe ipw2200 debug=0x60000 || fail "modprobe ipw2200"
wait_for 10 sh -c "ls '$dev/net' | grep -q ." || { klog | tail -n 20; fail "no network interface"; }
ifc=$(ls "$dev/net" | head -n 1)
# STATUS_INIT (1<<5) is set once HOST_COMPLETE has been accepted.
init_done() { [ $(($(cat "$dev/status") & 0x20)) -ne 0 ]; }
wait_for 10 init_done || { klog | tail -n 20; fail "initialisation did not complete (status $(cat "$dev/status"))"; }

klog | grep -q "ipw2200: Detected Intel PRO/Wireless $card Network Connection" ||
	{ klog | tail -n 20; fail "no 'Detected Intel PRO/Wireless $card Network Connection'"; }
geo=$(klog | grep "ipw2200: Detected geography") || fail "no geography line"
note "${geo#*] }"

iwconfig "$ifc" 2>&1 | grep -q "IEEE 802.11" || { iwconfig "$ifc"; fail "iwconfig does not show $ifc"; }
chans=$(iwlist "$ifc" channel 2>&1)
n5=$(echo "$chans" | grep -c "Channel [0-9]* : 5\.")
n24=$(echo "$chans" | grep -c "Channel [0-9]* : 2\.")
note "iwlist channel: $n24 channels at 2.4 GHz, $n5 at 5 GHz"
[ "$n24" -ge 11 ] || { echo "$chans"; fail "fewer than 11 2.4 GHz channels"; }
if [ $card = 2915ABG ]; then
	[ "$n5" -ge 4 ] || { echo "$chans"; fail "a 2915ABG lists no 5 GHz channels"; }
else
	[ "$n5" = 0 ] || { echo "$chans"; fail "a 2200BG lists 5 GHz channels"; }
fi
info=$(ethtool -i "$ifc") || fail "ethtool -i $ifc"
echo "$info" | grep -qx "driver: ipw2200" || { echo "$info"; fail "ethtool -i: driver"; }
echo "$info" | grep -qxF "firmware-version: $fw_version" ||
	{ echo "$info"; fail "ethtool -i: firmware version is not the model's '$fw_version'"; }
note "ethtool -i: $(echo "$info" | grep firmware-version)"

ms() { echo "$1" | sed -n 's/^\[ *\([0-9]*\)\.\([0-9]\{3\}\).*/\1\2/p'; }
# Probe to the geography line covers the whole firmware load and bring-up
# (a measurement, not a pass criterion: scripts/bench/fw-load).
t0=$(ms "$(klog | grep -m1 'ipw2200: Detected Intel PRO/Wireless')")
t1=$(ms "$(klog | grep -m1 'ipw2200: Detected geography')")
[ -n "$t0" ] && [ -n "$t1" ] && note "probe to initialised (firmware load included): $((t1 - t0)) ms"

modprobe -r ipw2200 || fail "modprobe -r ipw2200"
echo "ok: upstream ipw2200 probed and initialised on the model ($card)"
