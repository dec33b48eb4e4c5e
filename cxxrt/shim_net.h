/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What shim_net.c and shim_wireless.c (and the KUnit shim) share: the
 * private area at the start of every net_device the shim allocates (the
 * C++ owner and its operations), the allocation with room for more behind
 * it, and the private area of a wiphy.
 */
#ifndef KCXX_SHIM_NET_H
#define KCXX_SHIM_NET_H

#include <linux/netdevice.h>
#include "../include/kcxx/shim.h"

struct kcxx_netdev_priv {
	void *owner;
	const struct kcxx_netdev_ops *ops;
	const struct kcxx_ethtool_ops *ethtool; /* NULL: no ethtool operations */
};

/* An Ethernet-style net_device whose netdev_priv() starts with a kcxx_netdev_priv. */
struct net_device *kcxx_netdev_alloc_priv(const char *name, size_t priv_size, void *owner,
					  const struct kcxx_netdev_ops *ops);

#if IS_ENABLED(CONFIG_CFG80211)
#include <net/cfg80211.h>

struct kcxx_wiphy_priv {
	void *owner;
	const struct kcxx_cfg80211_ops *kops;
	struct cfg80211_ops *ops; /* a trampoline for each kops slot that is set */
	struct ieee80211_supported_band *bands[KCXX_BANDS];
	u32 *ciphers;
};
#endif

#endif
