/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/errno.h - negative error numbers for Result and Status
 *
 * The kernel's errno values (uapi asm-generic/errno-base.h and errno.h),
 * negated, as constants C++ code can name without a kernel header:
 * ``return kcxx::Err(kcxx::err::inval);``.
 */
#pragma once

namespace kcxx::err {

constexpr int perm = -1;
constexpr int noent = -2;
constexpr int fault = -14;
constexpr int intr = -4;
constexpr int io = -5;
constexpr int again = -11;
constexpr int nomem = -12;
constexpr int busy = -16;
constexpr int nodev = -19;
constexpr int inval = -22;
constexpr int nospc = -28;
constexpr int range = -34;
constexpr int nosys = -38;
constexpr int nolink = -67;
constexpr int badmsg = -74;
constexpr int opnotsupp = -95;
constexpr int netdown = -100;
constexpr int timedout = -110;
constexpr int already = -114;
constexpr int canceled = -125;
constexpr int nokey = -126;

} // namespace kcxx::err
