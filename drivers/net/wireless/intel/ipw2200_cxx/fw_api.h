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

/* Host command ids (14.1). */
namespace cmd {
constexpr kcxx::u8 host_complete = 2;
constexpr kcxx::u8 system_config = 6;
constexpr kcxx::u8 ssid = 8;
constexpr kcxx::u8 adapter_address = 11;
constexpr kcxx::u8 rts_threshold = 15;
constexpr kcxx::u8 supported_rates = 22;
constexpr kcxx::u8 scan_abort = 23;
constexpr kcxx::u8 scan_request_ext = 26;
constexpr kcxx::u8 card_disable = 33;
constexpr kcxx::u8 seed_number = 34;
constexpr kcxx::u8 tx_power = 35;
} // namespace cmd

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
constexpr unsigned int index_at = 0;     /* le32 full scan index */
constexpr unsigned int channels_at = 4;  /* groups: (band << 6 | count), then the channels */
constexpr unsigned int channels_len = 54;
constexpr unsigned int types_at = 58;    /* one nibble per channels_list index */
constexpr unsigned int dwell_at = 86;    /* 5 x le16 ms, indexed by scan type */
constexpr kcxx::u8 band_a = 0;           /* group header band field */
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

} // namespace ipw
