// SPDX-License-Identifier: GPL-2.0
/*
 * C shim: cfg80211 for include/kcxx/wireless.h.
 *
 * A wiphy's private area (struct kcxx_wiphy_priv, shim_net.h) holds the
 * C++ owner, the C++ operations it implements (struct
 * kcxx_cfg80211_ops), the struct cfg80211_ops the kernel calls and the
 * band and cipher tables the wiphy points to; all of it is freed with the
 * wiphy.  The cfg80211_ops
 * table is built per wiphy and carries a trampoline exactly for each
 * operation the owner implements: cfg80211 and nl80211 decide from the
 * presence of an operation what the device can do (an empty slot is
 * "not supported", not a stub that fails).
 *
 * The wireless net_device is a kcxx net_device (shim_net.c) whose private
 * area also holds its struct wireless_dev.
 *
 * Everything the device reports (frames for the BSS table) is checked
 * here again before cfg80211 sees it: cfg80211 WARNs on some malformed
 * input, and a device must not be able to trigger a WARN.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/ieee80211.h>
#include <linux/slab.h>
#include <linux/export.h>
#include <net/cfg80211.h>
#include "shim_net.h"

struct kcxx_wdev_priv {
	struct kcxx_netdev_priv base; /* first: shim_net.c's trampolines read it */
	struct wireless_dev wdev;
};

static const enum nl80211_band kcxx_nl_band[KCXX_BANDS] = {
	[KCXX_BAND_2GHZ] = NL80211_BAND_2GHZ,
	[KCXX_BAND_5GHZ] = NL80211_BAND_5GHZ,
};

static gfp_t kcxx_wl_gfp(unsigned int kind)
{
	if (kind == KCXX_GFP_KERNEL) {
		might_sleep();
		return GFP_KERNEL;
	}
	return kind == KCXX_GFP_NOWAIT ? GFP_NOWAIT : GFP_ATOMIC;
}

static int kcxx_cfg_scan(struct wiphy *wiphy, struct cfg80211_scan_request *req)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	return p->kops->scan(p->owner, req);
}

static void kcxx_cfg_abort_scan(struct wiphy *wiphy, struct wireless_dev *wdev)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	p->kops->abort_scan(p->owner);
}

static int kcxx_cfg_connect(struct wiphy *wiphy, struct net_device *dev, struct cfg80211_connect_params *sme)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);
	struct kcxx_connect_params c = {
		.ssid = sme->ssid,
		.ssid_len = min_t(size_t, sme->ssid_len, IEEE80211_MAX_SSID_LEN),
		.bssid = sme->bssid,
		.bssid_hint = sme->bssid_hint,
		.freq = sme->channel ? sme->channel->center_freq : 0,
		.freq_hint = sme->channel_hint ? sme->channel_hint->center_freq : 0,
		.ie = sme->ie,
		.ie_len = sme->ie_len,
		.privacy = sme->privacy,
		.wpa_versions = sme->crypto.wpa_versions,
		.cipher_group = sme->crypto.cipher_group,
		.cipher_pairwise = sme->crypto.n_ciphers_pairwise > 0 ? sme->crypto.ciphers_pairwise[0] : 0,
		.key = sme->key,
		.key_len = sme->key_len,
		.key_idx = sme->key_idx,
	};

	switch (sme->auth_type) {
	case NL80211_AUTHTYPE_OPEN_SYSTEM:
		c.auth = KCXX_AUTH_OPEN;
		break;
	case NL80211_AUTHTYPE_SHARED_KEY:
		c.auth = KCXX_AUTH_SHARED;
		break;
	case NL80211_AUTHTYPE_AUTOMATIC:
		c.auth = KCXX_AUTH_AUTOMATIC;
		break;
	default:
		c.auth = KCXX_AUTH_OTHER;
		break;
	}
	return p->kops->connect(p->owner, &c);
}

static int kcxx_cfg_disconnect(struct wiphy *wiphy, struct net_device *dev, u16 reason)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	return p->kops->disconnect(p->owner, reason);
}

static void kcxx_fill_sinfo(struct station_info *sinfo, const struct kcxx_station_info *k)
{
	if (k->has_signal) {
		sinfo->signal = clamp(k->signal, -128, 0);
		sinfo->filled |= BIT_ULL(NL80211_STA_INFO_SIGNAL);
	}
	sinfo->rx_packets = k->rx_packets;
	sinfo->tx_packets = k->tx_packets;
	sinfo->rx_bytes = k->rx_bytes;
	sinfo->tx_bytes = k->tx_bytes;
	sinfo->tx_failed = k->tx_failed;
	sinfo->rx_dropped_misc = k->rx_dropped;
	sinfo->inactive_time = k->inactive_ms;
	sinfo->filled |= BIT_ULL(NL80211_STA_INFO_RX_PACKETS) | BIT_ULL(NL80211_STA_INFO_TX_PACKETS) |
			 BIT_ULL(NL80211_STA_INFO_RX_BYTES64) | BIT_ULL(NL80211_STA_INFO_TX_BYTES64) |
			 BIT_ULL(NL80211_STA_INFO_TX_FAILED) | BIT_ULL(NL80211_STA_INFO_RX_DROP_MISC) |
			 BIT_ULL(NL80211_STA_INFO_INACTIVE_TIME);
	if (k->connected_s) {
		sinfo->connected_time = k->connected_s;
		sinfo->filled |= BIT_ULL(NL80211_STA_INFO_CONNECTED_TIME);
	}
	if (k->tx_rate) {
		sinfo->txrate.legacy = k->tx_rate;
		sinfo->filled |= BIT_ULL(NL80211_STA_INFO_TX_BITRATE);
	}
	if (k->rx_rate) {
		sinfo->rxrate.legacy = k->rx_rate;
		sinfo->filled |= BIT_ULL(NL80211_STA_INFO_RX_BITRATE);
	}
}

static int kcxx_get_station(struct wiphy *wiphy, const u8 *mac, struct station_info *sinfo)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);
	struct kcxx_station_info k = {};
	int r;

	r = p->kops->get_station(p->owner, mac, &k);
	if (!r)
		kcxx_fill_sinfo(sinfo, &k);
	return r;
}

static int kcxx_dump_station(struct wiphy *wiphy, int idx, u8 *mac, struct station_info *sinfo)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);
	struct kcxx_station_info k = {};
	int r;

	r = p->kops->dump_station(p->owner, idx, mac, &k);
	if (!r)
		kcxx_fill_sinfo(sinfo, &k);
	return r;
}

/*
 * The station operations take the net_device up to 6.x and the
 * wireless_dev later; the trampoline whose type matches the kernel's
 * operation is chosen at compile time.
 */
static int kcxx_cfg_get_station_nd(struct wiphy *wiphy, struct net_device *dev, const u8 *mac,
				   struct station_info *sinfo)
{
	return kcxx_get_station(wiphy, mac, sinfo);
}

static int kcxx_cfg_get_station_wd(struct wiphy *wiphy, struct wireless_dev *wdev, const u8 *mac,
				   struct station_info *sinfo)
{
	return kcxx_get_station(wiphy, mac, sinfo);
}

static int kcxx_cfg_dump_station_nd(struct wiphy *wiphy, struct net_device *dev, int idx, u8 *mac,
				    struct station_info *sinfo)
{
	return kcxx_dump_station(wiphy, idx, mac, sinfo);
}

static int kcxx_cfg_dump_station_wd(struct wiphy *wiphy, struct wireless_dev *wdev, int idx, u8 *mac,
				    struct station_info *sinfo)
{
	return kcxx_dump_station(wiphy, idx, mac, sinfo);
}

static int kcxx_add_key(struct wiphy *wiphy, u8 idx, bool pairwise, const u8 *mac, struct key_params *params)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);
	struct kcxx_key_params k = {
		.index = idx,
		.pairwise = pairwise,
		.mac = mac,
		.cipher = params->cipher,
		.key = params->key,
		.seq = params->seq,
	};

	if (params->key_len < 0 || params->seq_len < 0)
		return -EINVAL;
	k.key_len = params->key_len;
	k.seq_len = params->seq_len;
	return p->kops->add_key(p->owner, &k);
}

static int kcxx_del_key(struct wiphy *wiphy, u8 idx, bool pairwise, const u8 *mac)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	return p->kops->del_key(p->owner, idx, pairwise, mac);
}

/* Multi-link operation is not supported: link_id is -1 for these wiphys. */
static int kcxx_cfg_add_key_nd(struct wiphy *wiphy, struct net_device *dev, int link_id, u8 idx, bool pairwise,
			       const u8 *mac, struct key_params *params)
{
	return kcxx_add_key(wiphy, idx, pairwise, mac, params);
}

static int kcxx_cfg_add_key_wd(struct wiphy *wiphy, struct wireless_dev *wdev, int link_id, u8 idx, bool pairwise,
			       const u8 *mac, struct key_params *params)
{
	return kcxx_add_key(wiphy, idx, pairwise, mac, params);
}

static int kcxx_cfg_del_key_nd(struct wiphy *wiphy, struct net_device *dev, int link_id, u8 idx, bool pairwise,
			       const u8 *mac)
{
	return kcxx_del_key(wiphy, idx, pairwise, mac);
}

static int kcxx_cfg_del_key_wd(struct wiphy *wiphy, struct wireless_dev *wdev, int link_id, u8 idx, bool pairwise,
			       const u8 *mac)
{
	return kcxx_del_key(wiphy, idx, pairwise, mac);
}

static int kcxx_cfg_set_default_key(struct wiphy *wiphy, struct net_device *dev, int link_id, u8 idx, bool unicast,
				    bool multicast)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	return p->kops->set_default_key(p->owner, idx, unicast, multicast);
}

/* ---- interface modes: type changes, monitor channel, IBSS ---- */

static void kcxx_chan_to_kcxx(const struct ieee80211_channel *c, struct kcxx_scan_channel *out)
{
	out->band = c->band == NL80211_BAND_2GHZ ? KCXX_BAND_2GHZ : c->band == NL80211_BAND_5GHZ ? KCXX_BAND_5GHZ : -1;
	out->freq = c->center_freq;
	out->hw_value = c->hw_value;
	out->flags = 0;
	if (c->flags & IEEE80211_CHAN_NO_IR)
		out->flags |= KCXX_CHAN_NO_IR;
	if (c->flags & IEEE80211_CHAN_RADAR)
		out->flags |= KCXX_CHAN_RADAR;
	if (c->flags & IEEE80211_CHAN_NO_OFDM)
		out->flags |= KCXX_CHAN_NO_OFDM;
}

/*
 * The owner decides (it may refuse a running interface); on success the
 * wireless_dev takes the new type, as cfg80211 checks, and the net_device
 * the link type of its frames: radiotap in monitor mode, Ethernet otherwise.
 */
static int kcxx_cfg_change_virtual_intf(struct wiphy *wiphy, struct net_device *dev, enum nl80211_iftype type,
					struct vif_params *params)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);
	int r;

	r = p->kops->change_iftype(p->owner, type, netif_running(dev));
	if (r)
		return r;
	dev->ieee80211_ptr->iftype = type;
	dev->type = type == NL80211_IFTYPE_MONITOR ? ARPHRD_IEEE80211_RADIOTAP : ARPHRD_ETHER;
	return 0;
}

/* 20 MHz channels only: the card has no HT. */
static int kcxx_cfg_set_monitor_channel(struct wiphy *wiphy, struct net_device *dev, struct cfg80211_chan_def *chandef)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);
	struct kcxx_scan_channel c;

	if (!chandef->chan || (chandef->width != NL80211_CHAN_WIDTH_20_NOHT && chandef->width != NL80211_CHAN_WIDTH_20))
		return -EINVAL;
	kcxx_chan_to_kcxx(chandef->chan, &c);
	return p->kops->set_monitor_channel(p->owner, &c);
}

static int kcxx_cfg_join_ibss(struct wiphy *wiphy, struct net_device *dev, struct cfg80211_ibss_params *params)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);
	struct kcxx_scan_channel c;
	struct kcxx_ibss_params k = {
		.ssid = params->ssid,
		.ssid_len = min_t(unsigned int, params->ssid_len, IEEE80211_MAX_SSID_LEN),
		.bssid = params->bssid,
		.beacon_interval = params->beacon_interval,
		.basic_rates = params->basic_rates,
		.channel_fixed = params->channel_fixed,
		.privacy = params->privacy,
		.wep_keys = params->wep_keys != NULL,
	};

	if (!params->chandef.chan ||
	    (params->chandef.width != NL80211_CHAN_WIDTH_20_NOHT && params->chandef.width != NL80211_CHAN_WIDTH_20))
		return -EINVAL;
	kcxx_chan_to_kcxx(params->chandef.chan, &c);
	k.band = c.band;
	k.freq = c.freq;
	k.hw_value = c.hw_value;
	return p->kops->join_ibss(p->owner, &k);
}

static int kcxx_cfg_leave_ibss(struct wiphy *wiphy, struct net_device *dev)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	return p->kops->leave_ibss(p->owner);
}

/* Radio settings: power save, RTS/fragmentation/retries, transmit power. */
static int kcxx_cfg_set_power_mgmt(struct wiphy *wiphy, struct net_device *dev, bool enabled, int timeout)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	return p->kops->set_power_mgmt(p->owner, enabled, timeout);
}

static int kcxx_wiphy_params(struct wiphy *wiphy, u32 changed)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);
	struct kcxx_wiphy_params k = {
		.rts_threshold = wiphy->rts_threshold,
		.frag_threshold = wiphy->frag_threshold,
		.retry_short = wiphy->retry_short,
		.retry_long = wiphy->retry_long,
	};

	if (changed & WIPHY_PARAM_RETRY_SHORT)
		k.changed |= KCXX_WIPHY_RETRY_SHORT;
	if (changed & WIPHY_PARAM_RETRY_LONG)
		k.changed |= KCXX_WIPHY_RETRY_LONG;
	if (changed & WIPHY_PARAM_FRAG_THRESHOLD)
		k.changed |= KCXX_WIPHY_FRAG;
	if (changed & WIPHY_PARAM_RTS_THRESHOLD)
		k.changed |= KCXX_WIPHY_RTS;
	/* Coverage class, TXQ limits, dynamic ACK: not this hardware's. */
	if (changed & ~(u32)(WIPHY_PARAM_RETRY_SHORT | WIPHY_PARAM_RETRY_LONG | WIPHY_PARAM_FRAG_THRESHOLD |
			     WIPHY_PARAM_RTS_THRESHOLD))
		return -EOPNOTSUPP;
	return p->kops->set_wiphy_params(p->owner, &k);
}

/*
 * Multi-radio wiphys (7.x) added a radio index to these three, and
 * multi-link operation a link id to get_tx_power (6.14); these wiphys
 * have one radio and no links.  The trampoline whose type matches the
 * kernel's operation is chosen at compile time.
 */
static int kcxx_cfg_set_wiphy_params_r(struct wiphy *wiphy, int radio_idx, u32 changed)
{
	return kcxx_wiphy_params(wiphy, changed);
}

static int kcxx_cfg_set_wiphy_params_0(struct wiphy *wiphy, u32 changed)
{
	return kcxx_wiphy_params(wiphy, changed);
}

static int kcxx_tx_power_set(struct wiphy *wiphy, int type, int mbm)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	return p->kops->set_tx_power(p->owner, type, mbm);
}

static int kcxx_cfg_set_tx_power_r(struct wiphy *wiphy, struct wireless_dev *wdev, int radio_idx,
				   enum nl80211_tx_power_setting type, int mbm)
{
	return kcxx_tx_power_set(wiphy, type, mbm);
}

static int kcxx_cfg_set_tx_power_0(struct wiphy *wiphy, struct wireless_dev *wdev, enum nl80211_tx_power_setting type,
				   int mbm)
{
	return kcxx_tx_power_set(wiphy, type, mbm);
}

static int kcxx_tx_power_get(struct wiphy *wiphy, int *dbm)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(wiphy);

	return p->kops->get_tx_power(p->owner, dbm);
}

static int kcxx_cfg_get_tx_power_rl(struct wiphy *wiphy, struct wireless_dev *wdev, int radio_idx, unsigned int link_id,
				    int *dbm)
{
	return kcxx_tx_power_get(wiphy, dbm);
}

static int kcxx_cfg_get_tx_power_l(struct wiphy *wiphy, struct wireless_dev *wdev, unsigned int link_id, int *dbm)
{
	return kcxx_tx_power_get(wiphy, dbm);
}

static int kcxx_cfg_get_tx_power_0(struct wiphy *wiphy, struct wireless_dev *wdev, int *dbm)
{
	return kcxx_tx_power_get(wiphy, dbm);
}

#define KCXX_OP_TAKES(op, fn) __builtin_types_compatible_p(typeof(((struct cfg80211_ops *)0)->op), typeof(&fn))

void *kcxx_shim_wiphy_new(void *parent, const struct kcxx_cfg80211_ops *kops, void *owner)
{
	struct cfg80211_ops *ops;
	struct kcxx_wiphy_priv *p;
	struct wiphy *wiphy;

	ops = kzalloc(sizeof(*ops), GFP_KERNEL);
	if (!ops)
		return NULL;
	if (kops->scan)
		ops->scan = kcxx_cfg_scan;
	if (kops->abort_scan)
		ops->abort_scan = kcxx_cfg_abort_scan;
	if (kops->connect)
		ops->connect = kcxx_cfg_connect;
	if (kops->disconnect)
		ops->disconnect = kcxx_cfg_disconnect;
	if (kops->get_station)
		ops->get_station = __builtin_choose_expr(KCXX_OP_TAKES(get_station, kcxx_cfg_get_station_wd),
							 kcxx_cfg_get_station_wd, kcxx_cfg_get_station_nd);
	if (kops->dump_station)
		ops->dump_station = __builtin_choose_expr(KCXX_OP_TAKES(dump_station, kcxx_cfg_dump_station_wd),
							  kcxx_cfg_dump_station_wd, kcxx_cfg_dump_station_nd);
	if (kops->add_key)
		ops->add_key = __builtin_choose_expr(KCXX_OP_TAKES(add_key, kcxx_cfg_add_key_wd), kcxx_cfg_add_key_wd,
						     kcxx_cfg_add_key_nd);
	if (kops->del_key)
		ops->del_key = __builtin_choose_expr(KCXX_OP_TAKES(del_key, kcxx_cfg_del_key_wd), kcxx_cfg_del_key_wd,
						     kcxx_cfg_del_key_nd);
	if (kops->set_default_key)
		ops->set_default_key = kcxx_cfg_set_default_key;
	if (kops->set_power_mgmt)
		ops->set_power_mgmt = kcxx_cfg_set_power_mgmt;
	if (kops->set_wiphy_params)
		ops->set_wiphy_params =
			__builtin_choose_expr(KCXX_OP_TAKES(set_wiphy_params, kcxx_cfg_set_wiphy_params_r),
					      kcxx_cfg_set_wiphy_params_r, kcxx_cfg_set_wiphy_params_0);
	if (kops->set_tx_power)
		ops->set_tx_power = __builtin_choose_expr(KCXX_OP_TAKES(set_tx_power, kcxx_cfg_set_tx_power_r),
							  kcxx_cfg_set_tx_power_r, kcxx_cfg_set_tx_power_0);
	if (kops->get_tx_power)
		ops->get_tx_power = __builtin_choose_expr(
			KCXX_OP_TAKES(get_tx_power, kcxx_cfg_get_tx_power_rl), kcxx_cfg_get_tx_power_rl,
			__builtin_choose_expr(KCXX_OP_TAKES(get_tx_power, kcxx_cfg_get_tx_power_l),
					      kcxx_cfg_get_tx_power_l, kcxx_cfg_get_tx_power_0));
	if (kops->change_iftype)
		ops->change_virtual_intf = kcxx_cfg_change_virtual_intf;
	if (kops->set_monitor_channel)
		ops->set_monitor_channel = kcxx_cfg_set_monitor_channel;
	if (kops->join_ibss)
		ops->join_ibss = kcxx_cfg_join_ibss;
	if (kops->leave_ibss)
		ops->leave_ibss = kcxx_cfg_leave_ibss;
	wiphy = wiphy_new_nm(ops, sizeof(*p), NULL);
	if (!wiphy) {
		kfree(ops);
		return NULL;
	}
	p = wiphy_priv(wiphy);
	p->owner = owner;
	p->kops = kops;
	p->ops = ops;
	set_wiphy_dev(wiphy, parent);
	return wiphy;
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_new);

int kcxx_shim_wiphy_add_band(void *w, int band, const struct kcxx_channel *ch, unsigned int n_ch,
			     const struct kcxx_bitrate *rates, unsigned int n_rates)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(w);
	struct ieee80211_supported_band *sb;
	struct ieee80211_channel *c;
	struct ieee80211_rate *r;
	struct wiphy *wiphy = w;
	unsigned int i;

	if (band < 0 || band >= KCXX_BANDS || !n_ch || !n_rates || n_rates > 32 || n_ch > 64)
		return -EINVAL;
	if (p->bands[band])
		return -EEXIST;
	sb = kzalloc(sizeof(*sb) + n_ch * sizeof(*c) + n_rates * sizeof(*r), GFP_KERNEL);
	if (!sb)
		return -ENOMEM;
	c = (struct ieee80211_channel *)(sb + 1);
	r = (struct ieee80211_rate *)(c + n_ch);
	for (i = 0; i < n_ch; i++) {
		c[i].band = kcxx_nl_band[band];
		c[i].center_freq = ch[i].freq;
		c[i].hw_value = ch[i].hw_value;
		c[i].max_power = 20;
		if (ch[i].flags & KCXX_CHAN_NO_IR)
			c[i].flags |= IEEE80211_CHAN_NO_IR;
		if (ch[i].flags & KCXX_CHAN_RADAR)
			c[i].flags |= IEEE80211_CHAN_RADAR;
		if (ch[i].flags & KCXX_CHAN_NO_OFDM)
			c[i].flags |= IEEE80211_CHAN_NO_OFDM;
	}
	for (i = 0; i < n_rates; i++) {
		r[i].bitrate = rates[i].rate;
		r[i].hw_value = rates[i].hw_value;
		if (rates[i].flags & KCXX_RATE_SHORT_PREAMBLE)
			r[i].flags |= IEEE80211_RATE_SHORT_PREAMBLE;
	}
	sb->band = kcxx_nl_band[band];
	sb->channels = c;
	sb->n_channels = n_ch;
	sb->bitrates = r;
	sb->n_bitrates = n_rates;
	p->bands[band] = sb;
	wiphy->bands[kcxx_nl_band[band]] = sb;
	return 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_add_band);

int kcxx_shim_wiphy_configure(void *w, const struct kcxx_wiphy_config *cfg)
{
	struct kcxx_wiphy_priv *p = wiphy_priv(w);
	struct wiphy *wiphy = w;

	if (!cfg->iftypes || (cfg->iftypes & ~(BIT(NUM_NL80211_IFTYPES) - 1)) || cfg->max_scan_ssids > 255 ||
	    cfg->max_scan_ie_len > U16_MAX || cfg->n_ciphers > 16)
		return -EINVAL;
	if (cfg->n_ciphers) {
		u32 *c = kmemdup(cfg->ciphers, cfg->n_ciphers * sizeof(*c), GFP_KERNEL);

		if (!c)
			return -ENOMEM;
		kfree(p->ciphers);
		p->ciphers = c;
		wiphy->cipher_suites = c;
		wiphy->n_cipher_suites = cfg->n_ciphers;
	}
	if (cfg->perm_addr)
		memcpy(wiphy->perm_addr, cfg->perm_addr, ETH_ALEN);
	wiphy->interface_modes = cfg->iftypes;
	wiphy->signal_type = CFG80211_SIGNAL_TYPE_MBM;
	wiphy->max_scan_ssids = cfg->max_scan_ssids;
	wiphy->max_scan_ie_len = cfg->max_scan_ie_len;
	return 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_configure);

int kcxx_shim_wiphy_register(void *wiphy)
{
	return wiphy_register(wiphy);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_register);

void kcxx_shim_wiphy_unregister(void *wiphy)
{
	wiphy_unregister(wiphy);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_unregister);

void kcxx_shim_wiphy_free(void *w)
{
	struct kcxx_wiphy_priv *p;
	struct kcxx_wiphy_priv copy;
	int b;

	if (!w)
		return;
	p = wiphy_priv(w);
	copy = *p;
	wiphy_free(w);
	for (b = 0; b < KCXX_BANDS; b++)
		kfree(copy.bands[b]);
	kfree(copy.ciphers);
	kfree(copy.ops);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_free);

const char *kcxx_shim_wiphy_name(const void *wiphy)
{
	return wiphy_name(wiphy);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_name);

void kcxx_shim_wiphy_rfkill_hw(void *wiphy, int blocked)
{
	wiphy_rfkill_set_hw_state(wiphy, blocked);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_rfkill_hw);

int kcxx_shim_wiphy_rfkill_soft(const void *w)
{
	const struct wiphy *wiphy = w;

	return wiphy->rfkill && rfkill_soft_blocked(wiphy->rfkill);
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_rfkill_soft);

void kcxx_shim_wiphy_set_fw_version(void *w, const char *version)
{
	struct wiphy *wiphy = w;

	strscpy(wiphy->fw_version, version, sizeof(wiphy->fw_version));
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_set_fw_version);

void *kcxx_shim_wiphy_netdev_alloc(void *w, const char *name, unsigned int iftype, void *owner,
				   const struct kcxx_netdev_ops *ops)
{
	struct wiphy *wiphy = w;
	struct kcxx_wdev_priv *p;
	struct net_device *dev;

	if (iftype >= NUM_NL80211_IFTYPES || !(wiphy->interface_modes & BIT(iftype)))
		return NULL;
	dev = kcxx_netdev_alloc_priv(name, sizeof(*p), owner, ops);
	if (!dev)
		return NULL;
	p = netdev_priv(dev);
	p->wdev.wiphy = wiphy;
	p->wdev.netdev = dev;
	p->wdev.iftype = iftype;
	dev->ieee80211_ptr = &p->wdev;
	SET_NETDEV_DEV(dev, wiphy_dev(wiphy));
	return dev;
}
EXPORT_SYMBOL_GPL(kcxx_shim_wiphy_netdev_alloc);

unsigned int kcxx_shim_scan_req_n_channels(const void *req)
{
	return ((const struct cfg80211_scan_request *)req)->n_channels;
}
EXPORT_SYMBOL_GPL(kcxx_shim_scan_req_n_channels);

int kcxx_shim_scan_req_channel(const void *r, unsigned int i, struct kcxx_scan_channel *out)
{
	const struct cfg80211_scan_request *req = r;

	if (i >= req->n_channels)
		return -EINVAL;
	kcxx_chan_to_kcxx(req->channels[i], out);
	return 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_scan_req_channel);

unsigned int kcxx_shim_scan_req_n_ssids(const void *req)
{
	int n = ((const struct cfg80211_scan_request *)req)->n_ssids;

	return n > 0 ? n : 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_scan_req_n_ssids);

int kcxx_shim_scan_req_ssid(const void *r, unsigned int i, const unsigned char **ssid, unsigned int *len)
{
	const struct cfg80211_scan_request *req = r;

	if (req->n_ssids <= 0 || i >= (unsigned int)req->n_ssids)
		return -EINVAL;
	*ssid = req->ssids[i].ssid;
	*len = min_t(unsigned int, req->ssids[i].ssid_len, IEEE80211_MAX_SSID_LEN);
	return 0;
}
EXPORT_SYMBOL_GPL(kcxx_shim_scan_req_ssid);

void kcxx_shim_scan_done(void *req, int aborted)
{
	struct cfg80211_scan_info info = {.aborted = aborted};

	cfg80211_scan_done(req, &info);
}
EXPORT_SYMBOL_GPL(kcxx_shim_scan_done);

/*
 * A beacon or probe response heard on @freq.  Refused with -EINVAL
 * before cfg80211 sees it: shorter than the fixed fields, not a beacon or
 * probe response, a frequency that is not one of the wiphy's channels.
 * -ENOENT: cfg80211 did not take it (a disabled channel, elements it
 * rejects, no memory).
 */
void *kcxx_shim_inform_bss_frame(void *wiphy, unsigned int freq, const void *frame, size_t len, int signal_mbm,
				 unsigned int gfp_kind, int *err)
{
	const struct ieee80211_mgmt *mgmt = frame;
	struct ieee80211_channel *chan;
	struct cfg80211_bss *bss;

	*err = -EINVAL;
	if (len < offsetof(struct ieee80211_mgmt, u.beacon.variable) || len > IEEE80211_MAX_DATA_LEN ||
	    !(ieee80211_is_beacon(mgmt->frame_control) || ieee80211_is_probe_resp(mgmt->frame_control)))
		return NULL;
	chan = ieee80211_get_channel(wiphy, freq);
	if (!chan)
		return NULL;
	bss = cfg80211_inform_bss_frame(wiphy, chan, (struct ieee80211_mgmt *)mgmt, len, signal_mbm,
					kcxx_wl_gfp(gfp_kind));
	*err = bss ? 0 : -ENOENT;
	return bss;
}
EXPORT_SYMBOL_GPL(kcxx_shim_inform_bss_frame);

void kcxx_shim_put_bss(void *wiphy, void *bss)
{
	cfg80211_put_bss(wiphy, bss);
}
EXPORT_SYMBOL_GPL(kcxx_shim_put_bss);

static int kcxx_get_bss_of_type(void *wiphy, unsigned int freq, const unsigned char *bssid, const unsigned char *ssid,
				unsigned int ssid_len, struct kcxx_bss_info *out, void *ies, unsigned int ies_room,
				enum ieee80211_bss_type type)
{
	struct ieee80211_channel *chan = NULL;
	const struct cfg80211_bss_ies *bies;
	struct cfg80211_bss *bss;

	if (ssid_len > IEEE80211_MAX_SSID_LEN)
		return -EINVAL;
	if (freq) {
		chan = ieee80211_get_channel(wiphy, freq);
		if (!chan)
			return -ENOENT;
	}
	bss = cfg80211_get_bss(wiphy, chan, bssid, ssid, ssid_len, type, IEEE80211_PRIVACY_ANY);
	if (!bss)
		return -ENOENT;
	memset(out, 0, sizeof(*out));
	memcpy(out->bssid, bss->bssid, ETH_ALEN);
	out->channel = bss->channel->hw_value;
	out->freq = bss->channel->center_freq;
	out->band = bss->channel->band == NL80211_BAND_2GHZ   ? KCXX_BAND_2GHZ
		    : bss->channel->band == NL80211_BAND_5GHZ ? KCXX_BAND_5GHZ
							      : -1;
	out->capability = bss->capability;
	out->beacon_interval = bss->beacon_interval;
	out->signal_mbm = bss->signal;
	rcu_read_lock();
	bies = rcu_dereference(bss->ies);
	if (bies) {
		out->tsf = bies->tsf;
		out->ies_len = bies->len;
		memcpy(ies, bies->data, min_t(unsigned int, bies->len, ies_room));
	}
	rcu_read_unlock();
	cfg80211_put_bss(wiphy, bss);
	return 0;
}

int kcxx_shim_get_bss(void *wiphy, unsigned int freq, const unsigned char *bssid, const unsigned char *ssid,
		      unsigned int ssid_len, struct kcxx_bss_info *out, void *ies, unsigned int ies_room)
{
	return kcxx_get_bss_of_type(wiphy, freq, bssid, ssid, ssid_len, out, ies, ies_room, IEEE80211_BSS_TYPE_ESS);
}
EXPORT_SYMBOL_GPL(kcxx_shim_get_bss);

void *kcxx_shim_inform_bss(void *wiphy, const struct kcxx_bss_info *b, const void *ies, unsigned int ies_len,
			   unsigned int gfp_kind)
{
	struct ieee80211_channel *chan = ieee80211_get_channel(wiphy, b->freq);

	if (!chan)
		return NULL;
	return cfg80211_inform_bss(wiphy, chan, CFG80211_BSS_FTYPE_UNKNOWN, b->bssid, b->tsf, b->capability,
				   b->beacon_interval, ies, ies_len, b->signal_mbm, kcxx_wl_gfp(gfp_kind));
}
EXPORT_SYMBOL_GPL(kcxx_shim_inform_bss);

void kcxx_shim_connect_result(void *ndev, const unsigned char *bssid, void *bss, const void *req_ie,
			      unsigned int req_ie_len, int status, unsigned int gfp_kind)
{
	if (status < 0) {
		if (bss)
			cfg80211_put_bss(((struct net_device *)ndev)->ieee80211_ptr->wiphy, bss);
		cfg80211_connect_timeout(ndev, bssid, req_ie, req_ie_len, kcxx_wl_gfp(gfp_kind),
					 NL80211_TIMEOUT_UNSPECIFIED);
		return;
	}
	cfg80211_connect_bss(ndev, bssid, bss, req_ie, req_ie_len, NULL, 0, status, kcxx_wl_gfp(gfp_kind),
			     NL80211_TIMEOUT_UNSPECIFIED);
}
EXPORT_SYMBOL_GPL(kcxx_shim_connect_result);

void kcxx_shim_disconnected(void *ndev, unsigned int reason, int locally_generated, unsigned int gfp_kind)
{
	cfg80211_disconnected(ndev, reason, NULL, 0, locally_generated, kcxx_wl_gfp(gfp_kind));
}
EXPORT_SYMBOL_GPL(kcxx_shim_disconnected);

/* ---- interface modes ---- */

int kcxx_shim_get_ibss(void *wiphy, unsigned int freq, const unsigned char *bssid, const unsigned char *ssid,
		       unsigned int ssid_len, struct kcxx_bss_info *out, void *ies, unsigned int ies_room)
{
	return kcxx_get_bss_of_type(wiphy, freq, bssid, ssid, ssid_len, out, ies, ies_room, IEEE80211_BSS_TYPE_IBSS);
}
EXPORT_SYMBOL_GPL(kcxx_shim_get_ibss);

/* The cell's BSS must be in cfg80211's table (cfg80211 WARNs otherwise): kcxx_shim_inform_bss() first. */
void kcxx_shim_ibss_joined(void *ndev, const unsigned char *bssid, unsigned int freq, unsigned int gfp_kind)
{
	struct net_device *dev = ndev;
	struct ieee80211_channel *chan = ieee80211_get_channel(dev->ieee80211_ptr->wiphy, freq);

	if (chan)
		cfg80211_ibss_joined(dev, bssid, chan, kcxx_wl_gfp(gfp_kind));
}
EXPORT_SYMBOL_GPL(kcxx_shim_ibss_joined);

void kcxx_shim_michael_mic_failure(void *ndev, const unsigned char *addr, int group, unsigned int key_id,
				   const unsigned char *tsc, unsigned int gfp_kind)
{
	cfg80211_michael_mic_failure(ndev, addr, group ? NL80211_KEYTYPE_GROUP : NL80211_KEYTYPE_PAIRWISE, key_id, tsc,
				     kcxx_wl_gfp(gfp_kind));
}
EXPORT_SYMBOL_GPL(kcxx_shim_michael_mic_failure);
