// SPDX-License-Identifier: GPL-2.0
// expect: declaration requires a global constructor
// A global object with a constructor must not compile: the kernel runs no
// module constructors.
struct Counter {
	int n;
	Counter() : n(1) {}
#ifdef CONTROL
	constexpr Counter(int v) : n(v) {}
#endif
};

#ifdef CONTROL
constinit Counter counter{1};
#else
Counter counter;
#endif

int counter_value();
int counter_value()
{
	return counter.n;
}
