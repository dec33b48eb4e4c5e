// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: logging (printk and dev_*), DMA and firmware requests for
 * include/kcxx/{device,dma,firmware}.h.  A struct device is an
 * opaque pointer on the C++ side.
 */
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/firmware.h>
#include <linux/printk.h>
#include <linux/export.h>
#include "../include/kcxx/shim.h"

static_assert((int)KCXX_DMA_TO_DEVICE == (int)DMA_TO_DEVICE && (int)KCXX_DMA_FROM_DEVICE == (int)DMA_FROM_DEVICE &&
		      (int)KCXX_DMA_BIDIRECTIONAL == (int)DMA_BIDIRECTIONAL,
	      "kcxx/shim.h: DMA directions");

void kcxx_shim_vlog(const void *dev, int level, const char *fmt, __builtin_va_list *ap)
{
	struct va_format vaf = {.fmt = fmt, .va = ap};

	if (!dev) {
		switch (level) {
		case 0 ... 3:
			pr_err("%pV", &vaf);
			break;
		case 4:
			pr_warn("%pV", &vaf);
			break;
		case 5:
			pr_notice("%pV", &vaf);
			break;
		case 6:
			pr_info("%pV", &vaf);
			break;
		default:
			pr_debug("%pV", &vaf);
			break;
		}
		return;
	}
	switch (level) {
	case 0 ... 3:
		dev_err(dev, "%pV", &vaf);
		break;
	case 4:
		dev_warn(dev, "%pV", &vaf);
		break;
	case 5:
		dev_notice(dev, "%pV", &vaf);
		break;
	case 6:
		dev_info(dev, "%pV", &vaf);
		break;
	default:
		dev_dbg(dev, "%pV", &vaf);
		break;
	}
}
EXPORT_SYMBOL_GPL(kcxx_shim_vlog);

const char *kcxx_shim_dev_name(const void *dev)
{
	return dev_name(dev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dev_name);

void kcxx_shim_get_device(void *dev)
{
	get_device(dev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_get_device);

void kcxx_shim_put_device(void *dev)
{
	put_device(dev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_put_device);

static gfp_t kcxx_gfp(unsigned int kind)
{
	switch (kind) {
	case KCXX_GFP_KERNEL:
		return GFP_KERNEL;
	case KCXX_GFP_NOWAIT:
		return GFP_NOWAIT;
	default:
		return GFP_ATOMIC;
	}
}

int kcxx_shim_dma_set_mask_and_coherent(void *dev, unsigned long long mask)
{
	return dma_set_mask_and_coherent(dev, mask);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dma_set_mask_and_coherent);

void *kcxx_shim_dma_alloc_coherent(void *dev, __SIZE_TYPE__ size, unsigned long long *handle, unsigned int gfp_kind)
{
	dma_addr_t h = 0;
	void *p = dma_alloc_coherent(dev, size, &h, kcxx_gfp(gfp_kind));

	*handle = h;
	return p;
}
EXPORT_SYMBOL_GPL(kcxx_shim_dma_alloc_coherent);

void kcxx_shim_dma_free_coherent(void *dev, __SIZE_TYPE__ size, void *cpu, unsigned long long handle)
{
	dma_free_coherent(dev, size, cpu, handle);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dma_free_coherent);

int kcxx_shim_dma_map_single(void *dev, void *cpu, __SIZE_TYPE__ size, int dir, unsigned long long *handle)
{
	dma_addr_t h = dma_map_single(dev, cpu, size, dir);

	if (dma_mapping_error(dev, h))
		return -ENOMEM;
	*handle = h;
	return 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_dma_map_single);

void kcxx_shim_dma_unmap_single(void *dev, unsigned long long handle, __SIZE_TYPE__ size, int dir)
{
	dma_unmap_single(dev, handle, size, dir);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dma_unmap_single);

void kcxx_shim_dma_sync_for_cpu(void *dev, unsigned long long handle, __SIZE_TYPE__ size, int dir)
{
	dma_sync_single_for_cpu(dev, handle, size, dir);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dma_sync_for_cpu);

void kcxx_shim_dma_sync_for_device(void *dev, unsigned long long handle, __SIZE_TYPE__ size, int dir)
{
	dma_sync_single_for_device(dev, handle, size, dir);
}
EXPORT_SYMBOL_GPL(kcxx_shim_dma_sync_for_device);

int kcxx_shim_request_firmware(const void **fw, const char *name, void *dev)
{
	const struct firmware *f = NULL;
	int ret = request_firmware(&f, name, dev);

	*fw = ret ? NULL : f;
	return ret;
}
EXPORT_SYMBOL_GPL(kcxx_shim_request_firmware);

const unsigned char *kcxx_shim_firmware_data(const void *fw, __SIZE_TYPE__ *size)
{
	const struct firmware *f = fw;

	*size = f->size;
	return f->data;
}
EXPORT_SYMBOL_GPL(kcxx_shim_firmware_data);

void kcxx_shim_release_firmware(const void *fw)
{
	release_firmware(fw);
}
EXPORT_SYMBOL_GPL(kcxx_shim_release_firmware);
