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

#define LOG_DEBUG(...) ::ipwmodel::logf(::ipwmodel::LogLevel::debug, __VA_ARGS__)
#define LOG_INFO(...) ::ipwmodel::logf(::ipwmodel::LogLevel::info, __VA_ARGS__)
#define LOG_WARN(...) ::ipwmodel::logf(::ipwmodel::LogLevel::warn, __VA_ARGS__)
#define LOG_ERROR(...) ::ipwmodel::logf(::ipwmodel::LogLevel::error, __VA_ARGS__)
