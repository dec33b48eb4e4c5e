/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/result.h - errors as values
 *
 * ``Result<T>`` holds a ``T`` or a negative errno; ``Result<void>`` only the
 * errno.  The type is ``[[nodiscard]]``, so a call whose result is dropped
 * does not compile (the build makes unused-result an error).  There are no
 * exceptions in the subset::
 *
 *	kcxx::Result<u32> read_ordinal(u32 ord)
 *	{
 *		if (ord > max)
 *			return kcxx::Err(-EINVAL);
 *		return value;
 *	}
 *
 *	auto r = read_ordinal(3);
 *	if (!r)
 *		return r.error();
 */
#pragma once

#include <kcxx/new.h>
#include <kcxx/utility.h>

namespace kcxx {

/** struct Err - a negative errno on its way into a Result. */
struct Err {
	int code;
	constexpr explicit Err(int c) : code(c < 0 ? c : -c) {}
};

template <typename T> class [[nodiscard]] Result {
public:
	Result(const T &v) : err_(0) { new (&storage_) T(v); }
	Result(T &&v) : err_(0) { new (&storage_) T(move(v)); }
	Result(Err e) : err_(e.code ? e.code : -22 /* EINVAL: an error must be one */) {}
	Result(const Result &) = delete;
	Result &operator=(const Result &) = delete;
	Result(Result &&o) : err_(o.err_)
	{
		if (!err_)
			new (&storage_) T(move(*o.ptr()));
	}
	~Result()
	{
		if (!err_)
			ptr()->~T();
	}

	[[nodiscard]] bool is_ok() const { return err_ == 0; }
	[[nodiscard]] explicit operator bool() const { return is_ok(); }
	/** error() - the negative errno, 0 on success. */
	[[nodiscard]] int error() const { return err_; }
	/** value() - the value; only after is_ok() said so. */
	[[nodiscard]] T &value() { return *ptr(); }
	[[nodiscard]] const T &value() const { return *ptr(); }
	[[nodiscard]] T value_or(T dflt) const { return err_ ? dflt : *ptr(); }

private:
	T *ptr() { return reinterpret_cast<T *>(&storage_); }
	const T *ptr() const { return reinterpret_cast<const T *>(&storage_); }

	int err_;
	alignas(T) unsigned char storage_[sizeof(T)];
};

template <> class [[nodiscard]] Result<void> {
public:
	Result() : err_(0) {}
	Result(Err e) : err_(e.code ? e.code : -22) {}

	/** Ok() - success, for functions that return Result<void>. */
	static Result ok() { return Result(); }

	[[nodiscard]] bool is_ok() const { return err_ == 0; }
	[[nodiscard]] explicit operator bool() const { return is_ok(); }
	[[nodiscard]] int error() const { return err_; }

private:
	int err_;
};

using Status = Result<void>;

} // namespace kcxx
