/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A line-oriented control socket for test scripts (ipw2200-model
 * --ctl-socket): each request is one line "COMMAND ARG...", each reply one
 * line, "ok[ TEXT]" or "error TEXT".  Commands are registered by the program
 * and the device models; "help" lists them.
 */
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/event_loop.h"
#include "core/unique_fd.h"

namespace ipwmodel {

class ControlServer {
public:
	struct Reply {
		bool ok;
		std::string text;
	};
	using Handler = std::function<Reply(const std::vector<std::string> &args)>;

	explicit ControlServer(EventLoop &loop);
	~ControlServer();
	ControlServer(const ControlServer &) = delete;
	ControlServer &operator=(const ControlServer &) = delete;
	ControlServer(ControlServer &&) = delete;
	ControlServer &operator=(ControlServer &&) = delete;

	/* Listen on @path (an existing socket file is replaced). */
	[[nodiscard]] bool listen(const std::string &path);
	/* @args excludes the command word. */
	void add_command(const std::string &name, const std::string &help, Handler fn);
	/* Run one request line (without newline); used by the socket and by tests. */
	[[nodiscard]] Reply execute(const std::string &line) const;
	/* execute() and format_reply(): the reply line, without the newline. */
	[[nodiscard]] std::string reply_line(const std::string &line) const;
	/* "ok", "ok TEXT" or "error TEXT". */
	[[nodiscard]] static std::string format_reply(const Reply &r);
	/*
	 * True if @line's first word is "ok" or "error": a reply, not a request
	 * (a terminal echoing the replies back).  No command has those names.
	 */
	[[nodiscard]] static bool is_reply(const std::string &line);
	/*
	 * For a terminal (the guest's virtio console, whose tty may echo what
	 * it receives): no reply to a line that is a reply itself, else
	 * reply_line().  Without it an echoing tty and the model would answer
	 * each other for ever.
	 */
	[[nodiscard]] std::optional<std::string> terminal_reply(const std::string &line) const;

private:
	struct Client {
		UniqueFd fd;
		EventLoop::WatchId watch = 0;
		std::string buf;
	};
	struct Command {
		std::string help;
		Handler fn;
	};

	void on_accept();
	void on_client(Client *c);
	void close_client(Client *c);

	EventLoop &loop_;
	std::string path_;
	UniqueFd listen_fd_;
	EventLoop::WatchId listen_watch_ = 0;
	std::map<std::string, Command> commands_;
	std::vector<std::unique_ptr<Client>> clients_;
};

} // namespace ipwmodel
