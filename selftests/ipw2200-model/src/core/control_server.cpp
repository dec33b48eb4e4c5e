// SPDX-License-Identifier: GPL-2.0
#include "core/control_server.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <sstream>

#include "core/log.h"

namespace ipwmodel {

namespace {

constexpr std::size_t kMaxLine = 4096;

} // namespace

ControlServer::ControlServer(EventLoop &loop) : loop_(loop)
{
	add_command("help", "list commands", [this](const std::vector<std::string> &) {
		std::string s;

		for (const auto &[name, cmd] : commands_)
			s += (s.empty() ? "" : "; ") + name + ": " + cmd.help;
		return Reply{true, s};
	});
	add_command("ping", "answer pong", [](const std::vector<std::string> &) { return Reply{true, "pong"}; });
}

ControlServer::~ControlServer()
{
	for (auto &c : clients_)
		(void)loop_.unwatch(c->watch);
	if (listen_watch_ != 0)
		(void)loop_.unwatch(listen_watch_);
	if (listen_fd_ && !path_.empty())
		(void)unlink(path_.c_str());
}

bool ControlServer::listen(const std::string &path)
{
	sockaddr_un addr{};

	if (path.size() >= sizeof(addr.sun_path)) {
		LOG_ERROR("control socket path too long: %s", path.c_str());
		return false;
	}
	UniqueFd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));

	if (!fd)
		return false;
	addr.sun_family = AF_UNIX;
	std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
	(void)unlink(path.c_str());
	// NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast)
	if (bind(fd.get(), reinterpret_cast<const sockaddr *>(&addr), sizeof(addr)) < 0 || ::listen(fd.get(), 4) < 0) {
		LOG_ERROR("control socket %s: %s", path.c_str(), std::strerror(errno));
		return false;
	}
	listen_watch_ = loop_.watch(fd.get(), EPOLLIN, [this](std::uint32_t) { on_accept(); });
	if (listen_watch_ == 0)
		return false;
	listen_fd_ = std::move(fd);
	path_ = path;
	return true;
}

void ControlServer::add_command(const std::string &name, const std::string &help, Handler fn)
{
	/* Replies start with these words: see is_reply(). */
	if (name == "ok" || name == "error") {
		LOG_ERROR("control: a command cannot be called %s", name.c_str());
		return;
	}
	commands_[name] = Command{help, std::move(fn)};
}

ControlServer::Reply ControlServer::execute(const std::string &line) const
{
	std::istringstream in(line);
	std::string name;
	std::vector<std::string> args;

	in >> name;
	for (std::string a; in >> a;)
		args.push_back(a);
	if (name.empty())
		return Reply{false, "empty command"};
	auto it = commands_.find(name);

	if (it == commands_.end())
		return Reply{false, "unknown command " + name};
	return it->second.fn(args);
}

std::string ControlServer::reply_line(const std::string &line) const
{
	return format_reply(execute(line));
}

std::string ControlServer::format_reply(const Reply &r)
{
	return std::string(r.ok ? "ok" : "error") + (r.text.empty() ? "" : " " + r.text);
}

bool ControlServer::is_reply(const std::string &line)
{
	std::istringstream in(line);
	std::string word;

	in >> word;
	return word == "ok" || word == "error";
}

std::optional<std::string> ControlServer::terminal_reply(const std::string &line) const
{
	if (is_reply(line))
		return std::nullopt;
	return reply_line(line);
}

void ControlServer::on_accept()
{
	UniqueFd fd(accept4(listen_fd_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));

	if (!fd)
		return;
	auto c = std::make_unique<Client>();
	Client *raw = c.get();

	c->watch = loop_.watch(fd.get(), EPOLLIN, [this, raw](std::uint32_t) { on_client(raw); });
	if (c->watch == 0)
		return;
	c->fd = std::move(fd);
	clients_.push_back(std::move(c));
}

void ControlServer::on_client(Client *c)
{
	std::array<char, 1024> buf{};
	const ssize_t n = recv(c->fd.get(), buf.data(), buf.size(), 0);

	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		close_client(c);
		return;
	}
	c->buf.append(buf.data(), static_cast<std::size_t>(n));
	for (std::size_t nl = c->buf.find('\n'); nl != std::string::npos; nl = c->buf.find('\n')) {
		std::string line = c->buf.substr(0, nl);

		c->buf.erase(0, nl + 1);
		if (!line.empty() && line.back() == '\r')
			line.pop_back();
		const std::string out = reply_line(line) + "\n";

		/* Replies are short; a client that does not read them is dropped. */
		if (send(c->fd.get(), out.data(), out.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(out.size())) {
			close_client(c);
			return;
		}
	}
	if (c->buf.size() > kMaxLine)
		close_client(c);
}

void ControlServer::close_client(Client *c)
{
	(void)loop_.unwatch(c->watch);
	/* Callers return right after this: the client is gone. */
	auto it = std::find_if(clients_.begin(), clients_.end(),
			       [c](const std::unique_ptr<Client> &p) { return p.get() == c; });

	if (it != clients_.end())
		clients_.erase(it);
}

} // namespace ipwmodel
