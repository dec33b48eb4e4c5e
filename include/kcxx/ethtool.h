/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/ethtool.h - ethtool operations of a kcxx net device
 *
 * An owner names its ethtool operations in an ops struct, as for the net
 * device operations, and gives them to the device before it is
 * registered::
 *
 *	struct EtOps {
 *		using Owner = Wl;
 *		static constexpr auto get_drvinfo = &Wl::get_drvinfo;
 *		static constexpr auto get_eeprom_len = &Wl::get_eeprom_len;
 *		static constexpr auto get_eeprom = &Wl::get_eeprom;
 *	};
 *	st = kcxx::set_ethtool<EtOps>(netdev);
 *
 * ``get_drvinfo`` is ``void (Owner::*)(Sleepable &, DrvInfo &)`` (driver
 * name, version, firmware version; bus-info is the parent device's
 * name).  ``get_eeprom_len`` is ``size_t (Owner::*)() const``;
 * ``get_eeprom`` ``Status (Owner::*)(Sleepable &, size_t offset, size_t
 * len, u8 *out)``, within the length (ethtool checks it).  ``ethtool
 * DEV`` reports the carrier as the link (ethtool_op_get_link()).
 * Context: process, RTNL held.
 */
#pragma once

#include <kcxx/context.h>
#include <kcxx/errno.h>
#include <kcxx/net.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>
#include <kcxx/utility.h>

namespace kcxx {

/** struct DrvInfo - what ``ethtool -i`` shows (NUL-terminated, truncated to 31 characters). */
using DrvInfo = kcxx_drvinfo;

namespace detail {
template <typename Ops> struct EthtoolBinding {
	using Owner = typename Ops::Owner;

	static void get_drvinfo(void *owner, kcxx_drvinfo *out)
	{
		if constexpr (requires { Ops::get_drvinfo; }) {
			static_assert(
				is_same_v<decltype(Ops::get_drvinfo), void (Owner::*const)(Sleepable &, DrvInfo &)>,
				"get_drvinfo must be void (Owner::*)(kcxx::Sleepable &, kcxx::DrvInfo &)");
			with_sleepable([owner, out](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
				(static_cast<Owner *>(owner)->*Ops::get_drvinfo)(ctx, *out);
			});
		}
	}
	static int get_eeprom_len(void *owner)
	{
		if constexpr (requires { Ops::get_eeprom_len; }) {
			static_assert(is_same_v<decltype(Ops::get_eeprom_len), size_t (Owner::*const)() const>,
				      "get_eeprom_len must be size_t (Owner::*)() const");
			size_t n = (static_cast<const Owner *>(owner)->*Ops::get_eeprom_len)();
			return n > 65536 ? 65536 : static_cast<int>(n);
		}
		return 0;
	}
	static int get_eeprom(void *owner, unsigned int offset, unsigned int len, unsigned char *out)
	{
		if constexpr (requires { Ops::get_eeprom; }) {
			using Want = Status (Owner::*const)(Sleepable &, size_t, size_t, u8 *);
			static_assert(
				is_same_v<decltype(Ops::get_eeprom), Want>,
				"get_eeprom must be Status (Owner::*)(kcxx::Sleepable &, size_t offset, size_t len, "
				"u8 *out)");
			Status s = with_sleepable(
				[owner, offset, len, out](Sleepable &ctx) KCXX_NO_THREAD_SAFETY_ANALYSIS {
					return (static_cast<Owner *>(owner)->*Ops::get_eeprom)(ctx, offset, len, out);
				});
			return s.error();
		}
		return -95;
	}

	static_assert(
		!requires { Ops::get_eeprom; } || requires { Ops::get_eeprom_len; }, "get_eeprom needs get_eeprom_len");
	static constexpr kcxx_ethtool_ops ops = {requires {Ops::get_drvinfo;
} ? &get_drvinfo : nullptr, requires { Ops::get_eeprom_len; } ? &get_eeprom_len : nullptr,
	requires { Ops::get_eeprom; } ? &get_eeprom : nullptr,
}; // namespace detail
}; // namespace kcxx
} // namespace detail

/**
 * set_ethtool() - give @nd the ethtool operations of @Ops (on the owner
 * of its net device operations).  Before @nd is registered: -EBUSY after,
 * -EINVAL before it is created.
 */
template <typename Ops> [[nodiscard]] Status set_ethtool(Sleepable &ctx, NetDevice &nd) KCXX_REQUIRES(ctx)
{
	if (!nd.created())
		return Err(err::inval);
	if (nd.registered())
		return Err(err::busy);
	kcxx_shim_netdev_set_ethtool(nd.raw(), &detail::EthtoolBinding<Ops>::ops);
	return Status::ok();
}

} // namespace kcxx
