/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The DINO baseband processor's host interface (reference section 10):
 * an 8-bit control/status register (0x200000), a 16-bit microcode control
 * store (0x200010) and a dword receive FIFO (0x200004) that carries the
 * 28-byte alive response.
 *
 * Load protocol: 0x40 (ENABLE_CS) opens the control store; each microcode
 * word must be written with the indirect address register rewritten just
 * before it (the hardware rejects the microcode otherwise, as the driver's
 * comment warns); 0x80 (ENABLE_SYSTEM) starts the baseband, which answers
 * with an alive response (RXFIFO_DATA set until the FIFO is drained).
 * The response says ucode_valid = 1 only if at least one word was stored
 * and every word came with a fresh address.
 */
#pragma once

#include <array>
#include <cstdint>
#include <deque>

namespace ipwmodel::ipw2200 {

namespace dino {
inline constexpr std::uint8_t kEnableSystem = 0x80;
inline constexpr std::uint8_t kEnableCs = 0x40;
inline constexpr std::uint8_t kRxFifoData = 0x01;
inline constexpr unsigned kAliveBytes = 28; /* 26-byte response read as 7 dwords */
} // namespace dino

struct DinoIdentity {
	std::uint16_t software_revision = 0x0105;
	std::uint8_t device_identifier = 0x22;
	std::array<std::uint8_t, 5> time_stamp{12, 12, 5, 11, 30}; /* month, day, year, h, m */
};

class Dino {
public:
	explicit Dino(const DinoIdentity &id = {}) : id_(id) {}

	void reset();
	void write_control(std::uint8_t value);
	[[nodiscard]] std::uint8_t read_control() const;
	/* A microcode word; @address_fresh: the indirect address was just written. */
	void write_store(std::uint16_t word, bool address_fresh);
	/* Pop one dword of the receive FIFO (0 when empty). */
	std::uint32_t read_fifo();

	[[nodiscard]] unsigned words_loaded() const { return words_; }
	[[nodiscard]] bool store_rejected() const { return rejected_; }
	[[nodiscard]] bool alive() const { return alive_; }
	[[nodiscard]] std::uint64_t alive_responses() const { return responses_; }

private:
	DinoIdentity id_;
	std::uint8_t control_ = 0;
	unsigned words_ = 0;
	bool rejected_ = false;
	bool loaded_ = false; /* words stored since the last ENABLE_CS */
	bool alive_ = false;
	std::uint64_t responses_ = 0;
	std::deque<std::uint32_t> fifo_;
};

} // namespace ipwmodel::ipw2200
