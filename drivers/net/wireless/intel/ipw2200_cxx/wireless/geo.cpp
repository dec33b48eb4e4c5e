// SPDX-License-Identifier: GPL-2.0
/*
 * wireless/geo.cpp: the fourteen geographies of the adapter's EEPROM and
 * the cfg80211 channel lists made from them.
 */
#include "geo.h"

namespace ipw {

namespace {

/* Features reference, section 10: name, 2.4 GHz set, 5 GHz ranges. */
constexpr Geography geographies[] = {
	{"---", 11, 0, {}},
	{"ZZF", 11, 0, {{36, 48, false}, {52, 64, true}}},
	{"ZZD", 13, 0, {}},
	{"ZZA", 11, 0, {{36, 48, false}, {52, 64, true}, {149, 165, false}}},
	{"ZZB", 11, 0, {{36, 48, false}, {52, 64, true}, {149, 165, true}}},
	{"ZZC", 11, 0, {{34, 46, false}}},
	{"ZZM", 11, 0, {}},
	{"ZZE", 13, 0, {{36, 48, false}, {52, 64, true}, {100, 140, true}}},
	{"ZZJ", 14, 0, {{34, 46, false}}},
	{"ZZR", 14, 14, {}},
	{"ZZH", 13, 12, {{149, 161, false}}},
	{"ZZG", 13, 0, {{36, 48, false}}},
	{"ZZK", 13, 12, {{36, 64, true}, {100, 140, true}, {149, 165, true}}},
	{"ZZL", 11, 0, {{36, 64, true}, {149, 165, true}}},
};

bool same_code(const char *a, const char *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2];
}
} // namespace

const Geography *find_geography(const char *code)
{
	for (const Geography &g : geographies)
		if (same_code(g.name, code))
			return &g;
	return nullptr;
}

const Geography &restricted_geography()
{
	return geographies[0];
}

kcxx::u16 channel_freq(kcxx::Band band, kcxx::u8 channel)
{
	if (band == kcxx::Band::ghz2) {
		if (channel == 14)
			return 2484;
		return channel >= 1 && channel <= 13 ? static_cast<kcxx::u16>(2407 + 5 * channel) : 0;
	}
	return channel >= 1 && channel <= 196 ? static_cast<kcxx::u16>(5000 + 5 * channel) : 0;
}

kcxx::size_t geo_channels(const Geography &g, kcxx::Band band, kcxx::Channel *out, kcxx::size_t cap)
{
	kcxx::size_t n = 0;
	if (band == kcxx::Band::ghz2) {
		for (kcxx::u8 c = 1; c <= g.bg_last && n < cap; c++) {
			kcxx::u32 flags = 0;
			if (g.bg_passive_from && c >= g.bg_passive_from)
				flags |= kcxx::chan::no_ir;
			if (c == 14)
				flags |= kcxx::chan::no_ofdm;
			out[n++] = kcxx::Channel{channel_freq(band, c), c, flags};
		}
		return n;
	}
	for (const GeoRange &r : g.a) {
		if (!r.last)
			break;
		for (unsigned int c = r.first; c <= r.last && n < cap; c += 4) {
			auto ch = static_cast<kcxx::u8>(c);
			out[n++] = kcxx::Channel{channel_freq(band, ch), ch, r.passive ? kcxx::chan::no_ir : 0u};
		}
	}
	return n;
}

} // namespace ipw
