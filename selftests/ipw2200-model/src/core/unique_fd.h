/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Owner of one file descriptor: closed on destruction, movable, not copyable.
 */
#pragma once

#include <unistd.h>

#include <utility>

namespace ipwmodel {

class UniqueFd {
public:
	UniqueFd() = default;
	explicit UniqueFd(int fd) : fd_(fd) {}
	~UniqueFd() { reset(); }

	UniqueFd(const UniqueFd &) = delete;
	UniqueFd &operator=(const UniqueFd &) = delete;
	UniqueFd(UniqueFd &&other) noexcept : fd_(other.release()) {}
	UniqueFd &operator=(UniqueFd &&other) noexcept
	{
		if (this != &other)
			reset(other.release());
		return *this;
	}

	[[nodiscard]] int get() const { return fd_; }
	[[nodiscard]] bool valid() const { return fd_ >= 0; }
	explicit operator bool() const { return valid(); }

	/* Give up ownership without closing. */
	[[nodiscard]] int release() { return std::exchange(fd_, -1); }

	void reset(int fd = -1)
	{
		const int old = std::exchange(fd_, fd);

		if (old >= 0)
			::close(old);
	}

private:
	int fd_ = -1;
};

} // namespace ipwmodel
