/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/shim.h - the C shim's interface
 *
 * The functions cxxrt's C shim implements for C++ (cxxrt/shim_*.c), declared
 * once for both sides.  Plain C, opaque pointers and fixed-width types only:
 * reading it needs no kernel header.  Driver code does not call these; it
 * uses the kcxx abstractions built on them.
 */
#ifndef KCXX_SHIM_H
#define KCXX_SHIM_H

#ifdef __cplusplus
extern "C" {
#endif

/* Allocation contexts, kcxx::Gfp::Kind. */
enum kcxx_gfp { KCXX_GFP_KERNEL = 0, KCXX_GFP_ATOMIC = 1, KCXX_GFP_NOWAIT = 2 };

void *kcxx_shim_kmalloc(__SIZE_TYPE__ size, unsigned int gfp_kind);
void *kcxx_shim_kmalloc_aligned(__SIZE_TYPE__ size, __SIZE_TYPE__ align, unsigned int gfp_kind);
void kcxx_shim_kfree(void *p);
void kcxx_shim_pure_virtual_called(void);

/* context (kcxx/context.h) */
void kcxx_shim_might_sleep(void);

/* locks (kcxx/sync.h) */
void kcxx_shim_spin_init(void *lock, const char *name, void *key);
void kcxx_shim_spin_lock(void *lock);
void kcxx_shim_spin_lock_nested(void *lock, unsigned int subclass);
int kcxx_shim_spin_trylock(void *lock);
void kcxx_shim_spin_unlock(void *lock);
unsigned long kcxx_shim_spin_lock_irqsave(void *lock);
unsigned long kcxx_shim_spin_lock_irqsave_nested(void *lock, unsigned int subclass);
void kcxx_shim_spin_unlock_irqrestore(void *lock, unsigned long flags);
void kcxx_shim_spin_assert_held(void *lock);
int kcxx_shim_spin_is_locked(void *lock);
const char *kcxx_shim_spin_class_name(void *lock);
const void *kcxx_shim_spin_class_key(void *lock);
void kcxx_shim_mutex_init(void *mutex, const char *name, void *key);
void kcxx_shim_mutex_destroy(void *mutex);
void kcxx_shim_mutex_lock(void *mutex);
void kcxx_shim_mutex_lock_nested(void *mutex, unsigned int subclass);
int kcxx_shim_mutex_trylock(void *mutex);
void kcxx_shim_mutex_unlock(void *mutex);
void kcxx_shim_mutex_assert_held(void *mutex);
int kcxx_shim_mutex_is_locked(void *mutex);
void kcxx_shim_warn_locked_by(const char *what);

/* atomics (kcxx/atomic.h) */
void kcxx_shim_set_bit(unsigned int nr, unsigned long *word);
void kcxx_shim_clear_bit(unsigned int nr, unsigned long *word);
int kcxx_shim_test_bit(unsigned int nr, const unsigned long *word);
int kcxx_shim_test_and_set_bit(unsigned int nr, unsigned long *word);
int kcxx_shim_test_and_clear_bit(unsigned int nr, unsigned long *word);
int kcxx_shim_test_and_set_bit_lock(unsigned int nr, unsigned long *word);
void kcxx_shim_clear_bit_unlock(unsigned int nr, unsigned long *word);
unsigned long kcxx_shim_read_word(const unsigned long *word);
int kcxx_shim_atomic_read(const int *counter);
void kcxx_shim_atomic_set(int *counter, int v);
void kcxx_shim_atomic_add(int *counter, int v);
int kcxx_shim_atomic_add_return(int *counter, int v);
int kcxx_shim_atomic_cmpxchg(int *counter, int old, int new_value);

#ifdef __cplusplus
}
#endif

#endif /* KCXX_SHIM_H */
