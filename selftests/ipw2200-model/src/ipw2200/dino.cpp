// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/dino.h"

namespace ipwmodel::ipw2200 {

void Dino::reset()
{
	control_ = 0;
	words_ = 0;
	rejected_ = false;
	loaded_ = false;
	alive_ = false;
	fifo_.clear();
}

void Dino::write_control(std::uint8_t value)
{
	const bool cs_rise = (value & dino::kEnableCs) && !(control_ & dino::kEnableCs);
	const bool sys_rise = (value & dino::kEnableSystem) && !(control_ & dino::kEnableSystem);

	control_ = value & (dino::kEnableCs | dino::kEnableSystem);
	if (cs_rise) {
		/* A new microcode load. */
		words_ = 0;
		rejected_ = false;
		loaded_ = true;
		alive_ = false;
		fifo_.clear();
	}
	if (!sys_rise || !loaded_)
		return;
	loaded_ = false;

	std::array<std::uint8_t, dino::kAliveBytes> r{};
	const bool valid = words_ > 0 && !rejected_;
	r[0] = 1; /* alive_command */
	r[1] = 0; /* sequence_number */
	r[2] = static_cast<std::uint8_t>(id_.software_revision);
	r[3] = static_cast<std::uint8_t>(id_.software_revision >> 8);
	r[4] = id_.device_identifier;
	r[14] = 10; /* clock_settle_time */
	r[16] = 10; /* powerup_settle_time */
	for (unsigned i = 0; i < 5; i++)
		r[20 + i] = id_.time_stamp[i];
	r[25] = valid ? 1 : 0; /* ucode_valid */
	for (unsigned i = 0; i < dino::kAliveBytes; i += 4)
		fifo_.push_back(static_cast<std::uint32_t>(r[i]) | r[i + 1] << 8 | r[i + 2] << 16 |
				static_cast<std::uint32_t>(r[i + 3]) << 24);
	alive_ = valid;
	responses_++;
}

std::uint8_t Dino::read_control() const
{
	return control_ | (fifo_.empty() ? 0 : dino::kRxFifoData);
}

void Dino::write_store(std::uint16_t word, bool address_fresh)
{
	(void)word; /* microcode content is not interpreted */
	if (!(control_ & dino::kEnableCs))
		return;
	if (!address_fresh)
		rejected_ = true;
	words_++;
}

std::uint32_t Dino::read_fifo()
{
	if (fifo_.empty())
		return 0;
	const std::uint32_t v = fifo_.front();
	fifo_.pop_front();
	return v;
}

} // namespace ipwmodel::ipw2200
