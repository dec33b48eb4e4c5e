// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/host_command.h"

#include <algorithm>

#include "ipw2200/regs.h"

namespace ipwmodel::ipw2200 {

namespace {

constexpr std::uint8_t kAny = kCmdMaxPayload;

constexpr HostCommandInfo kCatalogue[] = {
	{2, "HOST_COMPLETE", 0, 0, true},
	{4, "POWER_DOWN", 0, kAny, false},
	{6, "SYSTEM_CONFIG", 20, 20, true},
	{7, "MULTICAST_ADDRESS", 28, 28, false},
	{8, "SSID", 0, 32, true},
	{11, "ADAPTER_ADDRESS", 6, 6, true},
	{12, "PORT_TYPE", 0, kAny, false},
	{15, "RTS_THRESHOLD", 4, 4, true},
	{16, "FRAG_THRESHOLD", 4, 4, true},
	{17, "POWER_MODE", 4, 4, true},
	{18, "WEP_KEY", 20, 20, true},
	{19, "TGI_TX_KEY", 28, 28, true},
	{20, "SCAN_REQUEST", 60, 60, false},
	{21, "ASSOCIATE", 40, 40, true},
	{22, "SUPPORTED_RATES", 16, 16, true},
	{23, "SCAN_ABORT", 0, 0, true},
	{24, "TX_FLUSH", 0, kAny, false},
	{25, "QOS_PARAMETERS", 96, 96, true},
	{26, "SCAN_REQUEST_EXT", 96, 96, true},
	{30, "DINO_CONFIG", 8, 8, false},
	{31, "RSN_CAPABILITIES", 0, 64, true},
	{32, "RX_KEY", 28, 28, false},
	{33, "CARD_DISABLE", 4, 4, true},
	{34, "SEED_NUMBER", 4, 4, true},
	{35, "TX_POWER", 76, 76, true},
	{36, "COUNTRY_INFO", 26, 26, false},
	{37, "AIRONET_INFO", 4, 4, false},
	{38, "AP_TX_POWER", 0, kAny, false},
	{39, "CCKM_INFO", 0, kAny, false},
	{40, "CCX_VER_INFO", 0, kAny, false},
	{41, "SET_CALIBRATION", 0, kAny, false},
	{42, "SENSITIVITY_CALIB", 4, 4, true},
	{51, "RETRY_LIMIT", 4, 4, true},
	{58, "IPW_PRE_POWER_DOWN", 0, kAny, false},
	{60, "VAP_BEACON_TEMPLATE", 0, kAny, false},
	{61, "VAP_DTIM_PERIOD", 0, kAny, false},
	{62, "EXT_SUPPORTED_RATES", 0, kAny, false},
	{63, "VAP_LOCAL_TX_PWR_CONSTRAINT", 0, kAny, false},
	{64, "VAP_QUIET_INTERVALS", 0, kAny, false},
	{65, "VAP_CHANNEL_SWITCH", 0, kAny, false},
	{66, "VAP_MANDATORY_CHANNELS", 0, kAny, false},
	{67, "VAP_CELL_PWR_LIMIT", 0, kAny, false},
	{68, "VAP_CF_PARAM_SET", 0, kAny, false},
	{69, "VAP_SET_BEACONING_STATE", 0, kAny, false},
	{80, "MEASUREMENT", 0, kAny, false},
	{81, "POWER_CAPABILITY", 0, kAny, false},
	{82, "SUPPORTED_CHANNELS", 0, kAny, false},
	{83, "TPC_REPORT", 0, kAny, false},
	{84, "WME_INFO", 9, 9, true},
	{85, "PRODUCTION_COMMAND", 0, kAny, false},
	{90, "LINKSYS_EOU_INFO", 0, kAny, false},
};

} // namespace

std::span<const HostCommandInfo> host_command_catalogue()
{
	return kCatalogue;
}

const HostCommandInfo *find_host_command(std::uint8_t id)
{
	const auto all = host_command_catalogue();
	const auto it = std::find_if(all.begin(), all.end(), [id](const HostCommandInfo &c) { return c.id == id; });

	return it == all.end() ? nullptr : &*it;
}

const char *cmd_check_name(CmdCheck c)
{
	switch (c) {
	case CmdCheck::ok:
		return "ok";
	case CmdCheck::bad_type:
		return "bad_type";
	case CmdCheck::unknown_id:
		return "unknown_id";
	case CmdCheck::bad_length:
		return "bad_length";
	}
	return "unknown";
}

CmdCheck parse_host_command(std::span<const std::uint8_t, 128> tfd, HostCommand &out)
{
	out.id = tfd[4];
	out.length = tfd[5];
	if (tfd[0] != kTxHostCommandType)
		return CmdCheck::bad_type;
	const HostCommandInfo *info = find_host_command(out.id);
	if (info == nullptr)
		return CmdCheck::unknown_id;
	if (out.length > kCmdMaxPayload || out.length < info->min_len || out.length > info->max_len)
		return CmdCheck::bad_length;
	std::copy_n(tfd.begin() + 8, out.length, out.payload.begin());
	return CmdCheck::ok;
}

} // namespace ipwmodel::ipw2200
