/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Register map of the Intel PRO/Wireless 2200BG/2915ABG host interface, as
 * the legacy ipw2200 driver uses it (see shared/reference/ipw2200-hardware.md).
 * Names follow the reference; values are facts of the interface.
 */
#pragma once

#include <cstddef>
#include <cstdint>

namespace ipwmodel::ipw2200 {

/* PCI identity. */
inline constexpr std::uint16_t kIntelVendor = 0x8086;
inline constexpr std::uint32_t kClassNetworkOther = 0x028000;
inline constexpr std::uint32_t kBar0Size = 0x1000;

/* BAR0 control/status registers (section 3). */
namespace csr {
inline constexpr std::uint32_t kIntA = 0x008;
inline constexpr std::uint32_t kIntMask = 0x00C;
inline constexpr std::uint32_t kIndirectAddr = 0x010;
inline constexpr std::uint32_t kIndirectData = 0x014;
inline constexpr std::uint32_t kAutoIncAddr = 0x018;
inline constexpr std::uint32_t kAutoIncData = 0x01C;
inline constexpr std::uint32_t kReset = 0x020;
inline constexpr std::uint32_t kGpControl = 0x024;
inline constexpr std::uint32_t kRadio = 0x030;
inline constexpr std::uint32_t kFlush = 0x090;
inline constexpr std::uint32_t kCsrEnd = 0x200;
} // namespace csr

namespace reset {
inline constexpr std::uint32_t kPrincetonReset = 0x001;
inline constexpr std::uint32_t kStartStandby = 0x004;
inline constexpr std::uint32_t kSwReset = 0x080;
inline constexpr std::uint32_t kMasterDisabled = 0x100;
inline constexpr std::uint32_t kStopMaster = 0x200;
} // namespace reset

namespace gp {
inline constexpr std::uint32_t kClockReady = 0x1;
inline constexpr std::uint32_t kHostAllowsStandby = 0x2;
inline constexpr std::uint32_t kInitDone = 0x4;
} // namespace gp

inline constexpr std::uint32_t kRadioOnBit = 0x10000; /* BAR0 0x030 bit 16 */

/* BAR0 shared memory (section 4). */
namespace shm {
inline constexpr std::uint32_t kLower = 0x200;
inline constexpr std::uint32_t kCmdBdBase = 0x200;    /* then 0x208 + 8q for data ring q */
inline constexpr std::uint32_t kCmdReadIndex = 0x280; /* then 0x284 + 4q */
inline constexpr std::uint32_t kRxReadIndex = 0x2A0;
inline constexpr std::uint32_t kOrdTable1 = 0x384;
inline constexpr std::uint32_t kOrdTable2 = 0x388;
inline constexpr std::uint32_t kRfdTable = 0x500;
inline constexpr std::uint32_t kErrorLog = 0x610;
inline constexpr std::uint32_t kEventLog = 0x614;
inline constexpr std::uint32_t kFixedOverride = 0x61C;
inline constexpr std::uint32_t kOrdTable0 = 0x700;
inline constexpr std::uint32_t kEepromLoadDisable = 0xA1C;
inline constexpr std::uint32_t kEepromData = 0xA20;
inline constexpr std::uint32_t kStationTable = 0xC0C;
inline constexpr std::uint32_t kInterruptArea = 0xF80;
inline constexpr std::uint32_t kCmdWriteIndex = 0xF80; /* then 0xF84 + 4q */
inline constexpr std::uint32_t kRxWriteIndex = 0xFA0;
inline constexpr std::uint32_t kReadIntRegister = 0xFF4;
inline constexpr std::uint32_t kPllActivate = 0x20000000;
} // namespace shm

/* Interrupt bits (section 6). */
namespace inta {
inline constexpr std::uint32_t kRxTransfer = 0x00000002;
inline constexpr std::uint32_t kStatusChange = 0x00000010;
inline constexpr std::uint32_t kBeaconPeriodExpired = 0x00000020;
inline constexpr std::uint32_t kTxCmdQueue = 0x00000800;
inline constexpr std::uint32_t kTxQueue1 = 0x00001000; /* << q for data ring q */
inline constexpr std::uint32_t kSlaveModeHostCmdDone = 0x00010000;
inline constexpr std::uint32_t kFwInitDone = 0x01000000;
inline constexpr std::uint32_t kPhyOffDone = 0x02000000;
inline constexpr std::uint32_t kRfKillDone = 0x04000000;
inline constexpr std::uint32_t kFatalError = 0x40000000;
inline constexpr std::uint32_t kParityError = 0x80000000;
inline constexpr std::uint32_t kMaskAll = 0xC531F832;
} // namespace inta

/* Indirect address space (section 5). */
namespace ind {
inline constexpr std::uint32_t kSramSize = 0x30000;
inline constexpr std::uint32_t kDmaCbArea = 0x27000;
inline constexpr std::uint32_t kDinoControl = 0x200000;
inline constexpr std::uint32_t kDinoRxFifo = 0x200004;
inline constexpr std::uint32_t kDinoStore = 0x200010;
inline constexpr std::uint32_t kEventReg = 0x300004;
inline constexpr std::uint32_t kEepromPort = 0x300040;
inline constexpr std::uint32_t kDmaCbBase = 0x3000A0;
inline constexpr std::uint32_t kDmaControl = 0x3000A4;
inline constexpr std::uint32_t kDmaCurrentCb = 0x3000D0;
inline constexpr std::uint32_t kDmaOutCurrentCb = 0x3000D4;
inline constexpr std::uint32_t kHaltAndReset = 0x3000E0;
inline constexpr std::uint32_t kGpio = 0x301100;
inline constexpr std::uint32_t kHaltOn = 0x80000000;
} // namespace ind

/* Rings (sections 13, 15, 16). */
inline constexpr std::size_t kTfdSize = 128;
inline constexpr unsigned kCmdRingSize = 8;
inline constexpr unsigned kDataRingSize = 64;
inline constexpr unsigned kDataRings = 4;
inline constexpr unsigned kRxSlots = 32;
inline constexpr unsigned kRxBufSize = 3000;
inline constexpr unsigned kCmdMaxPayload = 120;

inline constexpr std::uint8_t kTxFrameType = 0x00;
inline constexpr std::uint8_t kTxHostCommandType = 0x01;
inline constexpr std::uint8_t kRxFrameType = 0x09;
inline constexpr std::uint8_t kRxHostNotificationType = 0x03;

/* Firmware error-log descriptors (section 12.5). */
namespace fwerr {
inline constexpr std::uint32_t kFail = 1;
inline constexpr std::uint32_t kBadParam = 4;
inline constexpr std::uint32_t kBadChecksum = 5;
inline constexpr std::uint32_t kDmaStatus = 10;
inline constexpr std::uint32_t kSysAssert = 13;
inline constexpr std::uint32_t kFatalError = 14;
} // namespace fwerr

} // namespace ipwmodel::ipw2200
