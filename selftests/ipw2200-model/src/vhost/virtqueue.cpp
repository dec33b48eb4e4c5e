// SPDX-License-Identifier: GPL-2.0
#include "vhost/virtqueue.h"

#include <sys/socket.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>

#include "core/log.h"
#include "vhost/protocol.h"

namespace ipwmodel::vhost {

namespace {

/*
 * Ring fields live in memory the guest writes concurrently.  Index fields are
 * accessed atomically with acquire/release ordering (they publish the
 * entries); entries are copied with memcpy after the acquire.
 */
std::uint16_t load_acquire_u16(std::uint8_t *p)
{
	// NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
	return std::atomic_ref<std::uint16_t>(*reinterpret_cast<std::uint16_t *>(p)).load(std::memory_order_acquire);
}

void store_release_u16(std::uint8_t *p, std::uint16_t v)
{
	// NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
	std::atomic_ref<std::uint16_t>(*reinterpret_cast<std::uint16_t *>(p)).store(v, std::memory_order_release);
}

template <typename T> T load_plain(const std::uint8_t *p)
{
	T v{};

	std::memcpy(&v, p, sizeof(v));
	return v;
}

} // namespace

/* ---- Chain ---- */

void Chain::clear()
{
	head_ = 0;
	readable_.clear();
	writable_.clear();
	readable_bytes_ = 0;
	writable_bytes_ = 0;
}

namespace {

template <typename Fn> std::size_t walk(const std::vector<Segment> &segs, std::size_t offset, std::size_t len, Fn fn)
{
	std::size_t done = 0;

	for (const Segment &s : segs) {
		if (done == len)
			break;
		if (offset >= s.len) {
			offset -= s.len;
			continue;
		}
		const std::size_t n = std::min<std::size_t>(s.len - offset, len - done);

		fn(s.host + offset, done, n);
		done += n;
		offset = 0;
	}
	return done;
}

} // namespace

std::size_t Chain::read(std::size_t offset, void *dst, std::size_t len) const
{
	auto *out = static_cast<std::uint8_t *>(dst);

	return walk(readable_, offset, len,
		    [out](const std::uint8_t *p, std::size_t at, std::size_t n) { std::memcpy(out + at, p, n); });
}

std::size_t Chain::write(std::size_t offset, const void *src, std::size_t len) const
{
	const auto *in = static_cast<const std::uint8_t *>(src);

	return walk(writable_, offset, len,
		    [in](std::uint8_t *p, std::size_t at, std::size_t n) { std::memcpy(p, in + at, n); });
}

/* ---- Virtqueue ---- */

bool Virtqueue::set_num(std::uint32_t num)
{
	if (num == 0 || num > kMaxQueueSize || (num & (num - 1)) != 0)
		return false;
	num_ = num;
	resolved_ = false;
	return true;
}

void Virtqueue::set_addresses(std::uint64_t desc_uva, std::uint64_t avail_uva, std::uint64_t used_uva)
{
	desc_uva_ = desc_uva;
	avail_uva_ = avail_uva;
	used_uva_ = used_uva;
	addr_set_ = true;
	resolved_ = false;
	broken_ = false;
}

bool Virtqueue::resolve(const MemoryMap &mem)
{
	resolved_ = false;
	mem_ = &mem;
	if (!addr_set_ || num_ == 0)
		return false;
	/* Alignment from the virtio spec: desc 16, avail 2, used 4. */
	if (desc_uva_ % 16 != 0 || avail_uva_ % 2 != 0 || used_uva_ % 4 != 0) {
		LOG_ERROR("vq %u: misaligned ring addresses", index_);
		return false;
	}
	desc_ = mem.uva_to_host(desc_uva_, desc_table_size(num_));
	avail_ = mem.uva_to_host(avail_uva_, avail_ring_size(num_));
	used_ = mem.uva_to_host(used_uva_, used_ring_size(num_));
	if (desc_ == nullptr || avail_ == nullptr || used_ == nullptr) {
		LOG_ERROR("vq %u: ring addresses outside guest memory", index_);
		return false;
	}
	resolved_ = true;
	return true;
}

void Virtqueue::set_call_fd(UniqueFd fd)
{
	/*
	 * A guest that stops draining its call fd must not stall the model: a
	 * guest CPU spinning with interrupts off for a register read, which
	 * the model then never answers, is a deadlock.  UML's "pipe" is one end
	 * of a UNIX stream socketpair, whose send buffer fills after a few
	 * hundred unread signals: signal() sends with MSG_DONTWAIT.  A FIFO's
	 * write end is made non-blocking.  An eventfd is shared with the
	 * front-end: leave its flags alone (an eventfd write only blocks after
	 * 2^64-2 unread signals).
	 */
	struct stat st{};

	call_fd_is_socket_ = false;
	if (fd && fstat(fd.get(), &st) == 0) {
		if (S_ISSOCK(st.st_mode)) {
			call_fd_is_socket_ = true;
		} else if (S_ISFIFO(st.st_mode)) {
			const int fl = fcntl(fd.get(), F_GETFL);

			if (fl >= 0)
				(void)fcntl(fd.get(), F_SETFL, fl | O_NONBLOCK);
		}
	}
	call_fd_ = std::move(fd);
}

void Virtqueue::reset()
{
	const unsigned index = index_;

	*this = Virtqueue(index);
}

bool Virtqueue::ready() const
{
	return resolved_ && enabled_ && started_ && !broken_;
}

std::uint16_t Virtqueue::avail_idx() const
{
	if (!resolved_)
		return 0;
	return load_acquire_u16(avail_ + 2);
}

void Virtqueue::mark_broken(const std::string &why)
{
	if (!broken_)
		LOG_ERROR("vq %u broken: %s", index_, why.c_str());
	broken_ = true;
}

Virtqueue::PopResult Virtqueue::pop(Chain &out)
{
	out.clear();
	if (broken_)
		return PopResult::broken;
	if (!ready())
		return PopResult::empty;

	const std::uint16_t avail = load_acquire_u16(avail_ + 2);
	const auto pending = static_cast<std::uint16_t>(avail - last_avail_);

	if (pending == 0)
		return PopResult::empty;
	if (pending > num_) {
		mark_broken("available index " + std::to_string(avail) + " is " + std::to_string(pending) +
			    " entries ahead of " + std::to_string(last_avail_));
		return PopResult::broken;
	}
	const std::size_t slot = last_avail_ & (num_ - 1);
	const auto head = load_plain<std::uint16_t>(avail_ + 4 + 2 * slot);

	if (head >= num_) {
		mark_broken("head index " + std::to_string(head) + " out of range");
		return PopResult::broken;
	}
	out.head_ = head;

	std::uint16_t i = head;
	std::uint32_t count = 0;
	std::uint64_t total = 0;

	for (;;) {
		if (++count > num_) {
			mark_broken("descriptor chain from " + std::to_string(head) +
				    " loops or exceeds the queue size");
			return PopResult::broken;
		}
		const auto d = load_plain<VringDesc>(desc_ + sizeof(VringDesc) * i);

		if ((d.flags & kDescFlagIndirect) != 0) {
			mark_broken("indirect descriptor (not negotiated)");
			return PopResult::broken;
		}
		total += d.len;
		if (total > UINT32_MAX) {
			mark_broken("chain length overflows 32 bits");
			return PopResult::broken;
		}
		std::uint8_t *host = mem_->gpa_to_host(d.addr, d.len);

		if (host == nullptr && d.len != 0) {
			mark_broken("descriptor " + std::to_string(i) + " buffer outside guest memory");
			return PopResult::broken;
		}
		if ((d.flags & kDescFlagWrite) != 0) {
			out.writable_.push_back(Segment{host, d.len});
			out.writable_bytes_ += d.len;
		} else {
			if (!out.writable_.empty()) {
				mark_broken("readable descriptor after a writable one");
				return PopResult::broken;
			}
			out.readable_.push_back(Segment{host, d.len});
			out.readable_bytes_ += d.len;
		}
		if ((d.flags & kDescFlagNext) == 0)
			break;
		if (d.next >= num_) {
			mark_broken("next index " + std::to_string(d.next) + " out of range");
			return PopResult::broken;
		}
		i = d.next;
	}
	last_avail_++;
	return PopResult::ok;
}

bool Virtqueue::push(std::uint16_t head, std::uint32_t len)
{
	if (!resolved_ || head >= num_)
		return false;

	/* The device is the only writer of used->idx: a plain read is fine. */
	const auto used_idx = load_plain<std::uint16_t>(used_ + 2);
	const std::size_t slot = used_idx & (num_ - 1);
	const VringUsedElem elem{head, len};

	std::memcpy(used_ + 4 + sizeof(VringUsedElem) * slot, &elem, sizeof(elem));
	store_release_u16(used_ + 2, static_cast<std::uint16_t>(used_idx + 1));
	return true;
}

bool Virtqueue::signal()
{
	if (!call_fd_ || !resolved_)
		return false;
	/* Order the used-ring update before reading the driver's flags. */
	std::atomic_thread_fence(std::memory_order_seq_cst);
	if ((load_acquire_u16(avail_) & kAvailFlagNoInterrupt) != 0)
		return true;

	const std::uint64_t one = 1;
	const ssize_t n = call_fd_is_socket_ ? ::send(call_fd_.get(), &one, sizeof(one), MSG_DONTWAIT | MSG_NOSIGNAL)
					     : ::write(call_fd_.get(), &one, sizeof(one));

	if (n == static_cast<ssize_t>(sizeof(one))) {
		signals_++;
		return true;
	}
	/* A full pipe or socket still holds unread signals: the guest will look. */
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return true;
	LOG_ERROR("vq %u: signalling the call fd: %s", index_, n < 0 ? std::strerror(errno) : "short write");
	return false;
}

} // namespace ipwmodel::vhost
