/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/utility.h - the few type utilities the subset needs
 *
 * No library headers exist in the kernel C++ subset; these are the pieces of
 * <utility> and <type_traits> that kcxx uses, under kcxx::.
 */
#pragma once

namespace kcxx {

template <typename T> struct remove_reference {
	using type = T;
};
template <typename T> struct remove_reference<T &> {
	using type = T;
};
template <typename T> struct remove_reference<T &&> {
	using type = T;
};
template <typename T> using remove_reference_t = typename remove_reference<T>::type;

template <typename T> constexpr T &&forward(remove_reference_t<T> &t) noexcept
{
	return static_cast<T &&>(t);
}

template <typename T> constexpr T &&forward(remove_reference_t<T> &&t) noexcept
{
	return static_cast<T &&>(t);
}

template <typename T> constexpr remove_reference_t<T> &&move(T &&t) noexcept
{
	return static_cast<remove_reference_t<T> &&>(t);
}

template <typename A, typename B> inline constexpr bool is_same_v = false;
template <typename A> inline constexpr bool is_same_v<A, A> = true;

/* For static_assert() in a primary template that must never be instantiated. */
template <auto> inline constexpr bool dependent_false_v = false;

/**
 * struct OwnerOf - the class of a pointer to member function, as ``type``:
 * ``OwnerOf<&Dev::isr>::type`` is ``Dev``.  Used by the binders (work.h,
 * irq.h, debugfs.h) to type the owner pointer a method is bound to.
 */
template <auto Method> struct OwnerOf;
template <typename Owner, typename R, typename... Args, R (Owner::*M)(Args...)> struct OwnerOf<M> {
	using type = Owner;
};

/**
 * class Pinned - base for objects with kernel state: neither copyable nor
 * movable, because the kernel keeps pointers into them (lock wait lists,
 * lockdep maps, list heads).  Construct them in place.
 */
class Pinned {
protected:
	constexpr Pinned() = default;
	~Pinned() = default;

public:
	Pinned(const Pinned &) = delete;
	Pinned &operator=(const Pinned &) = delete;
	Pinned(Pinned &&) = delete;
	Pinned &operator=(Pinned &&) = delete;
};

} // namespace kcxx
