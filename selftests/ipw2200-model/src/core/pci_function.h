/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The boundary between a PCI transport (virtio-pcidev over vhost-user, or a
 * unit test) and a PCI device model.  The transport turns guest config-space
 * and BAR accesses into these calls; the device raises and lowers its INTx
 * line through IrqLine and reaches guest memory through GuestMemory.
 */
#pragma once

#include <cstdint>

#include "core/guest_memory.h"
#include "core/scheduler.h"

namespace ipwmodel {

class IrqLine {
public:
	virtual ~IrqLine() = default;
	/* Level-triggered INTx: asserted while any unmasked cause is pending. */
	virtual void set_level(bool asserted) = 0;
	/*
	 * The host acknowledged a cause and the device raised it again at once,
	 * so the line stayed asserted: someone services it, it is not stuck.
	 * A transport that throttles a line nobody clears restarts its count.
	 */
	virtual void reasserted() {}
};

class PciFunction {
public:
	virtual ~PciFunction() = default;

	/* Connect the device to its bus; called once before any access. */
	virtual void attach(GuestMemory &mem, IrqLine &irq, Scheduler &sched) = 0;

	/* Config space, size 1, 2 or 4, offset < 4096. */
	virtual std::uint32_t config_read(std::uint32_t offset, unsigned size) = 0;
	virtual void config_write(std::uint32_t offset, unsigned size, std::uint32_t value) = 0;

	/* BAR space; size 1, 2, 4 or 8.  Reads of unimplemented space return all ones. */
	virtual std::uint64_t bar_read(unsigned bar, std::uint64_t offset, unsigned size) = 0;
	virtual void bar_write(unsigned bar, std::uint64_t offset, unsigned size, std::uint64_t value) = 0;
};

} // namespace ipwmodel
