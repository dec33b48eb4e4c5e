/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 2200BG firmware's hardware crypto for WEP and CCMP (reference 14.3,
 * 14.8, 14.9, 15.2, 16.3), fed by the host commands the device parses:
 *
 * - WEP_KEY (18): {cmd_id, seq, key_index, key_size, key[16]}; bits 1:0 of
 *   key_index select one of four keys, bits 5:4 the security type (0x00
 *   WEP, 0x20 CCM; 0x30 TKIP keys are counted, not used).  Only key_size
 *   bytes are meaningful (WEP 1 to 16, CCM 16); size 0 clears the key.
 * - TGI_TX_KEY (19): {key_id, security_type (0x08 CCM), station, flags,
 *   key[16], le32 tx_counter[2]}: the CCMP transmit key, its key id and
 *   the last packet number used.
 * - SYSTEM_CONFIG (6): byte 6 disable_unicast_decryption and byte 8
 *   disable_multicast_decryption (1 until the host says otherwise, as the
 *   driver's defaults).
 * - SEED_NUMBER (34): seeds the 24-bit IV counter.
 *
 * Transmit: a data frame whose TFD leaves NO_WEP (tx_flags 0x20) clear and
 * whose header copy has the Protected bit is encrypted by the firmware;
 * with the WEP cipher (tx_flags_ext bits 3:2 = 0) the key is the default
 * key key_index & 0x0F (the 0x40/0x80 size bits only describe it): IV and
 * key-id octet go after the header, the ICV after the body.  A missing key
 * or a cipher the model does not implement (CCM, TKIP) drops the frame;
 * nothing unencrypted leaves with the Protected bit set.  With the CCM
 * cipher (0x08; key_index 0x20, "use immediate") the key is the one of
 * TGI_TX_KEY: CCMP header (the next packet number, its key id) after the
 * 802.11 header, the 8-byte MIC at the end.
 *
 * Receive: a protected frame (no Extended IV) whose key index names a WEP
 * key is decrypted when decryption is enabled for its kind (unicast or
 * group address 1).  The host gets it as the upstream driver expects from
 * the hardware ("HW decrypt will not clear the WEP bit"): header with the
 * Protected bit still set, the 4-byte IV field, the plaintext, the 4-byte
 * ICV; the driver strips IV and ICV and clears the bit.  A frame whose ICV
 * does not match is dropped.  Any other protected frame reaches the host
 * as received (host decryption).  A protected frame with the Extended IV
 * bit is decrypted with the CCM key of its key id (WEP_KEY type CCM, or
 * the TGI_TX_KEY key for its id) in the same way: CCMP header and MIC
 * stay in place (the driver strips 8 + 8 bytes), the data is plaintext;
 * a MIC failure drops the frame.  Packet numbers are not checked for
 * replays.
 */
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ipw2200/device.h"
#include "ipw2200/host_command.h"
#include "ipw2200/ccmp.h"
#include "ipw2200/wep.h"

namespace ipwmodel::ipw2200 {

class HwCrypto {
public:
	struct Stats {
		std::uint64_t wep_keys_set = 0; /* WEP_KEY commands with a WEP key */
		std::uint64_t other_keys = 0;	/* WEP_KEY with TKIP type, ignored */
		std::uint64_t ccm_keys_set = 0; /* WEP_KEY with a CCM key */
		std::uint64_t tgi_keys_set = 0; /* TGI_TX_KEY with a CCM key */
		std::uint64_t ccmp_encrypted = 0;
		std::uint64_t ccmp_decrypted = 0;
		std::uint64_t ccmp_mic_errors = 0; /* received frames dropped: bad MIC */
		std::uint64_t wep_encrypted = 0;   /* frames encrypted on transmit */
		std::uint64_t wep_decrypted = 0;   /* frames decrypted on receive */
		std::uint64_t wep_icv_errors = 0;  /* received frames dropped: bad ICV */
		std::uint64_t tx_no_key = 0;	   /* transmit dropped: key not set */
		std::uint64_t tx_unsupported = 0;  /* transmit dropped: TKIP asked */
	};
	enum class Rx { as_is, decrypted, drop };

	static constexpr std::uint8_t kNoWep = 0x20;	    /* tx_flags */
	static constexpr std::uint8_t kSecurityMask = 0x0C; /* tx_flags_ext */
	static constexpr std::uint8_t kKeyIndexMask = 0x0F; /* key_index */
	static constexpr std::uint16_t kProtected = 0x4000; /* frame control */
	static constexpr std::uint8_t kSecurityCcm = 0x08;  /* tx_flags_ext, TGI_TX_KEY */

	/* Takes WEP_KEY, TGI_TX_KEY, SYSTEM_CONFIG, SEED_NUMBER; CARD_DISABLE
	 * forgets the keys. */
	void on_command(const HostCommand &c);
	/* Forget the keys and decryption settings (CARD_DISABLE, a firmware reset). */
	void forget();

	/*
	 * A data frame from the host (802.11 header, then the body): encrypted
	 * in place if @info and the header ask for it.  False if the frame
	 * must be dropped.
	 */
	bool transmit(const TxInfo &info, std::vector<std::uint8_t> &frame);

	/* Encrypts the body of management or data frame @frame with default
	 * key @index and sets the Protected bit; false if that key is not set. */
	bool protect(std::uint8_t index, std::vector<std::uint8_t> &frame);

	/* A protected data frame heard from the BSS: decrypted in place (see
	 * above) when the hardware is set up to. */
	Rx receive(std::vector<std::uint8_t> &frame);

	/* The 802.11 header length of a management or data frame (24, 30 with
	 * four addresses, + 2 for QoS data); 0 if @frame is shorter. */
	static std::size_t header_length(std::span<const std::uint8_t> frame);

	[[nodiscard]] bool has_key(std::uint8_t index) const;
	[[nodiscard]] bool unicast_decryption() const { return !disable_unicast_; }
	[[nodiscard]] bool multicast_decryption() const { return !disable_multicast_; }
	[[nodiscard]] const Stats &stats() const { return stats_; }
	void reset_stats() { stats_ = {}; }

private:
	using CcmKey = std::array<std::uint8_t, ccmp::kKeyLen>;

	wep::Iv next_iv();
	Rx receive_ccmp(std::vector<std::uint8_t> &frame, std::size_t hdrlen);

	std::array<std::vector<std::uint8_t>, 4> keys_;
	std::array<std::optional<CcmKey>, 4> ccm_keys_;
	std::optional<CcmKey> tgi_key_;
	std::uint8_t tgi_key_id_ = 0;
	std::uint64_t tx_pn_ = 0;
	bool disable_unicast_ = true;
	bool disable_multicast_ = true;
	std::uint32_t iv_ = 0;
	Stats stats_;
};

/* "hw_wep_keys=N hw_wep_encrypted=N ..." for the air counters. */
std::string format_crypto_counters(const HwCrypto &c);

} // namespace ipwmodel::ipw2200
