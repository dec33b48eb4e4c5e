// SPDX-License-Identifier: GPL-2.0
/*
 * cxxrt module: entry points and the exports of the C++ runtime.  The
 * runtime's functions are defined in runtime.cpp; the exports name them by
 * their (Itanium ABI) mangled names, as C cannot spell C++ names.
 */
#include <linux/module.h>
#include <linux/bug.h>
#include "../include/kcxx/shim.h"

void kcxx_shim_pure_virtual_called(void)
{
	WARN(1, "cxxrt: pure virtual function called\n");
}

#define CXXRT_EXPORT(sym, what)                                                                                        \
	extern char sym[];                                                                                             \
	EXPORT_SYMBOL_GPL(sym)

/* operator new(size_t, kcxx::Gfp) and the array and aligned forms */
CXXRT_EXPORT(_ZnwmN4kcxx3GfpE, new);
CXXRT_EXPORT(_ZnamN4kcxx3GfpE, new[]);
CXXRT_EXPORT(_ZnwmSt11align_val_tN4kcxx3GfpE, new aligned);
CXXRT_EXPORT(_ZnamSt11align_val_tN4kcxx3GfpE, new[] aligned);
/* operator delete: plain, sized, aligned, sized+aligned, placement (Gfp) */
CXXRT_EXPORT(_ZdlPv, delete);
CXXRT_EXPORT(_ZdaPv, delete[]);
CXXRT_EXPORT(_ZdlPvm, sized delete);
CXXRT_EXPORT(_ZdaPvm, sized delete[]);
CXXRT_EXPORT(_ZdlPvSt11align_val_t, aligned delete);
CXXRT_EXPORT(_ZdaPvSt11align_val_t, aligned delete[]);
CXXRT_EXPORT(_ZdlPvmSt11align_val_t, sized aligned delete);
CXXRT_EXPORT(_ZdaPvmSt11align_val_t, sized aligned delete[]);
CXXRT_EXPORT(_ZdlPvN4kcxx3GfpE, placement delete);
CXXRT_EXPORT(_ZdaPvN4kcxx3GfpE, placement delete[]);
CXXRT_EXPORT(__cxa_pure_virtual, pure virtual trap);

MODULE_DESCRIPTION("Runtime and C shim for kernel modules in the kernel C++ subset");
MODULE_LICENSE("GPL");
