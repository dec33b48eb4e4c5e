/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/net.h - network devices
 *
 * ``NetDevice`` is a net_device whose three operations are methods of an
 * owner, named in an *ops struct*::
 *
 *	struct Dev {
 *		kcxx::Status open(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
 *		void stop(kcxx::Sleepable &ctx) KCXX_REQUIRES(ctx);
 *		void xmit(kcxx::AtomicContext &ctx, kcxx::SkBuff skb);
 *		kcxx::NetDevice nd;
 *	};
 *	struct DevNetOps {
 *		using Owner = Dev;
 *		static constexpr auto open = &Dev::open;	// each one optional
 *		static constexpr auto stop = &Dev::stop;
 *		static constexpr auto start_xmit = &Dev::xmit;
 *	};
 *
 *	auto st = d->nd.create<DevNetOps>(ctx, "eth%d", d);
 *	d->nd.set_address(mac);
 *	st = d->nd.register_dev(ctx);
 *	...
 *	d->nd.unregister(ctx);	// ndo_stop has run if it was up
 *
 * The operations table is C (cxxrt/shim_net.c); its trampolines call the
 * methods.  ``open`` and ``stop`` run in process context with the RTNL held
 * (they get the Sleepable proof); ``start_xmit`` runs with bottom halves
 * disabled (softirq, or process context with BHs off, or netpoll) and
 * gets an AtomicContext and the frame as an ``SkBuff``, which it owns: it
 * queues it or drops it (the SkBuff frees what it still holds).  A missing
 * ``start_xmit`` drops every frame and counts it.
 *
 * Lifetime: create() allocates (alloc_netdev(), Ethernet setup, name
 * template such as ``wlan%d``); register_dev() makes it visible;
 * unregister() closes it (ndo_stop) and removes it, after which no
 * operation runs; the destructor unregisters if still registered and
 * frees.  The owner must be ready for every operation before
 * register_dev() and must outlive unregister().
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/context.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

namespace kcxx {

class Wiphy;

/**
 * class SkBuff - one socket buffer, owned: freed (dev_kfree_skb_any(), any
 * context) when the SkBuff goes away still holding it.  Move-only.
 */
class SkBuff {
public:
	/** SkBuff() - for glue: take ownership of @raw (a struct sk_buff). */
	explicit SkBuff(void *raw) : raw_(raw) {}
	SkBuff(SkBuff &&o) : raw_(o.raw_) { o.raw_ = nullptr; }
	SkBuff(const SkBuff &) = delete;
	SkBuff &operator=(const SkBuff &) = delete;
	~SkBuff()
	{
		if (raw_)
			kcxx_shim_skb_free(raw_);
	}

	explicit operator bool() const { return raw_ != nullptr; }
	/** len() - bytes of the frame (linear part and fragments). */
	size_t len() const { return raw_ ? kcxx_shim_skb_len(raw_) : 0; }
	/**
	 * copy() - copy @n bytes from @offset of the frame (linear part and
	 * fragments) to @to.  -EFAULT if the range is not within the frame.
	 */
	[[nodiscard]] Status copy(size_t offset, void *to, size_t n) const
	{
		size_t have = len();
		if (!raw_ || offset > have || n > have - offset)
			return Err(err::fault);
		int r = kcxx_shim_skb_copy(raw_, static_cast<unsigned int>(offset), to, static_cast<unsigned int>(n));
		return r ? Status(Err(r)) : Status::ok();
	}
	/** release() - give up ownership (to a ring that frees it later). */
	[[nodiscard]] void *release()
	{
		void *r = raw_;
		raw_ = nullptr;
		return r;
	}

private:
	void *raw_;
};

namespace detail {

template <typename Ops> struct NetdevBinding {
	using Owner = typename Ops::Owner;

	static int open(void *owner)
	{
		if constexpr (requires { Ops::open; }) {
			static_assert(is_same_v<decltype(Ops::open), Status (Owner::*const)(Sleepable &)>,
				      "open must be Status (Owner::*)(kcxx::Sleepable &)");
			Status s = with_sleepable([owner](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::open)(ctx);
			});
			return s.error();
		}
		return 0;
	}
	static int stop(void *owner)
	{
		if constexpr (requires { Ops::stop; }) {
			static_assert(is_same_v<decltype(Ops::stop), void (Owner::*const)(Sleepable &)>,
				      "stop must be void (Owner::*)(kcxx::Sleepable &)");
			with_sleepable([owner](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				(static_cast<Owner *>(owner)->*Ops::stop)(ctx);
			});
		}
		return 0;
	}
	static void start_xmit(void *owner, void *skb)
	{
		if constexpr (requires { Ops::start_xmit; }) {
			using Want = void (Owner::*const)(AtomicContext &, SkBuff);
			static_assert(is_same_v<decltype(Ops::start_xmit), Want>,
				      "start_xmit must be void (Owner::*)(kcxx::AtomicContext &, kcxx::SkBuff)");
			with_atomic([owner, skb](AtomicContext &ctx) {
				(static_cast<Owner *>(owner)->*Ops::start_xmit)(ctx, SkBuff(skb));
			});
		}
	}

	static constexpr kcxx_netdev_ops ops = {requires {Ops::open;
} ? &open : nullptr, requires { Ops::stop; } ? &stop : nullptr, requires { Ops::start_xmit; } ? &start_xmit : nullptr,
}; // namespace detail
}; // namespace kcxx

} // namespace detail

/** class NetDevice - a net_device bound to an owner's operations. */
class NetDevice : Pinned {
public:
	NetDevice() = default;
	/** ~NetDevice() - unregister (if still registered) and free. */
	~NetDevice()
	{
		if (registered_)
			kcxx_shim_netdev_unregister(dev_);
		kcxx_shim_netdev_free(dev_);
	}

	/**
	 * create() - allocate an Ethernet-style device named after @name (a
	 * template like ``eth%d``, or a name) whose operations are those of
	 * @Ops on @owner.  -EBUSY if already created, -ENOMEM.
	 */
	template <typename Ops>
	[[nodiscard]] Status create(Sleepable &ctx, const char *name, typename Ops::Owner *owner) KCXX_REQUIRES(ctx)
	{
		if (dev_)
			return Err(err::busy);
		dev_ = kcxx_shim_netdev_alloc(name, owner, &detail::NetdevBinding<Ops>::ops);
		return dev_ ? Status::ok() : Err(err::nomem);
	}

	/** set_address() - the MAC address; before register_dev(). */
	void set_address(const u8 *mac)
	{
		if (dev_ && !registered_)
			kcxx_shim_netdev_set_addr(dev_, mac);
	}

	/** register_dev() - register_netdev(): the device appears (takes the RTNL). */
	[[nodiscard]] Status register_dev(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (!dev_ || registered_)
			return Err(err::inval);
		int r = kcxx_shim_netdev_register(dev_);
		if (r)
			return Err(r);
		registered_ = true;
		return Status::ok();
	}

	/**
	 * unregister() - unregister_netdev() (takes the RTNL): closes the
	 * device if it is up (``stop`` runs) and returns when no operation
	 * runs or will run.  Idempotent.  Do not call it with a lock held that
	 * ``stop`` takes.
	 */
	void unregister(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (!registered_)
			return;
		kcxx_shim_netdev_unregister(dev_);
		registered_ = false;
	}

	bool created() const { return dev_ != nullptr; }
	bool registered() const { return registered_; }
	/** raw() - the struct net_device, for shims and tests (nullptr before create()). */
	void *raw() const { return dev_; }
	/** name() - the device's name (the template until registered). */
	const char *name() const { return dev_ ? kcxx_shim_netdev_name(dev_) : ""; }

	/* Link and queue state; any context. */
	void carrier(bool on)
	{
		if (dev_)
			kcxx_shim_netdev_carrier(dev_, on);
	}
	void stop_queues()
	{
		if (dev_)
			kcxx_shim_netdev_queues(dev_, 0);
	}
	void wake_queues()
	{
		if (dev_)
			kcxx_shim_netdev_queues(dev_, 1);
	}
	/** count_tx_dropped() - one frame dropped on transmit (the device's statistics). */
	void count_tx_dropped()
	{
		if (dev_)
			kcxx_shim_netdev_tx_dropped(dev_);
	}

	/** enum Stat - the device's counters (struct net_device_stats) count() adds to. */
	enum class Stat : unsigned int {
		rx_packets = KCXX_STAT_RX_PACKETS,
		rx_bytes = KCXX_STAT_RX_BYTES,
		rx_errors = KCXX_STAT_RX_ERRORS,
		rx_dropped = KCXX_STAT_RX_DROPPED,
		tx_packets = KCXX_STAT_TX_PACKETS,
		tx_bytes = KCXX_STAT_TX_BYTES,
		tx_errors = KCXX_STAT_TX_ERRORS,
		tx_dropped = KCXX_STAT_TX_DROPPED,
	};
	/** count() - add @n to counter @which; any context. */
	void count(Stat which, unsigned long n = 1)
	{
		if (dev_)
			kcxx_shim_netdev_stat_add(dev_, static_cast<unsigned int>(which), n);
	}

	/**
	 * rx() - hand one received Ethernet frame to the stack (netif_rx(); any
	 * context): @eth_hdr is its 14-byte header, @payload the @len bytes
	 * after it.  Counted in rx_packets/rx_bytes.  -ENOMEM (counted in
	 * rx_dropped), -EINVAL (not registered).
	 */
	[[nodiscard]] Status rx(const u8 (&eth_hdr)[14], const u8 *payload, size_t len)
	{
		if (!dev_ || !registered_ || len > 65535)
			return Err(err::inval);
		int r = kcxx_shim_netdev_rx(dev_, eth_hdr, payload, static_cast<unsigned int>(len));
		return r ? Status(Err(r)) : Status::ok();
	}

	/**
	 * rx_monitor() - hand one received 802.11 frame (@len bytes, no FCS)
	 * behind the radiotap header @rtap (@rtap_len bytes) to a monitor
	 * interface (netif_rx(); any context).  -ENOMEM, -EINVAL.
	 */
	[[nodiscard]] Status rx_monitor(const u8 *rtap, size_t rtap_len, const u8 *frame, size_t len)
	{
		if (!dev_ || !registered_ || rtap_len > 256 || len > 65535)
			return Err(err::inval);
		int r = kcxx_shim_netdev_rx_monitor(dev_, rtap, static_cast<unsigned int>(rtap_len), frame,
						    static_cast<unsigned int>(len));
		return r ? Status(Err(r)) : Status::ok();
	}

private:
	friend class Wiphy;
	void *dev_ = nullptr;
	bool registered_ = false;
};

} // namespace kcxx
