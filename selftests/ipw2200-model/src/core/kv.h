/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The control channel's counter lists: "KEY=VALUE" pairs separated by one
 * space (tests split them with tr ' ' '\n').
 */
#pragma once

#include <string>
#include <string_view>

namespace ipwmodel {

/* Append "KEY=VALUE" to @s, after a space unless @s is empty. */
inline void append_kv(std::string &s, std::string_view key, unsigned long long value)
{
	if (!s.empty())
		s += ' ';
	s += key;
	s += '=';
	s += std::to_string(value);
}

} // namespace ipwmodel
