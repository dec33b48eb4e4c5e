/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vhost-user wire format (docs/interop/vhost-user.rst) and split-virtqueue
 * layout (virtio 1.x, 2.7), as far as this backend uses them.  All fields are
 * in the native byte order of the host (x86_64: little endian), as both the
 * protocol and virtio 1.x rings on a little-endian host are.
 */
#pragma once

#include <cstddef>
#include <cstdint>

namespace ipwmodel::vhost {

/* Front-end requests (the ones this backend knows). */
enum class Request : std::uint32_t {
	get_features = 1,
	set_features = 2,
	set_owner = 3,
	reset_owner = 4,
	set_mem_table = 5,
	set_log_base = 6,
	set_log_fd = 7,
	set_vring_num = 8,
	set_vring_addr = 9,
	set_vring_base = 10,
	get_vring_base = 11,
	set_vring_kick = 12,
	set_vring_call = 13,
	set_vring_err = 14,
	get_protocol_features = 15,
	set_protocol_features = 16,
	get_queue_num = 17,
	set_vring_enable = 18,
	set_backend_req_fd = 21,
	get_config = 24,
	set_config = 25,
	vring_kick = 35,
};

/* Header flags. */
constexpr std::uint32_t kFlagVersionMask = 0x3;
constexpr std::uint32_t kVersion = 0x1;
constexpr std::uint32_t kFlagReply = 1U << 2;
constexpr std::uint32_t kFlagNeedReply = 1U << 3;

/* Virtio feature bits. */
constexpr unsigned kFeatureVersion1 = 32;
constexpr unsigned kFeatureProtocolFeatures = 30; /* vhost-user specific */
constexpr unsigned kFeatureIndirectDesc = 28;
constexpr unsigned kFeatureEventIdx = 29;

/* Protocol feature bits. */
constexpr unsigned kProtoMq = 0;
constexpr unsigned kProtoReplyAck = 3;
constexpr unsigned kProtoBackendReq = 5; /* a.k.a. SLAVE_REQ */
constexpr unsigned kProtoConfig = 9;
constexpr unsigned kProtoInbandNotifications = 14;

constexpr std::uint64_t bit(unsigned n)
{
	return std::uint64_t{1} << n;
}

/* The vring index and "no fd" flag in SET_VRING_KICK/CALL/ERR payloads. */
constexpr std::uint64_t kVringIndexMask = 0xff;
constexpr std::uint64_t kVringNoFdFlag = 0x100;

/* Limits enforced on incoming messages. */
constexpr std::uint32_t kMaxMemRegions = 8;
constexpr std::uint32_t kMaxConfigSize = 256;
constexpr std::uint32_t kMaxPayload = 4096;
constexpr std::size_t kMaxFdsPerMessage = 8;
constexpr std::uint32_t kMaxQueueSize = 32768;

struct [[gnu::packed]] Header {
	std::uint32_t request;
	std::uint32_t flags;
	std::uint32_t size;
};
static_assert(sizeof(Header) == 12);

struct [[gnu::packed]] VringState {
	std::uint32_t index;
	std::uint32_t num;
};
static_assert(sizeof(VringState) == 8);

struct [[gnu::packed]] VringAddr {
	std::uint32_t index;
	std::uint32_t flags;
	std::uint64_t desc_uva;
	std::uint64_t used_uva;
	std::uint64_t avail_uva;
	std::uint64_t log_gpa;
};
static_assert(sizeof(VringAddr) == 40);

struct [[gnu::packed]] MemRegion {
	std::uint64_t guest_addr;
	std::uint64_t size;
	std::uint64_t user_addr;
	std::uint64_t mmap_offset;
};
static_assert(sizeof(MemRegion) == 32);

/* SET_MEM_TABLE payload: this header, then num regions. */
struct [[gnu::packed]] MemTableHeader {
	std::uint32_t num;
	std::uint32_t padding;
};
static_assert(sizeof(MemTableHeader) == 8);

/* GET/SET_CONFIG payload: this header, then size bytes. */
struct [[gnu::packed]] ConfigHeader {
	std::uint32_t offset;
	std::uint32_t size;
	std::uint32_t flags;
};
static_assert(sizeof(ConfigHeader) == 12);

/* Split virtqueue. */
constexpr std::uint16_t kDescFlagNext = 1;
constexpr std::uint16_t kDescFlagWrite = 2;
constexpr std::uint16_t kDescFlagIndirect = 4;
constexpr std::uint16_t kAvailFlagNoInterrupt = 1;

struct VringDesc {
	std::uint64_t addr;
	std::uint32_t len;
	std::uint16_t flags;
	std::uint16_t next;
};
static_assert(sizeof(VringDesc) == 16);

struct VringUsedElem {
	std::uint32_t id;
	std::uint32_t len;
};
static_assert(sizeof(VringUsedElem) == 8);

/* Ring sizes in bytes for a queue of @num entries (no event-idx fields used). */
constexpr std::size_t desc_table_size(std::uint32_t num)
{
	return sizeof(VringDesc) * num;
}
constexpr std::size_t avail_ring_size(std::uint32_t num)
{
	return 4 + 2 * static_cast<std::size_t>(num) + 2;
}
constexpr std::size_t used_ring_size(std::uint32_t num)
{
	return 4 + sizeof(VringUsedElem) * num + 2;
}

} // namespace ipwmodel::vhost
