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

#if IS_ENABLED(CONFIG_CFG80211)
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/overflow.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/cfg80211.h>
#include "../shim_net.h"

int kcxx_test_shim_netdev_open(void *ndev)
{
	int r;

	rtnl_lock();
	r = dev_open(ndev, NULL);
	rtnl_unlock();
	return r;
}

void kcxx_test_shim_netdev_close(void *ndev)
{
	rtnl_lock();
	dev_close(ndev);
	rtnl_unlock();
}

int kcxx_test_shim_netdev_xmit(void *ndev, unsigned int len)
{
	struct net_device *dev = ndev;
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	netdev_tx_t r;

	if (!skb)
		return -ENOMEM;
	skb_put_zero(skb, len);
	skb->dev = dev;
	local_bh_disable();
	r = dev->netdev_ops->ndo_start_xmit(skb, dev);
	local_bh_enable();
	return r == NETDEV_TX_OK ? 0 : -EIO;
}

unsigned long kcxx_test_shim_netdev_tx_dropped(void *ndev)
{
	struct rtnl_link_stats64 s;

	dev_get_stats(ndev, &s);
	return s.tx_dropped;
}

int kcxx_test_shim_wiphy_has_op(void *wiphy, int which)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	switch (which) {
	case 0:
		return !!p->ops->scan;
	case 1:
		return !!p->ops->abort_scan;
	case 2:
		return !!p->ops->connect;
	case 3:
		return !!p->ops->add_key && !!p->ops->del_key && !!p->ops->set_default_key;
	case 4:
		return !!p->ops->change_virtual_intf + !!p->ops->set_monitor_channel + !!p->ops->join_ibss +
		       !!p->ops->leave_ibss;
	}
	return -EINVAL;
}

int kcxx_test_shim_wiphy_fake_scan(void *w, const char *ssid)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(w);
	struct ieee80211_supported_band *sb;
	struct cfg80211_scan_request *req;
	struct cfg80211_ssid *ss;
	struct wiphy *wiphy = w;
	int i, r;

	sb = wiphy->bands[NL80211_BAND_2GHZ];
	if (!sb || !p->ops->scan || strlen(ssid) > IEEE80211_MAX_SSID_LEN)
		return -EINVAL;
	req = kzalloc(struct_size(req, channels, sb->n_channels), GFP_KERNEL);
	ss = kzalloc(sizeof(*ss), GFP_KERNEL);
	if (!req || !ss) {
		kfree(req);
		kfree(ss);
		return -ENOMEM;
	}
	req->wiphy = wiphy;
	req->n_channels = sb->n_channels;
	for (i = 0; i < sb->n_channels; i++)
		req->channels[i] = &sb->channels[i];
	ss->ssid_len = strlen(ssid);
	memcpy(ss->ssid, ssid, ss->ssid_len);
	req->ssids = ss;
	req->n_ssids = 1;
	r = p->ops->scan(wiphy, req);
	kfree(ss);
	kfree(req);
	return r;
}
#endif
