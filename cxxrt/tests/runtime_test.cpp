// SPDX-License-Identifier: GPL-2.0
// Tests of the C++ runtime (operator new/delete with explicit context).
#include <kcxx/context.h>
#include <kcxx/new.h>
#include <kcxx/types.h>
#include "hooks.h"

namespace {

struct Counted {
	int value;
	int *dtor_count;
	Counted(int v, int *d) : value(v), dtor_count(d) {}
	~Counted() { (*dtor_count)++; }
};

struct alignas(64) Wide {
	kcxx::u8 bytes[64];
};

} // namespace

namespace {
int new_delete(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx)
{
	int dtors = 0;
	auto *c = new (kcxx::Gfp::kernel(ctx)) Counted(42, &dtors);
	CHECK(c);
	CHECK(c->value == 42);
	delete c;
	CHECK(dtors == 1);
	return 0;
}
} // namespace

extern "C" int kcxx_test_new_delete(void)
{
	return kcxx::with_sleepable(new_delete);
}

extern "C" int kcxx_test_new_atomic(void)
{
	int dtors = 0;
	auto *c = new (kcxx::Gfp::atomic()) Counted(7, &dtors);
	CHECK(c);
	CHECK(c->value == 7);
	delete c;
	CHECK(dtors == 1);
	return 0;
}

extern "C" int kcxx_test_new_array(void)
{
	auto *a = new (kcxx::Gfp::atomic()) kcxx::u32[16];
	CHECK(a);
	for (kcxx::u32 i = 0; i < 16; i++)
		a[i] = i * 3;
	kcxx::u32 sum = 0;
	for (kcxx::u32 i = 0; i < 16; i++)
		sum += a[i];
	CHECK(sum == 360);
	delete[] a;
	return 0;
}

extern "C" int kcxx_test_new_aligned(void)
{
	for (int i = 0; i < 8; i++) {
		auto *w = new (kcxx::Gfp::atomic()) Wide;
		CHECK(w);
		CHECK((reinterpret_cast<kcxx::uintptr_t>(w) & 63) == 0);
		delete w;
	}
	return 0;
}

extern "C" int kcxx_test_new_constructs_in_place(void)
{
	alignas(Counted) unsigned char storage[sizeof(Counted)];
	int dtors = 0;
	auto *c = new (storage) Counted(5, &dtors);
	CHECK(static_cast<void *>(c) == storage);
	CHECK(c->value == 5);
	c->~Counted();
	CHECK(dtors == 1);
	return 0;
}
