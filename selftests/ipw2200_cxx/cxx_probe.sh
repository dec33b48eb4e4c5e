#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ipw2200_cxx probes the model's card: firmware loaded, initialisation
# complete (HOST_COMPLETE taken), a few informative kernel log lines (card,
# MAC, geography, firmware version from the ordinals), commands through
# the queue, unload.
. "$(dirname "$0")/lib.sh"

dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
trap 'cxx_unload 2>/dev/null' EXIT
log_mark=$(dmesg | wc -l)
klog() { dmesg | tail -n +$((log_mark + 1)); }

model_ctl counters reset || fail "model control channel"
fw_version=$(model_ctl info fw_version)
mac=$(model_ctl info mac)
country=$(model_ctl info country)
case $(cat "$dev/device") in 0x4223|0x4224) card=2915ABG ;; *) card=2200BG ;; esac

cxx_load || { klog | tail -n 20; fail "loading ipw2200_cxx"; }
wait_for 20 cxx_ready "$dev" || { klog | tail -n 30; cat "$(cxx_dbg "$dev")/status"; fail "the firmware did not become ready"; }
cxx_bound "$dev" || fail "ipw2200_cxx is not bound to $(basename "$dev")"
[ "$(model_counter cmd_0x02)" = 1 ] || fail "the model saw $(model_counter cmd_0x02) HOST_COMPLETE commands, not 1"
klog | grep "ipw2200_cxx" | sed 's/^/# /'
klog | grep -q "ipw2200_cxx $(basename "$dev"): Intel PRO/Wireless $card (8086:.*), MAC $mac, geography $country" ||
	fail "no line naming the card, MAC $mac and geography $country"
klog | grep -q "ipw2200_cxx $(basename "$dev"): firmware $fw_version (ipw2200-bss.fw v" ||
	fail "no line with the firmware version $fw_version"
n=$(klog | grep -c "ipw2200_cxx")
[ "$n" -le 4 ] || fail "$n kernel log lines for a quiet probe (want at most 4)"

# Commands through the debugfs queue: RTS_THRESHOLD 2304 and a malformed one.
cmds=$(model_counter cmd_0x0f)
echo "15 00090000" >"$(cxx_dbg "$dev")/command" || fail "RTS_THRESHOLD through debugfs"
[ "$(model_counter cmd_0x0f)" = $((cmds + 1)) ] || fail "the model did not see the RTS_THRESHOLD"
echo "15 0009zz" >"$(cxx_dbg "$dev")/command" 2>/dev/null && fail "a malformed command was accepted"
note "status: $(tr '\n' ' ' <"$(cxx_dbg "$dev")/status")"

cxx_unload || fail "rmmod ipw2200_cxx"
[ "$(model_counter cmd_0x21)" -ge 1 ] || fail "no CARD_DISABLE at unload"
trap - EXIT
echo "ok: ipw2200_cxx probes, initialises the $card and unloads"
