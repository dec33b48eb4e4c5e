// SPDX-License-Identifier: GPL-2.0
/* cxx_smoke: C side (module entry points) of the C++ build-rule smoke test. */
#include <linux/module.h>
#include <linux/printk.h>

int cxx_smoke_sum(int n);

static int __init cxx_smoke_init(void)
{
	int sum = cxx_smoke_sum(4);

	pr_info("cxx_smoke: sum(0..4) = %d\n", sum);
	return sum == 10 ? 0 : -EINVAL;
}

static void __exit cxx_smoke_exit(void) {}

module_init(cxx_smoke_init);
module_exit(cxx_smoke_exit);
MODULE_DESCRIPTION("ipw2200_cxx selftest: C++ object built by the kernel's make");
MODULE_LICENSE("GPL");
