// SPDX-License-Identifier: GPL-2.0
/* kcxx_sample: the C glue (module entry points) of the kcxx sample module. */
#include <linux/module.h>

int kcxx_sample_start(void);
void kcxx_sample_stop(void);

static int __init kcxx_sample_init(void)
{
	return kcxx_sample_start();
}

static void __exit kcxx_sample_exit(void)
{
	kcxx_sample_stop();
}

module_init(kcxx_sample_init);
module_exit(kcxx_sample_exit);
MODULE_DESCRIPTION("ipw2200_cxx selftest: a module using the kcxx abstractions");
MODULE_LICENSE("GPL");
