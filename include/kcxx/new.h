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

#include <kcxx/annotations.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

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
	static constexpr Gfp kernel(const Sleepable &ctx) KCXX_REQUIRES(ctx) { return Gfp(Kind::kernel); }

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

namespace kcxx {

/**
 * class Box - sole owner of one heap object; deletes it on scope exit.
 *
 *	kcxx::Box<Thing> t(new (kcxx::Gfp::kernel(ctx)) Thing(args));
 *	if (!t)
 *		return -ENOMEM;
 */
template <typename T> class Box {
public:
	explicit Box(T *p = nullptr) : p_(p) {}
	~Box() { delete p_; }
	Box(const Box &) = delete;
	Box &operator=(const Box &) = delete;
	Box(Box &&o) : p_(o.release()) {}

	T *operator->() const { return p_; }
	T &operator*() const { return *p_; }
	explicit operator bool() const { return p_ != nullptr; }
	T *get() const { return p_; }
	/** reset() - delete the object owned now (if any), own @p instead. */
	void reset(T *p = nullptr)
	{
		T *old = p_;
		p_ = p;
		delete old;
	}
	/** release() - give up ownership without deleting. */
	[[nodiscard]] T *release()
	{
		T *p = p_;
		p_ = nullptr;
		return p;
	}

private:
	T *p_;
};

/**
 * class Slot - room for one T, constructed in place later and destroyed
 * with the Slot (or by reset()).  For Pinned objects that are made after
 * their owner, from a value a fallible factory returned::
 *
 *	struct Dev { kcxx::Slot<kcxx::PciEnabled> enabled; ... };
 *
 *	auto en = kcxx::PciEnabled::make(ctx, pdev);
 *	if (!en)
 *		return en.error();
 *	d->enabled.emplace(kcxx::move(en.value()));
 *
 * Unlike Revocable, access is not guarded: use it for what nobody else
 * reaches concurrently.
 */
template <typename T> class Slot : Pinned {
public:
	Slot() = default;
	~Slot() { reset(); }

	/** emplace() - construct the T; does nothing if one is there already. */
	template <typename... Args> void emplace(Args &&...args)
	{
		if (has_)
			return;
		new (storage_) T(forward<Args>(args)...);
		has_ = true;
	}
	/** reset() - destroy the T, if any. */
	void reset()
	{
		if (has_) {
			ptr()->~T();
			has_ = false;
		}
	}

	explicit operator bool() const { return has_; }
	T *operator->() { return has_ ? ptr() : nullptr; }
	T &operator*() { return *ptr(); }

private:
	T *ptr() { return reinterpret_cast<T *>(storage_); }

	bool has_ = false;
	alignas(T) unsigned char storage_[sizeof(T)];
};

} // namespace kcxx
