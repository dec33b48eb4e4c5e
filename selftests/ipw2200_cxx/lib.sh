# SPDX-License-Identifier: GPL-2.0
# Helpers for the in-VM selftests (kselftest conventions: exit 0 pass,
# 1 fail, 4 skip; a skip names its reason).  Source it.

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

fail() { echo "FAIL: $*"; exit $KSFT_FAIL; }
skip() { echo "SKIP: $*"; exit $KSFT_SKIP; }
note() { echo "# $*"; }

# wait_for SECONDS CMD...: poll CMD every 0.2 s until it succeeds.
wait_for() {
	local t=$1 i=0; shift
	while ! "$@" >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -ge $((t * 5)) ] && return 1
		sleep 0.2
	done
}

# The hwsim access point: radio wlan0 of mac80211_hwsim moved into its own
# network namespace (so traffic between it and the station really crosses
# the air), hostapd WPA2-PSK/CCMP (or open, or WEP) on channel 6.
AP_NS=apns
AP_SSID=ipw-test
AP_PSK=correct-horse-battery
# WEP-104, the AP's default key at index 1 (iwconfig's [2]).
AP_WEP_KEY=3141592653589793238462643a
AP_WEP_INDEX=1
AP_IP=10.77.0.1
STA_IP=10.77.0.2
WORK=${WORK:-/tmp/ipw-selftest}

phy_of() { cat "/sys/class/net/$1/phy80211/name"; }

# ap_start open|wpa2|wpa-tkip|wep|wep-shared IFACE (wep: open-system
# authentication, wep-shared: shared-key authentication only; wpa-tkip:
# WPA-PSK with TKIP; the WEP key is $AP_WEP_KEY at index $AP_WEP_INDEX)
ap_start() {
	local mode=$1 ifc=$2 phy
	mkdir -p "$WORK"
	phy=$(phy_of "$ifc") || return 1
	ip netns add $AP_NS || return 1
	iw phy "$phy" set netns name $AP_NS || return 1
	ip -n $AP_NS link set lo up
	{
		echo "interface=$ifc"
		echo "driver=nl80211"
		echo "ctrl_interface=$WORK/hostapd"
		echo "ssid=$AP_SSID"
		echo "hw_mode=g"
		echo "channel=6"
		if [ "$mode" = wpa2 ]; then
			echo "wpa=2"
			echo "wpa_key_mgmt=WPA-PSK"
			echo "rsn_pairwise=CCMP"
			echo "wpa_passphrase=$AP_PSK"
		fi
		if [ "$mode" = wpa-tkip ]; then
			echo "wpa=1"
			echo "wpa_key_mgmt=WPA-PSK"
			echo "wpa_pairwise=TKIP"
			echo "wpa_passphrase=$AP_PSK"
		fi
		case $mode in
		wep|wep-shared)
			echo "auth_algs=$([ "$mode" = wep ] && echo 1 || echo 2)"
			echo "wep_default_key=$AP_WEP_INDEX"
			echo "wep_key$AP_WEP_INDEX=$AP_WEP_KEY"
			;;
		esac
	} >"$WORK/hostapd.conf"
	ip netns exec $AP_NS hostapd -B -P "$WORK/hostapd.pid" -f "$WORK/hostapd.log" \
		"$WORK/hostapd.conf" >/dev/null || { cat "$WORK/hostapd.log"; return 1; }
	wait_for 10 sh -c "ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i $ifc status | grep -q state=ENABLED" ||
		{ cat "$WORK/hostapd.log"; return 1; }
	ip -n $AP_NS addr add $AP_IP/24 dev "$ifc"
}

ap_stop() {
	[ -f "$WORK/hostapd.pid" ] && kill "$(cat "$WORK/hostapd.pid")" 2>/dev/null
	sleep 0.5
	ip netns del $AP_NS 2>/dev/null
	rm -f "$WORK/hostapd.pid"
}

# sta_wpa2_connect IFACE DRIVER: wpa_supplicant on IFACE until COMPLETED.
sta_wpa2_connect() {
	local ifc=$1 drv=${2:-nl80211}
	mkdir -p "$WORK"
	cat >"$WORK/wpa.conf" <<EOS
ctrl_interface=$WORK/wpa
network={
	ssid="$AP_SSID"
	psk="$AP_PSK"
	key_mgmt=WPA-PSK
	proto=RSN
	pairwise=CCMP
}
EOS
	sta_start "$ifc" "$drv"
}

# sta_start IFACE DRIVER: wpa_supplicant with $WORK/wpa.conf (ctrl_interface
# $WORK/wpa) on IFACE until COMPLETED.
sta_start() {
	local ifc=$1 drv=${2:-nl80211}
	wpa_supplicant -B -D"$drv" -i "$ifc" -c "$WORK/wpa.conf" -P "$WORK/wpa.pid" \
		-f "$WORK/wpa.log" >/dev/null || { cat "$WORK/wpa.log"; return 1; }
	wait_for 30 sh -c "wpa_cli -p $WORK/wpa -i $ifc status | grep -q wpa_state=COMPLETED" ||
		{ tail -n 30 "$WORK/wpa.log"; return 1; }
}

sta_stop() {
	[ -f "$WORK/wpa.pid" ] && kill "$(cat "$WORK/wpa.pid")" 2>/dev/null
	rm -f "$WORK/wpa.pid"
}

# iperf_way NAME [ARG...]: 10 s of iperf3 from the station to the AP
# ($AP_IP in $AP_NS; -R: the AP sends), every step bounded so that a
# stalled transfer fails instead of hanging.  Rates are not judged, only
# that the run completed and the receiver got data: prints the bytes the
# receiver reported, or fails with a line on stderr.
iperf_way() {
	local name=$1 json=$WORK/iperf3-$1.json spid rc bytes err; shift
	ip netns exec $AP_NS timeout -k 2 60 iperf3 -s -1 -B $AP_IP \
		>"$WORK/iperf3-server-$name.log" 2>&1 &
	spid=$!
	if ! wait_for 5 sh -c "ip netns exec $AP_NS ss -ltn | grep -q ':5201 '"; then
		kill $spid 2>/dev/null
		echo "# iperf3 $name: the server did not listen" >&2
		return 1
	fi
	timeout -k 2 40 iperf3 -c $AP_IP -t 10 --connect-timeout 5000 -J "$@" >"$json" 2>&1
	rc=$?
	kill $spid 2>/dev/null
	wait $spid 2>/dev/null
	err=$(sed -n 's/^[[:space:]]*"error":[[:space:]]*//p' "$json")
	bytes=$(awk '/"sum_received"/ { r = 1 } r && /"bytes"/ { gsub(/[^0-9]/, ""); print; exit }' "$json")
	if [ $rc -ne 0 ] || [ -n "$err" ] || [ "${bytes:-0}" -eq 0 ]; then
		echo "# iperf3 $name: exit $rc, ${err:-no error}, ${bytes:-no} bytes received" >&2
		return 1
	fi
	echo "$bytes"
}

# The device model (scripts/vm-model): its PCI function and its control
# channel, /dev/hvc0, one request line and one reply line
# (Documentation/device-model.rst).  model_ctl prints the reply without
# its "ok" and fails on "error ...".
model_pci_dev() {
	local d
	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor" 2>/dev/null)" = 0x8086 ] || continue
		case "$(cat "$d/device")" in
		0x4220|0x4221|0x4223|0x4224) echo "$d"; return 0 ;;
		esac
	done
	return 1
}

model_ctl() {
	local reply
	if [ -z "${MODEL_CTL_OPEN:-}" ]; then
		[ -c /dev/hvc0 ] || { echo "no model control console (/dev/hvc0)" >&2; return 1; }
		# Kept open: the tty resets its modes on the last close.
		exec 7<>/dev/hvc0 || return 1
		stty raw -echo <&7 || return 1
		MODEL_CTL_OPEN=1
	fi
	printf '%s\n' "$*" >&7
	IFS= read -r reply <&7 || return 1
	case "$reply" in
	ok) return 0 ;;
	"ok "*) printf '%s\n' "${reply#ok }" ;;
	*) echo "model: $*: $reply" >&2; return 1 ;;
	esac
}

# medium_counter NAME: one value of "model_ctl medium" (0 if absent).
medium_counter() {
	model_ctl medium | tr ' ' '\n' | sed -n "s/^$1=//p" | grep . || echo 0
}

# air_counter NAME: one value of "model_ctl air" (0 if absent).
air_counter() {
	model_ctl air | tr ' ' '\n' | sed -n "s/^$1=//p" | grep . || echo 0
}

# model_counter NAME: one value of "model_ctl counters" (0 if absent).
model_counter() {
	model_ctl counters | tr ' ' '\n' | sed -n "s/^$1=//p" | grep . || echo 0
}

# upstream_up: load the upstream ipw2200 driver on the model and wait until
# it has initialised the adapter (STATUS_INIT, 0x20, after HOST_COMPLETE).
# Sets dev (the PCI device's sysfs directory) and ifc (its interface).
upstream_up() {
	dev=$(model_pci_dev) || fail "no 2200BG/2915ABG on the PCI bus (device model not attached?)"
	modprobe -r ipw2200_cxx 2>/dev/null
	modprobe ipw2200 "$@" || fail "modprobe ipw2200"
	wait_for 10 sh -c "ls '$dev/net' | grep -q ." || fail "no network interface"
	ifc=$(ls "$dev/net" | head -n 1)
	wait_for 10 sh -c "[ \$((\$(cat '$dev/status') & 0x20)) -ne 0 ]" ||
		fail "initialisation did not complete (status $(cat "$dev/status"))"
}

# hwsim_ap_up open|wpa2|wep|wep-shared: one mac80211_hwsim radio (load the driver under
# test first, so that it keeps its interface name) with hostapd on it
# (ap_start).  Sets ap_ifc.
hwsim_ap_up() {
	local n
	modprobe mac80211_hwsim radios=1 || fail "modprobe mac80211_hwsim"
	ap_ifc=
	for n in /sys/class/net/*; do
		[ -e "$n/phy80211" ] && [ "$(basename "$n")" != "${ifc:-}" ] && ap_ifc=$(basename "$n")
	done
	[ -n "$ap_ifc" ] || fail "no hwsim interface"
	ap_start "$1" "$ap_ifc" || fail "hostapd did not start"
}

# ---- ipw2200_cxx (our driver) -------------------------------------------
# cxx_load [PARAM=VALUE...]: load ipw2200_cxx on the model (the upstream
# ipw2200 is unloaded first: both drive the same cards).  With
# IPW_CXX_MODDIR set (an out-of-tree build, `make MO=DIR`), cxxrt and the
# driver come from there instead of the test kernel's modules.
cxx_load() {
	modprobe -r ipw2200 2>/dev/null
	if [ -n "${IPW_CXX_MODDIR:-}" ]; then
		# insmod does not load what cxxrt's cfg80211 shim needs.
		modprobe cfg80211 || return 1
		lsmod | grep -q '^cxxrt ' || insmod "$IPW_CXX_MODDIR/cxxrt/cxxrt.ko" || return 1
		insmod "$IPW_CXX_MODDIR/drivers/net/wireless/intel/ipw2200_cxx/ipw2200_cxx.ko" "$@"
	else
		modprobe ipw2200_cxx "$@"
	fi
}
cxx_unload() { rmmod ipw2200_cxx; }
# cxx_wlan0_up [PARAM=VALUE...]: load ipw2200_cxx (with those module
# parameters) on the model's card ($dev) and wait for its
# firmware and its interface, which must be wlan0 (load it before any hwsim
# radio).  Sets ifc.  The caller defines klog (its kernel log since it began).
cxx_wlan0_up() {
	cxx_load "$@" || { klog | tail -n 20; fail "loading ipw2200_cxx"; }
	wait_for 20 cxx_ready "$dev" || { klog | tail -n 30; fail "the firmware did not become ready"; }
	wait_for 10 sh -c "ls '$dev/net' 2>/dev/null | grep -q ." || fail "no network interface under $dev"
	ifc=$(ls "$dev/net" | head -n 1)
	[ "$ifc" = wlan0 ] || fail "the interface is $ifc, not wlan0"
}
# cxx_iw_connect SSID [iw connect arguments...]: scan until SSID is listed,
# `iw dev wlan0 connect SSID ...`, and wait until the link is up or the
# firmware has failed the attempt; up to three attempts.  A hostapd that
# has just started can answer the first authentication after the
# firmware's three tries (200 ms apart) are over.
cxx_iw_linked() { iw dev wlan0 link | grep -q "SSID: $1"; }
cxx_iw_over() { cxx_iw_linked "$1" || [ "$(air_counter assoc_failures)" -gt "$2" ]; }
cxx_iw_connect() {
	local n f
	for n in 1 2 3; do
		f=$(air_counter assoc_failures)
		wait_for 20 sh -c "iw dev wlan0 scan | grep -q 'SSID: $1'" || continue
		iw dev wlan0 connect "$@" || continue
		wait_for 20 cxx_iw_over "$1" "$f" && cxx_iw_linked "$1" && return 0
	done
	return 1
}
# cxx_dbg DEV: the driver's debugfs directory for PCI device DEV (sysfs path).
cxx_dbg() { echo "/sys/kernel/debug/ipw2200_cxx/$(basename "$1")"; }
# cxx_stat DEV KEY: one KEY=VALUE of the driver's debugfs status.
cxx_stat() { sed -n "s/^$2=//p" "$(cxx_dbg "$1")/status" 2>/dev/null | grep . || echo 0; }
# cxx_ready DEV: the firmware is configured (HOST_COMPLETE accepted).
cxx_ready() { grep -q '^status=.* ready' "$(cxx_dbg "$1")/status" 2>/dev/null; }
# cxx_bound DEV: ipw2200_cxx drives DEV.
cxx_bound() { [ "$(basename "$(readlink "$1/driver" 2>/dev/null)")" = ipw2200_cxx ]; }
# A SCAN_REQUEST_EXT (26) for debugfs "command": active broadcast scan of
# the 2.4 GHz channels 1..11, 20 ms per channel (hardware reference 14.12).
CXX_SCAN_CMD="26 01000000 4b0102030405060708090a0b$(printf '%084d' 0) 033333333333$(printf '%042d' 0) 00 1400140014001400 1400"
# cxx_cmd DEV "ID [HEX]": one host command through debugfs (fails as the command failed).
cxx_cmd() { echo "$2" >"$(cxx_dbg "$1")/command"; }
