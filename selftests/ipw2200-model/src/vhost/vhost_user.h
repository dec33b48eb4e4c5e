/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vhost-user backend ("slave"/back-end side) for one VirtioDevice.
 *
 * VhostUserConnection speaks the protocol on one connected stream socket:
 * every message is validated (version flags, payload size for its request,
 * number of passed fds, indexes and values) before it has any effect; a bad
 * message is logged, answered with a failure status if the front-end asked
 * for one, and ends the connection.  Protocol features offered: REPLY_ACK,
 * BACKEND_REQ (SLAVE_REQ: UML requires it) and CONFIG.
 *
 * VhostUserServer listens on a UNIX socket path and serves one front-end
 * connection at a time.
 */
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/event_loop.h"
#include "core/unique_fd.h"
#include "vhost/memory_map.h"
#include "vhost/protocol.h"
#include "vhost/virtio_device.h"
#include "vhost/virtqueue.h"

namespace ipwmodel::vhost {

class VhostUserConnection final : private VirtioTransport {
public:
	enum class Status {
		ok,	/* message handled */
		closed, /* the front-end closed the connection */
		error,	/* protocol violation or I/O error: drop the connection */
	};

	/* Serve @dev on connected socket @sock; kick fds are watched in @loop. */
	VhostUserConnection(EventLoop &loop, UniqueFd sock, VirtioDevice &dev);
	~VhostUserConnection() override;
	VhostUserConnection(const VhostUserConnection &) = delete;
	VhostUserConnection &operator=(const VhostUserConnection &) = delete;
	VhostUserConnection(VhostUserConnection &&) = delete;
	VhostUserConnection &operator=(VhostUserConnection &&) = delete;

	/* Read one complete message, handle it and send any reply. */
	Status handle_one();

	[[nodiscard]] int fd() const { return sock_.get(); }
	[[nodiscard]] std::uint64_t offered_features() const;
	[[nodiscard]] static std::uint64_t offered_protocol_features();
	[[nodiscard]] std::uint64_t protocol_features() const { return protocol_features_; }
	[[nodiscard]] Virtqueue *vq(unsigned index);
	[[nodiscard]] const MemoryMap &memory_map() const { return mem_; }

private:
	struct Message {
		Header hdr{};
		std::vector<std::uint8_t> payload;
		std::vector<UniqueFd> fds;
	};

	/* VirtioTransport */
	Virtqueue &queue(unsigned index) override { return queues_.at(index); }
	GuestMemory &memory() override { return mem_; }
	[[nodiscard]] std::uint64_t acked_features() const override { return acked_features_; }

	Status receive(Message &msg);
	bool dispatch(Message &msg, bool &replied);
	bool send_reply(const Header &req, const void *payload, std::uint32_t size);
	bool send_u64_reply(const Header &req, std::uint64_t value);

	bool expect(const Message &msg, std::uint32_t size, std::size_t nfds);
	template <typename T> T payload_as(const Message &msg) const;
	bool vring_index_ok(std::uint32_t index) const;

	bool handle_set_mem_table(Message &msg);
	bool handle_vring_fd(Message &msg);
	bool handle_get_config(const Message &msg, bool &replied);
	bool handle_set_config(const Message &msg);
	void stop_vring(unsigned index);
	void start_vring_if_ready(unsigned index);
	void on_kick_fd(unsigned index);
	void reset_state();

	EventLoop &loop_;
	UniqueFd sock_;
	VirtioDevice &dev_;
	bool attached_ = false;
	std::uint64_t acked_features_ = 0;
	bool features_set_ = false;
	std::uint64_t protocol_features_ = 0;
	MemoryMap mem_;
	std::vector<Virtqueue> queues_;
	std::vector<UniqueFd> kick_fds_;
	std::vector<EventLoop::WatchId> kick_watch_;
	UniqueFd backend_req_fd_;
};

class VhostUserServer {
public:
	/* Called when a served connection ends (front-end gone or protocol error). */
	using DisconnectFn = std::function<void(VhostUserConnection::Status)>;

	VhostUserServer(EventLoop &loop, VirtioDevice &dev, DisconnectFn on_disconnect = {});
	~VhostUserServer();
	VhostUserServer(const VhostUserServer &) = delete;
	VhostUserServer &operator=(const VhostUserServer &) = delete;
	VhostUserServer(VhostUserServer &&) = delete;
	VhostUserServer &operator=(VhostUserServer &&) = delete;

	/*
	 * Listen on @path.  The socket is bound under a temporary name and
	 * renamed into place after listen(): once @path exists, connect()
	 * succeeds.  An existing socket file at @path is replaced.
	 */
	[[nodiscard]] bool listen(const std::string &path);
	/* Serve an already connected socket (tests, socket activation). */
	void serve(UniqueFd sock);

	[[nodiscard]] bool connected() const { return conn_ != nullptr; }
	[[nodiscard]] VhostUserConnection *connection() { return conn_.get(); }

private:
	void on_accept();
	void on_readable();
	void drop(VhostUserConnection::Status why);

	EventLoop &loop_;
	VirtioDevice &dev_;
	DisconnectFn on_disconnect_;
	std::string path_;
	UniqueFd listen_fd_;
	EventLoop::WatchId listen_watch_ = 0;
	std::unique_ptr<VhostUserConnection> conn_;
	EventLoop::WatchId conn_watch_ = 0;
};

} // namespace ipwmodel::vhost
