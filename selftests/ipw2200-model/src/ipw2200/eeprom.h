/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The adapter's serial EEPROM behind the bit-banged Microwire port at
 * indirect address 0x300040 (reference section 11): 128 16-bit words,
 * 8-bit word addresses (wrapping at 128), READ opcode 0b10 with a leading
 * dummy 0 on DO and sequential read past the end of a word.  Write, erase
 * and write-enable opcodes are decoded and ignored: the part is
 * write-protected, as the driver never writes it.
 */
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace ipwmodel::ipw2200 {

/* Byte offsets in the 256-byte image (reference 11.3). */
namespace eeprom_map {
inline constexpr unsigned kPmeCapability = 0x13;
inline constexpr unsigned kMac = 0x42;
inline constexpr unsigned kVersion = 0x49;
inline constexpr unsigned kNicType = 0x4A;
inline constexpr unsigned kSkuCapability = 0x4B;
inline constexpr unsigned kCountry = 0x4C;
inline constexpr unsigned kHwVersion = 0xE4;
} // namespace eeprom_map

/* Microwire port bits. */
namespace eeprom_port {
inline constexpr std::uint32_t kSk = 0x01;
inline constexpr std::uint32_t kCs = 0x02;
inline constexpr std::uint32_t kDi = 0x04;
inline constexpr std::uint32_t kDo = 0x10;
} // namespace eeprom_port

struct EepromContents {
	std::array<std::uint8_t, 6> mac{0x00, 0x13, 0xCE, 0x22, 0x00, 0x01};
	std::uint8_t version = 0x01;	 /* non-zero: host copies the image to SRAM */
	std::uint8_t nic_type = 0;	 /* 0..4 */
	std::uint8_t sku_capability = 0; /* Bluetooth coexistence bits */
	std::string country = "ZZD";	 /* 3 characters, geography code */
	std::uint16_t hw_version = 0x0001;
};

class Eeprom {
public:
	static constexpr unsigned kBytes = 256;
	static constexpr unsigned kWords = kBytes / 2;
	using Image = std::array<std::uint8_t, kBytes>;

	/* The 256-byte image for @c: fixed fields at their offsets, the rest 0. */
	static Image build_image(const EepromContents &c);

	explicit Eeprom(const Image &image) : image_(image) {}

	/* Host write / read of the port register. */
	void write_port(std::uint32_t value);
	[[nodiscard]] std::uint32_t read_port() const;

	/* Word @index (wrapping at 128), low byte first in the image. */
	[[nodiscard]] std::uint16_t word(unsigned index) const;
	[[nodiscard]] const Image &image() const { return image_; }
	[[nodiscard]] std::uint64_t words_read() const { return words_read_; }
	/* Back to "chip deselected" (device reset). */
	void reset();

private:
	enum class State { idle, wait_start, command, reading, ignore };

	Image image_;
	State state_ = State::idle;
	std::uint32_t latch_ = 0;
	unsigned cmd_bits_ = 0;
	unsigned cmd_count_ = 0;
	unsigned addr_ = 0;
	std::uint16_t shift_ = 0;
	unsigned bit_index_ = 0;
	bool dout_ = false;
	std::uint64_t words_read_ = 0;
};

} // namespace ipwmodel::ipw2200
