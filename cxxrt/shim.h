/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The C shim's interface, shared by its C implementation and by C++
 * (include/kcxx/ re-declares what it uses inside extern "C").  Fixed-width
 * and opaque types only: no kernel header may be needed to read it.
 */
#ifndef CXXRT_SHIM_H
#define CXXRT_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* Allocation contexts, kcxx::Gfp::Kind. */
enum kcxx_gfp { KCXX_GFP_KERNEL = 0, KCXX_GFP_ATOMIC = 1, KCXX_GFP_NOWAIT = 2 };

void *kcxx_shim_kmalloc(__SIZE_TYPE__ size, unsigned int gfp_kind);
void *kcxx_shim_kmalloc_aligned(__SIZE_TYPE__ size, __SIZE_TYPE__ align, unsigned int gfp_kind);
void kcxx_shim_kfree(void *p);
void kcxx_shim_pure_virtual_called(void);

#ifdef __cplusplus
}
#endif

#endif /* CXXRT_SHIM_H */
