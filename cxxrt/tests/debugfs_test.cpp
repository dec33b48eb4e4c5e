// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/debugfs.h: TextBuf bounds, the show/store
// trampolines, directory lifetimes, and an owner whose files the C suite
// reads and writes through the VFS (kcxx_kunit_main.c).
#include <kcxx/debugfs.h>
#include <kcxx/new.h>
#include <kcxx/sync.h>
#include "hooks.h"

using kcxx::Gfp;
using kcxx::size_t;
using kcxx::Sleepable;
using kcxx::Status;
using kcxx::TextBuf;

namespace {

bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int textbuf_bounds(Sleepable &)
{
	char buf[16];
	for (auto &c : buf)
		c = 'X';
	TextBuf t(buf, 8);
	CHECK(t.len() == 0 && !t.truncated() && buf[0] == '\0');
	t.printf("%d", 123);
	CHECK(t.len() == 3 && same(buf, "123") && !t.truncated());
	t.printf("%s", "abcd"); // exactly fills: 7 chars and the NUL
	CHECK(t.len() == 7 && same(buf, "123abcd") && !t.truncated());
	t.printf("z"); // no room
	CHECK(t.len() == 7 && t.truncated() && buf[7] == '\0');
	CHECK(buf[8] == 'X'); // nothing written past the capacity
	t.printf("%s", "");   // still truncated, still bounded
	CHECK(t.len() == 7 && t.truncated());

	TextBuf u(buf, 8);
	u.printf("%s-%s", "long", "string");
	CHECK(u.len() == 7 && u.truncated() && same(buf, "long-st") && buf[8] == 'X');

	TextBuf one(buf, 1); // room for the NUL only
	one.printf("a");
	CHECK(one.len() == 0 && one.truncated() && buf[0] == '\0');
	TextBuf none(nullptr, 0);
	none.printf("a");
	CHECK(none.len() == 0 && none.truncated());
	return 0;
}

struct Echo {
	struct State {
		char last[64] = {};
		int shows = 0;
		int stores = 0;
	};
	kcxx::Mutex<State> st{KCXX_LOCK_CLASS("kcxx_test:debugfs_echo")};

	Status show(Sleepable &ctx, TextBuf &out) KCXX_REQUIRES(ctx)
	{
		auto g = st.lock(ctx); // may sleep: process context
		g->shows++;
		out.printf("%s", g->last);
		return {};
	}
	Status store(Sleepable &ctx, const char *buf, size_t len) KCXX_REQUIRES(ctx)
	{
		if (len >= sizeof(State::last))
			return kcxx::Err(-28 /* ENOSPC */);
		auto g = st.lock(ctx);
		for (size_t i = 0; i <= len; i++)
			g->last[i] = buf[i];
		g->stores++;
		return {};
	}
	Status show_big(Sleepable &, TextBuf &out)
	{
		for (int i = 0; i < 1000; i++)
			out.printf("line %04d\n", i);
		return out.truncated() ? Status::ok() : kcxx::Err(-22);
	}
	Status show_fail(Sleepable &, TextBuf &out)
	{
		out.printf("never seen");
		return kcxx::Err(-5 /* EIO */);
	}
	Status store_fail(Sleepable &, const char *, size_t) { return kcxx::Err(-1 /* EPERM */); }

	kcxx::DebugfsDir dir;
	kcxx::DebugfsDir sub; // after dir: the destructors remove it first
};

// The trampolines the shim calls, without debugfs in between.
int debugfs_callbacks(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Echo> e(new (Gfp::kernel(ctx)) Echo);
	CHECK(e);
	using RW = kcxx::detail::DebugfsBinding<&Echo::show, &Echo::store>;
	using RO = kcxx::detail::DebugfsBinding<&Echo::show, nullptr>;
	using WO = kcxx::detail::DebugfsBinding<nullptr, &Echo::store_fail>;
	static_assert(kcxx::is_same_v<RW::Owner, Echo> && kcxx::is_same_v<RO::Owner, Echo> &&
		      kcxx::is_same_v<WO::Owner, Echo>);
	static_assert(RO::ops.store == nullptr && WO::ops.show == nullptr);

	char page[64];
	CHECK(RW::ops.store(e.get(), "hi", 2) == 0);
	CHECK(RW::ops.show(e.get(), page, sizeof(page)) == 2 && same(page, "hi"));
	CHECK(RW::ops.store(e.get(), page, 64) == -28); // Store's error comes back
	CHECK(WO::ops.store(e.get(), "x", 1) == -1);
	using Fail = kcxx::detail::DebugfsBinding<&Echo::show_fail, nullptr>;
	CHECK(Fail::ops.show(e.get(), page, sizeof(page)) == -5);
	using Big = kcxx::detail::DebugfsBinding<&Echo::show_big, nullptr>;
	CHECK(Big::ops.show(e.get(), page, sizeof(page)) == 63);
	auto g = e->st.lock(ctx);
	CHECK(g->shows == 1 && g->stores == 1);
	return 0;
}

// Directories: failures are silent, removal is idempotent, any order is safe.
int debugfs_lifetimes(Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	kcxx::Box<Echo> e(new (Gfp::kernel(ctx)) Echo);
	CHECK(e);
	e->sub.create("orphan", &e->dir); // the parent does not exist: nothing
	CHECK(!e->sub.created());
	e->sub.file<&Echo::show, nullptr>("x", 0400, e.get()); // no directory: no-op

	e->dir.create("kcxx_test_lifetimes");
	CHECK(e->dir.created());
	e->dir.create("ignored"); // created once
	e->sub.create("sub", &e->dir);
	CHECK(e->sub.created());
	e->sub.file<&Echo::show, &Echo::store>("echo", 0600, e.get());
	e->dir.file<&Echo::show, nullptr>("echo", 0400, e.get());
	e->dir.file<&Echo::show, nullptr>("echo", 0400, e.get()); // exists: ignored
	e->sub.remove(ctx);
	e->sub.remove(ctx);
	CHECK(!e->sub.created());
	e->dir.remove(ctx);

	// Parent first, then the subdirectory (its files went with the parent).
	e->dir.create("kcxx_test_lifetimes");
	e->sub.create("sub", &e->dir);
	e->sub.file<&Echo::show, &Echo::store>("echo", 0600, e.get());
	e->dir.remove(ctx);
	e->sub.file<&Echo::show, nullptr>("late", 0400, e.get()); // the parent is gone: no-op
	e->sub.remove(ctx);

	// And the destructors clean up what is left.
	e->dir.create("kcxx_test_lifetimes");
	e->sub.create("sub", &e->dir);
	e->dir.file<&Echo::show, nullptr>("echo", 0400, e.get());
	return 0;
}

} // namespace

extern "C" int kcxx_test_textbuf_bounds(void)
{
	return run(textbuf_bounds);
}
extern "C" int kcxx_test_debugfs_callbacks(void)
{
	return run(debugfs_callbacks);
}
extern "C" int kcxx_test_debugfs_lifetimes(void)
{
	return run(debugfs_lifetimes);
}

// The owner of /sys/kernel/debug/kcxx_test_rt for the VFS round trip.
extern "C" void *kcxx_test_debugfs_rt_setup(void)
{
	return kcxx::with_sleepable([](Sleepable &ctx) KCXX_REQUIRES(ctx) -> void * {
		auto *e = new (Gfp::kernel(ctx)) Echo;
		if (!e)
			return nullptr;
		e->dir.create("kcxx_test_rt");
		e->dir.file<&Echo::show, &Echo::store>("echo", 0600, e);
		e->dir.file<&Echo::show, nullptr>("ro", 0400, e);
		e->dir.file<nullptr, &Echo::store>("wo", 0200, e);
		e->dir.file<&Echo::show_big, nullptr>("big", 0400, e);
		e->dir.file<&Echo::show_fail, &Echo::store_fail>("fail", 0600, e);
		e->sub.create("sub", &e->dir);
		e->sub.file<&Echo::show, nullptr>("echo", 0400, e);
		return e;
	});
}

extern "C" void kcxx_test_debugfs_rt_counts(void *owner, int *shows, int *stores)
{
	kcxx::with_sleepable([owner, shows, stores](Sleepable &ctx) KCXX_REQUIRES(ctx) {
		auto g = static_cast<Echo *>(owner)->st.lock(ctx);
		*shows = g->shows;
		*stores = g->stores;
	});
}

// Parent first: the subdirectory's record outlives its dentry safely.
extern "C" void kcxx_test_debugfs_rt_remove(void *owner)
{
	kcxx::with_sleepable([owner](Sleepable &ctx) KCXX_REQUIRES(ctx) {
		static_cast<Echo *>(owner)->dir.remove(ctx);
		static_cast<Echo *>(owner)->sub.remove(ctx);
	});
}

extern "C" void kcxx_test_debugfs_rt_free(void *owner)
{
	delete static_cast<Echo *>(owner);
}
