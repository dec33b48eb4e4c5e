/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/device.h - devices and logging
 *
 * ``Device`` is a borrowed reference to a struct device, valid while the
 * driver is bound (from probe until remove returns); the bus glue creates
 * it.  ``DeviceRef`` holds a counted reference (get_device()/put_device())
 * for code that may outlive the binding.  Both log with the device's name
 * (dev_err() and friends); ``kcxx::log`` logs without a device.  Formats are
 * checked like printk's::
 *
 *	dev.info("firmware %s loaded, %u bytes\n", name, size);
 */
#pragma once

#include <kcxx/shim.h>
#include <kcxx/utility.h>

#define KCXX_PRINTF(fmt_idx, args_idx) __attribute__((format(printf, fmt_idx, args_idx)))

namespace kcxx {

/** enum class LogLevel - the kernel's log levels that drivers use. */
enum class LogLevel : int { err = 3, warn = 4, notice = 5, info = 6, debug = 7 };

namespace detail {
inline void vlog(const void *dev, LogLevel lvl, const char *fmt, __builtin_va_list ap)
{
	__builtin_va_list copy;
	__builtin_va_copy(copy, ap);
	kcxx_shim_vlog(dev, static_cast<int>(lvl), fmt, &copy);
	__builtin_va_end(copy);
}
} // namespace detail

#define KCXX_LOG_FN(name, lvl)                                                                                         \
	void name(const char *fmt, ...) const KCXX_PRINTF(2, 3)                                                        \
	{                                                                                                              \
		__builtin_va_list ap;                                                                                  \
		__builtin_va_start(ap, fmt);                                                                           \
		detail::vlog(raw_, lvl, fmt, ap);                                                                      \
		__builtin_va_end(ap);                                                                                  \
	}

/** class Device - a borrowed struct device. */
class Device {
public:
	/** Device() - for bus glue: wrap the struct device being probed. */
	explicit Device(void *raw) : raw_(raw) {}

	KCXX_LOG_FN(err, LogLevel::err)
	KCXX_LOG_FN(warn, LogLevel::warn)
	KCXX_LOG_FN(notice, LogLevel::notice)
	KCXX_LOG_FN(info, LogLevel::info)
	KCXX_LOG_FN(dbg, LogLevel::debug)

	const char *name() const { return kcxx_shim_dev_name(raw_); }
	void *raw() const { return raw_; }

private:
	void *raw_;
};

/** class DeviceRef - a counted reference to a struct device. */
class DeviceRef {
public:
	explicit DeviceRef(const Device &d) : dev_(d) { kcxx_shim_get_device(dev_.raw()); }
	DeviceRef(const DeviceRef &o) : dev_(o.dev_) { kcxx_shim_get_device(dev_.raw()); }
	DeviceRef &operator=(const DeviceRef &) = delete;
	~DeviceRef() { kcxx_shim_put_device(dev_.raw()); }

	const Device &get() const { return dev_; }
	const Device *operator->() const { return &dev_; }

private:
	Device dev_;
};

/** log - printk without a device; the caller puts its own prefix in @fmt. */
namespace log {
#undef KCXX_LOG_FN
#define KCXX_LOG_FN(name, lvl)                                                                                         \
	inline void name(const char *fmt, ...) KCXX_PRINTF(1, 2);                                                      \
	inline void name(const char *fmt, ...)                                                                         \
	{                                                                                                              \
		__builtin_va_list ap;                                                                                  \
		__builtin_va_start(ap, fmt);                                                                           \
		detail::vlog(nullptr, lvl, fmt, ap);                                                                   \
		__builtin_va_end(ap);                                                                                  \
	}
KCXX_LOG_FN(err, LogLevel::err)
KCXX_LOG_FN(warn, LogLevel::warn)
KCXX_LOG_FN(notice, LogLevel::notice)
KCXX_LOG_FN(info, LogLevel::info)
KCXX_LOG_FN(dbg, LogLevel::debug)
#undef KCXX_LOG_FN
} // namespace log

} // namespace kcxx
