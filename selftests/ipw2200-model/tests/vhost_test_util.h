/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test helpers for the vhost and pcidev units: memfd-backed guest memory, a
 * guest-side ("driver") view of a split virtqueue built in it, and a
 * vhost-user front-end over a socket.
 */
#pragma once

#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <vector>

#include <gtest/gtest.h>

#include "core/unique_fd.h"
#include "vhost/memory_map.h"
#include "vhost/protocol.h"
#include "vhost/virtio_device.h"
#include "vhost/virtqueue.h"

namespace ipwmodel::test {

/*
 * Guest memory: one memfd region of @size bytes at guest physical address
 * kGpa, front-end user address kUva, file offset kOffset (all distinct, so
 * the two translations are told apart).
 */
class TestMemory {
public:
	static constexpr std::uint64_t kGpa = 0x10000000;
	static constexpr std::uint64_t kUva = 0x7f1200000000;
	static constexpr std::uint64_t kOffset = 0x3000;

	explicit TestMemory(std::size_t size = 1 << 20) : size_(size)
	{
		fd_ = UniqueFd(memfd_create("guest-ram", MFD_CLOEXEC));
		EXPECT_TRUE(fd_.valid());
		EXPECT_EQ(ftruncate(fd_.get(), static_cast<off_t>(kOffset + size)), 0);
		void *p = mmap(nullptr, kOffset + size, PROT_READ | PROT_WRITE, MAP_SHARED, fd_.get(), 0);

		EXPECT_NE(p, MAP_FAILED);
		file_ = static_cast<std::uint8_t *>(p);
	}
	~TestMemory() { munmap(file_, kOffset + size_); }
	TestMemory(const TestMemory &) = delete;
	TestMemory &operator=(const TestMemory &) = delete;
	TestMemory(TestMemory &&) = delete;
	TestMemory &operator=(TestMemory &&) = delete;

	[[nodiscard]] int fd() const { return fd_.get(); }
	[[nodiscard]] std::size_t size() const { return size_; }
	[[nodiscard]] vhost::RegionSpec spec() const { return {kGpa, size_, kUva, kOffset}; }
	[[nodiscard]] static std::uint64_t uva(std::uint64_t gpa) { return gpa - kGpa + kUva; }

	/* The test's own view of guest physical address @gpa. */
	std::uint8_t *host(std::uint64_t gpa) { return file_ + kOffset + (gpa - kGpa); }

	/* Bump allocator for buffers; @align must be a power of two. */
	std::uint64_t alloc(std::size_t len, std::size_t align = 16)
	{
		next_ = (next_ + align - 1) & ~(align - 1);
		const std::uint64_t gpa = kGpa + next_;

		next_ += len;
		EXPECT_LE(next_, size_);
		return gpa;
	}

	template <typename T> void put(std::uint64_t gpa, const T &v) { std::memcpy(host(gpa), &v, sizeof(v)); }
	template <typename T> T get(std::uint64_t gpa)
	{
		T v{};

		std::memcpy(&v, host(gpa), sizeof(v));
		return v;
	}

private:
	UniqueFd fd_;
	std::uint8_t *file_ = nullptr;
	std::size_t size_;
	std::size_t next_ = 0;
};

struct Buf {
	std::uint64_t gpa;
	std::uint32_t len;
	bool writable;
};

/* The driver side of a split virtqueue of @num entries in TestMemory. */
class DriverRing {
public:
	DriverRing(TestMemory &mem, std::uint16_t num)
		: mem_(mem), num_(num), desc_(mem.alloc(vhost::desc_table_size(num), 4096)),
		  avail_(mem.alloc(vhost::avail_ring_size(num), 2)), used_(mem.alloc(vhost::used_ring_size(num), 4096))
	{
	}

	[[nodiscard]] std::uint16_t num() const { return num_; }
	[[nodiscard]] std::uint64_t desc_uva() const { return TestMemory::uva(desc_); }
	[[nodiscard]] std::uint64_t avail_uva() const { return TestMemory::uva(avail_); }
	[[nodiscard]] std::uint64_t used_uva() const { return TestMemory::uva(used_); }

	void set_desc(std::uint16_t i, std::uint64_t addr, std::uint32_t len, std::uint16_t flags, std::uint16_t next)
	{
		mem_.put(desc_ + 16ULL * i, vhost::VringDesc{addr, len, flags, next});
	}

	/* Chain @bufs into free descriptors and make it available; returns the head. */
	std::uint16_t add(std::initializer_list<Buf> bufs)
	{
		const std::uint16_t head = next_desc_;
		std::size_t k = 0;

		for (const Buf &b : bufs) {
			const std::uint16_t i = next_desc_;

			next_desc_ = static_cast<std::uint16_t>((next_desc_ + 1) % num_);
			const bool last = ++k == bufs.size();
			const auto flags = static_cast<std::uint16_t>((b.writable ? vhost::kDescFlagWrite : 0) |
								      (last ? 0 : vhost::kDescFlagNext));

			set_desc(i, b.gpa, b.len, flags, last ? 0 : next_desc_);
		}
		publish(head);
		return head;
	}

	/* Put @head in the next avail slot and bump avail->idx. */
	void publish(std::uint16_t head)
	{
		mem_.put(avail_ + 4 + 2ULL * (avail_idx_ % num_), head);
		avail_idx_++;
		mem_.put(avail_ + 2, avail_idx_);
	}

	void set_avail_idx(std::uint16_t idx)
	{
		avail_idx_ = idx;
		mem_.put(avail_ + 2, idx);
	}
	/* Start both indexes at @idx (for wraparound tests). */
	void set_indexes(std::uint16_t idx)
	{
		set_avail_idx(idx);
		mem_.put(used_ + 2, idx);
		last_used_ = idx;
	}
	void set_avail_flags(std::uint16_t f) { mem_.put(avail_, f); }

	[[nodiscard]] std::uint16_t used_idx() { return mem_.get<std::uint16_t>(used_ + 2); }
	[[nodiscard]] vhost::VringUsedElem used_elem(std::uint16_t idx)
	{
		return mem_.get<vhost::VringUsedElem>(used_ + 4 + 8ULL * (idx % num_));
	}
	/* Next used element not yet consumed by the test, if any. */
	std::optional<vhost::VringUsedElem> get_used()
	{
		if (used_idx() == last_used_)
			return std::nullopt;
		return used_elem(last_used_++);
	}

private:
	TestMemory &mem_;
	std::uint16_t num_;
	std::uint64_t desc_;
	std::uint64_t avail_;
	std::uint64_t used_;
	std::uint16_t next_desc_ = 0;
	std::uint16_t avail_idx_ = 0;
	std::uint16_t last_used_ = 0;
};

/* A vhost-user front-end on one end of a stream socket. */
class Frontend {
public:
	explicit Frontend(UniqueFd sock) : sock_(std::move(sock))
	{
		const timeval tv{2, 0};

		setsockopt(sock_.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}

	[[nodiscard]] int fd() const { return sock_.get(); }

	bool send(std::uint32_t request, const void *payload, std::uint32_t size, const std::vector<int> &fds = {},
		  std::uint32_t flags = vhost::kVersion)
	{
		std::vector<std::uint8_t> buf(sizeof(vhost::Header) + size);
		const vhost::Header h{request, flags, size};

		std::memcpy(buf.data(), &h, sizeof(h));
		if (size > 0)
			std::memcpy(buf.data() + sizeof(h), payload, size);
		return send_raw(buf.data(), buf.size(), fds);
	}

	bool send_raw(const void *data, std::size_t len, const std::vector<int> &fds = {})
	{
		std::vector<std::uint8_t> copy(static_cast<const std::uint8_t *>(data),
					       static_cast<const std::uint8_t *>(data) + len);
		iovec iov{copy.data(), len};
		msghdr mh{};
		std::vector<char> cbuf(CMSG_SPACE(sizeof(int) * std::max<std::size_t>(fds.size(), 1)));

		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		if (!fds.empty()) {
			mh.msg_control = cbuf.data();
			mh.msg_controllen = CMSG_SPACE(sizeof(int) * fds.size());
			cmsghdr *c = CMSG_FIRSTHDR(&mh);

			c->cmsg_level = SOL_SOCKET;
			c->cmsg_type = SCM_RIGHTS;
			c->cmsg_len = CMSG_LEN(sizeof(int) * fds.size());
			std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * fds.size());
		}
		return sendmsg(sock_.get(), &mh, MSG_NOSIGNAL) == static_cast<ssize_t>(len);
	}

	bool send_u64(std::uint32_t request, std::uint64_t v, const std::vector<int> &fds = {},
		      std::uint32_t flags = vhost::kVersion)
	{
		return send(request, &v, sizeof(v), fds, flags);
	}

	template <typename T> bool send_struct(std::uint32_t request, const T &v, std::uint32_t flags = vhost::kVersion)
	{
		return send(request, &v, sizeof(v), {}, flags);
	}

	struct Reply {
		vhost::Header hdr;
		std::vector<std::uint8_t> payload;
	};

	std::optional<Reply> recv()
	{
		Reply r{};

		if (::recv(sock_.get(), &r.hdr, sizeof(r.hdr), MSG_WAITALL) != sizeof(r.hdr))
			return std::nullopt;
		r.payload.resize(r.hdr.size);
		if (r.hdr.size > 0 && ::recv(sock_.get(), r.payload.data(), r.hdr.size, MSG_WAITALL) != r.hdr.size)
			return std::nullopt;
		return r;
	}

	/* A u64 reply to @request with flags exactly 0x5, or nullopt. */
	std::optional<std::uint64_t> recv_u64(std::uint32_t request)
	{
		auto r = recv();

		if (!r || r->hdr.request != request || r->hdr.flags != 0x5 || r->payload.size() != 8)
			return std::nullopt;
		std::uint64_t v = 0;

		std::memcpy(&v, r->payload.data(), 8);
		return v;
	}

	/* Nothing readable right now. */
	bool quiet()
	{
		char c = 0;

		return ::recv(sock_.get(), &c, 1, MSG_DONTWAIT | MSG_PEEK) < 0 && errno == EAGAIN;
	}

	void close() { sock_.reset(); }

private:
	UniqueFd sock_;
};

/* Bytes waiting in a non-blocking pipe/eventfd (drained). */
inline std::size_t drain(int fd)
{
	std::uint8_t buf[256];
	std::size_t total = 0;
	ssize_t n = 0;

	while ((n = ::read(fd, buf, sizeof(buf))) > 0)
		total += static_cast<std::size_t>(n);
	return total;
}

/*
 * The vring set-up virtio_uml sends once the memory table is in place: for
 * each of @rings (queue i = rings[i], @num entries) SET_VRING_CALL with a
 * fresh pipe (its non-blocking read end is appended to @call_rd),
 * SET_VRING_NUM, SET_VRING_BASE 0 and SET_VRING_ADDR; then for each
 * SET_VRING_KICK with a fresh eventfd (appended to @kick) and
 * SET_VRING_ENABLE.  @ack(request, payload, size, fds) sends one request
 * and checks its reply-ack.
 */
template <typename Ack>
void setup_vrings(const Ack &ack, std::initializer_list<DriverRing *> rings, std::uint32_t num,
		  std::vector<UniqueFd> &call_rd, std::vector<UniqueFd> &kick)
{
	std::uint32_t i = 0;

	for (DriverRing *r : rings) {
		int p[2];

		ASSERT_EQ(pipe2(p, O_CLOEXEC), 0);
		call_rd.emplace_back(p[0]);
		ASSERT_EQ(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
		const UniqueFd wr(p[1]);
		const std::uint64_t idx = i;
		const vhost::VringState n{i, num};
		const vhost::VringState base{i, 0};
		const vhost::VringAddr a{i, 0, r->desc_uva(), r->used_uva(), r->avail_uva(), ~0ULL};

		ack(vhost::Request::set_vring_call, &idx, 8, std::vector<int>{wr.get()});
		ack(vhost::Request::set_vring_num, &n, 8, std::vector<int>{});
		ack(vhost::Request::set_vring_base, &base, 8, std::vector<int>{});
		ack(vhost::Request::set_vring_addr, &a, sizeof(a), std::vector<int>{});
		i++;
	}
	for (std::uint32_t q = 0; q < i; q++) {
		kick.emplace_back(eventfd(0, EFD_CLOEXEC));
		const std::uint64_t idx = q;
		const vhost::VringState en{q, 1};

		ack(vhost::Request::set_vring_kick, &idx, 8, std::vector<int>{kick.back().get()});
		ack(vhost::Request::set_vring_enable, &en, 8, std::vector<int>{});
	}
}

/*
 * A VirtioTransport over DriverRings in TestMemory, as the vhost-user
 * backend would set them up (queue i is rings[i]); each call fd is a pipe.
 */
class RingTransport final : public vhost::VirtioTransport {
public:
	RingTransport(TestMemory &mem, std::initializer_list<DriverRing *> rings)
	{
		EXPECT_TRUE(map.add_region(mem.spec(), mem.fd()));
		queues.reserve(rings.size());
		for (DriverRing *r : rings) {
			const auto i = static_cast<unsigned>(queues.size());

			queues.emplace_back(i);
			vhost::Virtqueue &q = queues.back();

			EXPECT_TRUE(q.set_num(r->num()));
			q.set_addresses(r->desc_uva(), r->avail_uva(), r->used_uva());
			EXPECT_TRUE(q.resolve(map));
			q.set_enabled(true);
			q.set_started(true);
			int p[2];

			EXPECT_EQ(pipe2(p, O_CLOEXEC), 0);
			call_rd.emplace_back(p[0]);
			EXPECT_EQ(fcntl(p[0], F_SETFL, O_NONBLOCK), 0);
			q.set_call_fd(UniqueFd(p[1]));
		}
	}
	vhost::Virtqueue &queue(unsigned index) override { return queues.at(index); }
	GuestMemory &memory() override { return map; }
	[[nodiscard]] std::uint64_t acked_features() const override { return 1ULL << 32; }

	/* Signals written on queue @i since the last call. */
	std::size_t signals(unsigned i) { return drain(call_rd.at(i).get()) / 8; }

	vhost::MemoryMap map;
	std::vector<vhost::Virtqueue> queues;
	std::vector<UniqueFd> call_rd;
};

} // namespace ipwmodel::test
