// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: threaded interrupt handlers for include/kcxx/irq.h.  The kernel
 * calls the trampolines here with the C++ side's struct kcxx_irq_handler
 * as dev_id (unique per ThreadedIrq, as free_irq() on a shared line needs).
 */
#include <linux/interrupt.h>
#include <linux/export.h>
#include "../include/kcxx/shim.h"

static irqreturn_t kcxx_irq_hard(int irq, void *dev_id)
{
	struct kcxx_irq_handler *h = dev_id;

	switch (h->hard(h->arg)) {
	case KCXX_IRQ_HANDLED:
		return IRQ_HANDLED;
	case KCXX_IRQ_WAKE_THREAD:
		return IRQ_WAKE_THREAD;
	default:
		return IRQ_NONE;
	}
}

static irqreturn_t kcxx_irq_thread(int irq, void *dev_id)
{
	struct kcxx_irq_handler *h = dev_id;

	/* Only the hard handler can wake the thread: anything else is "ours". */
	return h->thread(h->arg) == KCXX_IRQ_NONE ? IRQ_NONE : IRQ_HANDLED;
}

/*
 * No IRQF_ONESHOT: the hard handler silences the device before it wakes
 * the thread (kcxx/irq.h), so the line need not stay masked meanwhile.
 */
int kcxx_shim_request_threaded_irq(unsigned int irq, struct kcxx_irq_handler *h, const char *name, int shared)
{
	might_sleep();
	return request_threaded_irq(irq, kcxx_irq_hard, kcxx_irq_thread, shared ? IRQF_SHARED : 0, name, h);
}
EXPORT_SYMBOL_GPL(kcxx_shim_request_threaded_irq);

void kcxx_shim_free_irq(unsigned int irq, struct kcxx_irq_handler *h)
{
	free_irq(irq, h);
}
EXPORT_SYMBOL_GPL(kcxx_shim_free_irq);

void kcxx_shim_synchronize_irq(unsigned int irq)
{
	synchronize_irq(irq);
}
EXPORT_SYMBOL_GPL(kcxx_shim_synchronize_irq);
