// SPDX-License-Identifier: GPL-2.0
/* Shim functions that only the kcxx KUnit tests need. */
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/delay.h>
#include "hooks.h"

int kcxx_test_shim_irqs_disabled(void)
{
	return irqs_disabled();
}

int kcxx_test_shim_preemptible(void)
{
	return preemptible();
}

void kcxx_test_shim_msleep(unsigned int ms)
{
	msleep(ms);
}
