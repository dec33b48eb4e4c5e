/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/arc.h - Arc<T>, a reference-counted shared object
 *
 * ``Arc<T>`` owns a share of a heap object whose count is a refcount_t
 * (saturating, with the kernel's overflow and underflow warnings).  Copies
 * take a reference, destruction drops one, the last one deletes the object.
 * Data in ``T`` that is changed after creation must have its own owner (a
 * lock or an atomic inside ``T``): Arc shares, it does not synchronise::
 *
 *	auto r = kcxx::Arc<Cmd>::make(kcxx::Gfp::kernel(ctx), id);
 *	if (!r)
 *		return r.error();
 *	kcxx::Arc<Cmd> cmd = kcxx::move(r.value());
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/new.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/utility.h>

namespace kcxx {

template <typename T> class Arc {
	struct Inner {
		int refs; /* refcount_t */
		T data;
		template <typename... Args> explicit Inner(Args &&...args) : refs(0), data(forward<Args>(args)...)
		{
			kcxx_shim_refcount_set(&refs, 1);
		}
	};

public:
	/** make() - allocate and construct a T with one reference. */
	template <typename... Args> static Result<Arc> make(Gfp gfp, Args &&...args)
	{
		Inner *in = new (gfp) Inner(forward<Args>(args)...);
		if (!in)
			return Err(err::nomem);
		return Arc(in);
	}

	Arc(const Arc &o) : in_(o.in_)
	{
		if (in_)
			kcxx_shim_refcount_inc(&in_->refs);
	}
	Arc(Arc &&o) : in_(o.in_) { o.in_ = nullptr; }
	Arc &operator=(const Arc &o)
	{
		if (this != &o) {
			Arc tmp(o);
			swap(tmp);
		}
		return *this;
	}
	Arc &operator=(Arc &&o)
	{
		if (this != &o) {
			reset();
			in_ = o.in_;
			o.in_ = nullptr;
		}
		return *this;
	}
	~Arc() { reset(); }

	T *operator->() const { return &in_->data; }
	T &operator*() const { return in_->data; }
	explicit operator bool() const { return in_ != nullptr; }

	/** count() - the current number of references (for tests and debugging). */
	unsigned int count() const { return in_ ? kcxx_shim_refcount_read(&in_->refs) : 0; }
	/** same() - whether two Arcs share one object. */
	bool same(const Arc &o) const { return in_ == o.in_; }

	/** reset() - drop this reference now. */
	void reset()
	{
		if (in_ && kcxx_shim_refcount_dec_and_test(&in_->refs))
			delete in_;
		in_ = nullptr;
	}

private:
	explicit Arc(Inner *in) : in_(in) {}
	void swap(Arc &o)
	{
		Inner *t = in_;
		in_ = o.in_;
		o.in_ = t;
	}
	Inner *in_;
};

} // namespace kcxx
