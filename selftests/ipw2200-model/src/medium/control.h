/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The medium's commands on the control channel (core/control_server.h):
 *
 *   medium               "ok KEY=VALUE ..." (format_medium_counters()).
 *   medium reset         zero the medium's and the hwsim device's counters; "ok".
 *   medium radios        "ok HWADDR@FREQ[,IFADDR...] ..." the hwsim radios
 *                        seen (HwsimVirtio::describe_radios()); "ok" if none.
 *   medium signal [DBM]  the signal level receivers get, -100..0 dBm;
 *                        "ok DBM" (the level after it).
 */
#pragma once

#include <string>

#include "core/control_server.h"
#include "medium/hwsim_virtio.h"
#include "medium/medium.h"

namespace ipwmodel::medium {

/* @medium and @hwsim (may be null: no hwsim device) must outlive @ctl. */
void add_control_commands(ControlServer &ctl, Medium &medium, HwsimVirtio *hwsim);

/*
 * Space-separated KEY=VALUE (decimal): stations frames group unicast acked
 * deliveries runts (Medium::Stats), then, with a hwsim device,
 * hwsim_radios hwsim_messages_in hwsim_frames_in hwsim_mac_events
 * hwsim_malformed hwsim_unknown_cmds hwsim_frames_out hwsim_tx_status_out
 * hwsim_acked hwsim_dropped hwsim_pending (HwsimVirtio::Stats).
 */
std::string format_medium_counters(const Medium &medium, const HwsimVirtio *hwsim);

} // namespace ipwmodel::medium
