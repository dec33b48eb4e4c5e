/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/wireless.h - cfg80211: wiphys, their net devices, scans, BSSes
 *
 * A ``Wiphy`` is a cfg80211 wiphy whose operations are methods of an
 * owner, named in an ops struct (as for ``NetDevice``)::
 *
 *	struct WlOps {
 *		using Owner = Wl;
 *		static constexpr auto scan = &Wl::scan;
 *		static constexpr auto abort_scan = &Wl::abort_scan;
 *	};
 *
 *	st = w.create<WlOps>(ctx, parent_dev, owner);
 *	st = w.add_band(ctx, kcxx::Band::ghz2, channels, n, rates, m);
 *	st = w.configure(ctx, cfg);		// address, modes, ciphers, scan limits
 *	st = w.create_netdev<NetOps>(ctx, nd, kcxx::iftype::station, "wlan%d", owner);
 *	st = w.register_dev(ctx);
 *	st = nd.register_dev(ctx);
 *	...
 *	nd.unregister(ctx);
 *	w.unregister(ctx);
 *
 * The cfg80211_ops table is built in C (cxxrt/shim_wireless.c) with a
 * trampoline for each operation the ops struct names and nothing else:
 * cfg80211 and nl80211 read an operation's presence as a capability.
 *
 * Context: cfg80211 calls every operation in process context with the
 * wiphy mutex held.  kcxx offers no way to take that mutex, so an
 * operation cannot take it again; but an operation must not wait for
 * anything that needs it either (deferred work that calls into cfg80211
 * with the wiphy locked).  Nothing in this header takes it.
 *
 * Scans: ``scan`` is ``Status (Owner::*)(Sleepable &, ScanRequest &)``.
 * The ScanRequest is the obligation to call cfg80211_scan_done() once.
 * On success the owner moves it into its own state and later calls
 * ``done(aborted)`` on it (any context); if the owner lets it go instead,
 * it reports the scan aborted when destroyed, so every request is
 * reported exactly once.  On failure the owner must not keep it:
 * cfg80211 frees a request whose scan op failed.  ``abort_scan`` is
 * ``void (Owner::*)(Sleepable &)``; the scan is still reported through
 * its request.
 *
 * Connections (a fullmac station): ``connect`` is ``Status (Owner::*)
 * (Sleepable &, const ConnectParams &)``, ``disconnect`` ``Status
 * (Owner::*)(Sleepable &, u16 reason)``.  The owner reports the outcome
 * later, from any context: connected() (the BSS must be in cfg80211's
 * table: pass the entry, e.g. from inform_bss()), connect_failed(), and
 * for an established connection disconnected() once, whoever ends it.
 * ``get_station`` / ``dump_station`` fill a StationInfo for the peer.
 *
 * Keys: ``add_key`` is ``Status (Owner::*)(Sleepable &, const KeyParams
 * &)``, ``del_key`` ``Status (Owner::*)(Sleepable &, u8 index, bool
 * pairwise, const u8 *mac)``, ``set_default_key`` ``Status (Owner::*)
 * (Sleepable &, u8 index, bool unicast, bool multicast)``; all three or
 * none.  cfg80211 has checked the cipher against configure()'s list and
 * the lengths against the cipher; the trampoline refuses keys over 32
 * bytes and sequence counters over 16.
 *
 * Interface modes: ``change_iftype`` is ``Status (Owner::*)(Sleepable &,
 * u32 iftype, bool running)`` (the RTNL is held too); on success the
 * trampoline gives the interface the new type (and the radiotap link type
 * in monitor mode).  ``set_monitor_channel`` is ``Status (Owner::*)
 * (Sleepable &, const ScanChannel &)``.  ``join_ibss`` is ``Status
 * (Owner::*)(Sleepable &, const IbssParams &)`` and ``leave_ibss``
 * ``Status (Owner::*)(Sleepable &)``, both or neither; the owner reports
 * the cell with ibss_joined() once its BSS is in cfg80211's table.
 *
 * Radio settings (all optional, each on its own): ``set_power_mgmt`` is
 * ``Status (Owner::*)(Sleepable &, bool enabled, int timeout_ms)``
 * (cfg80211 keeps the state ``iw get power_save`` shows);
 * ``set_wiphy_params`` ``Status (Owner::*)(Sleepable &, const
 * WiphyParams &)`` (RTS and fragmentation thresholds, retry limits; the
 * wiphy already has the new values, and gets the old ones back if the op
 * fails; other parameters are refused with -EOPNOTSUPP before the owner
 * sees them); ``set_tx_power`` ``Status (Owner::*)(Sleepable &, TxPower,
 * int mbm)`` and ``get_tx_power`` ``Status (Owner::*)(Sleepable &, int
 * &dbm)``.
 *
 * rf-kill: set_rfkill_hw() reports the hardware switch; rfkill_soft()
 * tells whether the wiphy is blocked in software (``rfkill block``): when
 * it blocks, cfg80211 closes the wiphy's interfaces, and a closed one
 * cannot be opened until it is unblocked.
 *
 * BSS table: inform_bss_frame() hands a beacon or probe response to
 * cfg80211 (cfg80211_inform_bss_frame()) and returns the referenced entry
 * as a ``Bss``, which drops its reference (cfg80211_put_bss()) when it
 * goes away.  Frames from a device are checked first (length, frame type,
 * a frequency of one of the wiphy's channels): a bad one is -EINVAL and
 * cfg80211 never sees it.
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/context.h>
#include <kcxx/device.h>
#include <kcxx/net.h>
#include <kcxx/new.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

namespace kcxx {

/** enum class Band - the bands kcxx describes. */
enum class Band : int { ghz2 = KCXX_BAND_2GHZ, ghz5 = KCXX_BAND_5GHZ };

/** Channel flags (struct Channel::flags). */
namespace chan {
constexpr u32 no_ir = KCXX_CHAN_NO_IR; /* passive scan only, no IBSS start */
constexpr u32 radar = KCXX_CHAN_RADAR;
constexpr u32 no_ofdm = KCXX_CHAN_NO_OFDM; /* 802.11b rates only */
} // namespace chan

/** One channel of a band: ``{freq MHz, hw_value, flags}``. */
using Channel = kcxx_channel;
/** One bitrate of a band: ``{rate in 100 kb/s, hw_value, flags}``. */
using Bitrate = kcxx_bitrate;
constexpr u32 rate_short_preamble = KCXX_RATE_SHORT_PREAMBLE;

/** Interface types (enum nl80211_iftype, a stable user-space ABI). */
namespace iftype {
constexpr u32 adhoc = 1;
constexpr u32 station = 2;
constexpr u32 monitor = 6;
} // namespace iftype

/** Cipher suite selectors (IEEE 802.11, OUI 00-0F-AC). */
namespace cipher {
constexpr u32 wep40 = 0x000fac01;
constexpr u32 tkip = 0x000fac02;
constexpr u32 ccmp = 0x000fac04;
constexpr u32 wep104 = 0x000fac05;
} // namespace cipher

/** struct WiphyConfig - what configure() sets. */
struct WiphyConfig {
	const u8 *perm_addr = nullptr; /* 6 bytes */
	u32 iftypes = 0;	       /* 1 << iftype::... */
	const u32 *ciphers = nullptr;
	size_t n_ciphers = 0;
	u8 max_scan_ssids = 0;
	u16 max_scan_ie_len = 0;
};

/** struct ScanChannel - one channel of a scan request. */
struct ScanChannel {
	int band; /* a Band value, or -1: a band kcxx does not describe */
	u16 freq;
	u16 hw_value; /* as given in add_band() */
	u32 flags;    /* chan:: flags as cfg80211 has them now (regulatory included) */
};

/** struct Ssid - an SSID of a scan request (0..32 bytes; 0 is the wildcard). */
struct Ssid {
	const u8 *data;
	u8 len;
};

/** Authentication algorithms a connect request may ask for. */
enum class Auth : int {
	open = KCXX_AUTH_OPEN,
	shared_key = KCXX_AUTH_SHARED,
	automatic = KCXX_AUTH_AUTOMATIC, /* the driver picks */
	other = KCXX_AUTH_OTHER,	 /* SAE, FILS, ...: not for a fullmac station of this age */
};

/**
 * struct ConnectParams - one connect request (valid during the op only:
 * copy what is kept).  @bssid / @freq restrict, @bssid_hint / @freq_hint
 * only suggest.
 */
struct ConnectParams {
	Ssid ssid;
	const u8 *bssid;
	const u8 *bssid_hint;
	u32 freq;
	u32 freq_hint;
	Auth auth;
	const u8 *ie; /* elements user space wants in the association request (RSN, WPA, ...) */
	size_t ie_len;
	bool privacy;
	u32 wpa_versions;
	u32 cipher_group;
	u32 cipher_pairwise;
	const u8 *key; /* static WEP key, or nullptr */
	u8 key_len;
	u8 key_idx;
};

/**
 * struct KeyParams - one add_key request (valid during the op only: copy
 * the key).  @mac: the peer of a pairwise key, nullptr for a group key;
 * @seq: the receive sequence counter to start from (little-endian, as
 * EAPOL-Key RSC fields are), @seq_len bytes, or nullptr.
 */
struct KeyParams {
	u8 index;
	bool pairwise;
	const u8 *mac;
	u32 cipher;
	const u8 *key;
	size_t key_len;
	const u8 *seq;
	size_t seq_len;
};

/**
 * struct IbssParams - one join_ibss request (valid during the op only).
 * @bssid: a fixed BSSID or nullptr; @basic_rates: bit i for the band's
 * bitrate i (as given to add_band()); @wep_keys: static WEP keys came
 * with it.
 */
struct IbssParams {
	Ssid ssid;
	const u8 *bssid;
	ScanChannel channel;
	u16 beacon_interval; /* TU */
	u32 basic_rates;
	bool channel_fixed;
	bool privacy;
	bool wep_keys;
};

/** struct WiphyParams - set_wiphy_params(): what changed, and the values now. */
struct WiphyParams {
	bool rts_changed, frag_changed, retry_short_changed, retry_long_changed;
	u32 rts_threshold;  /* bytes; param_off: off */
	u32 frag_threshold; /* bytes; param_off: off */
	u8 retry_short, retry_long;
	static constexpr u32 param_off = 0xffffffffu;
};

/** enum class TxPower - how set_tx_power()'s level applies (enum nl80211_tx_power_setting). */
enum class TxPower : int { automatic = 0, limited = 1, fixed = 2 };

/** struct StationInfo - what get_station/dump_station report about a peer. */
using StationInfo = kcxx_station_info;

/** struct BssInfo - a copy of one entry of cfg80211's BSS table (Wiphy::get_bss()). */
using BssInfo = kcxx_bss_info;

template <typename Ops> struct Cfg80211Binding;

/**
 * class ScanRequest - one cfg80211 scan request, and the obligation to
 * report it: done() or, failing that, the destructor (as aborted).
 * Move-only; an empty one (default, or moved from) does nothing.
 */
class ScanRequest {
public:
	ScanRequest() = default;
	ScanRequest(ScanRequest &&o) : raw_(o.raw_) { o.raw_ = nullptr; }
	/** operator=() - take @o's request; the one held now is reported aborted first. */
	ScanRequest &operator=(ScanRequest &&o)
	{
		if (this != &o) {
			done(true);
			raw_ = o.raw_;
			o.raw_ = nullptr;
		}
		return *this;
	}
	ScanRequest(const ScanRequest &) = delete;
	ScanRequest &operator=(const ScanRequest &) = delete;
	~ScanRequest() { done(true); }

	explicit operator bool() const { return raw_ != nullptr; }

	/** done() - cfg80211_scan_done(): the scan is over; any context.  Empties it. */
	void done(bool aborted)
	{
		void *r = raw_;
		raw_ = nullptr;
		if (r)
			kcxx_shim_scan_done(r, aborted);
	}

	u32 n_channels() const { return raw_ ? kcxx_shim_scan_req_n_channels(raw_) : 0; }
	/** channel() - channel @i; -EINVAL past the end. */
	Result<ScanChannel> channel(u32 i) const
	{
		kcxx_scan_channel c;
		if (!raw_ || kcxx_shim_scan_req_channel(raw_, i, &c))
			return Err(err::inval);
		return ScanChannel{c.band, c.freq, c.hw_value, c.flags};
	}
	/** n_ssids() - SSIDs to probe for; 0 means a passive scan. */
	u32 n_ssids() const { return raw_ ? kcxx_shim_scan_req_n_ssids(raw_) : 0; }
	Result<Ssid> ssid(u32 i) const
	{
		const unsigned char *p = nullptr;
		unsigned int n = 0;
		if (!raw_ || kcxx_shim_scan_req_ssid(raw_, i, &p, &n))
			return Err(err::inval);
		return Ssid{p, static_cast<u8>(n)};
	}

private:
	template <typename> friend struct Cfg80211Binding;
	explicit ScanRequest(void *raw) : raw_(raw) {}
	/* The op failed: cfg80211 still owns the request and frees it. */
	void forget() { raw_ = nullptr; }

	void *raw_ = nullptr;
};

/**
 * class Bss - a referenced entry of cfg80211's BSS table; the reference is
 * dropped when it goes away.  Move-only.
 */
class Bss {
public:
	Bss(Bss &&o) : wiphy_(o.wiphy_), bss_(o.bss_) { o.bss_ = nullptr; }
	Bss(const Bss &) = delete;
	Bss &operator=(const Bss &) = delete;
	Bss &operator=(Bss &&) = delete;
	~Bss()
	{
		if (bss_)
			kcxx_shim_put_bss(wiphy_, bss_);
	}
	/** raw() - the struct cfg80211_bss, for the shim (connect results). */
	void *raw() const { return bss_; }

private:
	friend class Wiphy;
	void *release()
	{
		void *b = bss_;
		bss_ = nullptr;
		return b;
	}
	Bss(void *wiphy, void *bss) : wiphy_(wiphy), bss_(bss) {}
	void *wiphy_;
	void *bss_;
};

/* The C operations table of an ops struct; each slot only if the struct names it. */
template <typename Ops> struct Cfg80211Binding {
	using Owner = typename Ops::Owner;

	/* cfg80211 wants these in pairs (it warns at wiphy_new() otherwise). */
	static_assert(
		!requires { Ops::connect; } || requires { Ops::disconnect; }, "a connect op needs a disconnect op");
	static_assert(
		!requires { Ops::join_ibss; } || requires { Ops::leave_ibss; }, "a join_ibss op needs a leave_ibss op");
	static_assert(
		!requires {
			Ops::add_key;
		} || (requires { Ops::del_key; } && requires { Ops::set_default_key; }), "an add_key op needs del_key "
											 "and set_default_key");

	static int scan(void *owner, void *raw)
	{
		if constexpr (requires { Ops::scan; }) {
			using Want = Status (Owner::*const)(Sleepable &, ScanRequest &);
			static_assert(is_same_v<decltype(Ops::scan), Want>,
				      "scan must be Status (Owner::*)(kcxx::Sleepable &, kcxx::ScanRequest &)");
			ScanRequest req(raw);
			Status s = with_sleepable([owner, &req](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::scan)(ctx, req);
			});
			if (!s)
				req.forget();
			return s.error();
		}
		return -95; /* EOPNOTSUPP; not reached: the slot is empty */
	}
	static void abort_scan(void *owner)
	{
		if constexpr (requires { Ops::abort_scan; }) {
			static_assert(is_same_v<decltype(Ops::abort_scan), void (Owner::*const)(Sleepable &)>,
				      "abort_scan must be void (Owner::*)(kcxx::Sleepable &)");
			with_sleepable([owner](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				(static_cast<Owner *>(owner)->*Ops::abort_scan)(ctx);
			});
		}
	}

	static int connect(void *owner, const kcxx_connect_params *p)
	{
		if constexpr (requires { Ops::connect; }) {
			using Want = Status (Owner::*const)(Sleepable &, const ConnectParams &);
			static_assert(
				is_same_v<decltype(Ops::connect), Want>,
				"connect must be Status (Owner::*)(kcxx::Sleepable &, const kcxx::ConnectParams &)");
			ConnectParams cp{{p->ssid, static_cast<u8>(p->ssid_len)},
					 p->bssid,
					 p->bssid_hint,
					 p->freq,
					 p->freq_hint,
					 static_cast<Auth>(p->auth),
					 p->ie,
					 p->ie ? p->ie_len : 0,
					 p->privacy != 0,
					 p->wpa_versions,
					 p->cipher_group,
					 p->cipher_pairwise,
					 p->key,
					 static_cast<u8>(p->key_len),
					 static_cast<u8>(p->key_idx)};
			Status s = with_sleepable([owner, &cp](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::connect)(ctx, cp);
			});
			return s.error();
		}
		return -95;
	}
	static int disconnect(void *owner, unsigned int reason)
	{
		if constexpr (requires { Ops::disconnect; }) {
			using Want = Status (Owner::*const)(Sleepable &, u16);
			static_assert(is_same_v<decltype(Ops::disconnect), Want>,
				      "disconnect must be Status (Owner::*)(kcxx::Sleepable &, u16 reason)");
			Status s = with_sleepable([owner, reason](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::disconnect)(ctx, static_cast<u16>(reason));
			});
			return s.error();
		}
		return -95;
	}
	static int get_station(void *owner, const unsigned char *mac, kcxx_station_info *out)
	{
		if constexpr (requires { Ops::get_station; }) {
			using Want = Status (Owner::*const)(Sleepable &, const u8 *, StationInfo &);
			static_assert(is_same_v<decltype(Ops::get_station), Want>,
				      "get_station must be Status (Owner::*)(kcxx::Sleepable &, const u8 *mac, "
				      "kcxx::StationInfo &)");
			Status s = with_sleepable([owner, mac, out](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::get_station)(ctx, mac, *out);
			});
			return s.error();
		}
		return -95;
	}
	static int dump_station(void *owner, int idx, unsigned char *mac, kcxx_station_info *out)
	{
		if constexpr (requires { Ops::dump_station; }) {
			using Want = Status (Owner::*const)(Sleepable &, int, u8 *, StationInfo &);
			static_assert(is_same_v<decltype(Ops::dump_station), Want>,
				      "dump_station must be Status (Owner::*)(kcxx::Sleepable &, int idx, u8 *mac, "
				      "kcxx::StationInfo &)");
			Status s =
				with_sleepable([owner, idx, mac, out](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
					return (static_cast<Owner *>(owner)->*Ops::dump_station)(ctx, idx, mac, *out);
				});
			return s.error();
		}
		return -95;
	}

	static int add_key(void *owner, const kcxx_key_params *k)
	{
		if constexpr (requires { Ops::add_key; }) {
			using Want = Status (Owner::*const)(Sleepable &, const KeyParams &);
			static_assert(is_same_v<decltype(Ops::add_key), Want>,
				      "add_key must be Status (Owner::*)(kcxx::Sleepable &, const kcxx::KeyParams &)");
			if (k->index > 255 || k->key_len > 32 || k->seq_len > 16 || (k->key_len && !k->key))
				return -22;
			KeyParams kp{static_cast<u8>(k->index),
				     k->pairwise != 0,
				     k->mac,
				     k->cipher,
				     k->key,
				     k->key_len,
				     k->seq_len ? k->seq : nullptr,
				     k->seq ? k->seq_len : 0};
			Status s = with_sleepable([owner, &kp](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::add_key)(ctx, kp);
			});
			return s.error();
		}
		return -95;
	}
	static int del_key(void *owner, unsigned int index, int pairwise, const unsigned char *mac)
	{
		if constexpr (requires { Ops::del_key; }) {
			using Want = Status (Owner::*const)(Sleepable &, u8, bool, const u8 *);
			static_assert(is_same_v<decltype(Ops::del_key), Want>,
				      "del_key must be Status (Owner::*)(kcxx::Sleepable &, u8 index, bool pairwise, "
				      "const u8 *mac)");
			if (index > 255)
				return -22;
			Status s = with_sleepable(
				[owner, index, pairwise, mac](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
					return (static_cast<Owner *>(owner)->*Ops::del_key)(ctx, static_cast<u8>(index),
											    pairwise != 0, mac);
				});
			return s.error();
		}
		return -95;
	}
	static int set_default_key(void *owner, unsigned int index, int unicast, int multicast)
	{
		if constexpr (requires { Ops::set_default_key; }) {
			using Want = Status (Owner::*const)(Sleepable &, u8, bool, bool);
			static_assert(is_same_v<decltype(Ops::set_default_key), Want>,
				      "set_default_key must be Status (Owner::*)(kcxx::Sleepable &, u8 index, bool "
				      "unicast, bool multicast)");
			if (index > 255)
				return -22;
			Status s = with_sleepable(
				[owner, index, unicast, multicast](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
					return (static_cast<Owner *>(owner)->*Ops::set_default_key)(
						ctx, static_cast<u8>(index), unicast != 0, multicast != 0);
				});
			return s.error();
		}
		return -95;
	}

	static int change_iftype(void *owner, unsigned int type, int running)
	{
		if constexpr (requires { Ops::change_iftype; }) {
			using Want = Status (Owner::*const)(Sleepable &, u32, bool);
			static_assert(is_same_v<decltype(Ops::change_iftype), Want>,
				      "change_iftype must be Status (Owner::*)(kcxx::Sleepable &, u32 iftype, bool "
				      "running)");
			Status s = with_sleepable([owner, type,
						   running](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::change_iftype)(ctx, type, running != 0);
			});
			return s.error();
		}
		return -95;
	}
	static int set_monitor_channel(void *owner, const kcxx_scan_channel *c)
	{
		if constexpr (requires { Ops::set_monitor_channel; }) {
			using Want = Status (Owner::*const)(Sleepable &, const ScanChannel &);
			static_assert(is_same_v<decltype(Ops::set_monitor_channel), Want>,
				      "set_monitor_channel must be Status (Owner::*)(kcxx::Sleepable &, const "
				      "kcxx::ScanChannel &)");
			ScanChannel ch{c->band, c->freq, c->hw_value, c->flags};
			Status s = with_sleepable([owner, &ch](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::set_monitor_channel)(ctx, ch);
			});
			return s.error();
		}
		return -95;
	}
	static int join_ibss(void *owner, const kcxx_ibss_params *p)
	{
		if constexpr (requires { Ops::join_ibss; }) {
			using Want = Status (Owner::*const)(Sleepable &, const IbssParams &);
			static_assert(
				is_same_v<decltype(Ops::join_ibss), Want>,
				"join_ibss must be Status (Owner::*)(kcxx::Sleepable &, const kcxx::IbssParams &)");
			if (p->ssid_len > 32 || p->beacon_interval > 0xffff)
				return -22;
			IbssParams ip{{p->ssid, static_cast<u8>(p->ssid_len)},
				      p->bssid,
				      {p->band, p->freq, p->hw_value, 0},
				      static_cast<u16>(p->beacon_interval),
				      p->basic_rates,
				      p->channel_fixed != 0,
				      p->privacy != 0,
				      p->wep_keys != 0};
			Status s = with_sleepable([owner, &ip](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::join_ibss)(ctx, ip);
			});
			return s.error();
		}
		return -95;
	}
	static int leave_ibss(void *owner)
	{
		if constexpr (requires { Ops::leave_ibss; }) {
			using Want = Status (Owner::*const)(Sleepable &);
			static_assert(is_same_v<decltype(Ops::leave_ibss), Want>,
				      "leave_ibss must be Status (Owner::*)(kcxx::Sleepable &)");
			Status s = with_sleepable([owner](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::leave_ibss)(ctx);
			});
			return s.error();
		}
		return -95;
	}

	static int set_power_mgmt(void *owner, int enabled, int timeout_ms)
	{
		if constexpr (requires { Ops::set_power_mgmt; }) {
			using Want = Status (Owner::*const)(Sleepable &, bool, int);
			static_assert(is_same_v<decltype(Ops::set_power_mgmt), Want>,
				      "set_power_mgmt must be Status (Owner::*)(kcxx::Sleepable &, bool, int)");
			Status s = with_sleepable(
				[owner, enabled, timeout_ms](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
					return (static_cast<Owner *>(owner)->*Ops::set_power_mgmt)(ctx, enabled != 0,
												   timeout_ms);
				});
			return s.error();
		}
		return -95;
	}
	static int set_wiphy_params(void *owner, const kcxx_wiphy_params *p)
	{
		if constexpr (requires { Ops::set_wiphy_params; }) {
			using Want = Status (Owner::*const)(Sleepable &, const WiphyParams &);
			static_assert(is_same_v<decltype(Ops::set_wiphy_params), Want>,
				      "set_wiphy_params must be Status (Owner::*)(kcxx::Sleepable &, const "
				      "kcxx::WiphyParams &)");
			if (p->retry_short > 255 || p->retry_long > 255)
				return -22;
			WiphyParams wp{(p->changed & KCXX_WIPHY_RTS) != 0,
				       (p->changed & KCXX_WIPHY_FRAG) != 0,
				       (p->changed & KCXX_WIPHY_RETRY_SHORT) != 0,
				       (p->changed & KCXX_WIPHY_RETRY_LONG) != 0,
				       p->rts_threshold,
				       p->frag_threshold,
				       static_cast<u8>(p->retry_short),
				       static_cast<u8>(p->retry_long)};
			Status s = with_sleepable([owner, &wp](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::set_wiphy_params)(ctx, wp);
			});
			return s.error();
		}
		return -95;
	}
	static int set_tx_power(void *owner, int type, int mbm)
	{
		if constexpr (requires { Ops::set_tx_power; }) {
			using Want = Status (Owner::*const)(Sleepable &, TxPower, int);
			static_assert(
				is_same_v<decltype(Ops::set_tx_power), Want>,
				"set_tx_power must be Status (Owner::*)(kcxx::Sleepable &, kcxx::TxPower, int mbm)");
			if (type < 0 || type > 2)
				return -22;
			Status s = with_sleepable([owner, type, mbm](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::set_tx_power)(
					ctx, static_cast<TxPower>(type), mbm);
			});
			return s.error();
		}
		return -95;
	}
	static int get_tx_power(void *owner, int *dbm)
	{
		if constexpr (requires { Ops::get_tx_power; }) {
			using Want = Status (Owner::*const)(Sleepable &, int &);
			static_assert(is_same_v<decltype(Ops::get_tx_power), Want>,
				      "get_tx_power must be Status (Owner::*)(kcxx::Sleepable &, int &dbm)");
			Status s = with_sleepable([owner, dbm](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				return (static_cast<Owner *>(owner)->*Ops::get_tx_power)(ctx, *dbm);
			});
			return s.error();
		}
		return -95;
	}

	static constexpr kcxx_cfg80211_ops ops = {requires {Ops::scan;
} ? &scan : nullptr, requires { Ops::abort_scan; } ? &abort_scan : nullptr,
	requires { Ops::connect; } ? &connect : nullptr, requires { Ops::disconnect; } ? &disconnect : nullptr,
	requires { Ops::get_station; } ? &get_station : nullptr,
	requires { Ops::dump_station; } ? &dump_station : nullptr, requires { Ops::add_key; } ? &add_key : nullptr,
	requires { Ops::del_key; } ? &del_key : nullptr,
	requires { Ops::set_default_key; } ? &set_default_key : nullptr,
	requires { Ops::change_iftype; } ? &change_iftype : nullptr,
	requires { Ops::set_monitor_channel; } ? &set_monitor_channel : nullptr,
	requires { Ops::join_ibss; } ? &join_ibss : nullptr, requires { Ops::leave_ibss; } ? &leave_ibss : nullptr,
	requires { Ops::set_power_mgmt; } ? &set_power_mgmt : nullptr,
	requires { Ops::set_wiphy_params; } ? &set_wiphy_params : nullptr,
	requires { Ops::set_tx_power; } ? &set_tx_power : nullptr,
	requires { Ops::get_tx_power; } ? &get_tx_power : nullptr,
}; // namespace kcxx
}
;

/** class Wiphy - a cfg80211 wiphy bound to an owner's operations. */
class Wiphy : Pinned {
public:
	Wiphy() = default;
	/** ~Wiphy() - unregister (if registered) and free, bands and tables included. */
	~Wiphy()
	{
		if (registered_)
			kcxx_shim_wiphy_unregister(w_);
		kcxx_shim_wiphy_free(w_);
	}

	/**
	 * create() - wiphy_new() with the operations of @Ops on @owner, its
	 * parent device @parent.  -EBUSY if already created, -ENOMEM.
	 */
	template <typename Ops>
	[[nodiscard]] Status create(Sleepable &ctx, const Device &parent, typename Ops::Owner *owner) KCXX_REQUIRES(ctx)
	{
		if (w_)
			return Err(err::busy);
		w_ = kcxx_shim_wiphy_new(parent.raw(), &Cfg80211Binding<Ops>::ops, owner);
		return w_ ? Status::ok() : Err(err::nomem);
	}

	/**
	 * add_band() - the channels and bitrates of @band (copied); once per
	 * band, before register_dev().  -EINVAL (no channels or rates, more
	 * than 64 channels or 32 rates), -EEXIST, -ENOMEM.
	 */
	[[nodiscard]] Status add_band(Sleepable &ctx, Band band, const Channel *ch, size_t n_ch, const Bitrate *rates,
				      size_t n_rates) KCXX_REQUIRES(ctx)
	{
		if (!w_ || registered_ || n_ch > 64 || n_rates > 32)
			return Err(err::inval);
		int r = kcxx_shim_wiphy_add_band(w_, static_cast<int>(band), ch, static_cast<unsigned int>(n_ch), rates,
						 static_cast<unsigned int>(n_rates));
		return r ? Status(Err(r)) : Status::ok();
	}

	/** configure() - address, interface modes, cipher suites (copied), scan limits; before register_dev(). */
	[[nodiscard]] Status configure(Sleepable &ctx, const WiphyConfig &c) KCXX_REQUIRES(ctx)
	{
		if (!w_ || registered_ || c.n_ciphers > 16)
			return Err(err::inval);
		kcxx_wiphy_config raw{c.perm_addr,	c.iftypes,
				      c.ciphers,	static_cast<unsigned int>(c.n_ciphers),
				      c.max_scan_ssids, c.max_scan_ie_len};
		int r = kcxx_shim_wiphy_configure(w_, &raw);
		return r ? Status(Err(r)) : Status::ok();
	}

	/**
	 * create_netdev() - allocate @nd as this wiphy's interface of type
	 * @type (which configure() must have allowed), named after @name,
	 * with the net device operations of @Ops on @owner.
	 */
	template <typename Ops>
	[[nodiscard]] Status create_netdev(Sleepable &ctx, NetDevice &nd, u32 type, const char *name,
					   typename Ops::Owner *owner) KCXX_REQUIRES(ctx)
	{
		if (!w_ || nd.dev_)
			return Err(err::inval);
		nd.dev_ = kcxx_shim_wiphy_netdev_alloc(w_, name, type, owner, &detail::NetdevBinding<Ops>::ops);
		return nd.dev_ ? Status::ok() : Err(err::nomem);
	}

	/** register_dev() - wiphy_register(): phyN appears; operations may be called from now on. */
	[[nodiscard]] Status register_dev(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (!w_ || registered_)
			return Err(err::inval);
		int r = kcxx_shim_wiphy_register(w_);
		if (r)
			return Err(r);
		registered_ = true;
		return Status::ok();
	}

	/**
	 * unregister() - wiphy_unregister(); its net devices must be
	 * unregistered first.  No operation runs afterwards.  Idempotent.
	 */
	void unregister(Sleepable &ctx) KCXX_REQUIRES(ctx)
	{
		if (!registered_)
			return;
		kcxx_shim_wiphy_unregister(w_);
		registered_ = false;
	}

	/**
	 * inform_bss_frame() - a beacon or probe response (802.11 header and
	 * body, no FCS) heard on @freq MHz with @signal_mbm (dBm * 100).
	 * Return: the entry; -EINVAL (not registered, a malformed frame, a
	 * frequency not among the wiphy's channels); -ENOENT (cfg80211 did not
	 * take it: a disabled channel, elements it rejects, no memory).
	 */
	[[nodiscard]] Result<Bss> inform_bss_frame(Gfp gfp, u32 freq, const u8 *frame, size_t len, s32 signal_mbm)
	{
		if (!w_ || !registered_)
			return Err(err::inval);
		int err = 0;
		void *b = kcxx_shim_inform_bss_frame(w_, freq, frame, len, signal_mbm,
						     static_cast<unsigned int>(gfp.kind()), &err);
		if (!b)
			return Err(err ? err : -22);
		return Bss(w_, b);
	}

	/**
	 * get_bss() - look up an ESS with @ssid (and @bssid, @freq if given) in
	 * cfg80211's table; copy it to @out and up to @ies_room bytes of its
	 * elements to @ies (@out.ies_len tells how many it has).  Process
	 * context.  -ENOENT: not known; -EINVAL.
	 */
	[[nodiscard]] Status get_bss(Sleepable &ctx, const Ssid &ssid, const u8 *bssid, u32 freq, BssInfo &out, u8 *ies,
				     size_t ies_room) KCXX_REQUIRES(ctx)
	{
		if (!w_ || !registered_ || ssid.len > 32)
			return Err(err::inval);
		int r = kcxx_shim_get_bss(w_, freq, bssid, ssid.data, ssid.len, &out, ies,
					  static_cast<unsigned int>(ies_room));
		return r ? Status(Err(r)) : Status::ok();
	}

	/**
	 * inform_bss() - put (back) a BSS into cfg80211's table from a copy
	 * (@b, with @ies_len bytes of elements at @ies).  -EINVAL, -ENOENT.
	 */
	[[nodiscard]] Result<Bss> inform_bss(Gfp gfp, const BssInfo &b, const u8 *ies, size_t ies_len)
	{
		if (!w_ || !registered_ || ies_len > 65535)
			return Err(err::inval);
		void *r = kcxx_shim_inform_bss(w_, &b, ies, static_cast<unsigned int>(ies_len),
					       static_cast<unsigned int>(gfp.kind()));
		if (!r)
			return Err(err::noent);
		return Bss(w_, r);
	}

	/**
	 * connected() - report a successful connect (cfg80211_connect_bss())
	 * to the BSS @bss, which cfg80211 keeps; @req_ie: what the association
	 * request carried.  Any context (@gfp).
	 */
	void connected(NetDevice &nd, Bss &&bss, const u8 *bssid, const u8 *req_ie, size_t req_ie_len, Gfp gfp)
	{
		if (nd.dev_)
			kcxx_shim_connect_result(nd.dev_, bssid, bss.release(), req_ie,
						 static_cast<unsigned int>(req_ie_len), 0,
						 static_cast<unsigned int>(gfp.kind()));
	}

	/**
	 * connect_failed() - report a failed connect: @status the 802.11
	 * status code (non-zero), or 0 for a timeout (no answer).
	 */
	void connect_failed(NetDevice &nd, const u8 *bssid, u16 status, Gfp gfp)
	{
		if (nd.dev_)
			kcxx_shim_connect_result(nd.dev_, bssid, nullptr, nullptr, 0, status ? status : -1,
						 static_cast<unsigned int>(gfp.kind()));
	}

	/** disconnected() - the connection is gone (cfg80211_disconnected()); any context. */
	void disconnected(NetDevice &nd, u16 reason, bool locally_generated, Gfp gfp)
	{
		if (nd.dev_)
			kcxx_shim_disconnected(nd.dev_, reason, locally_generated,
					       static_cast<unsigned int>(gfp.kind()));
	}

	/**
	 * get_ibss() - as get_bss(), for an IBSS (a cell) with @ssid.
	 * -ENOENT: not known; -EINVAL.
	 */
	[[nodiscard]] Status get_ibss(Sleepable &ctx, const Ssid &ssid, const u8 *bssid, u32 freq, BssInfo &out,
				      u8 *ies, size_t ies_room) KCXX_REQUIRES(ctx)
	{
		if (!w_ || !registered_ || ssid.len > 32)
			return Err(err::inval);
		int r = kcxx_shim_get_ibss(w_, freq, bssid, ssid.data, ssid.len, &out, ies,
					   static_cast<unsigned int>(ies_room));
		return r ? Status(Err(r)) : Status::ok();
	}

	/**
	 * ibss_joined() - @nd is in the cell @bssid on @freq MHz
	 * (cfg80211_ibss_joined()); the cell's BSS must be in cfg80211's table
	 * (inform_bss() first).  Any context.
	 */
	void ibss_joined(NetDevice &nd, const u8 *bssid, u32 freq, Gfp gfp)
	{
		if (nd.dev_)
			kcxx_shim_ibss_joined(nd.dev_, bssid, freq, static_cast<unsigned int>(gfp.kind()));
	}

	/**
	 * michael_mic_failure() - a TKIP frame from @addr failed its Michael
	 * MIC (cfg80211_michael_mic_failure(): user space runs the
	 * countermeasures); @group: a group key, @key_id its index, @tsc the
	 * frame's 6-byte sequence counter or nullptr.  Any context.
	 */
	void michael_mic_failure(NetDevice &nd, const u8 *addr, bool group, u8 key_id, const u8 *tsc, Gfp gfp)
	{
		if (nd.dev_)
			kcxx_shim_michael_mic_failure(nd.dev_, addr, group, key_id, tsc,
						      static_cast<unsigned int>(gfp.kind()));
	}

	/** set_rfkill_hw() - the hardware radio switch, as cfg80211's rfkill shows it; any context. */
	void set_rfkill_hw(bool blocked)
	{
		if (w_)
			kcxx_shim_wiphy_rfkill_hw(w_, blocked);
	}

	/** rfkill_soft() - the wiphy is blocked in software (``rfkill block``); process context. */
	bool rfkill_soft() const { return w_ && kcxx_shim_wiphy_rfkill_soft(w_); }

	/** set_fw_version() - the firmware version ethtool and nl80211 show (copied; 31 characters). */
	void set_fw_version(const char *version)
	{
		if (w_)
			kcxx_shim_wiphy_set_fw_version(w_, version);
	}

	bool created() const { return w_ != nullptr; }
	bool registered() const { return registered_; }
	const char *name() const { return w_ ? kcxx_shim_wiphy_name(w_) : ""; }
	/** raw() - the struct wiphy, for shims and tests (nullptr before create()). */
	void *raw() const { return w_; }

private:
	void *w_ = nullptr;
	bool registered_ = false;
};

} // namespace kcxx
