#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The command channel is a queue: 4 writers send 50 commands each through
# debugfs at the same time; every one completes (none refused because
# another was in flight), and the firmware saw each of them.
. "$(dirname "$0")/lib.sh"

dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'cxx_unload 2>/dev/null' EXIT
cxx_load || fail "loading ipw2200_cxx"
wait_for 30 cxx_ready "$dev" || fail "the firmware did not become ready"

sent=$(cxx_stat "$dev" commands_sent)
rts=$(model_counter cmd_0x0f)
retry=$(model_counter cmd_0x33)
sens=$(model_counter cmd_0x2a)
# writer N: 50 commands of its own kind; the count of failures goes to $WORK/writer-N.
writer() {
	local i bad=0
	for i in $(seq 50); do
		case $1 in
		1|2) cxx_cmd "$dev" "15 $(printf '%02x' $((i + $1)))090000" || bad=$((bad + 1)) ;;
		3) cxx_cmd "$dev" "51 07040000" || bad=$((bad + 1)) ;;
		4) cxx_cmd "$dev" "42 5a000000" || bad=$((bad + 1)) ;;
		esac
	done
	echo $bad >"$WORK/writer-$1"
}
mkdir -p "$WORK"
for w in 1 2 3 4; do writer $w & done
wait
for w in 1 2 3 4; do
	[ "$(cat "$WORK/writer-$w")" = 0 ] || fail "writer $w: $(cat "$WORK/writer-$w") of 50 commands failed"
done
d=$(($(cxx_stat "$dev" commands_sent) - sent))
[ $d = 200 ] || fail "the driver completed $d commands, not 200"
[ $(($(model_counter cmd_0x0f) - rts)) = 100 ] || fail "the firmware saw $(($(model_counter cmd_0x0f) - rts)) RTS_THRESHOLD, not 100"
[ $(($(model_counter cmd_0x33) - retry)) = 50 ] || fail "the firmware saw $(($(model_counter cmd_0x33) - retry)) RETRY_LIMIT, not 50"
[ $(($(model_counter cmd_0x2a) - sens)) = 50 ] || fail "the firmware saw $(($(model_counter cmd_0x2a) - sens)) SENSITIVITY_CALIB, not 50"
[ "$(cxx_stat "$dev" commands_failed)" = 0 ] || fail "$(cxx_stat "$dev" commands_failed) commands failed"
cxx_unload || fail "rmmod ipw2200_cxx"
trap - EXIT
echo "ok: 4 concurrent writers, 200 commands, all completed in order of their turn"
