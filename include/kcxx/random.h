/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/random.h - random numbers
 *
 * The kernel's cryptographically secure generator (get_random_u32(),
 * get_random_bytes()); usable in any context, it never sleeps::
 *
 *	u16 seq = static_cast<u16>(kcxx::random_u32());
 *	kcxx::random_bytes(nonce, sizeof(nonce));
 */
#pragma once

#include <kcxx/shim.h>
#include <kcxx/types.h>

namespace kcxx {

/** random_u32() - a uniformly distributed random 32-bit value. */
inline u32 random_u32()
{
	return kcxx_shim_get_random_u32();
}

/** random_bytes() - fill @len bytes at @buf with random data. */
inline void random_bytes(void *buf, size_t len)
{
	kcxx_shim_get_random_bytes(buf, len);
}

} // namespace kcxx
