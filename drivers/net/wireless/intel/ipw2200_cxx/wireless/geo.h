/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: wireless/geo.h - the adapter's geographies: which channels it may use
 *
 * The EEPROM names a geography (three bytes at 0x4C, e.g. "ZZD"); each
 * is a fixed channel set, with channels the card may only listen on
 * (passive: scanned without probing, no IBSS started there) and, in the
 * 2.4 GHz band, channel 14 for 802.11b only.  An unknown code gets the
 * restricted set "---" (channels 1-11).  The facts are those of the
 * features reference (section 10); cfg80211's regulatory rules apply on
 * top of them.
 */
#pragma once

#include <kcxx/types.h>
#include <kcxx/wireless.h>

namespace ipw {

/* Channels first, first + 4, ... last of the 5 GHz band; passive or not. */
struct GeoRange {
	kcxx::u8 first;
	kcxx::u8 last;
	bool passive;
};

struct Geography {
	char name[4];
	kcxx::u8 bg_last;	  /* 2.4 GHz channels 1..bg_last (11, 13 or 14) */
	kcxx::u8 bg_passive_from; /* first passive 2.4 GHz channel, 0 for none */
	GeoRange a[3];		  /* 5 GHz channel ranges; last == 0 ends the list */
};

/** find_geography() - the table entry for EEPROM code @code (3 chars), or nullptr. */
const Geography *find_geography(const char *code);
/** restricted_geography() - "---", for codes not in the table. */
const Geography &restricted_geography();

/** channel_freq() - centre frequency (MHz) of @channel in @band; 0 if there is none. */
kcxx::u16 channel_freq(kcxx::Band band, kcxx::u8 channel);

/** geo_channels() - the channels of @g in @band as cfg80211 channels; returns how many (at most @cap). */
kcxx::size_t geo_channels(const Geography &g, kcxx::Band band, kcxx::Channel *out, kcxx::size_t cap);

} // namespace ipw
