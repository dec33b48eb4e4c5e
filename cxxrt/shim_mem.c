// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: memory allocation for C++ (operator new/delete in runtime.cpp).
 */
#include <linux/slab.h>
#include <linux/bug.h>
#include <linux/log2.h>
#include "../include/kcxx/shim.h"

static gfp_t kcxx_gfp(unsigned int kind)
{
	switch (kind) {
	case KCXX_GFP_KERNEL:
		might_sleep();
		return GFP_KERNEL;
	case KCXX_GFP_ATOMIC:
		return GFP_ATOMIC;
	case KCXX_GFP_NOWAIT:
		return GFP_NOWAIT;
	}
	WARN_ONCE(1, "cxxrt: unknown allocation context %u\n", kind);
	return GFP_ATOMIC;
}

void *kcxx_shim_kmalloc(size_t size, unsigned int gfp_kind)
{
	return kmalloc(size, kcxx_gfp(gfp_kind));
}
EXPORT_SYMBOL_GPL(kcxx_shim_kmalloc);

/*
 * kmalloc() aligns power-of-two sizes to their size and every object to
 * ARCH_KMALLOC_MINALIGN; an over-aligned type gets a size rounded up to a
 * power of two no smaller than its alignment.  Alignments beyond a page are
 * refused rather than silently misaligned.
 */
void *kcxx_shim_kmalloc_aligned(size_t size, size_t align, unsigned int gfp_kind)
{
	if (!is_power_of_2(align) || align > PAGE_SIZE) {
		WARN_ONCE(1, "cxxrt: unsupported alignment %zu\n", align);
		return NULL;
	}
	if (align > ARCH_KMALLOC_MINALIGN)
		size = roundup_pow_of_two(max(size, align));
	return kmalloc(size, kcxx_gfp(gfp_kind));
}
EXPORT_SYMBOL_GPL(kcxx_shim_kmalloc_aligned);

void kcxx_shim_kfree(void *p)
{
	kfree(p);
}
EXPORT_SYMBOL_GPL(kcxx_shim_kfree);
