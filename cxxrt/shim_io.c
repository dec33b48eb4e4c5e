// SPDX-License-Identifier: GPL-2.0
/* C shim: MMIO accessors for include/kcxx/io.h. */
#include <linux/io.h>
#include <linux/export.h>
#include "../include/kcxx/shim.h"

unsigned int kcxx_shim_readl(const void *addr)
{
	return readl((const void __iomem *)addr);
}
EXPORT_SYMBOL_GPL(kcxx_shim_readl);

unsigned short kcxx_shim_readw(const void *addr)
{
	return readw((const void __iomem *)addr);
}
EXPORT_SYMBOL_GPL(kcxx_shim_readw);

unsigned char kcxx_shim_readb(const void *addr)
{
	return readb((const void __iomem *)addr);
}
EXPORT_SYMBOL_GPL(kcxx_shim_readb);

void kcxx_shim_writel(unsigned int v, void *addr)
{
	writel(v, (void __iomem *)addr);
}
EXPORT_SYMBOL_GPL(kcxx_shim_writel);

void kcxx_shim_writew(unsigned short v, void *addr)
{
	writew(v, (void __iomem *)addr);
}
EXPORT_SYMBOL_GPL(kcxx_shim_writew);

void kcxx_shim_writeb(unsigned char v, void *addr)
{
	writeb(v, (void __iomem *)addr);
}
EXPORT_SYMBOL_GPL(kcxx_shim_writeb);
