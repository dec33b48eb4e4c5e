/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/new.h - allocation for the kernel C++ subset
 *
 * There is no plain ``operator new``: every allocation names its context with
 * a &kcxx::Gfp value, so no call site can hide a sleeping GFP_KERNEL
 * allocation.  All allocation functions are ``noexcept`` and return nullptr
 * on failure, so a new-expression yields nullptr and constructs nothing when
 * memory is short.  The definitions live in cxxrt.ko.
 *
 *	auto *p = new (kcxx::Gfp::atomic()) Thing(args);
 *	if (!p)
 *		return Err(-ENOMEM);
 */
#pragma once

#include <kcxx/types.h>

namespace std {
enum class align_val_t : __SIZE_TYPE__ {};
} // namespace std

namespace kcxx {

class Sleepable;

/**
 * class Gfp - the allocation context of one allocation.
 *
 * Gfp::atomic() may be used anywhere (it never sleeps).  Gfp::kernel() may
 * sleep and therefore needs a &kcxx::Sleepable proof of sleepable context.
 */
class Gfp {
public:
	enum class Kind : u32 { kernel = 0, atomic = 1, nowait = 2 };

	static constexpr Gfp atomic() { return Gfp(Kind::atomic); }
	static constexpr Gfp nowait() { return Gfp(Kind::nowait); }
	static constexpr Gfp kernel(const Sleepable &) { return Gfp(Kind::kernel); }

	constexpr Kind kind() const { return kind_; }

private:
	constexpr explicit Gfp(Kind k) : kind_(k) {}
	Kind kind_;
};

} // namespace kcxx

[[nodiscard]] void *operator new(kcxx::size_t size, kcxx::Gfp gfp) noexcept;
[[nodiscard]] void *operator new[](kcxx::size_t size, kcxx::Gfp gfp) noexcept;
[[nodiscard]] void *operator new(kcxx::size_t size, std::align_val_t align, kcxx::Gfp gfp) noexcept;
[[nodiscard]] void *operator new[](kcxx::size_t size, std::align_val_t align, kcxx::Gfp gfp) noexcept;
void operator delete(void *p) noexcept;
void operator delete[](void *p) noexcept;
void operator delete(void *p, kcxx::size_t size) noexcept;
void operator delete[](void *p, kcxx::size_t size) noexcept;
void operator delete(void *p, std::align_val_t align) noexcept;
void operator delete[](void *p, std::align_val_t align) noexcept;
void operator delete(void *p, kcxx::size_t size, std::align_val_t align) noexcept;
void operator delete[](void *p, kcxx::size_t size, std::align_val_t align) noexcept;
/* Matching placement deletes: called if a constructor could throw (never). */
void operator delete(void *p, kcxx::Gfp gfp) noexcept;
void operator delete[](void *p, kcxx::Gfp gfp) noexcept;

/* Placement new: construct in storage the caller owns. */
[[nodiscard]] inline void *operator new(kcxx::size_t, void *where) noexcept
{
	return where;
}
[[nodiscard]] inline void *operator new[](kcxx::size_t, void *where) noexcept
{
	return where;
}
