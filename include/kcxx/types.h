/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/types.h - fixed-width types for the kernel C++ subset
 *
 * C++ code never includes kernel or library headers; these come from the
 * compiler's predefined macros, so they match the kernel's own types on every
 * architecture the kernel builds for.
 */
#pragma once

namespace kcxx {

using u8 = __UINT8_TYPE__;
using u16 = __UINT16_TYPE__;
using u32 = __UINT32_TYPE__;
using u64 = __UINT64_TYPE__;
using s8 = __INT8_TYPE__;
using s16 = __INT16_TYPE__;
using s32 = __INT32_TYPE__;
using s64 = __INT64_TYPE__;
using size_t = __SIZE_TYPE__;
using uintptr_t = __UINTPTR_TYPE__;
using ptrdiff_t = __PTRDIFF_TYPE__;

static_assert(sizeof(u64) == 8 && sizeof(u32) == 4 && sizeof(u16) == 2);

} // namespace kcxx
