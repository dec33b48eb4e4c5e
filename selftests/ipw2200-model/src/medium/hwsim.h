/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mac80211_hwsim's medium protocol (the MAC80211_HWSIM generic netlink
 * family, version 1, include/uapi-like enums in the kernel's
 * drivers/net/wireless/virtual/mac80211_hwsim.h): the numbers the model
 * needs to act as the medium over hwsim's virtio transport.
 */
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace ipwmodel::medium::hwsim {

inline constexpr std::uint8_t kGenlVersion = 1;

/* Commands. */
inline constexpr std::uint8_t kCmdRegister = 1;
inline constexpr std::uint8_t kCmdFrame = 2;
inline constexpr std::uint8_t kCmdTxInfoFrame = 3;
inline constexpr std::uint8_t kCmdAddMacAddr = 7;
inline constexpr std::uint8_t kCmdDelMacAddr = 8;

/* Attributes. */
inline constexpr std::uint16_t kAttrAddrReceiver = 1;
inline constexpr std::uint16_t kAttrAddrTransmitter = 2;
inline constexpr std::uint16_t kAttrFrame = 3;
inline constexpr std::uint16_t kAttrFlags = 4;
inline constexpr std::uint16_t kAttrRxRate = 5;
inline constexpr std::uint16_t kAttrSignal = 6;
inline constexpr std::uint16_t kAttrTxInfo = 7;
inline constexpr std::uint16_t kAttrCookie = 8;
inline constexpr std::uint16_t kAttrFreq = 19;
inline constexpr std::uint16_t kAttrTxInfoFlags = 21;

/* HWSIM_ATTR_FLAGS. */
inline constexpr std::uint32_t kTxCtlReqTxStatus = 1U << 0;
inline constexpr std::uint32_t kTxCtlNoAck = 1U << 1;
inline constexpr std::uint32_t kTxStatAck = 1U << 2;

/* HWSIM_ATTR_TX_INFO: IEEE80211_TX_MAX_RATES packed {s8 idx, u8 count}. */
inline constexpr std::size_t kTxMaxRates = 4;
struct TxRate {
	std::int8_t idx;
	std::uint8_t count;
};
using TxInfo = std::array<TxRate, kTxMaxRates>;
static_assert(sizeof(TxInfo) == 2 * kTxMaxRates);

/* What the kernel accepts as a received frame (ieee80211_hdr_3addr .. IEEE80211_MAX_DATA_LEN). */
inline constexpr std::size_t kMinFrameLen = 24;
inline constexpr std::size_t kMaxFrameLen = 2304;

} // namespace ipwmodel::medium::hwsim
