/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/lock_class.h - one lockdep class per declaration site
 *
 * ``KCXX_LOCK_CLASS("ipw2200_cxx:rx_ring")`` names a lockdep class whose key
 * is a static object created at the place the macro is written (each
 * expansion is a distinct lambda, hence a distinct function-local static).
 * Two locks of the same C++ type initialised at two sites are two classes,
 * as two spin_lock_init() call sites are in C; a lock initialised inside a
 * helper function does not collapse every caller into one class, because
 * the class is chosen by the caller.
 *
 * The key lives in static storage, as lockdep requires; it is
 * constant-initialised (no constructor runs) and the name is a string
 * literal.  Name classes after the datum they guard.
 */
#pragma once

#include <kcxx/types.h>
#include <kcxx/layout.h>

namespace kcxx {

/**
 * struct LockClass - a lockdep class: static key storage and a name.
 */
struct LockClass {
	alignas(KCXX_ALIGNOF_LOCK_CLASS_KEY) unsigned char key[KCXX_SIZEOF_LOCK_CLASS_KEY > 0
								       ? KCXX_SIZEOF_LOCK_CLASS_KEY
								       : 1];
	const char *name;

	constexpr explicit LockClass(const char *n) : key{}, name(n) {}
	LockClass(const LockClass &) = delete;
	LockClass &operator=(const LockClass &) = delete;
};

} // namespace kcxx

#define KCXX_LOCK_CLASS(name)                                                                                          \
	([]() -> ::kcxx::LockClass & {                                                                                 \
		static constinit ::kcxx::LockClass kcxx_lock_class_{name};                                             \
		return kcxx_lock_class_;                                                                               \
	}())
