/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unit-test helper: while a LogCapture lives, the model's warnings and
 * errors go into lines instead of stderr, so that "logged, no crash" can be
 * checked and expected messages do not clutter the output.
 */
#pragma once

#include <string>
#include <vector>

#include "core/log.h"

namespace ipwmodel::test {

class LogCapture {
public:
	LogCapture()
	{
		set_log_sink([this](LogLevel l, const std::string &s) {
			if (l >= LogLevel::warn)
				lines.push_back(s);
		});
	}
	~LogCapture() { set_log_sink({}); }
	LogCapture(const LogCapture &) = delete;
	LogCapture &operator=(const LogCapture &) = delete;
	LogCapture(LogCapture &&) = delete;
	LogCapture &operator=(LogCapture &&) = delete;

	std::vector<std::string> lines;
};

} // namespace ipwmodel::test
