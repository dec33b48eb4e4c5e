// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/hw_crypto.h"

#include <algorithm>

#include "core/kv.h"

namespace ipwmodel::ipw2200 {

namespace {

constexpr std::size_t kWepKeyLen = 20; /* WEP_KEY payload */
constexpr std::uint8_t kTypeMask = 0x30;
constexpr std::uint8_t kTypeWep = 0x00;
constexpr std::uint8_t kTypeCcm = 0x20;
constexpr std::size_t kTgiTxKeyLen = 28;
constexpr std::size_t kDisableUnicastAt = 6; /* SYSTEM_CONFIG */
constexpr std::size_t kDisableMulticastAt = 8;
constexpr std::uint8_t kSecurityWep = 0x00;

std::uint16_t frame_control(std::span<const std::uint8_t> f)
{
	return static_cast<std::uint16_t>(f[0] | f[1] << 8);
}

} // namespace

std::size_t HwCrypto::header_length(std::span<const std::uint8_t> frame)
{
	if (frame.size() < 2)
		return 0;
	const std::uint16_t fc = frame_control(frame);
	std::size_t len = 24;

	if (((fc >> 2) & 3U) == 2) { /* data */
		if ((fc & 0x0300U) == 0x0300U)
			len = 30;
		if ((fc & 0x0080U) != 0) /* QoS subtypes */
			len += 2;
	}
	return frame.size() < len ? 0 : len;
}

void HwCrypto::on_command(const HostCommand &c)
{
	const auto d = c.data();

	switch (c.id) {
	case cmd::kWepKey: {
		if (d.size() < kWepKeyLen)
			break;
		const std::uint8_t index = d[2] & 3U;
		const std::size_t size = d[3];

		if ((d[2] & kTypeMask) == kTypeCcm) {
			if (size == 0) {
				ccm_keys_.at(index).reset();
			} else if (size == ccmp::kKeyLen) {
				CcmKey k{};

				std::copy_n(d.begin() + 4, k.size(), k.begin());
				ccm_keys_.at(index) = k;
				stats_.ccm_keys_set++;
			}
			break;
		}
		if ((d[2] & kTypeMask) != kTypeWep) {
			stats_.other_keys++;
			break;
		}
		if (size > wep::kMaxKeyLen)
			break;
		keys_.at(index).assign(d.begin() + 4, d.begin() + 4 + static_cast<std::ptrdiff_t>(size));
		if (size != 0)
			stats_.wep_keys_set++;
		break;
	}
	case cmd::kTgiTxKey:
		if (d.size() < kTgiTxKeyLen)
			break;
		if (d[1] != kSecurityCcm) {
			tgi_key_.reset();
			stats_.other_keys++;
			break;
		}
		tgi_key_id_ = d[0] & 3U;
		tgi_key_ = CcmKey{};
		std::copy_n(d.begin() + 4, ccmp::kKeyLen, tgi_key_->begin());
		tx_pn_ = 0;
		for (unsigned i = 0; i < 6; i++)
			tx_pn_ |= std::uint64_t{d[20 + i]} << (8 * i);
		stats_.tgi_keys_set++;
		break;
	case cmd::kSystemConfig:
		if (d.size() > kDisableMulticastAt) {
			disable_unicast_ = d[kDisableUnicastAt] != 0;
			disable_multicast_ = d[kDisableMulticastAt] != 0;
		}
		break;
	case cmd::kSeedNumber:
		if (d.size() >= 4)
			iv_ = static_cast<std::uint32_t>(d[0] | d[1] << 8 | d[2] << 16);
		break;
	case cmd::kCardDisable:
		forget();
		break;
	default:
		break;
	}
}

void HwCrypto::forget()
{
	for (auto &k : keys_)
		k.clear();
	for (auto &k : ccm_keys_)
		k.reset();
	tgi_key_.reset();
	disable_unicast_ = true;
	disable_multicast_ = true;
}

bool HwCrypto::has_key(std::uint8_t index) const
{
	return index < keys_.size() && !keys_.at(index).empty();
}

wep::Iv HwCrypto::next_iv()
{
	iv_ = (iv_ + 1) & 0xFFFFFFU;
	return {static_cast<std::uint8_t>(iv_ >> 16), static_cast<std::uint8_t>(iv_ >> 8),
		static_cast<std::uint8_t>(iv_)};
}

bool HwCrypto::protect(std::uint8_t index, std::vector<std::uint8_t> &frame)
{
	const std::size_t hdrlen = header_length(frame);

	if (!has_key(index) || hdrlen == 0)
		return false;
	const std::vector<std::uint8_t> body =
		wep::encrypt(keys_.at(index), next_iv(), index, std::span(frame).subspan(hdrlen));

	frame.resize(hdrlen);
	frame.insert(frame.end(), body.begin(), body.end());
	frame[1] |= kProtected >> 8;
	stats_.wep_encrypted++;
	return true;
}

bool HwCrypto::transmit(const TxInfo &info, std::vector<std::uint8_t> &frame)
{
	if ((info.tx_flags & kNoWep) != 0 || header_length(frame) == 0 || (frame_control(frame) & kProtected) == 0)
		return true; /* sent as the host built it */
	if ((info.tx_flags_ext & kSecurityMask) == kSecurityCcm) {
		if (!tgi_key_) {
			stats_.tx_no_key++;
			return false;
		}
		const std::size_t hdrlen = header_length(frame);

		tx_pn_ = (tx_pn_ + 1) & 0xFFFFFFFFFFFFULL;
		const std::vector<std::uint8_t> body = ccmp::encrypt(*tgi_key_, std::span(frame).first(hdrlen), tx_pn_,
								     tgi_key_id_, std::span(frame).subspan(hdrlen));

		frame.resize(hdrlen);
		frame.insert(frame.end(), body.begin(), body.end());
		stats_.ccmp_encrypted++;
		return true;
	}
	if ((info.tx_flags_ext & kSecurityMask) != kSecurityWep) {
		stats_.tx_unsupported++;
		return false;
	}
	const std::uint8_t index = info.key_index & kKeyIndexMask;

	if (!has_key(index)) {
		stats_.tx_no_key++;
		return false;
	}
	return protect(index, frame);
}

HwCrypto::Rx HwCrypto::receive(std::vector<std::uint8_t> &frame)
{
	const std::size_t hdrlen = header_length(frame);

	if (hdrlen == 0 || frame.size() < hdrlen + wep::kIvLen + wep::kIcvLen ||
	    (frame_control(frame) & kProtected) == 0)
		return Rx::as_is;
	const bool group = (frame[4] & 1U) != 0;
	const std::span<const std::uint8_t> body = std::span(frame).subspan(hdrlen);

	if (group ? disable_multicast_ : disable_unicast_)
		return Rx::as_is;
	if (wep::ext_iv(body))
		return receive_ccmp(frame, hdrlen);
	if (!has_key(wep::key_id(body)))
		return Rx::as_is;
	const auto plain = wep::decrypt(keys_.at(wep::key_id(body)), body);

	if (!plain) {
		stats_.wep_icv_errors++;
		return Rx::drop;
	}
	/* IV field unchanged, plaintext and ICV decrypted, Protected still set. */
	std::copy(plain->begin(), plain->end(), frame.begin() + static_cast<std::ptrdiff_t>(hdrlen + wep::kIvLen));
	stats_.wep_decrypted++;
	return Rx::decrypted;
}

HwCrypto::Rx HwCrypto::receive_ccmp(std::vector<std::uint8_t> &frame, std::size_t hdrlen)
{
	const std::span<const std::uint8_t> body = std::span(frame).subspan(hdrlen);
	const std::uint8_t id = wep::key_id(body);
	std::optional<CcmKey> key = ccm_keys_.at(id);

	if (!key && tgi_key_ && id == tgi_key_id_)
		key = tgi_key_;
	if (!key || body.size() < ccmp::kHeaderLen + ccmp::kMicLen)
		return Rx::as_is;
	const auto plain = ccmp::decrypt(*key, std::span(frame).first(hdrlen), body);

	if (!plain) {
		stats_.ccmp_mic_errors++;
		return Rx::drop;
	}
	/* CCMP header and MIC stay, the data between them is plaintext. */
	std::copy(plain->begin(), plain->end(), frame.begin() + static_cast<std::ptrdiff_t>(hdrlen + ccmp::kHeaderLen));
	stats_.ccmp_decrypted++;
	return Rx::decrypted;
}

std::string format_crypto_counters(const HwCrypto &c)
{
	const HwCrypto::Stats &st = c.stats();
	std::string s;
	append_kv(s, "hw_wep_keys", st.wep_keys_set);
	append_kv(s, "hw_other_keys", st.other_keys);
	append_kv(s, "hw_unicast_decryption", c.unicast_decryption() ? 1 : 0);
	append_kv(s, "hw_multicast_decryption", c.multicast_decryption() ? 1 : 0);
	append_kv(s, "hw_wep_encrypted", st.wep_encrypted);
	append_kv(s, "hw_wep_decrypted", st.wep_decrypted);
	append_kv(s, "hw_wep_icv_errors", st.wep_icv_errors);
	append_kv(s, "hw_tx_no_key", st.tx_no_key);
	append_kv(s, "hw_tx_unsupported", st.tx_unsupported);
	append_kv(s, "hw_ccm_keys", st.ccm_keys_set);
	append_kv(s, "hw_tgi_keys", st.tgi_keys_set);
	append_kv(s, "hw_ccmp_encrypted", st.ccmp_encrypted);
	append_kv(s, "hw_ccmp_decrypted", st.ccmp_decrypted);
	append_kv(s, "hw_ccmp_mic_errors", st.ccmp_mic_errors);
	return s;
}

} // namespace ipwmodel::ipw2200
