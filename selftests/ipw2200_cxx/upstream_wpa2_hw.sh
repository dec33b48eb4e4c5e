#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The upstream ipw2200 driver with hardware crypto (hwcrypto=1) connects to
# a hostapd WPA2-PSK/CCMP AP through the model's air with wpa_supplicant
# -Dwext: the driver hands the pairwise key to the firmware (TGI_TX_KEY)
# and the group key (WEP_KEY, type CCM), queues plaintext with CCM TFDs
# and expects decrypted frames; the model's firmware does CCMP both ways,
# and ping crosses the air in both directions.
. "$(dirname "$0")/lib.sh"

command -v hostapd >/dev/null || skip "hostapd is not installed"
command -v wpa_supplicant >/dev/null || skip "wpa_supplicant is not installed"
trap 'sta_stop; ap_stop; modprobe -r mac80211_hwsim ipw2200 2>/dev/null' EXIT

counter() { model_ctl air | tr ' ' '\n' | sed -n "s/^$1=//p"; }

upstream_up hwcrypto=1
hwsim_ap_up wpa2
model_ctl air reset || fail "model control channel"

ip link set "$ifc" up || fail "ip link set $ifc up"
sta_wpa2_connect "$ifc" wext || { note "air: $(model_ctl air)"; fail "WPA2 connection (wext, hwcrypto=1) did not complete"; }
ip addr add $STA_IP/24 dev "$ifc"
ping -c 3 -W 3 $AP_IP >/dev/null || { note "air: $(model_ctl air)"; fail "ping station -> AP"; }
ip netns exec $AP_NS ping -c 3 -W 3 $STA_IP >/dev/null || { note "air: $(model_ctl air)"; fail "ping AP -> station"; }
enc=$(counter hw_ccmp_encrypted)
dec=$(counter hw_ccmp_decrypted)
[ "$enc" -ge 3 ] || { note "air: $(model_ctl air)"; fail "the model encrypted $enc frames with CCMP"; }
[ "$dec" -ge 3 ] || { note "air: $(model_ctl air)"; fail "the model decrypted $dec frames with CCMP"; }
[ "$(counter hw_ccmp_mic_errors)" = 0 ] || fail "MIC errors: $(model_ctl air)"
note "air: $(model_ctl air)"
echo "ok: upstream ipw2200 (hwcrypto=1) WPA2 through the model's hardware CCMP, ping both ways"
