// SPDX-License-Identifier: GPL-2.0
// cxx_smoke: a C++ translation unit with a class, a template and a lambda,
// reached from C through one extern "C" function.

namespace {

template <typename T> class Accumulator {
public:
	constexpr Accumulator() = default;
	Accumulator(const Accumulator &) = delete;
	Accumulator &operator=(const Accumulator &) = delete;

	void add(T v) { total_ += v; }
	[[nodiscard]] T total() const { return total_; }

private:
	T total_{};
};

} // namespace

extern "C" int cxx_smoke_sum(int n);

extern "C" int cxx_smoke_sum(int n)
{
	Accumulator<int> acc;
	auto add_range = [&acc](int to) {
		for (int i = 0; i <= to; i++)
			acc.add(i);
	};
	add_range(n);
	return acc.total();
}
