// SPDX-License-Identifier: GPL-2.0
#include "ipw2200/eeprom.h"

#include <algorithm>

namespace ipwmodel::ipw2200 {

namespace {
constexpr unsigned kCommandBits = 10; /* 2 opcode + 8 address bits after the start bit */
constexpr unsigned kOpRead = 0x2;
} // namespace

Eeprom::Image Eeprom::build_image(const EepromContents &c)
{
	Image img{};

	std::copy(c.mac.begin(), c.mac.end(), img.begin() + eeprom_map::kMac);
	img[eeprom_map::kVersion] = c.version;
	img[eeprom_map::kNicType] = c.nic_type;
	img[eeprom_map::kSkuCapability] = c.sku_capability;
	for (unsigned i = 0; i < 3; i++)
		img[eeprom_map::kCountry + i] = i < c.country.size() ? static_cast<std::uint8_t>(c.country[i]) : ' ';
	img[eeprom_map::kHwVersion] = static_cast<std::uint8_t>(c.hw_version);
	img[eeprom_map::kHwVersion + 1] = static_cast<std::uint8_t>(c.hw_version >> 8);
	return img;
}

std::uint16_t Eeprom::word(unsigned index) const
{
	const unsigned i = (index % kWords) * 2;

	return static_cast<std::uint16_t>(image_[i] | (image_[i + 1] << 8));
}

void Eeprom::reset()
{
	state_ = State::idle;
	latch_ = 0;
	dout_ = false;
	cmd_bits_ = cmd_count_ = 0;
	bit_index_ = 0;
}

void Eeprom::write_port(std::uint32_t value)
{
	using namespace eeprom_port;
	const std::uint32_t prev = latch_;
	const bool rising = !(prev & kSk) && (value & kSk);
	const unsigned di = (value & kDi) ? 1 : 0;

	latch_ = value & (kSk | kCs | kDi);
	if (!(value & kCs)) {
		/* Deselect ends any operation; DO floats (reads as 0). */
		state_ = State::idle;
		dout_ = false;
		return;
	}
	if (state_ == State::idle)
		state_ = State::wait_start;
	if (!rising)
		return;

	switch (state_) {
	case State::wait_start:
		/* Leading zeros before the start bit are ignored. */
		if (di) {
			state_ = State::command;
			cmd_bits_ = 0;
			cmd_count_ = 0;
		}
		break;
	case State::command:
		cmd_bits_ = (cmd_bits_ << 1) | di;
		if (++cmd_count_ < kCommandBits)
			break;
		if ((cmd_bits_ >> 8) == kOpRead) {
			addr_ = cmd_bits_ & 0xFF;
			shift_ = word(addr_);
			bit_index_ = 16;
			dout_ = false; /* the dummy 0 that precedes the data */
			words_read_++;
			state_ = State::reading;
		} else {
			state_ = State::ignore;
		}
		break;
	case State::reading:
		if (bit_index_ == 0) {
			/* Sequential read continues with the next word. */
			addr_ = (addr_ + 1) % kWords;
			shift_ = word(addr_);
			bit_index_ = 16;
			words_read_++;
		}
		bit_index_--;
		dout_ = ((shift_ >> bit_index_) & 1) != 0;
		break;
	case State::idle:
	case State::ignore:
		break;
	}
}

std::uint32_t Eeprom::read_port() const
{
	return latch_ | (dout_ ? eeprom_port::kDo : 0);
}

} // namespace ipwmodel::ipw2200
