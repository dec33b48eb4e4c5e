#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The kcxx KUnit suites: load the test module (its suites run at load), keep
# their KTAP for the host runner ($OUT/kunit.ktap, one TAP line per case),
# and check that two locks of one type declared at two sites are two
# lockdep classes in /proc/lockdep, named after their data.
. "$(dirname "$0")/lib.sh"

# With IPW_CXX_MODDIR (an out-of-tree build, as for cxx_load) the modules come from there.
if [ -n "${IPW_CXX_MODDIR:-}" ]; then
	modprobe cfg80211 || fail "modprobe cfg80211"
	lsmod | grep -q '^cxxrt ' || insmod "$IPW_CXX_MODDIR/cxxrt/cxxrt.ko" || fail "insmod cxxrt"
	insmod "$IPW_CXX_MODDIR/cxxrt/tests/kcxx_kunit.ko" || fail "insmod kcxx_kunit"
else
	modprobe kcxx_kunit || fail "modprobe kcxx_kunit"
fi
: >"$OUT/kunit.ktap"
for s in kcxx_runtime kcxx_sync kcxx_atomic kcxx_queue kcxx_wait kcxx_work kcxx_lifetime \
	kcxx_device kcxx_debugfs kcxx_bus kcxx_net kcxx_crypto kcxx_stress; do
	r=/sys/kernel/debug/kunit/$s/results
	[ -r "$r" ] || fail "no KUnit results for suite $s"
	cat "$r" >>"$OUT/kunit.ktap"
done
a=$(grep -c 'kcxx_test:rx_ring_site_a' /proc/lockdep)
b=$(grep -c 'kcxx_test:rx_ring_site_b' /proc/lockdep)
[ "$a" -ge 1 ] && [ "$b" -ge 1 ] ||
	fail "expected lockdep classes kcxx_test:rx_ring_site_a and _b, found $a and $b"
grep 'kcxx_test:rx_ring_site_' /proc/lockdep | sed 's/^/# /'
modprobe -r kcxx_kunit || fail "modprobe -r kcxx_kunit"
modprobe -r cxxrt || fail "modprobe -r cxxrt"
grep -q '^not ok' "$OUT/kunit.ktap" && fail "a KUnit suite failed (see kunit.ktap)"
echo "ok: KUnit suites ran; two sites, two lockdep classes"
