/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: fw_api.h - what the firmware takes and tells: host command ids,
 * notification subtypes, payload layouts
 *
 * Facts of the host interface (the hardware reference, sections 14 and
 * 16), shared by the adapter's configuration (ipw2200.cpp) and the
 * wireless layer (wireless/).  The transport moves commands and
 * notifications without knowing what they mean.
 */
#pragma once

#include <kcxx/types.h>

namespace ipw {

/* Little-endian stores: the byte order of every command payload, TFD and frame field. */
inline void put_le16(kcxx::u8 *p, kcxx::u16 v)
{
	p[0] = static_cast<kcxx::u8>(v);
	p[1] = static_cast<kcxx::u8>(v >> 8);
}

inline void put_le32(kcxx::u8 *p, kcxx::u32 v)
{
	for (int i = 0; i < 4; i++)
		p[i] = static_cast<kcxx::u8>(v >> (8 * i));
}

/*
 * The rates the firmware knows, in the wiphy's band order (500 kb/s units,
 * 802.11 rate bytes without the basic bit): four CCK, then the eight OFDM
 * rates the 5 GHz band has alone.
 */
constexpr kcxx::u8 fw_rates[] = {2, 4, 11, 22, 12, 18, 24, 36, 48, 72, 96, 108};
constexpr unsigned int fw_n_cck = 4;

constexpr bool fw_known_rate(kcxx::u8 r)
{
	for (kcxx::u8 k : fw_rates)
		if (k == r)
			return true;
	return false;
}

/* Host command ids (14.1). */
namespace cmd {
constexpr kcxx::u8 host_complete = 2;
constexpr kcxx::u8 system_config = 6;
constexpr kcxx::u8 ssid = 8;
constexpr kcxx::u8 adapter_address = 11;
constexpr kcxx::u8 rts_threshold = 15;
constexpr kcxx::u8 wep_key = 18;
constexpr kcxx::u8 tgi_tx_key = 19;
constexpr kcxx::u8 frag_threshold = 16;
constexpr kcxx::u8 power_mode = 17;
constexpr kcxx::u8 associate = 21;
constexpr kcxx::u8 supported_rates = 22;
constexpr kcxx::u8 scan_abort = 23;
constexpr kcxx::u8 scan_request_ext = 26;
constexpr kcxx::u8 rsn_capabilities = 31;
constexpr kcxx::u8 card_disable = 33;
constexpr kcxx::u8 seed_number = 34;
constexpr kcxx::u8 tx_power = 35;
constexpr kcxx::u8 sensitivity_calib = 42;
constexpr kcxx::u8 retry_limit = 51;
} // namespace cmd

/*
 * Radio settings (14.6, 14.7, 14.16): RTS_THRESHOLD, FRAG_THRESHOLD and
 * RETRY_LIMIT are 4 bytes (le16 threshold, or short and long limit);
 * POWER_MODE le32 level (0 CAM, 1..5 power-save index; "power save on"
 * is index 3); TX_POWER 76 bytes {count, ieee_mode, {channel, s8 dBm}
 * x 37}.
 */
namespace fw_radio {
constexpr unsigned int tx_power_size = 76;
constexpr int tx_power_min = -12; /* dBm */
constexpr int tx_power_max = 20;
constexpr kcxx::u32 rts_max = 2304; /* also the default, and "off" */
constexpr kcxx::u32 frag_min = 256;
constexpr kcxx::u32 frag_default = 2346; /* also "off" */
constexpr kcxx::u8 retry_short_default = 7;
constexpr kcxx::u8 retry_long_default = 4;
constexpr kcxx::u8 power_cam = 0;
constexpr kcxx::u8 power_save_level = 3;
} // namespace fw_radio

/* Notification subtypes (16.5). */
namespace notif {
constexpr kcxx::u8 status_associated = 10;
constexpr kcxx::u8 status_authenticate = 11;
constexpr kcxx::u8 scan_channel_result = 12;
constexpr kcxx::u8 scan_completed = 13;
constexpr kcxx::u8 beacon_state = 17;
constexpr kcxx::u8 noise_stats = 25;
} // namespace notif

/* SCAN_REQUEST_EXT (14.12): 96 bytes. */
namespace scan_req {
constexpr unsigned int size = 96;
constexpr unsigned int index_at = 0;	/* le32 full scan index */
constexpr unsigned int channels_at = 4; /* groups: (band << 6 | count), then the channels */
constexpr unsigned int channels_len = 54;
constexpr unsigned int types_at = 58; /* one nibble per channels_list index */
constexpr unsigned int dwell_at = 86; /* 5 x le16 ms, indexed by scan type */
constexpr kcxx::u8 band_a = 0;	      /* group header band field */
constexpr kcxx::u8 band_bg = 1;
/* Scan types. */
constexpr kcxx::u8 passive_first_beacon = 0;
constexpr kcxx::u8 passive = 1;
constexpr kcxx::u8 directed = 2;
constexpr kcxx::u8 broadcast = 3;
constexpr kcxx::u8 broadcast_directed = 4;
constexpr unsigned int n_types = 5;
} // namespace scan_req

/* SCAN_COMPLETED payload (16.5): type, channels, status, reserved. */
namespace scan_done {
constexpr unsigned int size = 4;
constexpr kcxx::u8 status_complete = 1;
constexpr kcxx::u8 status_aborted = 2;
} // namespace scan_done

/* SYSTEM_CONFIG (14.3): 20 bytes. */
namespace sys_cfg {
constexpr unsigned int size = 20;
constexpr unsigned int answer_broadcast_probe_at = 2; /* 1 in IBSS */
constexpr unsigned int disable_unicast_decryption_at = 6;
constexpr unsigned int disable_multicast_decryption_at = 8;
constexpr unsigned int dot11g_auto_detection_at = 11;
} // namespace sys_cfg

/* WEP_KEY (14.8): 20 bytes, one key. */
namespace wep_key_cmd {
constexpr unsigned int size = 20;
constexpr kcxx::u8 dino_cmd_wep_key = 0x08;
constexpr kcxx::u8 type_wep = 0x00; /* key_index bits 5:4 */
constexpr kcxx::u8 type_ccm = 0x20;
} // namespace wep_key_cmd

/* TGI_TX_KEY (14.9): 28 bytes, the pairwise key of hardware CCMP. */
namespace tgi_key_cmd {
constexpr unsigned int size = 28;
constexpr kcxx::u8 security_ccm = 0x08;
} // namespace tgi_key_cmd

/* SUPPORTED_RATES (14.11): 16 bytes. */
namespace rates_cmd {
constexpr unsigned int size = 16;
constexpr unsigned int max_rates = 12;
constexpr kcxx::u8 purpose_connect = 0;
} // namespace rates_cmd

/* ASSOCIATE (14.10): 40 bytes. */
namespace assoc {
constexpr unsigned int size = 40;
constexpr unsigned int channel_at = 0;
constexpr unsigned int auth_at = 1; /* low nibble type, high nibble WEP key */
constexpr unsigned int type_at = 2;
constexpr unsigned int policy_at = 4; /* le16 */
constexpr unsigned int preamble_at = 6;
constexpr unsigned int mode_at = 7;
constexpr unsigned int bssid_at = 8;
constexpr unsigned int tsf_msw_at = 14;	   /* le32 */
constexpr unsigned int tsf_lsw_at = 18;	   /* le32 */
constexpr unsigned int capability_at = 22; /* le16 */
constexpr unsigned int listen_at = 24;	   /* le16 */
constexpr unsigned int beacon_at = 26;	   /* le16 */
constexpr unsigned int dest_at = 28;
constexpr kcxx::u8 auth_open = 0;
constexpr kcxx::u8 auth_shared = 1;
constexpr kcxx::u8 type_associate = 0;
constexpr kcxx::u8 type_disassociate = 2;
constexpr kcxx::u8 type_ibss_start = 3;
constexpr kcxx::u16 policy_rsn = 0x0002;
constexpr kcxx::u8 preamble_long = 0x00;
constexpr kcxx::u8 preamble_short = 0x04;
/* ieee_mode (also SUPPORTED_RATES, TX_POWER) */
constexpr kcxx::u8 mode_a = 0;
constexpr kcxx::u8 mode_b = 1;
constexpr kcxx::u8 mode_g = 2;
} // namespace assoc

/* Connection-manager states in STATUS_ASSOCIATED / STATUS_AUTHENTICATE (16.6). */
namespace cmas {
constexpr kcxx::u8 init = 0;
constexpr kcxx::u8 authenticated = 9;
constexpr kcxx::u8 rx_assoc_resp = 11;
constexpr kcxx::u8 associated = 12;
} // namespace cmas

/* STATUS_AUTHENTICATE payload (16.5): state, 24-byte MAC header, le16 802.11 status. */
namespace auth_note {
constexpr unsigned int size = 27;
constexpr unsigned int status_at = 25;
} // namespace auth_note

/* STATUS_BEACON_STATE payload (16.5): le32 state, le32 count. */
namespace beacon_note {
constexpr unsigned int size = 8;
constexpr kcxx::u32 missing = 1;
} // namespace beacon_note

/* Data TFD (15.1, 15.2): 128 bytes on a data ring. */
namespace tfd {
constexpr kcxx::u8 tx_frame_type = 0x00;
constexpr kcxx::u8 need_irq = 0x04; /* control_bits */
constexpr kcxx::u8 dino_cmd_tx = 0x0b;
constexpr unsigned int control_at = 2;
constexpr unsigned int station_at = 8; /* IBSS: the destination's station-table index */
constexpr unsigned int cmd_id_at = 12;
constexpr unsigned int len_at = 14; /* le16: payload bytes */
constexpr unsigned int flags_at = 17;
constexpr unsigned int flags_ext_at = 18;
constexpr unsigned int key_index_at = 19;
constexpr unsigned int header_at = 48; /* copy of the 802.11 header */
constexpr unsigned int header_room = 40;
constexpr unsigned int n_chunks_at = 88;   /* le32 */
constexpr unsigned int chunk_ptr_at = 92;  /* 6 x le32 */
constexpr unsigned int chunk_len_at = 116; /* 6 x le16 */
constexpr kcxx::u8 flag_ack = 0x80;
constexpr kcxx::u8 flag_no_wep = 0x20;
constexpr kcxx::u8 flag_short_preamble = 0x04;
constexpr kcxx::u8 ext_mode_cck = 0x01;
} // namespace tfd

/* Ordinal table 0 (12.2): entry n is ordinal 0xf000 | n. */
namespace ord {
constexpr kcxx::u32 tx_curr_rate = 0xf001; /* a PLCP rate code (16.3) */
} // namespace ord

} // namespace ipw
