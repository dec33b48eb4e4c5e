// SPDX-License-Identifier: GPL-2.0
#include "vhost/vhost_user.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

#include "core/log.h"

namespace ipwmodel::vhost {

namespace {

const char *request_name(std::uint32_t req)
{
	switch (static_cast<Request>(req)) {
	case Request::get_features:
		return "GET_FEATURES";
	case Request::set_features:
		return "SET_FEATURES";
	case Request::set_owner:
		return "SET_OWNER";
	case Request::reset_owner:
		return "RESET_OWNER";
	case Request::set_mem_table:
		return "SET_MEM_TABLE";
	case Request::set_log_base:
		return "SET_LOG_BASE";
	case Request::set_log_fd:
		return "SET_LOG_FD";
	case Request::set_vring_num:
		return "SET_VRING_NUM";
	case Request::set_vring_addr:
		return "SET_VRING_ADDR";
	case Request::set_vring_base:
		return "SET_VRING_BASE";
	case Request::get_vring_base:
		return "GET_VRING_BASE";
	case Request::set_vring_kick:
		return "SET_VRING_KICK";
	case Request::set_vring_call:
		return "SET_VRING_CALL";
	case Request::set_vring_err:
		return "SET_VRING_ERR";
	case Request::get_protocol_features:
		return "GET_PROTOCOL_FEATURES";
	case Request::set_protocol_features:
		return "SET_PROTOCOL_FEATURES";
	case Request::get_queue_num:
		return "GET_QUEUE_NUM";
	case Request::set_vring_enable:
		return "SET_VRING_ENABLE";
	case Request::set_backend_req_fd:
		return "SET_BACKEND_REQ_FD";
	case Request::get_config:
		return "GET_CONFIG";
	case Request::set_config:
		return "SET_CONFIG";
	case Request::vring_kick:
		return "VRING_KICK";
	}
	return "unknown";
}

/*
 * recvmsg() exactly @len bytes into @buf (blocking, bounded by the socket's
 * receive timeout), collecting passed fds into @fds.  0: done; 1: orderly
 * close before any byte; -1: error (logged).
 */
int recv_exact(int sock, void *buf, std::size_t len, std::vector<UniqueFd> &fds)
{
	auto *p = static_cast<std::uint8_t *>(buf);
	std::size_t got = 0;

	while (got < len) {
		alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int) * kMaxFdsPerMessage)> cbuf{};
		iovec iov{p + got, len - got};
		msghdr mh{};

		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cbuf.data();
		mh.msg_controllen = cbuf.size();

		const ssize_t n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);

		if (n < 0 && errno == EINTR)
			continue;
		/* Take ownership of fds first so that every path closes them. */
		for (cmsghdr *c = CMSG_FIRSTHDR(&mh); n >= 0 && c != nullptr; c = CMSG_NXTHDR(&mh, c)) {
			if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
				continue;
			const std::size_t nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);

			for (std::size_t i = 0; i < nfd; i++) {
				int fd = -1;

				std::memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof(int));
				fds.emplace_back(fd);
			}
		}
		if (n < 0) {
			LOG_ERROR("vhost-user: recvmsg: %s", std::strerror(errno));
			return -1;
		}
		if (n == 0) {
			if (got == 0)
				return 1;
			LOG_ERROR("vhost-user: connection closed inside a message");
			return -1;
		}
		if ((mh.msg_flags & MSG_CTRUNC) != 0) {
			LOG_ERROR("vhost-user: too many file descriptors with one message");
			return -1;
		}
		got += static_cast<std::size_t>(n);
	}
	return 0;
}

bool send_all(int sock, const void *buf, std::size_t len)
{
	const auto *p = static_cast<const std::uint8_t *>(buf);

	while (len > 0) {
		const ssize_t n = send(sock, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			LOG_ERROR("vhost-user: send: %s", n < 0 ? std::strerror(errno) : "closed");
			return false;
		}
		p += n;
		len -= static_cast<std::size_t>(n);
	}
	return true;
}

} // namespace

/* ---- VhostUserConnection ---- */

VhostUserConnection::VhostUserConnection(EventLoop &loop, UniqueFd sock, VirtioDevice &dev)
	: loop_(loop), sock_(std::move(sock)), dev_(dev)
{
	const unsigned n = dev_.num_queues();

	queues_.reserve(n);
	for (unsigned i = 0; i < n; i++)
		queues_.emplace_back(i);
	kick_fds_.resize(n);
	kick_watch_.resize(n, 0);

	/* A front-end that stops inside a message must not hang the model. */
	const timeval tv{2, 0};

	(void)setsockopt(sock_.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	(void)setsockopt(sock_.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));

	dev_.attach(*this);
	attached_ = true;
}

VhostUserConnection::~VhostUserConnection()
{
	if (attached_)
		dev_.detach();
	for (unsigned i = 0; i < queues_.size(); i++)
		stop_vring(i);
}

std::uint64_t VhostUserConnection::offered_features() const
{
	return dev_.device_features() | bit(kFeatureVersion1) | bit(kFeatureProtocolFeatures);
}

std::uint64_t VhostUserConnection::offered_protocol_features()
{
	return bit(kProtoReplyAck) | bit(kProtoBackendReq) | bit(kProtoConfig);
}

Virtqueue *VhostUserConnection::vq(unsigned index)
{
	return index < queues_.size() ? &queues_[index] : nullptr;
}

VhostUserConnection::Status VhostUserConnection::receive(Message &msg)
{
	const int rc = recv_exact(sock_.get(), &msg.hdr, sizeof(msg.hdr), msg.fds);

	if (rc == 1)
		return Status::closed;
	if (rc < 0)
		return Status::error;
	if ((msg.hdr.flags & kFlagVersionMask) != kVersion || (msg.hdr.flags & kFlagReply) != 0) {
		LOG_ERROR("vhost-user: %s: bad header flags 0x%x", request_name(msg.hdr.request), msg.hdr.flags);
		return Status::error;
	}
	if (msg.hdr.size > kMaxPayload) {
		LOG_ERROR("vhost-user: %s: payload of %u bytes is too large", request_name(msg.hdr.request),
			  msg.hdr.size);
		return Status::error;
	}
	msg.payload.resize(msg.hdr.size);
	if (msg.hdr.size > 0 && recv_exact(sock_.get(), msg.payload.data(), msg.hdr.size, msg.fds) != 0) {
		LOG_ERROR("vhost-user: %s: truncated payload", request_name(msg.hdr.request));
		return Status::error;
	}
	if (msg.fds.size() > kMaxFdsPerMessage) {
		LOG_ERROR("vhost-user: %s: %zu fds", request_name(msg.hdr.request), msg.fds.size());
		return Status::error;
	}
	return Status::ok;
}

VhostUserConnection::Status VhostUserConnection::handle_one()
{
	Message msg;
	const Status st = receive(msg);

	if (st != Status::ok)
		return st;

	LOG_DEBUG("vhost-user: %s (flags 0x%x, %u bytes, %zu fds)", request_name(msg.hdr.request), msg.hdr.flags,
		  msg.hdr.size, msg.fds.size());

	bool replied = false;
	const bool ok = dispatch(msg, replied);

	if ((msg.hdr.flags & kFlagNeedReply) != 0 && !replied && (protocol_features_ & bit(kProtoReplyAck)) != 0) {
		if (!send_u64_reply(msg.hdr, ok ? 0 : 1))
			return Status::error;
	}
	return ok ? Status::ok : Status::error;
}

bool VhostUserConnection::send_reply(const Header &req, const void *payload, std::uint32_t size)
{
	std::vector<std::uint8_t> buf(sizeof(Header) + size);
	const Header h{req.request, kVersion | kFlagReply, size};

	std::memcpy(buf.data(), &h, sizeof(h));
	if (size > 0)
		std::memcpy(buf.data() + sizeof(h), payload, size);
	return send_all(sock_.get(), buf.data(), buf.size());
}

bool VhostUserConnection::send_u64_reply(const Header &req, std::uint64_t value)
{
	return send_reply(req, &value, sizeof(value));
}

bool VhostUserConnection::expect(const Message &msg, std::uint32_t size, std::size_t nfds)
{
	if (msg.hdr.size != size) {
		LOG_ERROR("vhost-user: %s: payload is %u bytes, expected %u", request_name(msg.hdr.request),
			  msg.hdr.size, size);
		return false;
	}
	if (msg.fds.size() != nfds) {
		LOG_ERROR("vhost-user: %s: %zu fds passed, expected %zu", request_name(msg.hdr.request), msg.fds.size(),
			  nfds);
		return false;
	}
	return true;
}

template <typename T> T VhostUserConnection::payload_as(const Message &msg) const
{
	T v{};

	std::memcpy(&v, msg.payload.data(), std::min(sizeof(T), msg.payload.size()));
	return v;
}

bool VhostUserConnection::vring_index_ok(std::uint32_t index) const
{
	if (index >= queues_.size()) {
		LOG_ERROR("vhost-user: vring index %u out of range (%zu queues)", index, queues_.size());
		return false;
	}
	return true;
}

bool VhostUserConnection::dispatch(Message &msg, bool &replied)
{
	const std::uint32_t req = msg.hdr.request;

	switch (static_cast<Request>(req)) {
	case Request::get_features:
		if (!expect(msg, 0, 0))
			return false;
		replied = true;
		return send_u64_reply(msg.hdr, offered_features());

	case Request::set_features: {
		if (!expect(msg, sizeof(std::uint64_t), 0))
			return false;
		const auto v = payload_as<std::uint64_t>(msg);

		if ((v & ~offered_features()) != 0) {
			LOG_ERROR("vhost-user: SET_FEATURES 0x%llx has bits not offered (0x%llx)",
				  static_cast<unsigned long long>(v),
				  static_cast<unsigned long long>(offered_features()));
			return false;
		}
		acked_features_ = v;
		features_set_ = true;
		/* Without PROTOCOL_FEATURES rings start enabled (no SET_VRING_ENABLE). */
		if ((v & bit(kFeatureProtocolFeatures)) == 0) {
			for (Virtqueue &q : queues_)
				q.set_enabled(true);
		}
		return true;
	}

	case Request::set_owner:
		return expect(msg, 0, 0);

	case Request::reset_owner:
		if (!expect(msg, 0, 0))
			return false;
		reset_state();
		return true;

	case Request::set_mem_table:
		return handle_set_mem_table(msg);

	case Request::set_vring_num: {
		if (!expect(msg, sizeof(VringState), 0))
			return false;
		const auto s = payload_as<VringState>(msg);

		if (!vring_index_ok(s.index))
			return false;
		Virtqueue &q = queues_[s.index];

		if (!q.set_num(s.num)) {
			LOG_ERROR("vhost-user: SET_VRING_NUM %u: not a power of two in 1..%u", s.num, kMaxQueueSize);
			return false;
		}
		if (q.has_addresses() && !mem_.empty())
			return q.resolve(mem_);
		return true;
	}

	case Request::set_vring_addr: {
		if (!expect(msg, sizeof(VringAddr), 0))
			return false;
		const auto a = payload_as<VringAddr>(msg);

		if (!vring_index_ok(a.index))
			return false;
		Virtqueue &q = queues_[a.index];

		if (q.num() == 0 || mem_.empty()) {
			LOG_ERROR("vhost-user: SET_VRING_ADDR before SET_VRING_NUM/SET_MEM_TABLE");
			return false;
		}
		q.set_addresses(a.desc_uva, a.avail_uva, a.used_uva);
		return q.resolve(mem_);
	}

	case Request::set_vring_base: {
		if (!expect(msg, sizeof(VringState), 0))
			return false;
		const auto s = payload_as<VringState>(msg);

		if (!vring_index_ok(s.index))
			return false;
		if (s.num > 0xffff) {
			LOG_ERROR("vhost-user: SET_VRING_BASE %u out of range", s.num);
			return false;
		}
		queues_[s.index].set_base(static_cast<std::uint16_t>(s.num));
		return true;
	}

	case Request::get_vring_base: {
		if (!expect(msg, sizeof(VringState), 0))
			return false;
		const auto s = payload_as<VringState>(msg);

		if (!vring_index_ok(s.index))
			return false;
		stop_vring(s.index);
		const VringState r{s.index, queues_[s.index].base()};

		replied = true;
		return send_reply(msg.hdr, &r, sizeof(r));
	}

	case Request::set_vring_kick:
	case Request::set_vring_call:
	case Request::set_vring_err:
		return handle_vring_fd(msg);

	case Request::get_protocol_features:
		if (!expect(msg, 0, 0))
			return false;
		replied = true;
		return send_u64_reply(msg.hdr, offered_protocol_features());

	case Request::set_protocol_features: {
		if (!expect(msg, sizeof(std::uint64_t), 0))
			return false;
		const auto v = payload_as<std::uint64_t>(msg);

		if ((v & ~offered_protocol_features()) != 0) {
			LOG_ERROR("vhost-user: SET_PROTOCOL_FEATURES 0x%llx has bits not offered",
				  static_cast<unsigned long long>(v));
			return false;
		}
		protocol_features_ = v;
		return true;
	}

	case Request::get_queue_num:
		if (!expect(msg, 0, 0))
			return false;
		replied = true;
		return send_u64_reply(msg.hdr, queues_.size());

	case Request::set_vring_enable: {
		if (!expect(msg, sizeof(VringState), 0))
			return false;
		const auto s = payload_as<VringState>(msg);

		if (!vring_index_ok(s.index))
			return false;
		if (s.num > 1) {
			LOG_ERROR("vhost-user: SET_VRING_ENABLE %u", s.num);
			return false;
		}
		queues_[s.index].set_enabled(s.num == 1);
		start_vring_if_ready(s.index);
		return true;
	}

	case Request::set_backend_req_fd:
		if (!expect(msg, 0, 1))
			return false;
		if ((protocol_features_ & bit(kProtoBackendReq)) == 0) {
			LOG_ERROR("vhost-user: SET_BACKEND_REQ_FD without BACKEND_REQ");
			return false;
		}
		backend_req_fd_ = std::move(msg.fds[0]);
		return true;

	case Request::get_config:
		return handle_get_config(msg, replied);

	case Request::set_config:
		return handle_set_config(msg);

	case Request::set_log_base:
	case Request::set_log_fd:
	case Request::vring_kick:
		LOG_ERROR("vhost-user: %s: feature not offered", request_name(req));
		return false;
	}
	LOG_ERROR("vhost-user: unknown request %u", req);
	return false;
}

bool VhostUserConnection::handle_set_mem_table(Message &msg)
{
	if (msg.hdr.size < sizeof(MemTableHeader)) {
		LOG_ERROR("vhost-user: SET_MEM_TABLE: %u bytes", msg.hdr.size);
		return false;
	}
	const auto mh = payload_as<MemTableHeader>(msg);

	if (mh.num == 0 || mh.num > kMaxMemRegions) {
		LOG_ERROR("vhost-user: SET_MEM_TABLE: %u regions", mh.num);
		return false;
	}
	if (!expect(msg, static_cast<std::uint32_t>(sizeof(MemTableHeader) + mh.num * sizeof(MemRegion)), mh.num))
		return false;

	MemoryMap map;

	for (std::uint32_t i = 0; i < mh.num; i++) {
		MemRegion r{};

		std::memcpy(&r, msg.payload.data() + sizeof(MemTableHeader) + i * sizeof(MemRegion), sizeof(r));
		const RegionSpec spec{r.guest_addr, r.size, r.user_addr, r.mmap_offset};

		if (!map.add_region(spec, msg.fds[i].get()))
			return false;
		LOG_DEBUG("vhost-user: region %u: gpa 0x%llx size 0x%llx uva 0x%llx offset 0x%llx", i,
			  static_cast<unsigned long long>(r.guest_addr), static_cast<unsigned long long>(r.size),
			  static_cast<unsigned long long>(r.user_addr), static_cast<unsigned long long>(r.mmap_offset));
	}
	/* The mappings survive closing the fds (msg.fds closes them). */
	mem_ = std::move(map);

	bool ok = true;

	for (Virtqueue &q : queues_) {
		if (q.has_addresses() && !q.resolve(mem_))
			ok = false;
	}
	return ok;
}

bool VhostUserConnection::handle_vring_fd(Message &msg)
{
	if (msg.hdr.size != sizeof(std::uint64_t)) {
		LOG_ERROR("vhost-user: %s: payload is %u bytes", request_name(msg.hdr.request), msg.hdr.size);
		return false;
	}
	const auto v = payload_as<std::uint64_t>(msg);
	const auto index = static_cast<std::uint32_t>(v & kVringIndexMask);
	const bool nofd = (v & kVringNoFdFlag) != 0;

	if ((v & ~(kVringIndexMask | kVringNoFdFlag)) != 0) {
		LOG_ERROR("vhost-user: %s: bad payload 0x%llx", request_name(msg.hdr.request),
			  static_cast<unsigned long long>(v));
		return false;
	}
	if (!expect(msg, sizeof(std::uint64_t), nofd ? 0 : 1) || !vring_index_ok(index))
		return false;

	UniqueFd fd = nofd ? UniqueFd() : std::move(msg.fds[0]);

	switch (static_cast<Request>(msg.hdr.request)) {
	case Request::set_vring_kick: {
		stop_vring(index);
		if (!fd) {
			/* Polling mode (no kick fd) is not supported by this backend. */
			LOG_ERROR("vhost-user: SET_VRING_KICK without fd: not supported");
			return false;
		}
		const int kfd = fd.get();

		kick_fds_[index] = std::move(fd);
		kick_watch_[index] = loop_.watch(kfd, EPOLLIN, [this, index](std::uint32_t) { on_kick_fd(index); });
		if (kick_watch_[index] == 0)
			return false;
		queues_[index].set_started(true);
		start_vring_if_ready(index);
		return true;
	}
	case Request::set_vring_call:
		queues_[index].set_call_fd(std::move(fd));
		return true;
	default:
		/* SET_VRING_ERR: this backend never reports ring errors; drop the fd. */
		return true;
	}
}

bool VhostUserConnection::handle_get_config(const Message &msg, bool &replied)
{
	if ((protocol_features_ & bit(kProtoConfig)) == 0) {
		LOG_ERROR("vhost-user: GET_CONFIG without CONFIG");
		return false;
	}
	if (msg.hdr.size < sizeof(ConfigHeader) || !expect(msg, msg.hdr.size, 0))
		return false;
	const auto ch = payload_as<ConfigHeader>(msg);

	if (ch.size > kMaxConfigSize || ch.offset > kMaxConfigSize - ch.size ||
	    msg.hdr.size != sizeof(ConfigHeader) + ch.size) {
		LOG_ERROR("vhost-user: GET_CONFIG offset %u size %u (payload %u)", ch.offset, ch.size, msg.hdr.size);
		return false;
	}
	const std::vector<std::uint8_t> cfg = dev_.config();
	std::vector<std::uint8_t> reply(sizeof(ConfigHeader) + ch.size, 0);

	std::memcpy(reply.data(), &ch, sizeof(ch));
	for (std::uint32_t i = 0; i < ch.size; i++) {
		const std::size_t at = std::size_t{ch.offset} + i;

		if (at < cfg.size())
			reply[sizeof(ConfigHeader) + i] = cfg[at];
	}
	replied = true;
	return send_reply(msg.hdr, reply.data(), static_cast<std::uint32_t>(reply.size()));
}

bool VhostUserConnection::handle_set_config(const Message &msg)
{
	if ((protocol_features_ & bit(kProtoConfig)) == 0) {
		LOG_ERROR("vhost-user: SET_CONFIG without CONFIG");
		return false;
	}
	if (msg.hdr.size < sizeof(ConfigHeader) || !expect(msg, msg.hdr.size, 0))
		return false;
	const auto ch = payload_as<ConfigHeader>(msg);

	if (ch.size > kMaxConfigSize || ch.offset > kMaxConfigSize - ch.size ||
	    msg.hdr.size != sizeof(ConfigHeader) + ch.size) {
		LOG_ERROR("vhost-user: SET_CONFIG offset %u size %u (payload %u)", ch.offset, ch.size, msg.hdr.size);
		return false;
	}
	const std::vector<std::uint8_t> data(msg.payload.begin() + sizeof(ConfigHeader), msg.payload.end());

	return dev_.set_config(ch.offset, data);
}

void VhostUserConnection::stop_vring(unsigned index)
{
	if (kick_watch_[index] != 0)
		(void)loop_.unwatch(kick_watch_[index]);
	kick_watch_[index] = 0;
	kick_fds_[index].reset();
	queues_[index].set_started(false);
}

void VhostUserConnection::start_vring_if_ready(unsigned index)
{
	if (queues_[index].ready())
		dev_.on_kick(index);
}

void VhostUserConnection::on_kick_fd(unsigned index)
{
	/* An eventfd reads as one 8-byte counter; a pipe drains up to 64 bytes. */
	std::array<std::uint64_t, 8> buf{};
	const ssize_t n = ::read(kick_fds_[index].get(), buf.data(), sizeof(buf));

	if (n == 0) {
		LOG_WARN("vhost-user: kick fd of vq %u closed", index);
		stop_vring(index);
		return;
	}
	if (queues_[index].ready())
		dev_.on_kick(index);
}

void VhostUserConnection::reset_state()
{
	for (unsigned i = 0; i < queues_.size(); i++) {
		stop_vring(i);
		queues_[i].reset();
	}
	mem_.clear();
	acked_features_ = 0;
	features_set_ = false;
	protocol_features_ = 0;
	backend_req_fd_.reset();
}

/* ---- VhostUserServer ---- */

VhostUserServer::VhostUserServer(EventLoop &loop, VirtioDevice &dev, DisconnectFn on_disconnect)
	: loop_(loop), dev_(dev), on_disconnect_(std::move(on_disconnect))
{
}

VhostUserServer::~VhostUserServer()
{
	if (conn_watch_ != 0)
		(void)loop_.unwatch(conn_watch_);
	conn_.reset();
	if (listen_watch_ != 0)
		(void)loop_.unwatch(listen_watch_);
	if (listen_fd_ && !path_.empty())
		(void)unlink(path_.c_str());
}

bool VhostUserServer::listen(const std::string &path)
{
	sockaddr_un addr{};
	const std::string tmp = path + ".tmp" + std::to_string(getpid());

	if (tmp.size() >= sizeof(addr.sun_path)) {
		LOG_ERROR("socket path too long: %s", path.c_str());
		return false;
	}
	UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));

	if (!fd) {
		LOG_ERROR("socket: %s", std::strerror(errno));
		return false;
	}
	addr.sun_family = AF_UNIX;
	std::memcpy(addr.sun_path, tmp.c_str(), tmp.size() + 1);
	(void)unlink(tmp.c_str());
	// NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
	if (bind(fd.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) < 0) {
		LOG_ERROR("bind %s: %s", tmp.c_str(), std::strerror(errno));
		return false;
	}
	if (::listen(fd.get(), 4) < 0 || rename(tmp.c_str(), path.c_str()) < 0) {
		LOG_ERROR("listen/rename %s: %s", path.c_str(), std::strerror(errno));
		(void)unlink(tmp.c_str());
		return false;
	}
	listen_watch_ = loop_.watch(fd.get(), EPOLLIN, [this](std::uint32_t) { on_accept(); });
	if (listen_watch_ == 0) {
		(void)unlink(path.c_str());
		return false;
	}
	listen_fd_ = std::move(fd);
	path_ = path;
	LOG_INFO("listening on %s", path.c_str());
	return true;
}

void VhostUserServer::on_accept()
{
	UniqueFd fd(accept4(listen_fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));

	if (!fd) {
		LOG_WARN("accept on %s: %s", path_.c_str(), std::strerror(errno));
		return;
	}
	if (conn_) {
		LOG_WARN("%s: refusing a second front-end while one is connected", path_.c_str());
		return;
	}
	LOG_INFO("front-end connected on %s", path_.c_str());
	serve(std::move(fd));
}

void VhostUserServer::serve(UniqueFd sock)
{
	const int fd = sock.get();

	conn_ = std::make_unique<VhostUserConnection>(loop_, std::move(sock), dev_);
	conn_watch_ = loop_.watch(fd, EPOLLIN, [this](std::uint32_t) { on_readable(); });
	if (conn_watch_ == 0)
		drop(VhostUserConnection::Status::error);
}

void VhostUserServer::on_readable()
{
	if (!conn_)
		return;
	const VhostUserConnection::Status st = conn_->handle_one();

	if (st != VhostUserConnection::Status::ok)
		drop(st);
}

void VhostUserServer::drop(VhostUserConnection::Status why)
{
	if (conn_watch_ != 0)
		(void)loop_.unwatch(conn_watch_);
	conn_watch_ = 0;
	conn_.reset();
	LOG_INFO("front-end on %s %s", path_.c_str(),
		 why == VhostUserConnection::Status::closed ? "disconnected" : "dropped after an error");
	if (on_disconnect_)
		on_disconnect_(why);
}

} // namespace ipwmodel::vhost
