// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/radio.cpp: the radio's settings and switches -- power save,
 * RTS and fragmentation thresholds, retry limits and transmit power
 * (cfg80211 operations, kept and sent again after every firmware load),
 * software rf-kill (the interface closed by cfg80211 takes the firmware
 * down), ethtool (driver and firmware identity, the EEPROM image) and
 * the LEDs of the event register.
 */
#include <kcxx/errno.h>

#include "../fw_api.h"
#include "wireless.h"

namespace ipw {

namespace {
/* The channels TX_POWER describes (14.16): 2.4 GHz 1-11; 5 GHz the 2915ABG's. */
constexpr u8 tx_power_bg[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
constexpr u8 tx_power_a[] = {36, 40, 44, 48, 52, 56, 60, 64, 149, 153, 157, 161, 165};

/* Copy the string @src into @dst of @n bytes, truncated and terminated. */
void copy_str(char *dst, const char *src, size_t n)
{
	size_t i = 0;
	for (; i + 1 < n && src[i]; i++)
		dst[i] = src[i];
	dst[i] = 0;
}

} // namespace

kcxx::Status Wireless::send_tx_power(kcxx::Sleepable &ctx, int dbm)
{
	auto one = [&](u8 ieee_mode, const u8 *ch, size_t n) KCXX_REQUIRES(ctx) {
		u8 p[fw_radio::tx_power_size] = {};
		p[0] = static_cast<u8>(n);
		p[1] = ieee_mode;
		for (size_t i = 0; i < n; i++) {
			p[2 + 2 * i] = ch[i];
			p[3 + 2 * i] = static_cast<u8>(static_cast<kcxx::s8>(dbm));
		}
		return trans_.send_command(ctx, cmd::tx_power, p, sizeof(p));
	};
	kcxx::Status st = one(assoc::mode_g, tx_power_bg, sizeof(tx_power_bg));
	if (st)
		st = one(assoc::mode_b, tx_power_bg, sizeof(tx_power_bg));
	if (st && trans_.is_2915())
		st = one(assoc::mode_a, tx_power_a, sizeof(tx_power_a));
	return st;
}

kcxx::Status Wireless::send_rts(kcxx::Sleepable &ctx, u32 rts)
{
	u8 p[4] = {};
	put_le16(p, static_cast<u16>(rts));
	return trans_.send_command(ctx, cmd::rts_threshold, p, sizeof(p));
}

kcxx::Status Wireless::send_frag(kcxx::Sleepable &ctx, u32 frag)
{
	u8 p[4] = {};
	put_le16(p, static_cast<u16>(frag));
	return trans_.send_command(ctx, cmd::frag_threshold, p, sizeof(p));
}

kcxx::Status Wireless::send_retry(kcxx::Sleepable &ctx, u8 short_limit, u8 long_limit)
{
	const u8 p[4] = {short_limit, long_limit, 0, 0};
	return trans_.send_command(ctx, cmd::retry_limit, p, sizeof(p));
}

kcxx::Status Wireless::send_power_mode(kcxx::Sleepable &ctx, bool save)
{
	u8 p[4] = {};
	p[0] = save ? fw_radio::power_save_level : fw_radio::power_cam;
	return trans_.send_command(ctx, cmd::power_mode, p, sizeof(p));
}

Wireless::RadioSettings Wireless::radio_settings(kcxx::Sleepable &ctx)
{
	auto r = radio_.lock(ctx);
	return *r;
}

/*
 * The firmware has just been configured (HOST_COMPLETE sent): what the
 * user changed from the defaults goes to it again.  The transmit power
 * and the RTS threshold are part of the initial sequence already.
 */
kcxx::Status Wireless::radio_up(kcxx::Sleepable &ctx)
{
	RadioSettings r = radio_settings(ctx);
	kcxx::Status st = kcxx::Status::ok();
	if (r.frag != fw_radio::frag_default)
		st = send_frag(ctx, r.frag);
	if (st && (r.retry_short != fw_radio::retry_short_default || r.retry_long != fw_radio::retry_long_default))
		st = send_retry(ctx, r.retry_short, r.retry_long);
	if (st && r.power_save)
		st = send_power_mode(ctx, true);
	if (st)
		leds_update(ctx);
	return st;
}

/*
 * A setting is kept first and then sent: the firmware may be down
 * (rf-kill), and then it goes with the next load.  An error of the
 * command is the op's error; the kept value stays (the next load sends
 * it).
 */
static kcxx::Status radio_sent(kcxx::Status st)
{
	if (!st && st.error() == kcxx::err::netdown)
		return kcxx::Status::ok();
	return st;
}

kcxx::Status Wireless::set_power_mgmt(kcxx::Sleepable &ctx, bool enabled, int)
{
	{
		auto r = radio_.lock(ctx);
		if (r->power_save == enabled)
			return kcxx::Status::ok();
		r->power_save = enabled;
	}
	return radio_sent(send_power_mode(ctx, enabled));
}

kcxx::Status Wireless::set_wiphy_params(kcxx::Sleepable &ctx, const kcxx::WiphyParams &p)
{
	u32 rts = 0, frag = 0;
	if (p.rts_changed) {
		rts = p.rts_threshold == kcxx::WiphyParams::param_off ? fw_radio::rts_max : p.rts_threshold;
		if (rts < 1 || rts > fw_radio::rts_max)
			return kcxx::Err(kcxx::err::inval);
	}
	if (p.frag_changed) {
		frag = p.frag_threshold == kcxx::WiphyParams::param_off ? fw_radio::frag_default : p.frag_threshold;
		if (frag < fw_radio::frag_min || frag > fw_radio::frag_default)
			return kcxx::Err(kcxx::err::inval);
	}
	if ((p.retry_short_changed && !p.retry_short) || (p.retry_long_changed && !p.retry_long))
		return kcxx::Err(kcxx::err::inval);
	RadioSettings now;
	{
		auto r = radio_.lock(ctx);
		if (p.rts_changed)
			r->rts = rts;
		if (p.frag_changed)
			r->frag = frag;
		if (p.retry_short_changed)
			r->retry_short = p.retry_short;
		if (p.retry_long_changed)
			r->retry_long = p.retry_long;
		now = *r;
	}
	kcxx::Status st = kcxx::Status::ok();
	if (p.rts_changed)
		st = radio_sent(send_rts(ctx, now.rts));
	if (st && p.frag_changed)
		st = radio_sent(send_frag(ctx, now.frag));
	if (st && (p.retry_short_changed || p.retry_long_changed))
		st = radio_sent(send_retry(ctx, now.retry_short, now.retry_long));
	return st;
}

kcxx::Status Wireless::set_tx_power(kcxx::Sleepable &ctx, kcxx::TxPower type, int mbm)
{
	int dbm = fw_radio::tx_power_max;
	if (type != kcxx::TxPower::automatic) {
		/* mBm to dBm, rounded down: a limit is not exceeded. */
		dbm = mbm >= 0 ? mbm / 100 : -((-mbm + 99) / 100);
		if (dbm < fw_radio::tx_power_min || dbm > fw_radio::tx_power_max)
			return kcxx::Err(kcxx::err::inval);
	}
	{
		auto r = radio_.lock(ctx);
		r->tx_power_dbm = dbm;
	}
	return radio_sent(send_tx_power(ctx, dbm));
}

kcxx::Status Wireless::get_tx_power(kcxx::Sleepable &ctx, int &dbm)
{
	auto r = radio_.lock(ctx);
	dbm = r->tx_power_dbm;
	return kcxx::Status::ok();
}

/* ---- software rf-kill ---------------------------------------------------- */

/*
 * cfg80211 closes the interface when its rfkill is blocked in software
 * (and refuses to open it while blocked): the radio goes with it.
 */
void Wireless::radio_stop(kcxx::Sleepable &ctx)
{
	if (!wiphy_.rfkill_soft())
		return;
	{
		auto r = radio_.lock(ctx);
		if (r->radio_killed)
			return;
		r->radio_killed = true;
	}
	(void)trans_.set_radio_off(ctx, true);
}

/* The interface opens (so it is not blocked any more): a radio rf-kill took down comes back. */
kcxx::Status Wireless::radio_start(kcxx::Sleepable &ctx)
{
	{
		auto r = radio_.lock(ctx);
		if (!r->radio_killed)
			return kcxx::Status::ok();
		r->radio_killed = false;
	}
	kcxx::Status st = trans_.set_radio_off(ctx, false);
	if (!st)
		trans_.dev().err("the radio did not come back after rf-kill: %d\n", st.error());
	return st;
}

/* ---- ethtool ------------------------------------------------------------- */

void Wireless::get_drvinfo(kcxx::Sleepable &ctx, kcxx::DrvInfo &out)
{
	copy_str(out.driver, "ipw2200_cxx", sizeof(out.driver));
	copy_str(out.version, driver_version, sizeof(out.version));
	trans_.fw_version(ctx, out.fw_version, sizeof(out.fw_version));
}

size_t Wireless::get_eeprom_len() const
{
	return regs::eeprom_bytes;
}

kcxx::Status Wireless::get_eeprom(kcxx::Sleepable &ctx, size_t offset, size_t len, u8 *out)
{
	return trans_.copy_eeprom(ctx, offset, len, out);
}

/* ---- LEDs ---------------------------------------------------------------- */

/*
 * Hardware reference 5 and the features' section 7: the associated LED
 * is on while associated; the activity LED for a while after each frame;
 * NIC type 1 swaps the two pins and has the OFDM (band) LED.
 */
void Wireless::leds_update(kcxx::Sleepable &ctx)
{
	if (!leds_enabled_)
		return;
	bool swapped = trans_.eeprom().nic_type == 1;
	u32 assoc_bit = swapped ? regs::event_led_activity : regs::event_led_associated;
	u32 act_bit = swapped ? regs::event_led_associated : regs::event_led_activity;
	bool linked = false, ofdm = false;
	{
		auto l = link_.lock(ctx);
		linked = l->up;
		ofdm = l->up && l->ieee_mode != assoc::mode_b;
	}
	bool active = linked && activity_.read() != 0;
	u32 on = 0, off = 0;
	(linked ? on : off) |= assoc_bit;
	(active ? on : off) |= act_bit;
	if (swapped)
		(ofdm ? on : off) |= regs::event_led_ofdm;
	trans_.set_leds(ctx, on, off);
}

/* Data path (any context): a frame went or came; the activity LED lights for a while. */
void Wireless::led_activity()
{
	if (!leds_enabled_ || activity_.xchg(1))
		return;
	led_work_.queue(kcxx::Timeout::ms(0));
}

/* Turns the activity LED on, and off again once no frame went or came for 250 ms. */
void Wireless::led_work(kcxx::Sleepable &ctx)
{
	leds_update(ctx);
	if (activity_.xchg(0) == 0)
		return;
	led_work_.queue(kcxx::Timeout::ms(250));
}

} // namespace ipw
