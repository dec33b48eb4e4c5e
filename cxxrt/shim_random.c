// SPDX-License-Identifier: GPL-2.0
/* C shim: the kernel's random number generator for include/kcxx/random.h. */
#include <linux/random.h>
#include <linux/export.h>
#include "../include/kcxx/shim.h"

unsigned int kcxx_shim_get_random_u32(void)
{
	return get_random_u32();
}
EXPORT_SYMBOL_GPL(kcxx_shim_get_random_u32);

void kcxx_shim_get_random_bytes(void *buf, __SIZE_TYPE__ len)
{
	get_random_bytes(buf, len);
}
EXPORT_SYMBOL_GPL(kcxx_shim_get_random_bytes);
