// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: PCI devices for include/kcxx/pci.h.  A struct pci_dev is an
 * opaque pointer on the C++ side; its fields are read here.
 */
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/export.h>
#include "../include/kcxx/shim.h"

static bool kcxx_bar_ok(int bar)
{
	return bar >= 0 && bar < PCI_STD_NUM_BARS;
}

void *kcxx_shim_pci_to_dev(void *pdev)
{
	return &((struct pci_dev *)pdev)->dev;
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_to_dev);

unsigned short kcxx_shim_pci_id(const void *pdev, int which)
{
	const struct pci_dev *p = pdev;

	switch (which) {
	case KCXX_PCI_ID_VENDOR:
		return p->vendor;
	case KCXX_PCI_ID_DEVICE:
		return p->device;
	case KCXX_PCI_ID_SUBSYSTEM_VENDOR:
		return p->subsystem_vendor;
	case KCXX_PCI_ID_SUBSYSTEM_DEVICE:
		return p->subsystem_device;
	case KCXX_PCI_ID_REVISION:
		return p->revision;
	}
	return 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_id);

unsigned int kcxx_shim_pci_irq(const void *pdev)
{
	return ((const struct pci_dev *)pdev)->irq;
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_irq);

const char *kcxx_shim_pci_name(const void *pdev)
{
	return pci_name(pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_name);

int kcxx_shim_pci_read_config_dword(const void *pdev, unsigned int off, unsigned int *v)
{
	u32 val = 0;
	int r = pci_read_config_dword(pdev, off, &val);

	*v = val;
	return pcibios_err_to_errno(r);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_read_config_dword);

int kcxx_shim_pci_write_config_dword(const void *pdev, unsigned int off, unsigned int v)
{
	return pcibios_err_to_errno(pci_write_config_dword(pdev, off, v));
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_write_config_dword);

int kcxx_shim_pci_enable_device(void *pdev)
{
	return pci_enable_device(pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_enable_device);

void kcxx_shim_pci_disable_device(void *pdev)
{
	pci_disable_device(pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_disable_device);

void kcxx_shim_pci_set_master(void *pdev)
{
	pci_set_master(pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_set_master);

void kcxx_shim_pci_clear_master(void *pdev)
{
	pci_clear_master(pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_clear_master);

int kcxx_shim_pci_request_regions(void *pdev, const char *name)
{
	return pci_request_regions(pdev, name);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_request_regions);

void kcxx_shim_pci_release_regions(void *pdev)
{
	pci_release_regions(pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_release_regions);

unsigned long long kcxx_shim_pci_bar_len(const void *pdev, int bar)
{
	return kcxx_bar_ok(bar) ? pci_resource_len((const struct pci_dev *)pdev, bar) : 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_bar_len);

int kcxx_shim_pci_bar_is_mem(const void *pdev, int bar)
{
	return kcxx_bar_ok(bar) && (pci_resource_flags((const struct pci_dev *)pdev, bar) & IORESOURCE_MEM);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_bar_is_mem);

void *kcxx_shim_pci_ioremap_bar(void *pdev, int bar)
{
	if (!kcxx_bar_ok(bar))
		return NULL;
	return (void __force *)pci_ioremap_bar(pdev, bar);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_ioremap_bar);

void kcxx_shim_iounmap(void *base)
{
	if (base)
		iounmap((void __iomem *)base);
}
EXPORT_SYMBOL_GPL(kcxx_shim_iounmap);

int kcxx_shim_pci_save_state(void *pdev)
{
	return pci_save_state(pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_save_state);

void kcxx_shim_pci_restore_state(void *pdev)
{
	pci_restore_state(pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_restore_state);

int kcxx_shim_pci_set_power_state(void *pdev, int state)
{
	return pci_set_power_state(pdev, state == KCXX_PCI_D3HOT ? PCI_D3hot : PCI_D0);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_set_power_state);

void kcxx_shim_pci_set_drvdata(void *pdev, void *p)
{
	pci_set_drvdata(pdev, p);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_set_drvdata);

void *kcxx_shim_pci_get_drvdata(const void *pdev)
{
	return pci_get_drvdata((struct pci_dev *)pdev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_pci_get_drvdata);
