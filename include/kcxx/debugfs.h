/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/debugfs.h - debugfs directories and text files
 *
 * A ``DebugfsDir`` is a directory in debugfs; ``file<Show, Store>()`` adds
 * a text file whose reads call @Show and whose writes call @Store, methods
 * of an owner object.  Either may be ``nullptr`` (a read-only or write-only
 * file; opening it the other way fails with -EACCES)::
 *
 *	struct Dev {
 *		kcxx::Status show_stats(kcxx::Sleepable &ctx, kcxx::TextBuf &out) KCXX_REQUIRES(ctx);
 *		kcxx::Status store_cmd(kcxx::Sleepable &ctx, const char *buf, kcxx::size_t len) KCXX_REQUIRES(ctx);
 *		kcxx::DebugfsDir dbg;
 *	};
 *
 *	d->dbg.create("ipw2200_cxx");
 *	d->dbg.file<&Dev::show_stats, nullptr>("stats", 0400, d);
 *	d->dbg.file<nullptr, &Dev::store_cmd>("command", 0200, d);
 *	...
 *	d->dbg.remove(ctx);	// remove: no callback runs after this returns
 *
 * Both callbacks run in process context (the reader's or writer's system
 * call) and may sleep: take mutexes, wait for the device.  Show writes at
 * most a page of text into its ``TextBuf``; it runs on the first read of an
 * open file and on every read at offset 0, and partial reads at later
 * offsets come from that snapshot.  Store gets one write at a time as a
 * NUL-terminated string of ``len`` bytes (at most ``PAGE_SIZE - 1``; longer
 * writes fail with -EINVAL, empty ones do nothing); its error becomes the
 * write's result.  A Show error becomes the read's.
 *
 * Failures to create directories or files are not errors (the debugfs
 * convention): the driver works without them, and files in a directory
 * that does not exist are not created.
 *
 * Removal waits for callers: debugfs creates the files behind its full
 * proxy (fs/debugfs/file.c), which runs every open, read and write between
 * debugfs_file_get() and debugfs_file_put(); debugfs_remove() waits until
 * all of them have left (__debugfs_file_removed()) and later calls fail
 * with -EIO before reaching the callbacks.  So once remove() (or the
 * destructor) returns, the owner may go away, even while user space still
 * holds the files open.  Do not call remove() with a lock held that Show
 * or Store takes: it would wait for a callback that waits for the lock.
 * Remove subdirectories before their parent (declare them after it); a
 * parent removed first takes the subdirectories' files with it, safely.
 */
#pragma once

#include <kcxx/context.h>
#include <kcxx/device.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

namespace kcxx {

/**
 * class TextBuf - bounded text output: what a debugfs Show callback writes
 * into.  It never writes past its buffer and keeps it NUL-terminated; text
 * that does not fit is cut and truncated() says so.
 */
class TextBuf {
public:
	/** TextBuf() - over @cap bytes at @buf (the glue gives a page). */
	TextBuf(char *buf, size_t cap) : buf_(buf), cap_(cap)
	{
		if (cap_)
			buf_[0] = '\0';
	}
	TextBuf(const TextBuf &) = delete;
	TextBuf &operator=(const TextBuf &) = delete;

	/** printf() - append formatted text (the kernel's vsnprintf() formats). */
	void printf(const char *fmt, ...) KCXX_PRINTF(2, 3)
	{
		__builtin_va_list ap;
		__builtin_va_start(ap, fmt);
		vprintf(fmt, ap);
		__builtin_va_end(ap);
	}

	/** len() - bytes of text so far, without the NUL; at most capacity() - 1. */
	size_t len() const { return len_; }
	/** truncated() - whether some text did not fit. */
	bool truncated() const { return truncated_; }
	const char *data() const { return buf_; }
	size_t capacity() const { return cap_; }

private:
	void vprintf(const char *fmt, __builtin_va_list ap)
	{
		if (truncated_ || cap_ == 0) {
			truncated_ = true;
			return;
		}
		size_t room = cap_ - len_; /* >= 1: len_ <= cap_ - 1 */
		__builtin_va_list copy;
		__builtin_va_copy(copy, ap);
		int n = kcxx_shim_vsnprintf(buf_ + len_, room, fmt, &copy);
		__builtin_va_end(copy);
		if (n < 0)
			return;
		if (static_cast<size_t>(n) >= room) {
			len_ = cap_ - 1;
			truncated_ = true;
		} else {
			len_ += static_cast<size_t>(n);
		}
	}

	char *buf_;
	size_t cap_;
	size_t len_ = 0;
	bool truncated_ = false;
};

namespace detail {
template <typename A, typename B> struct FirstNonVoid {
	using type = A;
};
template <typename B> struct FirstNonVoid<void, B> {
	using type = B;
};

template <auto Show> struct DebugfsShow {
	static_assert(dependent_false_v<Show>,
		      "a debugfs show method must be Status (Owner::*)(kcxx::Sleepable &, kcxx::TextBuf &)");
};
template <> struct DebugfsShow<nullptr> {
	using type = void;
	static constexpr long (*fn)(void *, char *, size_t) = nullptr;
};
template <typename Owner, Status (Owner::*M)(Sleepable &, TextBuf &)> struct DebugfsShow<M> {
	using type = Owner;
	static long run(void *owner, char *buf, size_t cap)
	{
		TextBuf out(buf, cap);
		Status s = with_sleepable([owner, &out](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
			return (static_cast<Owner *>(owner)->*M)(ctx, out);
		});
		return s ? static_cast<long>(out.len()) : s.error();
	}
	static constexpr long (*fn)(void *, char *, size_t) = &run;
};

template <auto Store> struct DebugfsStore {
	static_assert(
		dependent_false_v<Store>,
		"a debugfs store method must be Status (Owner::*)(kcxx::Sleepable &, const char *, kcxx::size_t)");
};
template <> struct DebugfsStore<nullptr> {
	using type = void;
	static constexpr int (*fn)(void *, const char *, size_t) = nullptr;
};
template <typename Owner, Status (Owner::*M)(Sleepable &, const char *, size_t)> struct DebugfsStore<M> {
	using type = Owner;
	static int run(void *owner, const char *buf, size_t len)
	{
		Status s = with_sleepable([owner, buf, len](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
			return (static_cast<Owner *>(owner)->*M)(ctx, buf, len);
		});
		return s.error();
	}
	static constexpr int (*fn)(void *, const char *, size_t) = &run;
};

/* The two callbacks of one file, their owner type, and the ops the shim calls. */
template <auto Show, auto Store> struct DebugfsBinding {
	using ShowB = DebugfsShow<Show>;
	using StoreB = DebugfsStore<Store>;
	static_assert(!is_same_v<typename ShowB::type, void> || !is_same_v<typename StoreB::type, void>,
		      "a debugfs file needs a show or a store method");
	static_assert(is_same_v<typename ShowB::type, void> || is_same_v<typename StoreB::type, void> ||
			      is_same_v<typename ShowB::type, typename StoreB::type>,
		      "show and store must be methods of the same class");
	using Owner = typename FirstNonVoid<typename ShowB::type, typename StoreB::type>::type;
	static constexpr kcxx_debugfs_ops ops = {ShowB::fn, StoreB::fn};
};
} // namespace detail

/** class DebugfsDir - a debugfs directory and the files in it. */
class DebugfsDir : Pinned {
public:
	DebugfsDir() = default;
	/**
	 * ~DebugfsDir() - remove it (recursively) if still there.  Returns only
	 * after every reader and writer of its files has left the callbacks.
	 */
	~DebugfsDir() { kcxx_shim_debugfs_remove(dir_); }

	/**
	 * create() - make the directory @name under @parent (the debugfs root
	 * if nullptr).  May sleep (probe).  Failures leave it uncreated, and
	 * nothing is made under a parent that was not created.
	 */
	void create(const char *name, DebugfsDir *parent = nullptr)
	{
		if (dir_ || (parent && !parent->dir_))
			return;
		dir_ = kcxx_shim_debugfs_create_dir(name, parent ? parent->dir_ : nullptr);
	}

	/**
	 * remove() - debugfs_remove() of the directory and everything in it;
	 * when it returns no Show or Store is running or will run.  Idempotent.
	 */
	void remove(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		void *d = dir_;
		dir_ = nullptr;
		kcxx_shim_debugfs_remove(d);
	}

	/**
	 * file() - a text file @name with permissions @mode (e.g. 0600) whose
	 * reads call @Show and writes call @Store on @owner.
	 *
	 * @Show is ``Status (Owner::*)(Sleepable &, TextBuf &)``, @Store
	 * ``Status (Owner::*)(Sleepable &, const char *buf, size_t len)``;
	 * either may be nullptr.  @owner must stay valid until remove().
	 * May sleep.  Does nothing if the directory was not created.
	 */
	template <auto Show, auto Store>
	void file(const char *name, unsigned short mode, typename detail::DebugfsBinding<Show, Store>::Owner *owner)
	{
		if (dir_)
			kcxx_shim_debugfs_create_file(dir_, name, mode, owner,
						      &detail::DebugfsBinding<Show, Store>::ops);
	}

	/** created() - whether the directory exists (for tests and logs). */
	bool created() const { return dir_ != nullptr; }

private:
	void *dir_ = nullptr;
};

} // namespace kcxx
