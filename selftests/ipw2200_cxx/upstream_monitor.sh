#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream ipw2200 driver in monitor mode (the model's sniffer firmware,
# ipw2200-sniffer.fw; the driver's scan request tunes it: one channel,
# passive, 2 s dwell, again and again) next to a hostapd AP on channel 6 of
# a mac80211_hwsim radio: the interface delivers the AP's beacons, with
# the radiotap header the driver builds from the firmware's receive header.
# A small AF_PACKET reader (python3) counts them.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v iwconfig >/dev/null || skip "iwconfig (wireless-tools) is not installed"
PY=$(command -v python3) || skip "python3 is not installed (the frame reader needs it)"
trap 'ap_stop; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

upstream_up
hwsim_ap_up open
ap_mac=$(ip netns exec $AP_NS cat "/sys/class/net/$ap_ifc/address")

# Monitor mode: the driver reloads the adapter with ipw2200-sniffer.fw.
iwconfig "$ifc" mode monitor || fail "iwconfig $ifc mode monitor"
sniffer_image() { model_ctl state | grep -q "image=sniffer"; }
init_done() { [ $(($(cat "$dev/status") & 0x20)) -ne 0 ]; }
wait_for 10 sniffer_image || fail "the sniffer firmware was not loaded ($(model_ctl state))"
wait_for 10 init_done || fail "initialisation did not complete (status $(cat "$dev/status"))"
iwconfig "$ifc" channel 6 || fail "iwconfig $ifc channel 6"
ip link set "$ifc" up || fail "ip link set $ifc up"
[ "$(cat /sys/class/net/$ifc/type)" = 803 ] || fail "$ifc is not a radiotap interface (type $(cat /sys/class/net/$ifc/type))"
model_ctl air reset || fail "model control channel"

# Count beacons from the AP for 5 s: radiotap header (its length at byte 2),
# then the 802.11 frame (type 0 subtype 8, address 2 = the AP).
n=$("$PY" - "$ifc" "$ap_mac" <<'PYEOF'
import socket, struct, sys, time
ifc, ap = sys.argv[1], bytes.fromhex(sys.argv[2].replace(":", ""))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((ifc, 0))
s.settimeout(0.5)
end, beacons, frames = time.time() + 5, 0, 0
while time.time() < end:
    try:
        p = s.recv(4096)
    except socket.timeout:
        continue
    if len(p) < 4 or p[0] != 0:
        continue
    rt = struct.unpack_from("<H", p, 2)[0]
    f = p[rt:]
    frames += 1
    if len(f) >= 16 and f[0] == 0x80 and f[10:16] == ap:
        beacons += 1
print(beacons, frames)
PYEOF
) || fail "frame reader failed"
note "beacons from $ap_mac, frames: $n; air: $(model_ctl air)"
[ "${n%% *}" -ge 3 ] || fail "fewer than 3 beacons of the AP seen on $ifc ($n)"
sniffed=$(model_ctl air | tr ' ' '\n' | sed -n 's/^sniffed=//p')
[ "${sniffed:-0}" -ge 3 ] || fail "the sniffer firmware delivered $sniffed frames"
echo "ok: upstream ipw2200 in monitor mode sees the AP's beacons on channel 6 through the model's sniffer firmware"
