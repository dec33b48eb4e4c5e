#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The test machine is what the other tests assume: 2 CPUs, lockdep on, the
# host root read-only, writable tmpfs, the output share, modprobe for the
# test kernel's modules, and the debug options the gate relies on.
. "$(dirname "$0")/lib.sh"

n=$(nproc)
[ "$n" = 2 ] || fail "expected 2 CPUs, have $n"
grep -q 'debug_locks: *1' /proc/lockdep_stats || fail "lockdep is off: $(grep debug_locks /proc/lockdep_stats)"
touch /ipw-rootfs-probe 2>/dev/null && { rm -f /ipw-rootfs-probe; fail "root file system is writable"; }
for d in /tmp /run /var; do
	touch "$d/probe" || fail "$d is not writable"
	rm -f "$d/probe"
done
[ -n "$OUT" ] && touch "$OUT/probe" || fail "output share \$OUT is not writable"
rm -f "$OUT/probe"
[ -e /sys/kernel/debug/kmemleak ] || fail "kmemleak is not available"
[ -e /proc/lock_stat ] || fail "LOCK_STAT is not enabled"
modprobe cxxrt || fail "modprobe cxxrt (ours) failed"
modprobe -r cxxrt || fail "modprobe -r cxxrt failed"
modprobe veth || fail "modprobe veth failed"
ip link add ipwa type veth peer name ipwb || fail "veth pair"
ip link del ipwa
modprobe -r veth || fail "modprobe -r veth failed"
echo "ok: $n CPUs, debug_locks 1, modprobe works"
