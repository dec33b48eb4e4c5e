#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Negative test of the gate: load a module that takes two mutexes in both
# orders.  scripts/vm-run must exit non-zero and print lockdep's
# circular-dependency report; a gate that lets this pass is broken.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
. "$root/scripts/lib.sh"
tree=${IPW_KTREE:-$("$root/scripts/kernel/build-um")}
build="$root/out/gate-module"

rm -rf "$build"
mkdir -p "$build"
cp "$here/lock_inversion.c" "$here/Kbuild" "$build/"
make -s -C "$tree" ARCH=um LLVM="$IPW_LLVM" M="$build" modules || { echo "FAIL: module build"; exit 1; }

"$root/scripts/vm-run" -o "$root/out/gate-vm" --no-model -- insmod "$build/lock_inversion.ko" >"$build/run.log" 2>&1
rc=$?
cat "$build/run.log"
if [ $rc = 0 ]; then
	echo "FAIL: vm-run exited 0 after an AB-BA lock inversion"
	exit 1
fi
grep -q "possible circular locking dependency detected" "$build/run.log" ||
	{ echo "FAIL: vm-run failed ($rc) but did not print the circular-dependency report"; exit 1; }
grep -q "gate_lock_a" "$build/run.log" && grep -q "gate_lock_b" "$build/run.log" ||
	{ echo "FAIL: the report does not name the two locks"; exit 1; }
echo "ok: vm-run exited $rc with the lockdep report"
