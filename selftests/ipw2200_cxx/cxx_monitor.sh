#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx in monitor mode through cfg80211: `iw dev wlan0 set type
# monitor` is refused while wlan0 is up (EBUSY) and, with wlan0 down,
# loads the sniffer firmware (ipw2200-sniffer.fw); wlan0 becomes a
# radiotap interface; `iw dev wlan0 set channel 6` tunes the sniffer next
# to a hostapd AP on channel 6 of a mac80211_hwsim radio.  A small
# AF_PACKET reader (python3) checks the AP's beacons with their radiotap
# header: version 0, the flags, rate, channel (2437 MHz, 2 GHz band),
# antenna signal (dBm) and antenna fields present, a sane signal and
# rate.  Then back to managed (the BSS firmware), and a connect to the AP
# with a ping.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v iw >/dev/null || skip "iw is not installed"
PY=$(command -v python3) || skip "python3 is not installed (the frame reader needs it)"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'ap_stop; modprobe -r mac80211_hwsim 2>/dev/null; cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }
diag() { klog | tail -n 25; note "air: $(model_ctl air)"; note "state: $(model_ctl state)"; }
image() { model_ctl state | grep -q "image=$1"; }

cxx_wlan0_up
hwsim_ap_up open
ap_mac=$(ip netns exec $AP_NS cat "/sys/class/net/$ap_ifc/address")

# A type change reloads the firmware: not while the interface is up.
ip link set wlan0 up || fail "ip link set wlan0 up"
out=$(iw dev wlan0 set type monitor 2>&1) && fail "set type monitor succeeded on an interface that is up"
echo "$out" | grep -qi "busy" || fail "set type monitor while up: not EBUSY ($out)"
iw dev wlan0 info | grep -q "type managed" || fail "the type changed although refused"

ip link set wlan0 down || fail "ip link set wlan0 down"
iw dev wlan0 set type monitor || { diag; fail "iw dev wlan0 set type monitor"; }
wait_for 10 image sniffer || { diag; fail "the sniffer firmware was not loaded"; }
wait_for 20 cxx_ready "$dev" || { diag; fail "the sniffer firmware did not become ready"; }
iw dev wlan0 info | grep -q "type monitor" || fail "iw dev wlan0 info: not a monitor ($(iw dev wlan0 info))"
[ "$(cat /sys/class/net/wlan0/type)" = 803 ] ||
	fail "wlan0 is not a radiotap interface (type $(cat /sys/class/net/wlan0/type))"
ip link set wlan0 up || fail "ip link set wlan0 up (monitor)"
iw dev wlan0 set channel 6 || { diag; fail "iw dev wlan0 set channel 6"; }
out=$(timeout 20 iw dev wlan0 scan 2>&1) && fail "a scan in monitor mode succeeded"
model_ctl air reset || fail "model control channel"

# 5 s of frames: radiotap header checked field by field, then the 802.11 frame.
res=$("$PY" - wlan0 "$ap_mac" <<'PYEOF'
import socket, struct, sys, time
ifc, ap = sys.argv[1], bytes.fromhex(sys.argv[2].replace(":", ""))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(3))
s.bind((ifc, 0))
s.settimeout(0.5)
end, beacons, frames, bad = time.time() + 5, 0, 0, []
while time.time() < end:
    try:
        p = s.recv(4096)
    except socket.timeout:
        continue
    frames += 1
    if len(p) < 8:
        bad.append("short"); continue
    ver, pad, rtlen, present = struct.unpack_from("<BBHI", p, 0)
    f = p[rtlen:]
    if not (len(f) >= 16 and f[0] == 0x80 and f[10:16] == ap):
        continue
    need = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 5)
    if ver != 0 or present & need != need or rtlen < 15 or rtlen > len(p):
        bad.append("header ver=%d len=%d present=%#x" % (ver, rtlen, present)); continue
    # flags u8 @8, rate u8 @9, channel le16 freq + le16 flags @10, signal s8 @14
    rate, freq, cflags = p[9], struct.unpack_from("<H", p, 10)[0], struct.unpack_from("<H", p, 12)[0]
    sig = struct.unpack_from("<b", p, 14)[0]
    if freq != 2437 or not cflags & 0x0080 or not (2 <= rate <= 108) or not (-100 <= sig <= -1):
        bad.append("freq=%d cflags=%#x rate=%d signal=%d" % (freq, cflags, rate, sig)); continue
    beacons += 1
print(beacons, frames, ";".join(bad[:3]) or "-")
PYEOF
) || fail "frame reader failed"
note "beacons from $ap_mac, frames, bad: $res; air: $(model_ctl air)"
set -- $res
[ "$3" = - ] || fail "beacons with a bad radiotap header: $3"
[ "$1" -ge 3 ] || { diag; fail "fewer than 3 beacons of the AP seen on wlan0 ($res)"; }
sniffed=$(model_ctl air | tr ' ' '\n' | sed -n 's/^sniffed=//p')
[ "${sniffed:-0}" -ge 3 ] || fail "the sniffer firmware delivered ${sniffed:-0} frames"
ip -s link show wlan0 | sed 's/^/# /'

# Back to managed: the BSS firmware, an Ethernet interface, and a connect that works.
out=$(iw dev wlan0 set type managed 2>&1) && fail "set type managed succeeded while up"
ip link set wlan0 down || fail "ip link set wlan0 down (monitor)"
iw dev wlan0 set type managed || { diag; fail "iw dev wlan0 set type managed"; }
wait_for 10 image bss || { diag; fail "the BSS firmware was not loaded again"; }
wait_for 20 cxx_ready "$dev" || { diag; fail "the BSS firmware did not become ready"; }
[ "$(cat /sys/class/net/wlan0/type)" = 1 ] || fail "wlan0 is not Ethernet again"
ip link set wlan0 up || fail "ip link set wlan0 up (managed)"
listed() { timeout 30 iw dev wlan0 scan 2>/dev/null | grep -q "SSID: $AP_SSID\$"; }
wait_for 30 listed || { diag; fail "no $AP_SSID in the scan results after monitor mode"; }
timeout 60 iw dev wlan0 connect "$AP_SSID" >/dev/null 2>&1
linked() { iw dev wlan0 link | grep -q "SSID: $AP_SSID"; }
wait_for 30 linked || { diag; fail "no connection to $AP_SSID after monitor mode"; }
ip addr add $STA_IP/24 dev wlan0 2>/dev/null
ping -c 3 -W 3 $AP_IP >/dev/null || { diag; fail "ping wlan0 -> AP after monitor mode"; }
echo "ok: monitor mode (sniffer firmware, radiotap beacons of the AP on channel 6) and back to managed"
