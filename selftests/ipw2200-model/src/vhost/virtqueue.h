/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The device side of one split virtqueue in shared guest memory.
 *
 * pop() takes the next available descriptor chain and validates it completely
 * before the device sees it: head and next indexes inside the table, chain no
 * longer than the queue (a loop), every buffer inside guest memory, readable
 * descriptors before writable ones, no indirect descriptors (not offered),
 * total length without overflow, and the available index not more than a
 * queue size ahead.  Any violation marks the queue broken (logged once): it
 * then yields nothing until it is reconfigured, and the model carries on.
 *
 * Indexes are free-running 16-bit counters; all arithmetic wraps at 65536 as
 * the virtio spec requires.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/unique_fd.h"
#include "vhost/memory_map.h"

namespace ipwmodel::vhost {

/* One guest buffer of a chain, already translated to a host pointer. */
struct Segment {
	std::uint8_t *host;
	std::uint32_t len;
};

/*
 * A validated descriptor chain: readable buffers first, then writable ones.
 * Host pointers stay valid until the memory table changes; devices handle a
 * chain before returning to the event loop.
 */
class Chain {
public:
	[[nodiscard]] std::uint16_t head() const { return head_; }
	[[nodiscard]] const std::vector<Segment> &readable() const { return readable_; }
	[[nodiscard]] const std::vector<Segment> &writable() const { return writable_; }
	[[nodiscard]] std::size_t readable_bytes() const { return readable_bytes_; }
	[[nodiscard]] std::size_t writable_bytes() const { return writable_bytes_; }

	/* Copy from the readable part starting at byte @offset; returns bytes copied. */
	std::size_t read(std::size_t offset, void *dst, std::size_t len) const;
	/* Copy into the writable part starting at byte @offset; returns bytes copied. */
	std::size_t write(std::size_t offset, const void *src, std::size_t len) const;

private:
	friend class Virtqueue;
	void clear();

	std::uint16_t head_ = 0;
	std::vector<Segment> readable_;
	std::vector<Segment> writable_;
	std::size_t readable_bytes_ = 0;
	std::size_t writable_bytes_ = 0;
};

class Virtqueue {
public:
	enum class PopResult { ok, empty, broken };

	explicit Virtqueue(unsigned index = 0) : index_(index) {}
	Virtqueue(const Virtqueue &) = delete;
	Virtqueue &operator=(const Virtqueue &) = delete;
	Virtqueue(Virtqueue &&) = default;
	Virtqueue &operator=(Virtqueue &&) = default;
	~Virtqueue() = default;

	/* --- configuration (vhost-user messages) --- */
	/* Power of two, 1..32768; false otherwise. */
	[[nodiscard]] bool set_num(std::uint32_t num);
	[[nodiscard]] std::uint32_t num() const { return num_; }
	/* Next available index to process (SET_VRING_BASE). */
	void set_base(std::uint16_t base) { last_avail_ = base; }
	/* Next available index to process (GET_VRING_BASE). */
	[[nodiscard]] std::uint16_t base() const { return last_avail_; }
	/* Ring addresses as front-end user addresses; resolved by resolve(). */
	void set_addresses(std::uint64_t desc_uva, std::uint64_t avail_uva, std::uint64_t used_uva);
	[[nodiscard]] bool has_addresses() const { return addr_set_; }
	/*
	 * Translate the ring addresses through @mem (which must outlive the
	 * queue's use) and check size and alignment.  False (logged) if they do
	 * not fit; the queue then stays unusable.
	 */
	[[nodiscard]] bool resolve(const MemoryMap &mem);
	void set_call_fd(UniqueFd fd);
	void set_enabled(bool enabled) { enabled_ = enabled; }
	void set_started(bool started) { started_ = started; }
	[[nodiscard]] bool enabled() const { return enabled_; }
	[[nodiscard]] bool started() const { return started_; }
	/* Forget everything (RESET_OWNER, disconnect). */
	void reset();

	/* --- data path --- */
	/* Rings resolved, started, enabled and not broken. */
	[[nodiscard]] bool ready() const;
	[[nodiscard]] bool broken() const { return broken_; }
	/* Index the driver last published in the avail ring (0 if not ready). */
	[[nodiscard]] std::uint16_t avail_idx() const;
	/* Take the next chain into @out (its storage is reused). */
	PopResult pop(Chain &out);
	/* Return chain @head with @len bytes written; false if not ready or @head is bad. */
	bool push(std::uint16_t head, std::uint32_t len);
	/*
	 * Notify the driver through the call fd unless it set
	 * VRING_AVAIL_F_NO_INTERRUPT; false if there is no call fd or the
	 * write failed for a reason other than a full pipe.
	 */
	bool signal();
	/* Number of signals written (for tests and statistics). */
	[[nodiscard]] std::uint64_t signals() const { return signals_; }

	[[nodiscard]] unsigned index() const { return index_; }

private:
	void mark_broken(const std::string &why);

	unsigned index_;
	std::uint32_t num_ = 0;
	std::uint16_t last_avail_ = 0;
	bool addr_set_ = false;
	bool resolved_ = false;
	bool enabled_ = false;
	bool started_ = false;
	bool broken_ = false;
	std::uint64_t desc_uva_ = 0;
	std::uint64_t avail_uva_ = 0;
	std::uint64_t used_uva_ = 0;
	std::uint8_t *desc_ = nullptr;
	std::uint8_t *avail_ = nullptr;
	std::uint8_t *used_ = nullptr;
	const MemoryMap *mem_ = nullptr;
	UniqueFd call_fd_;
	bool call_fd_is_socket_ = false; /* UML's os_pipe() is a socketpair */
	std::uint64_t signals_ = 0;
};

} // namespace ipwmodel::vhost
