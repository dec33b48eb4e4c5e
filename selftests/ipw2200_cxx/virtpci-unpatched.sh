#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The register-read storm test (virtpci_storm.sh) must catch the bug it was
# written for: on the test kernel built without the virtio-pcidev
# command-queue patch (TREE/linux-unpatched-virtpci, from
# scripts/kernel/build-um) it has to fail, by wrong register values or by
# the reads timing out.  A regression test that passes on the broken code
# proves nothing.
#
#   virtpci-unpatched.sh [OUT_DIR]     (default out/virtpci-unpatched)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/lib.sh"
tree=${IPW_KTREE:-$("$root/scripts/kernel/build-um")}
out=${1:-$root/out/virtpci-unpatched}
[ -x "$tree/linux-unpatched-virtpci" ] || { echo "FAIL: no $tree/linux-unpatched-virtpci"; exit 1; }
[ -f "$root/out/test-modules/virtpci_storm.ko" ] ||
	"$here/build-test-modules.sh" "$tree" || { echo "FAIL: test module build"; exit 1; }

"$root/scripts/vm-run" -o "$out" -t 180 --linux "$tree/linux-unpatched-virtpci" -- \
	"$here/run-in-vm" virtpci_storm.sh >"$out.log" 2>&1
rc=$?
cat "$out.log"
grep -q "^not ok - ipw2200_cxx: virtpci_storm" "$out.log" ||
	{ echo "FAIL: the storm test did not fail on the unpatched kernel (vm-run exit $rc)"; exit 1; }
evidence=$(grep -h -E "reads wrong \(last|CPUs, [1-9][0-9]* wrong|[1-9][0-9]* wrong reads in the handler|um virt-pci delay" "$out/dmesg" "$out/kmsg" 2>/dev/null | head -n 5)
[ -n "$evidence" ] ||
	{ echo "FAIL: the storm test failed on the unpatched kernel, but not with wrong reads or read timeouts"; exit 1; }
echo "$evidence" | sed 's/^/# unpatched: /'
echo "ok: the storm test fails without the patch"
