// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: ethtool operations for include/kcxx/ethtool.h.
 *
 * One struct ethtool_ops for every kcxx net device that asks for it: the
 * trampolines find the owner and its C++ operations in the device's
 * private area (struct kcxx_netdev_priv).  Link state is the carrier
 * (ethtool_op_get_link()); bus-info is the parent device's name.
 */
#include <linux/ethtool.h>
#include <linux/export.h>
#include <linux/netdevice.h>
#include "shim_net.h"

static void kcxx_et_get_drvinfo(struct net_device *dev, struct ethtool_drvinfo *info)
{
	struct kcxx_netdev_priv *p = netdev_priv(dev);
	struct kcxx_drvinfo d = {};

	if (p->ethtool->get_drvinfo)
		p->ethtool->get_drvinfo(p->owner, &d);
	d.driver[sizeof(d.driver) - 1] = 0;
	d.version[sizeof(d.version) - 1] = 0;
	d.fw_version[sizeof(d.fw_version) - 1] = 0;
	strscpy(info->driver, d.driver, sizeof(info->driver));
	strscpy(info->version, d.version, sizeof(info->version));
	strscpy(info->fw_version, d.fw_version[0] ? d.fw_version : "N/A", sizeof(info->fw_version));
	if (dev->dev.parent)
		strscpy(info->bus_info, dev_name(dev->dev.parent), sizeof(info->bus_info));
}

static int kcxx_et_get_eeprom_len(struct net_device *dev)
{
	struct kcxx_netdev_priv *p = netdev_priv(dev);

	return p->ethtool->get_eeprom_len ? p->ethtool->get_eeprom_len(p->owner) : 0;
}

static int kcxx_et_get_eeprom(struct net_device *dev, struct ethtool_eeprom *ee, u8 *data)
{
	struct kcxx_netdev_priv *p = netdev_priv(dev);

	if (!p->ethtool->get_eeprom)
		return -EOPNOTSUPP;
	/* ethtool has checked offset + len against get_eeprom_len(). */
	ee->magic = 0;
	return p->ethtool->get_eeprom(p->owner, ee->offset, ee->len, data);
}

static const struct ethtool_ops kcxx_ethtool_ops_table = {
	.get_drvinfo = kcxx_et_get_drvinfo,
	.get_link = ethtool_op_get_link,
	.get_eeprom_len = kcxx_et_get_eeprom_len,
	.get_eeprom = kcxx_et_get_eeprom,
};

void kcxx_shim_netdev_set_ethtool(void *ndev, const struct kcxx_ethtool_ops *ops)
{
	struct net_device *dev = ndev;
	struct kcxx_netdev_priv *p = netdev_priv(dev);

	if (WARN_ON(dev->reg_state != NETREG_UNINITIALIZED))
		return;
	p->ethtool = ops;
	dev->ethtool_ops = ops ? &kcxx_ethtool_ops_table : NULL;
}
EXPORT_SYMBOL_GPL(kcxx_shim_netdev_set_ethtool);
