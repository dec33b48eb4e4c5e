// SPDX-License-Identifier: GPL-2.0
/*
 * lock_inversion: a deliberately broken module for the negative test of the
 * test-machine gate.  It takes two mutexes in one order and then in the
 * other, which lockdep must report as a possible circular locking
 * dependency; scripts/vm-run must then fail.  Never load it anywhere else.
 */
#include <linux/module.h>
#include <linux/mutex.h>

static DEFINE_MUTEX(gate_lock_a);
static DEFINE_MUTEX(gate_lock_b);

static int __init lock_inversion_init(void)
{
	mutex_lock(&gate_lock_a);
	mutex_lock(&gate_lock_b);
	mutex_unlock(&gate_lock_b);
	mutex_unlock(&gate_lock_a);

	mutex_lock(&gate_lock_b);
	mutex_lock(&gate_lock_a);
	mutex_unlock(&gate_lock_a);
	mutex_unlock(&gate_lock_b);
	return 0;
}

static void __exit lock_inversion_exit(void) {}

module_init(lock_inversion_init);
module_exit(lock_inversion_exit);
MODULE_DESCRIPTION("ipw2200_cxx selftest: AB-BA lock order for the lockdep gate");
MODULE_LICENSE("GPL");
