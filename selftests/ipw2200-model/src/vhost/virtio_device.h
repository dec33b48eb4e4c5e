/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A virtio device served by the vhost-user backend: virtio-pcidev (UML's PCI
 * over virtio), and later mac80211_hwsim's virtio device (id 29).  The
 * backend owns the connection, guest memory and the rings; the device sees
 * them through VirtioTransport while a front-end is connected.
 */
#pragma once

#include <cstdint>
#include <vector>

#include "core/guest_memory.h"
#include "vhost/virtqueue.h"

namespace ipwmodel::vhost {

class VirtioTransport {
public:
	virtual ~VirtioTransport() = default;
	/* Queue @index (< VirtioDevice::num_queues()). */
	virtual Virtqueue &queue(unsigned index) = 0;
	/* The guest memory of the current memory table (accesses fail before one). */
	virtual GuestMemory &memory() = 0;
	/* Feature bits the front-end acknowledged with SET_FEATURES. */
	[[nodiscard]] virtual std::uint64_t acked_features() const = 0;
};

class VirtioDevice {
public:
	virtual ~VirtioDevice() = default;

	[[nodiscard]] virtual unsigned num_queues() const = 0;
	/* Device feature bits; the backend adds VERSION_1 and PROTOCOL_FEATURES. */
	[[nodiscard]] virtual std::uint64_t device_features() const { return 0; }
	/* Device config space for GET_CONFIG (bytes beyond it read as zero). */
	[[nodiscard]] virtual std::vector<std::uint8_t> config() const { return {}; }
	/* SET_CONFIG; false rejects the write. */
	virtual bool set_config(std::uint32_t offset, const std::vector<std::uint8_t> &data) { return true; }

	/* A front-end connected; @t stays valid until detach(). */
	virtual void attach(VirtioTransport &t) = 0;
	/* The front-end went away (or reset): drop every reference into @t. */
	virtual void detach() = 0;
	/*
	 * The driver kicked queue @index, or the queue just became ready (then
	 * buffers the driver posted earlier may be waiting).  Only called for
	 * ready queues.
	 */
	virtual void on_kick(unsigned index) = 0;
};

} // namespace ipwmodel::vhost
