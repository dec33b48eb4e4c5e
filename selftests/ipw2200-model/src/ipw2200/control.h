/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 2200BG model's commands on the control channel (ControlServer: the
 * --ctl-socket UNIX socket and the --ctl-console virtio console).  One
 * request line, one reply line: "ok[ TEXT]" or "error TEXT".
 *
 *   rfkill [on|off]      hardware RF-kill switch; on = radio killed.
 *                        Reply: "ok on" or "ok off" (the state after it).
 *   counters [reset]     "ok KEY=VALUE ..." (format_counters()), or zero
 *                        every counter, the transport's included: "ok".
 *   trace on N           record the last N (1..4096) register accesses,
 *                        starting empty; "ok".
 *   trace off            stop recording, keep the entries; "ok".
 *   trace dump           "ok ENTRY ..." oldest first (format_trace()).
 *   irq-storm on BITS [PERIOD_US]
 *                        interrupt-storm fault injection: INTA BITS (hex,
 *                        optional 0x, inside MASK_ALL 0xc531f832) are
 *                        raised now and again after every host
 *                        acknowledgement: at once (PERIOD_US 0, the
 *                        default) or PERIOD_US (up to 1 s) later
 *                        (Ipw2200Device::set_irq_storm()); "ok".
 *   irq-storm off        stop re-raising; "ok".
 *   irq-storm            "ok off", "ok on 0xBITS" or "ok on 0xBITS PERIOD_US".
 *   info                 "ok KEY ..." the keys below.
 *   info KEY             "ok VALUE", the device's identity as configured:
 *                        pci_id (8086:DDDD), subsystem (VVVV:SSSS), mac
 *                        (xx:xx:xx:xx:xx:xx), country (EEPROM geography),
 *                        fw_version and fw_date (ordinal table 2, what the
 *                        driver reports as the firmware's version; may hold
 *                        spaces: the value is the rest of the line).
 *   state                "ok fw=STATE irq=0|1 inta=0xXXXXXXXX
 *                        inta_mask=0xXXXXXXXX" (fw_state_name(), the INTx
 *                        level, INTA, INTA_MASK).
 *
 * The storm runs at the guest's pace: each INT waits for the guest to
 * re-post the previous one's irq buffer (virtio_pcidev.cpp, "INTx"), so it
 * is continuous without a timer or a busy loop in the model.
 */
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/control_server.h"
#include "ipw2200/device.h"
#include "pcidev/virtio_pcidev.h"

namespace ipwmodel::ipw2200 {

inline constexpr std::size_t kMaxTraceEntries = 4096;
inline constexpr std::size_t kMaxStormPeriodUs = 1000000;

/* Register the commands above on @ctl; @dev and @pci must outlive it. */
void add_control_commands(ControlServer &ctl, Ipw2200Device &dev, pcidev::VirtioPciDevice &pci);

/* info KEY's value, or nullopt for an unknown key; info_keys() lists them. */
std::optional<std::string> device_info(const DeviceConfig &cfg, std::string_view key);
std::string info_keys();

/*
 * Space-separated KEY=VALUE (decimal), in this order:
 *   commands_total commands_malformed, then cmd_0xNN for each host command
 *   id NN (hex) seen at least once; dma_transfers dma_blocks dma_bytes
 *   dma_errors fw_boot_dma_bytes fw_runtime_dma_bytes ucode_bytes
 *   tx_frames_0..tx_frames_3 tx_errors rx_packets rx_dropped
 *   interrupts_raised irq_assertions irq_storm_raises, then inta_0xBBBBBBBB
 *   for each INTA bit raised at least once; bar0_reads bar0_writes
 *   indirect_reads indirect_writes config_reads config_writes
 *   unimplemented_accesses sw_resets boot_starts runtime_starts dino_alive
 *   fatal_errors rfkill_events; and the virtio-pcidev transport's
 *   pci_cfg_reads pci_cfg_writes pci_bar_reads pci_bar_writes pci_memsets
 *   pci_malformed pci_ints_sent pci_ints_resent.
 * See Stats and VirtioPciDevice::Stats for their meaning.
 */
std::string format_counters(const Stats &dev, const pcidev::VirtioPciDevice::Stats &pci);

/*
 * Space-separated KINDSIZE@0xOFFSET=0xVALUE, e.g. "r4@0x008=0x00000001":
 * KIND r/w = BAR0 read/write, c/C = config-space read/write; SIZE in bytes;
 * OFFSET at least 3 hex digits; VALUE 2 * SIZE hex digits.
 */
std::string format_trace(std::span<const TraceEntry> entries);

} // namespace ipwmodel::ipw2200
