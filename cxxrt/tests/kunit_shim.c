// SPDX-License-Identifier: GPL-2.0
/* Shim functions that only the kcxx KUnit tests need. */
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/hrtimer.h>
#include <linux/ktime.h>
#include <linux/version.h>
#include <linux/cpumask.h>
#include <linux/pci.h>
#include "hooks.h"

int kcxx_test_shim_irqs_disabled(void)
{
	return irqs_disabled();
}

int kcxx_test_shim_in_softirq_disabled(void)
{
	return softirq_count() != 0;
}

int kcxx_test_shim_preemptible(void)
{
	return preemptible();
}

unsigned long long kcxx_test_shim_now_ms(void)
{
	return ktime_to_ms(ktime_get());
}

static struct hrtimer kcxx_irq_source;
static ktime_t kcxx_irq_period;
static void (*kcxx_irq_fn)(void);

static enum hrtimer_restart kcxx_irq_source_fn(struct hrtimer *t)
{
	kcxx_irq_fn();
	hrtimer_forward_now(t, kcxx_irq_period);
	return HRTIMER_RESTART;
}

void kcxx_test_shim_irq_source_start(unsigned long period_ns, void (*fn)(void))
{
	kcxx_irq_period = ns_to_ktime(period_ns);
	kcxx_irq_fn = fn;
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)
	hrtimer_setup(&kcxx_irq_source, kcxx_irq_source_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
#else
	hrtimer_init(&kcxx_irq_source, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	kcxx_irq_source.function = kcxx_irq_source_fn;
#endif
	hrtimer_start(&kcxx_irq_source, kcxx_irq_period, HRTIMER_MODE_REL_HARD);
}

void kcxx_test_shim_irq_source_stop(void)
{
	hrtimer_cancel(&kcxx_irq_source);
}

int kcxx_test_shim_online_cpus(void)
{
	return num_online_cpus();
}

void *kcxx_test_shim_pci_get_unbound(void)
{
#ifdef CONFIG_PCI
	struct pci_dev *pdev = NULL;

	while ((pdev = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, pdev)))
		if (!pdev->dev.driver && pdev->hdr_type == PCI_HEADER_TYPE_NORMAL)
			return pdev;
#endif
	return NULL;
}

void kcxx_test_shim_pci_put(void *pdev)
{
#ifdef CONFIG_PCI
	pci_dev_put(pdev);
#endif
}
