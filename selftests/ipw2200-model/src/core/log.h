/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal logging for the device model: one line per message on stderr,
 * prefixed with the level.  Tests can install a sink to capture messages.
 */
#pragma once

#include <functional>
#include <string>

namespace ipwmodel {

enum class LogLevel { debug = 0, info = 1, warn = 2, error = 3 };

/* Messages below @level are discarded (default: info). */
void set_log_level(LogLevel level);
LogLevel log_level();

/* Replace the stderr output; an empty function restores it. */
using LogSink = std::function<void(LogLevel, const std::string &)>;
void set_log_sink(LogSink sink);

[[gnu::format(printf, 2, 3)]] void logf(LogLevel level, const char *fmt, ...);

} // namespace ipwmodel

/*
 * The arguments are evaluated only when the message is kept: a debug line
 * per frame on the air must cost nothing while debug logging is off.
 */
#define IPWMODEL_LOG(level, ...)                                                                                       \
	do {                                                                                                           \
		if ((level) >= ::ipwmodel::log_level())                                                                \
			::ipwmodel::logf((level), __VA_ARGS__);                                                        \
	} while (0)
#define LOG_DEBUG(...) IPWMODEL_LOG(::ipwmodel::LogLevel::debug, __VA_ARGS__)
#define LOG_INFO(...) IPWMODEL_LOG(::ipwmodel::LogLevel::info, __VA_ARGS__)
#define LOG_WARN(...) IPWMODEL_LOG(::ipwmodel::LogLevel::warn, __VA_ARGS__)
#define LOG_ERROR(...) IPWMODEL_LOG(::ipwmodel::LogLevel::error, __VA_ARGS__)
