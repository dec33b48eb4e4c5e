// SPDX-License-Identifier: GPL-2.0
#include "core/log.h"

#include <array>
#include <cstdarg>
#include <cstdio>
#include <utility>

namespace ipwmodel {

namespace {

LogLevel g_level = LogLevel::info; // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)
LogSink g_sink;			   // NOLINT(cppcoreguidelines-avoid-non-const-global-variables)

const char *level_name(LogLevel level)
{
	switch (level) {
	case LogLevel::debug:
		return "debug";
	case LogLevel::info:
		return "info";
	case LogLevel::warn:
		return "warning";
	case LogLevel::error:
		return "error";
	}
	return "?";
}

} // namespace

void set_log_level(LogLevel level)
{
	g_level = level;
}

LogLevel log_level()
{
	return g_level;
}

void set_log_sink(LogSink sink)
{
	g_sink = std::move(sink);
}

void logf(LogLevel level, const char *fmt, ...)
{
	if (level < g_level)
		return;

	std::array<char, 512> buf{};
	va_list ap;

	va_start(ap, fmt);
	// NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized)
	(void)std::vsnprintf(buf.data(), buf.size(), fmt, ap);
	va_end(ap);

	if (g_sink) {
		g_sink(level, std::string(buf.data()));
		return;
	}
	(void)std::fprintf(stderr, "ipw2200-model: %s: %s\n", level_name(level), buf.data());
}

} // namespace ipwmodel
