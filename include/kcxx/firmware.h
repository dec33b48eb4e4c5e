/* SPDX-License-Identifier: GPL-2.0 */
/**
 * DOC: kcxx/firmware.h - firmware files
 *
 * ``Firmware::request()`` is request_firmware(): it may sleep, so it needs the
 * Sleepable proof.  The image is released when the ``Firmware`` goes away.
 * ``bytes()`` is a bounds-checked view: the parser of a firmware file reads
 * through it and gets an error, not an out-of-bounds read, when a header
 * lies about a length::
 *
 *	auto fw = kcxx::Firmware::request(ctx, dev, "ipw2200-bss.fw");
 *	if (!fw)
 *		return fw.error();
 *	auto ver = fw.value().bytes().read_le32(0);
 */
#pragma once

#include <kcxx/errno.h>
#include <kcxx/context.h>
#include <kcxx/device.h>
#include <kcxx/result.h>
#include <kcxx/shim.h>
#include <kcxx/types.h>

namespace kcxx {

/** class Bytes - a read-only byte range with checked little-endian reads. */
class Bytes {
public:
	constexpr Bytes() : p_(nullptr), n_(0) {}
	constexpr Bytes(const u8 *p, size_t n) : p_(p), n_(n) {}

	size_t size() const { return n_; }
	const u8 *data() const { return p_; }
	/** sub() - [@off, @off + @len), or -EINVAL if it does not fit. */
	Result<Bytes> sub(size_t off, size_t len) const
	{
		if (off > n_ || len > n_ - off)
			return Err(err::inval);
		return Bytes(p_ + off, len);
	}
	Result<u8> read_u8(size_t off) const
	{
		if (off >= n_)
			return Err(err::inval);
		return p_[off];
	}
	Result<u16> read_le16(size_t off) const
	{
		if (off > n_ || n_ - off < 2)
			return Err(err::inval);
		return static_cast<u16>(p_[off] | p_[off + 1] << 8);
	}
	Result<u32> read_le32(size_t off) const
	{
		if (off > n_ || n_ - off < 4)
			return Err(err::inval);
		return static_cast<u32>(p_[off]) | static_cast<u32>(p_[off + 1]) << 8 |
		       static_cast<u32>(p_[off + 2]) << 16 | static_cast<u32>(p_[off + 3]) << 24;
	}

private:
	const u8 *p_;
	size_t n_;
};

class Firmware {
public:
	/** request() - load @name for @dev; -ENOENT and friends on failure. */
	static Result<Firmware> request(Sleepable &ctx, const Device &dev, const char *name) KCXX_REQUIRES(ctx)
	{
		const void *fw = nullptr;
		int r = kcxx_shim_request_firmware(&fw, name, dev.raw());
		if (r)
			return Err(r);
		return Firmware(fw);
	}

	Firmware(Firmware &&o) : fw_(o.fw_) { o.fw_ = nullptr; }
	Firmware(const Firmware &) = delete;
	Firmware &operator=(const Firmware &) = delete;
	~Firmware()
	{
		if (fw_)
			kcxx_shim_release_firmware(fw_);
	}

	Bytes bytes() const
	{
		size_t n = 0;
		const u8 *p = kcxx_shim_firmware_data(fw_, &n);
		return Bytes(p, n);
	}

private:
	explicit Firmware(const void *fw) : fw_(fw) {}
	const void *fw_;
};

} // namespace kcxx
