// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: network devices for include/kcxx/net.h.  The net_device_ops
 * table lives here; its trampolines find the C++ owner and its operations
 * in the device's private area (struct kcxx_netdev_priv) and call them.
 * A net_device is an opaque pointer on the C++ side.
 *
 * ndo_start_xmit always consumes the skb (NETDEV_TX_OK): the C++ side
 * either queues it or frees it, and stops the queues itself when it runs
 * out of room, as drivers are meant to.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/export.h>
#include "shim_net.h"

static int kcxx_ndo_open(struct net_device *dev)
{
	struct kcxx_netdev_priv *p = netdev_priv(dev);

	return p->ops->open ? p->ops->open(p->owner) : 0;
}

static int kcxx_ndo_stop(struct net_device *dev)
{
	struct kcxx_netdev_priv *p = netdev_priv(dev);

	return p->ops->stop ? p->ops->stop(p->owner) : 0;
}

static netdev_tx_t kcxx_ndo_start_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct kcxx_netdev_priv *p = netdev_priv(dev);

	if (!p->ops->start_xmit) {
		dev_core_stats_tx_dropped_inc(dev);
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	p->ops->start_xmit(p->owner, skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops kcxx_netdev_ops_table = {
	.ndo_open = kcxx_ndo_open,
	.ndo_stop = kcxx_ndo_stop,
	.ndo_start_xmit = kcxx_ndo_start_xmit,
	.ndo_set_mac_address = eth_mac_addr,
	.ndo_validate_addr = eth_validate_addr,
};

struct net_device *kcxx_netdev_alloc_priv(const char *name, size_t priv_size, void *owner,
					  const struct kcxx_netdev_ops *ops)
{
	struct net_device *dev;
	struct kcxx_netdev_priv *p;

	if (WARN_ON(!ops || priv_size < sizeof(*p)))
		return NULL;
	dev = alloc_netdev(priv_size, name, NET_NAME_ENUM, ether_setup);
	if (!dev)
		return NULL;
	p = netdev_priv(dev);
	p->owner = owner;
	p->ops = ops;
	dev->netdev_ops = &kcxx_netdev_ops_table;
	return dev;
}

void *kcxx_shim_netdev_alloc(const char *name, void *owner, const struct kcxx_netdev_ops *ops)
{
	return kcxx_netdev_alloc_priv(name, sizeof(struct kcxx_netdev_priv), owner, ops);
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_alloc);

void kcxx_shim_netdev_free(void *ndev)
{
	if (ndev)
		free_netdev(ndev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_free);

int kcxx_shim_netdev_register(void *ndev)
{
	return register_netdev(ndev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_register);

void kcxx_shim_netdev_unregister(void *ndev)
{
	unregister_netdev(ndev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_unregister);

const char *kcxx_shim_netdev_name(const void *ndev)
{
	return ((const struct net_device *)ndev)->name;
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_name);

void kcxx_shim_netdev_set_addr(void *ndev, const unsigned char *mac)
{
	eth_hw_addr_set(ndev, mac);
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_set_addr);

void kcxx_shim_netdev_carrier(void *ndev, int on)
{
	if (on)
		netif_carrier_on(ndev);
	else
		netif_carrier_off(ndev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_carrier);

void kcxx_shim_netdev_queues(void *ndev, int run)
{
	if (run)
		netif_tx_wake_all_queues(ndev);
	else
		netif_tx_stop_all_queues(ndev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_queues);

void kcxx_shim_netdev_tx_dropped(void *ndev)
{
	dev_core_stats_tx_dropped_inc(ndev);
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_tx_dropped);

void kcxx_shim_skb_free(void *skb)
{
	dev_kfree_skb_any(skb);
}
EXPORT_SYMBOL_GPL(kcxx_shim_skb_free);

unsigned int kcxx_shim_skb_len(const void *skb)
{
	return ((const struct sk_buff *)skb)->len;
}
EXPORT_SYMBOL_GPL(kcxx_shim_skb_len);

int kcxx_shim_skb_copy(const void *skb, unsigned int offset, void *to, unsigned int len)
{
	return skb_copy_bits(skb, offset, to, len) ? -EFAULT : 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_skb_copy);

void kcxx_shim_netdev_stat_add(void *ndev, unsigned int which, unsigned long n)
{
	struct net_device *dev = ndev;

	switch (which) {
	case KCXX_STAT_RX_PACKETS:
		DEV_STATS_ADD(dev, rx_packets, n);
		break;
	case KCXX_STAT_RX_BYTES:
		DEV_STATS_ADD(dev, rx_bytes, n);
		break;
	case KCXX_STAT_RX_ERRORS:
		DEV_STATS_ADD(dev, rx_errors, n);
		break;
	case KCXX_STAT_RX_DROPPED:
		DEV_STATS_ADD(dev, rx_dropped, n);
		break;
	case KCXX_STAT_TX_PACKETS:
		DEV_STATS_ADD(dev, tx_packets, n);
		break;
	case KCXX_STAT_TX_BYTES:
		DEV_STATS_ADD(dev, tx_bytes, n);
		break;
	case KCXX_STAT_TX_ERRORS:
		DEV_STATS_ADD(dev, tx_errors, n);
		break;
	case KCXX_STAT_TX_DROPPED:
		DEV_STATS_ADD(dev, tx_dropped, n);
		break;
	}
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_stat_add);

/*
 * netif_rx() may be called from any context (it disables bottom halves
 * itself when it must); the allocation is atomic for the same reason.
 */
int kcxx_shim_netdev_rx(void *ndev, const unsigned char *eth_hdr, const void *payload, unsigned int len)
{
	struct net_device *dev = ndev;
	struct sk_buff *skb;

	skb = netdev_alloc_skb_ip_align(dev, ETH_HLEN + len);
	if (!skb) {
		DEV_STATS_INC(dev, rx_dropped);
		return -ENOMEM;
	}
	skb_put_data(skb, eth_hdr, ETH_HLEN);
	skb_put_data(skb, payload, len);
	skb->protocol = eth_type_trans(skb, dev);
	DEV_STATS_INC(dev, rx_packets);
	DEV_STATS_ADD(dev, rx_bytes, ETH_HLEN + len);
	netif_rx(skb);
	return 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_rx);

/* A monitor interface's frame: radiotap header, then the 802.11 frame (ETH_P_802_2, as mac80211 has it). */
int kcxx_shim_netdev_rx_monitor(void *ndev, const void *rtap, unsigned int rtap_len, const void *frame,
				unsigned int len)
{
	struct net_device *dev = ndev;
	struct sk_buff *skb;

	skb = netdev_alloc_skb(dev, rtap_len + len);
	if (!skb) {
		DEV_STATS_INC(dev, rx_dropped);
		return -ENOMEM;
	}
	skb_put_data(skb, rtap, rtap_len);
	skb_put_data(skb, frame, len);
	skb_reset_mac_header(skb);
	skb->ip_summed = CHECKSUM_NONE;
	skb->pkt_type = PACKET_OTHERHOST;
	skb->protocol = htons(ETH_P_802_2);
	DEV_STATS_INC(dev, rx_packets);
	DEV_STATS_ADD(dev, rx_bytes, rtap_len + len);
	netif_rx(skb);
	return 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_rx_monitor);
