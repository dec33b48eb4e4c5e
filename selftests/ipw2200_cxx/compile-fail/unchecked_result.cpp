// SPDX-License-Identifier: GPL-2.0
// expect: ignoring return value of function declared with 'nodiscard' attribute
// A Result that nobody checks must not compile.
#include <kcxx/result.h>

kcxx::Status start_device(int fail);
kcxx::Status start_device(int fail)
{
	if (fail)
		return kcxx::Err(-5);
	return {};
}

int probe();
int probe()
{
#ifdef CONTROL
	auto r = start_device(0);
	if (!r)
		return r.error();
#else
	start_device(0);
#endif
	return 0;
}
