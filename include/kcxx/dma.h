/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/dma.h - DMA: coherent buffers and streaming mappings
 *
 * ``DmaCoherent<T>`` owns an array of ``T`` in coherent DMA memory
 * (dma_alloc_coherent()) with its bus address; it frees itself.  Elements are
 * reached with ``at(i)``, which returns nullptr past the end, so an index
 * read from the device cannot reach beyond the buffer.
 *
 * ``DmaMapping`` owns a streaming mapping of a buffer the caller owns
 * (dma_map_single()); it unmaps itself.  Between map and unmap the CPU touches
 * the buffer only after ``sync_for_cpu()`` and gives it back with
 * ``sync_for_device()``, the discipline DMA-API debugging checks::
 *
 *	auto ring = kcxx::DmaCoherent<Tfd>::alloc(dev, Gfp::kernel(ctx), 256);
 *	if (!ring)
 *		return ring.error();
 *	write_reg(TX_BASE, ring.value().bus_addr());
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/device.h>
#include <kcxx/new.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

namespace kcxx {

enum class DmaDir : int {
	bidirectional = KCXX_DMA_BIDIRECTIONAL,
	to_device = KCXX_DMA_TO_DEVICE,
	from_device = KCXX_DMA_FROM_DEVICE,
};

/** dma_set_mask() - dma_set_mask_and_coherent(); e.g. 32 bits for the 2200BG. */
[[nodiscard]] inline Status dma_set_mask(const Device &dev, unsigned int bits)
{
	unsigned long long mask = bits >= 64 ? ~0ULL : (1ULL << bits) - 1;
	int r = kcxx_shim_dma_set_mask_and_coherent(dev.raw(), mask);
	return r ? Status(Err(r)) : Status::ok();
}

template <typename T> class DmaCoherent {
public:
	/** alloc() - @count elements, zeroed; -ENOMEM if none or no memory. */
	static Result<DmaCoherent> alloc(const Device &dev, Gfp gfp, size_t count)
	{
		if (!count || count > (~static_cast<size_t>(0)) / sizeof(T))
			return Err(err::inval);
		unsigned long long bus = 0;
		void *cpu = kcxx_shim_dma_alloc_coherent(dev.raw(), count * sizeof(T), &bus,
							 static_cast<unsigned int>(gfp.kind()));
		if (!cpu)
			return Err(err::nomem);
		return DmaCoherent(dev, static_cast<T *>(cpu), bus, count);
	}

	DmaCoherent(DmaCoherent &&o) : dev_(o.dev_), cpu_(o.cpu_), bus_(o.bus_), count_(o.count_) { o.cpu_ = nullptr; }
	DmaCoherent(const DmaCoherent &) = delete;
	DmaCoherent &operator=(const DmaCoherent &) = delete;
	~DmaCoherent()
	{
		if (cpu_)
			kcxx_shim_dma_free_coherent(dev_.raw(), count_ * sizeof(T), cpu_, bus_);
	}

	/** at() - element @i, or nullptr if @i is out of range. */
	T *at(size_t i) const { return i < count_ ? cpu_ + i : nullptr; }
	size_t count() const { return count_; }
	size_t bytes() const { return count_ * sizeof(T); }
	/** bus_addr() - what the device is told. */
	u64 bus_addr() const { return bus_; }
	/** bus_addr_of() - bus address of element @i (@i must be < count()). */
	u64 bus_addr_of(size_t i) const { return bus_ + (i < count_ ? i : 0) * sizeof(T); }

private:
	DmaCoherent(const Device &dev, T *cpu, u64 bus, size_t count) : dev_(dev), cpu_(cpu), bus_(bus), count_(count)
	{
	}
	Device dev_;
	T *cpu_;
	u64 bus_;
	size_t count_;
};

class DmaMapping {
public:
	/** map() - map @len bytes at @cpu for @dir; -ENOMEM if mapping fails. */
	static Result<DmaMapping> map(const Device &dev, void *cpu, size_t len, DmaDir dir)
	{
		unsigned long long bus = 0;
		int r = kcxx_shim_dma_map_single(dev.raw(), cpu, len, static_cast<int>(dir), &bus);
		if (r)
			return Err(r);
		return DmaMapping(dev, bus, len, dir);
	}

	DmaMapping(DmaMapping &&o) : dev_(o.dev_), bus_(o.bus_), len_(o.len_), dir_(o.dir_), live_(o.live_)
	{
		o.live_ = false;
	}
	DmaMapping(const DmaMapping &) = delete;
	DmaMapping &operator=(const DmaMapping &) = delete;
	~DmaMapping() { unmap(); }

	void sync_for_cpu() { kcxx_shim_dma_sync_for_cpu(dev_.raw(), bus_, len_, static_cast<int>(dir_)); }
	void sync_for_device() { kcxx_shim_dma_sync_for_device(dev_.raw(), bus_, len_, static_cast<int>(dir_)); }
	/** unmap() - end the mapping now (the destructor does it otherwise). */
	void unmap()
	{
		if (live_)
			kcxx_shim_dma_unmap_single(dev_.raw(), bus_, len_, static_cast<int>(dir_));
		live_ = false;
	}
	u64 bus_addr() const { return bus_; }
	size_t len() const { return len_; }

private:
	DmaMapping(const Device &dev, u64 bus, size_t len, DmaDir dir) : dev_(dev), bus_(bus), len_(len), dir_(dir) {}
	Device dev_;
	u64 bus_;
	size_t len_;
	DmaDir dir_;
	bool live_ = true;
};

} // namespace kcxx
