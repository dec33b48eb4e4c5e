#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream ipw2200 driver with hardware crypto (hwcrypto=1) joins a
# hostapd WEP-104 network on a mac80211_hwsim radio through the model's
# air with nothing but iwconfig: the driver hands the keys to the
# firmware (WEP_KEY), turns hardware decryption on (SYSTEM_CONFIG) and
# queues plaintext with a hardware-WEP TFD; the model's firmware encrypts
# and decrypts, and ping crosses the air both ways.  Then the AP allows
# only shared-key authentication, `iwconfig key restricted` makes the
# driver ask the firmware for it (ASSOCIATE auth nibble 1), and the
# firmware answers the AP's challenge encrypted with the key.  The model's
# counters show that its hardware did the crypto.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
trap 'ap_stop; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

counter() { model_ctl air | tr ' ' '\n' | sed -n "s/^$1=//p"; }
associated() { iwconfig "$ifc" | grep -q "Access Point: [0-9A-F][0-9A-F]:"; }
ping_both() {
	ping -c 3 -W 3 $AP_IP >/dev/null || { note "air: $(model_ctl air)"; fail "$1: ping station -> AP"; }
	ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || fail "$1: ping AP -> station"
}

# The driver first, so that hwsim's radio is the next interface.
upstream_up hwcrypto=1
hwsim_ap_up wep
model_ctl air reset || fail "model control channel"

ip link set "$ifc" up || fail "ip link set $ifc up"
# wext key indexes count from 1: [2] is the AP's key index 1.
key="[$((AP_WEP_INDEX + 1))]"
iwconfig "$ifc" key "$key" "$AP_WEP_KEY" || fail "iwconfig $ifc key $key"
iwconfig "$ifc" key "$key" || fail "iwconfig $ifc key $key (transmit key)"
iwconfig "$ifc" key open || fail "iwconfig $ifc key open"
iwconfig "$ifc" essid "$AP_SSID" || fail "iwconfig $ifc essid $AP_SSID"
wait_for 30 associated || { iwconfig "$ifc"; note "air: $(model_ctl air)"; fail "no association with $AP_SSID (WEP, open system)"; }
ip addr add $STA_IP/24 dev "$ifc"
ping_both "WEP"
[ "$(counter hw_wep_keys)" -ge 1 ] || fail "the driver sent no WEP key to the firmware"
[ "$(counter hw_unicast_decryption)" = 1 ] || fail "hardware decryption is not enabled"
enc=$(counter hw_wep_encrypted)
dec=$(counter hw_wep_decrypted)
[ "$enc" -ge 3 ] || { note "air: $(model_ctl air)"; fail "the model encrypted $enc frames"; }
[ "$dec" -ge 3 ] || { note "air: $(model_ctl air)"; fail "the model decrypted $dec frames"; }
[ "$(counter hw_wep_icv_errors)" = 0 ] || fail "ICV errors: $(model_ctl air)"
[ "$(counter shared_key_auths)" = 0 ] || fail "shared-key authentication with auth_algs=1"
note "WEP open system: hw_wep_encrypted=$enc hw_wep_decrypted=$dec"

# Shared key: the same key, the AP now refuses open-system authentication.
ap_stop
wait_for 10 test -e "/sys/class/net/$ap_ifc" || fail "the hwsim radio did not come back from $AP_NS"
ap_start wep-shared "$ap_ifc" || fail "hostapd (shared key) did not start"
model_ctl air reset || fail "model control channel"
iwconfig "$ifc" key restricted || fail "iwconfig $ifc key restricted"
iwconfig "$ifc" essid "$AP_SSID" || fail "iwconfig $ifc essid $AP_SSID"
shared() { [ "$(counter shared_key_auths)" -ge 1 ] && associated; }
wait_for 30 shared || { iwconfig "$ifc"; note "air: $(model_ctl air)"; fail "no shared-key association with $AP_SSID"; }
ping_both "WEP shared key"
ip netns exec $AP_NS hostapd_cli -p $WORK/hostapd -i "$ap_ifc" all_sta | grep -q AUTHORIZED ||
	fail "hostapd does not list the station"
[ "$(counter hw_wep_decrypted)" -ge 3 ] || fail "shared key: the model decrypted too little: $(model_ctl air)"
note "air: $(model_ctl air)"
echo "ok: upstream ipw2200 (hwcrypto=1) joins WEP networks (open system and shared key) with iwconfig; the model's hardware WEP carries ping both ways"
