/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic netlink messages as bytes: what mac80211_hwsim puts on its virtio
 * queues (a struct nlmsghdr, a struct genlmsghdr, then attributes, each a
 * struct nlattr padded to 4 bytes; host byte order, as the guest is the same
 * machine).  GenlMessage::parse() validates every length before anything is
 * read; GenlBuilder writes a message the kernel's genlmsg_parse() accepts.
 */
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace ipwmodel::medium {

inline constexpr std::size_t kNlmsgHdrLen = 16;	      /* struct nlmsghdr */
inline constexpr std::size_t kGenlHdrLen = 4;	      /* struct genlmsghdr */
inline constexpr std::size_t kNlaHdrLen = 4;	      /* struct nlattr */
inline constexpr std::uint16_t kNlaTypeMask = 0x3fff; /* without NESTED/NET_BYTEORDER */

constexpr std::size_t nla_align(std::size_t n)
{
	return (n + 3) & ~static_cast<std::size_t>(3);
}

class GenlMessage {
public:
	/*
	 * Parse @bytes: nlmsg_len at least header-sized and not beyond @bytes
	 * (trailing bytes after it are ignored, as the kernel's buffers are
	 * larger than their message), every attribute's length at least its
	 * header and inside the message.  On failure @why says what is wrong.
	 */
	static std::optional<GenlMessage> parse(std::span<const std::uint8_t> bytes, std::string *why = nullptr);

	[[nodiscard]] std::uint16_t family() const { return family_; }
	[[nodiscard]] std::uint8_t cmd() const { return cmd_; }
	[[nodiscard]] std::uint8_t version() const { return version_; }
	[[nodiscard]] std::uint32_t seq() const { return seq_; }

	/* The first attribute of @type (flags masked off), or nullopt. */
	[[nodiscard]] std::optional<std::span<const std::uint8_t>> attr(std::uint16_t type) const;
	/* Fixed-size attributes: nullopt if absent or shorter than the type. */
	[[nodiscard]] std::optional<std::uint32_t> u32(std::uint16_t type) const;
	[[nodiscard]] std::optional<std::uint64_t> u64(std::uint16_t type) const;

private:
	struct Attr {
		std::uint16_t type;
		std::size_t offset; /* of the payload in bytes_ */
		std::size_t len;
	};

	std::vector<std::uint8_t> bytes_;
	std::vector<Attr> attrs_;
	std::uint16_t family_ = 0;
	std::uint8_t cmd_ = 0;
	std::uint8_t version_ = 0;
	std::uint32_t seq_ = 0;
};

class GenlBuilder {
public:
	GenlBuilder(std::uint16_t family, std::uint8_t cmd, std::uint8_t version);

	GenlBuilder &put(std::uint16_t type, std::span<const std::uint8_t> data);
	GenlBuilder &put_u32(std::uint16_t type, std::uint32_t v);
	GenlBuilder &put_u64(std::uint16_t type, std::uint64_t v);
	/* The finished message, nlmsg_len set. */
	[[nodiscard]] std::vector<std::uint8_t> finish() const;

private:
	std::vector<std::uint8_t> bytes_;
};

} // namespace ipwmodel::medium
