// SPDX-License-Identifier: GPL-2.0
// Tests of include/kcxx/atomic.h: status bits and atomic counters.
#include <kcxx/atomic.h>
#include "hooks.h"

namespace {
enum class Status : unsigned int { rf_kill = 0, scanning = 1, associated = 2, exiting = 63 };
} // namespace

extern "C" int kcxx_test_bits_set_clear(void)
{
	kcxx::AtomicBits<Status> s;
	CHECK(!s.test(Status::scanning));
	s.set(Status::scanning);
	CHECK(s.test(Status::scanning));
	CHECK(s.snapshot() == (1ul << 1));
	s.clear(Status::scanning);
	CHECK(!s.test(Status::scanning));
	CHECK(s.snapshot() == 0);
	return 0;
}

extern "C" int kcxx_test_bits_test_and_set(void)
{
	kcxx::AtomicBits<Status> s;
	CHECK(!s.test_and_set(Status::associated));
	CHECK(s.test_and_set(Status::associated));
	CHECK(s.test(Status::associated));
	return 0;
}

extern "C" int kcxx_test_bits_test_and_clear(void)
{
	kcxx::AtomicBits<Status> s;
	CHECK(!s.test_and_clear(Status::rf_kill));
	s.set(Status::rf_kill);
	CHECK(s.test_and_clear(Status::rf_kill));
	CHECK(!s.test(Status::rf_kill));
	return 0;
}

extern "C" int kcxx_test_bits_lock_unlock(void)
{
	kcxx::AtomicBits<Status> s;
	CHECK(!s.test_and_set_lock(Status::scanning)); // acquired
	CHECK(s.test_and_set_lock(Status::scanning));  // busy
	s.clear_unlock(Status::scanning);
	CHECK(!s.test_and_set_lock(Status::scanning));
	s.clear_unlock(Status::scanning);
	return 0;
}

extern "C" int kcxx_test_bits_independent(void)
{
	kcxx::AtomicBits<Status> s;
	s.set(Status::exiting);
	s.set(Status::rf_kill);
	CHECK(s.test(Status::exiting) && s.test(Status::rf_kill));
	CHECK(!s.test(Status::scanning) && !s.test(Status::associated));
	s.clear(Status::rf_kill);
	CHECK(s.test(Status::exiting));
	CHECK(s.snapshot() == (1ul << 63));
	return 0;
}

extern "C" int kcxx_test_atomic_int_ops(void)
{
	kcxx::Atomic<int> a(5);
	CHECK(a.read() == 5);
	a.set(-3);
	CHECK(a.read() == -3);
	a.add(10);
	CHECK(a.read() == 7);
	CHECK(a.add_return(3) == 10);
	CHECK(a.inc_return() == 11);
	CHECK(a.dec_return() == 10);
	return 0;
}

extern "C" int kcxx_test_atomic_cmpxchg(void)
{
	kcxx::Atomic<int> a(1);
	CHECK(a.cmpxchg(1, 2) == 1); // swapped
	CHECK(a.read() == 2);
	CHECK(a.cmpxchg(1, 3) == 2); // not swapped
	CHECK(a.read() == 2);
	return 0;
}

extern "C" int kcxx_test_atomic_widths(void)
{
	kcxx::Atomic<kcxx::u32> u(0xffffffffu);
	CHECK(u.inc_return() == 0); // wraps like the kernel's atomic_t
	u.sub(1);
	CHECK(u.read() == 0xffffffffu);
	kcxx::Atomic<kcxx::u64> big(0xffffffffull);
	CHECK(big.inc_return() == 0x100000000ull); // 64 bits: no wrap at 32
	kcxx::Atomic<long> l(-5);
	l.add(10);
	CHECK(l.read() == 5);
	CHECK(l.dec_return() == 4);
	kcxx::Atomic<kcxx::s64> s(1ll << 40);
	CHECK(s.cmpxchg(1ll << 40, -1) == (1ll << 40));
	CHECK(s.read() == -1);
	static_assert(sizeof(kcxx::Atomic<kcxx::u64>) == 8 && sizeof(kcxx::Atomic<int>) == 4);
	return 0;
}

extern "C" int kcxx_test_atomic_xchg(void)
{
	kcxx::Atomic<int> i(3);
	CHECK(i.xchg(9) == 3);
	CHECK(i.read() == 9);
	kcxx::Atomic<kcxx::u64> q(7);
	CHECK(q.xchg(~0ull) == 7);
	CHECK(q.read() == ~0ull);
	CHECK(q.cmpxchg(0, 1) == ~0ull); // failed exchange: unchanged
	CHECK(q.read() == ~0ull);
	return 0;
}
