#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Register reads racing interrupts on both CPUs (virtpci_storm/virtpci_storm.c):
# with the test kernel's virtio-pcidev patch every read returns its
# register's value.  selftests/ipw2200_cxx/virtpci-unpatched.sh runs the same
# test on a kernel without that patch and expects it to fail.
. "$(dirname "$0")/lib.sh"

ko=$(cd "$(dirname "$0")/../.." && pwd)/out/test-modules/virtpci_storm.ko
[ -f "$ko" ] || fail "test module not built: $ko"
model_pci_dev >/dev/null || fail "no 2200BG on the PCI bus (device model not attached?)"
[ "$(nproc)" -ge 2 ] || fail "needs 2 CPUs, has $(nproc)"

# INTA bit 5 comes back as soon as it is acknowledged (STORM_PERIOD_US=N:
# N µs later): some 20000 interrupts land inside the reads.
model_ctl irq-storm on 0x20 "${STORM_PERIOD_US:-0}" || fail "model: irq-storm on"
trap 'model_ctl irq-storm off >/dev/null; rmmod virtpci_storm 2>/dev/null' EXIT
insmod "$ko"
rc=$?
dmesg | grep "virtpci_storm" | tail -n 5
[ $rc = 0 ] || fail "insmod virtpci_storm failed ($rc): wrong register values or no interrupt storm"
rmmod virtpci_storm || fail "rmmod virtpci_storm"
echo "ok: every register read returned its value while interrupts nested into the reads"
