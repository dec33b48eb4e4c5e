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

# INTA bit 5 comes back 200 µs after each acknowledgement: thousands of
# interrupts land inside reads, yet the guest keeps time for the reads
# themselves.  (An unpaced storm keeps both vCPUs spinning with interrupts
# off, and a read then waits for the host to schedule the model at all.)
#
# A read that waits in virtio-pcidev holds the command queue with interrupts
# off, the other CPU spins for it, and the model only answers when the host
# schedules it: on a busy 2-CPU host that can take longer than the kernel's
# 40 ms default for an answer (max_delay_us).  The test is about which value
# a read returns, not about host scheduling, so it gives reads 2 s; a lost
# or misrouted answer still fails it (all-ones or another register's value).
delay=/sys/module/virtio_pcidev/parameters/max_delay_us
old_delay=$(cat "$delay") || fail "no $delay"
echo 2000000 >"$delay" || fail "cannot set $delay"
model_ctl irq-storm on 0x20 "${STORM_PERIOD_US:-200}" || fail "model: irq-storm on"
trap 'model_ctl irq-storm off >/dev/null; rmmod virtpci_storm 2>/dev/null; echo "$old_delay" >"$delay"' EXIT
insmod "$ko"
rc=$?
dmesg | grep "virtpci_storm" | tail -n 5
[ $rc = 0 ] || fail "insmod virtpci_storm failed ($rc): wrong register values or no interrupt storm"
rmmod virtpci_storm || fail "rmmod virtpci_storm"
echo "ok: every register read returned its value while interrupts nested into the reads"
