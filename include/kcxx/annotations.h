/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/annotations.h - clang thread-safety attributes
 *
 * With clang the build runs ``-Wthread-safety`` as an error: every access to
 * a guarded datum must be proven to hold its lock.  With GCC (distribution
 * kernels built by GCC) the attributes expand to nothing; the owning-lock
 * types still allow access only through a guard, so the discipline holds,
 * only the extra proof is missing.
 */
#pragma once

#if defined(__clang__)
#define KCXX_TSA(x) __attribute__((x))
#else
#define KCXX_TSA(x)
#endif

#define KCXX_CAPABILITY(name) KCXX_TSA(capability(name))
#define KCXX_SCOPED_CAPABILITY KCXX_TSA(scoped_lockable)
#define KCXX_GUARDED_BY(x) KCXX_TSA(guarded_by(x))
#define KCXX_PT_GUARDED_BY(x) KCXX_TSA(pt_guarded_by(x))
#define KCXX_REQUIRES(...) KCXX_TSA(requires_capability(__VA_ARGS__))
#define KCXX_REQUIRES_SHARED(...) KCXX_TSA(requires_shared_capability(__VA_ARGS__))
#define KCXX_ACQUIRE(...) KCXX_TSA(acquire_capability(__VA_ARGS__))
#define KCXX_ACQUIRE_SHARED(...) KCXX_TSA(acquire_shared_capability(__VA_ARGS__))
#define KCXX_RELEASE(...) KCXX_TSA(release_capability(__VA_ARGS__))
#define KCXX_RELEASE_SHARED(...) KCXX_TSA(release_shared_capability(__VA_ARGS__))
#define KCXX_RELEASE_GENERIC(...) KCXX_TSA(release_generic_capability(__VA_ARGS__))
#define KCXX_TRY_ACQUIRE(...) KCXX_TSA(try_acquire_capability(__VA_ARGS__))
#define KCXX_EXCLUDES(...) KCXX_TSA(locks_excluded(__VA_ARGS__))
#define KCXX_ASSERT_CAPABILITY(x) KCXX_TSA(assert_capability(x))
#define KCXX_RETURN_CAPABILITY(x) KCXX_TSA(lock_returned(x))
#define KCXX_NO_THREAD_SAFETY_ANALYSIS KCXX_TSA(no_thread_safety_analysis)
