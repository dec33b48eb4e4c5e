#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Malformed firmware files: ipw2200_cxx refuses each before the device sees
# a byte, with a message naming the defect, and binds again once the good
# file is back.  Every probe failure must leave no splat and no leak
# (vm-run's kernel log gate and kmemleak scan).
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null || skip "python3 is not installed (it writes the malformed files)"
dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
pci=$(basename "$dev")
drv=/sys/bus/pci/drivers/ipw2200_cxx
fwpath=/sys/module/firmware_class/parameters/path
good_path=$(cat "$fwpath")
bad=$WORK/badfw
mkdir -p "$bad"
trap 'echo "$good_path" >"$fwpath"; cxx_unload 2>/dev/null' EXIT

# KIND FILE: one malformed ipw2200-bss.fw (hardware reference 7.2/7.3).
python3 - "$bad" <<'PY'
import struct, sys, os
d = sys.argv[1]
def chunk(addr, payload):
    return struct.pack('<II', addr, len(payload)) + payload
def fw(boot, ucode, rt, ver=0x30001, sizes=None):
    b, u, r = sizes or (len(boot), len(ucode), len(rt))
    return struct.pack('<IIII', ver, b, u, r) + boot + ucode + rt
boot = chunk(0, bytes(64))
ucode = bytes(16)
rt = chunk(0x100, bytes(256))
good = fw(boot, ucode, rt)
cases = {
    'short': good[:12],
    'truncated': good[:len(good) - 100],
    'sram-overrun': fw(chunk(0x2ff00, bytes(0x200)), ucode, rt),
    'too-many-pieces': fw(b''.join(chunk(0x100 + 4 * i, b'\0') for i in range(65)), ucode, rt),
    'empty-boot': fw(b'', ucode, rt),
    'empty-runtime': fw(boot, ucode, b''),
    'odd-ucode': fw(boot, bytes(3), rt),
    'no-ucode': fw(boot, b'', rt),
    'chunk-past-end': fw(chunk(0, bytes(64))[:40], ucode, rt),
    'header-past-end': fw(boot + b'\x01\x02\x03', ucode, rt),
    'empty-chunk': fw(chunk(0, b'') + boot, ucode, rt),
    'cb-overlap': fw(chunk(0x27000, bytes(32)), ucode, rt),
}
for k, v in cases.items():
    os.makedirs(os.path.join(d, k), exist_ok=True)
    open(os.path.join(d, k, 'ipw2200-bss.fw'), 'wb').write(v)
PY
[ -d "$bad/odd-ucode" ] || fail "could not write the malformed files"

cxx_load || fail "loading ipw2200_cxx"
wait_for 30 cxx_ready "$dev" || fail "the firmware did not become ready with the good file"
echo "$pci" >"$drv/unbind" || fail "unbind"

# KIND EXPECTED-MESSAGE
while read -r kind msg; do
	echo "$bad/$kind" >"$fwpath"
	mark=$(dmesg | wc -l)
	c=$(model_counter dma_transfers)
	if echo "$pci" >"$drv/bind" 2>/dev/null; then
		fail "$kind: the malformed file was accepted"
	fi
	cxx_bound "$dev" && fail "$kind: bound to the malformed file"
	line=$(dmesg | tail -n +$((mark + 1)) | grep "ipw2200_cxx $pci: ipw2200-bss.fw: ") ||
		{ dmesg | tail -n +$((mark + 1)); fail "$kind: no message naming the file"; }
	echo "$line" | grep -q -- "$msg" || fail "$kind: the message does not say '$msg': $line"
	[ "$(model_counter dma_transfers)" = "$c" ] || fail "$kind: the device saw a DMA transfer"
	note "$kind: ${line#*ipw2200-bss.fw: }"
done <<'EOF2'
short shorter than the 16-byte header
truncated only
sram-overrun beyond the 0x30000-byte SRAM
too-many-pieces more than 64 DMA pieces
empty-boot the boot image is empty
empty-runtime the runtime image is empty
odd-ucode microcode size 3 is not an even number
no-ucode microcode size 0 is not an even number
chunk-past-end runs past the image end
header-past-end header at offset
empty-chunk is empty
cb-overlap overlaps the DMA command blocks
EOF2

echo "$good_path" >"$fwpath"
echo "$pci" >"$drv/bind" || fail "bind with the good file again"
wait_for 30 cxx_ready "$dev" || fail "not ready with the good file again"
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: ipw2200_cxx refuses 12 kinds of malformed firmware with a message naming the defect"
