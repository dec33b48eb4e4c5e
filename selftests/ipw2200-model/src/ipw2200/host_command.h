/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host commands (reference sections 13-14): a 128-byte TFD in the command
 * ring {u8 message_type = 0x01, u8 seq, u8 control, u8 reserved, u8 id,
 * u8 length, le16 reserved, payload[<= 120]}.
 *
 * parse_host_command() validates a TFD the way the model's firmware does:
 * the message type must be TX_HOST_COMMAND_TYPE, the id must be in the
 * command catalogue, the payload length must fit the TFD and match the
 * command's layout (exact size, or a range for SSID and RSN_CAPABILITIES).
 * Ids the catalogue defines without a layout accept any length <= 120.
 */
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace ipwmodel::ipw2200 {

namespace cmd {
inline constexpr std::uint8_t kHostComplete = 2;
inline constexpr std::uint8_t kPowerDown = 4;
inline constexpr std::uint8_t kSystemConfig = 6;
inline constexpr std::uint8_t kMulticastAddress = 7;
inline constexpr std::uint8_t kSsid = 8;
inline constexpr std::uint8_t kAdapterAddress = 11;
inline constexpr std::uint8_t kPortType = 12;
inline constexpr std::uint8_t kRtsThreshold = 15;
inline constexpr std::uint8_t kFragThreshold = 16;
inline constexpr std::uint8_t kPowerMode = 17;
inline constexpr std::uint8_t kWepKey = 18;
inline constexpr std::uint8_t kTgiTxKey = 19;
inline constexpr std::uint8_t kScanRequest = 20;
inline constexpr std::uint8_t kAssociate = 21;
inline constexpr std::uint8_t kSupportedRates = 22;
inline constexpr std::uint8_t kScanAbort = 23;
inline constexpr std::uint8_t kTxFlush = 24;
inline constexpr std::uint8_t kQosParameters = 25;
inline constexpr std::uint8_t kScanRequestExt = 26;
inline constexpr std::uint8_t kDinoConfig = 30;
inline constexpr std::uint8_t kRsnCapabilities = 31;
inline constexpr std::uint8_t kRxKey = 32;
inline constexpr std::uint8_t kCardDisable = 33;
inline constexpr std::uint8_t kSeedNumber = 34;
inline constexpr std::uint8_t kTxPower = 35;
inline constexpr std::uint8_t kCountryInfo = 36;
inline constexpr std::uint8_t kAironetInfo = 37;
inline constexpr std::uint8_t kSensitivityCalib = 42;
inline constexpr std::uint8_t kRetryLimit = 51;
inline constexpr std::uint8_t kWmeInfo = 84;
} // namespace cmd

struct HostCommandInfo {
	std::uint8_t id;
	const char *name;
	std::uint8_t min_len;
	std::uint8_t max_len;
	bool sent_by_driver; /* one of the 21 the upstream driver sends */
};

/* The catalogue entry for @id, or nullptr for an undefined id. */
const HostCommandInfo *find_host_command(std::uint8_t id);
/* All catalogue entries. */
std::span<const HostCommandInfo> host_command_catalogue();

enum class CmdCheck { ok, bad_type, unknown_id, bad_length };
const char *cmd_check_name(CmdCheck c);

struct HostCommand {
	std::uint8_t id = 0;
	std::uint8_t length = 0;
	std::array<std::uint8_t, 120> payload{};

	[[nodiscard]] std::span<const std::uint8_t> data() const { return {payload.data(), length}; }
};

CmdCheck parse_host_command(std::span<const std::uint8_t, 128> tfd, HostCommand &out);

} // namespace ipwmodel::ipw2200
