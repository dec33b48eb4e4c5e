// SPDX-License-Identifier: GPL-2.0
#include "medium/netlink.h"

#include <array>
#include <cstring>

namespace ipwmodel::medium {

namespace {

template <typename T> T load(const std::uint8_t *p)
{
	T v{};

	std::memcpy(&v, p, sizeof(v));
	return v;
}

template <typename T> void store(std::vector<std::uint8_t> &b, std::size_t off, T v)
{
	std::memcpy(b.data() + off, &v, sizeof(v));
}

bool fail(std::string *why, const char *msg)
{
	if (why != nullptr)
		*why = msg;
	return false;
}

} // namespace

std::optional<GenlMessage> GenlMessage::parse(std::span<const std::uint8_t> bytes, std::string *why)
{
	if (bytes.size() < kNlmsgHdrLen + kGenlHdrLen) {
		fail(why, "shorter than the netlink and genetlink headers");
		return std::nullopt;
	}
	const auto len = load<std::uint32_t>(bytes.data());

	if (len < kNlmsgHdrLen + kGenlHdrLen) {
		fail(why, "nlmsg_len shorter than the headers");
		return std::nullopt;
	}
	if (len > bytes.size()) {
		fail(why, "nlmsg_len beyond the buffer");
		return std::nullopt;
	}

	GenlMessage m;

	m.bytes_.assign(bytes.begin(), bytes.begin() + len);
	m.family_ = load<std::uint16_t>(m.bytes_.data() + 4);
	m.seq_ = load<std::uint32_t>(m.bytes_.data() + 8);
	m.cmd_ = m.bytes_[kNlmsgHdrLen];
	m.version_ = m.bytes_[kNlmsgHdrLen + 1];

	std::size_t off = kNlmsgHdrLen + kGenlHdrLen;

	while (off < len) {
		if (len - off < kNlaHdrLen) {
			fail(why, "attribute header cut off");
			return std::nullopt;
		}
		const auto nla_len = load<std::uint16_t>(m.bytes_.data() + off);
		const auto nla_type = load<std::uint16_t>(m.bytes_.data() + off + 2);

		if (nla_len < kNlaHdrLen || nla_len > len - off) {
			fail(why, "attribute length outside the message");
			return std::nullopt;
		}
		m.attrs_.push_back(Attr{static_cast<std::uint16_t>(nla_type & kNlaTypeMask), off + kNlaHdrLen,
					nla_len - kNlaHdrLen});
		off += nla_align(nla_len);
	}
	return m;
}

std::optional<std::span<const std::uint8_t>> GenlMessage::attr(std::uint16_t type) const
{
	for (const Attr &a : attrs_)
		if (a.type == type)
			return std::span<const std::uint8_t>(bytes_.data() + a.offset, a.len);
	return std::nullopt;
}

std::optional<std::uint32_t> GenlMessage::u32(std::uint16_t type) const
{
	const auto a = attr(type);

	if (!a || a->size() < sizeof(std::uint32_t))
		return std::nullopt;
	return load<std::uint32_t>(a->data());
}

std::optional<std::uint64_t> GenlMessage::u64(std::uint16_t type) const
{
	const auto a = attr(type);

	if (!a || a->size() < sizeof(std::uint64_t))
		return std::nullopt;
	return load<std::uint64_t>(a->data());
}

GenlBuilder::GenlBuilder(std::uint16_t family, std::uint8_t cmd, std::uint8_t version)
	: bytes_(kNlmsgHdrLen + kGenlHdrLen, 0)
{
	store<std::uint16_t>(bytes_, 4, family);
	bytes_[kNlmsgHdrLen] = cmd;
	bytes_[kNlmsgHdrLen + 1] = version;
}

GenlBuilder &GenlBuilder::put(std::uint16_t type, std::span<const std::uint8_t> data)
{
	const std::size_t off = bytes_.size();
	const std::size_t nla_len = kNlaHdrLen + data.size();

	bytes_.resize(off + nla_align(nla_len), 0);
	store<std::uint16_t>(bytes_, off, static_cast<std::uint16_t>(nla_len));
	store<std::uint16_t>(bytes_, off + 2, type);
	if (!data.empty())
		std::memcpy(bytes_.data() + off + kNlaHdrLen, data.data(), data.size());
	return *this;
}

GenlBuilder &GenlBuilder::put_u32(std::uint16_t type, std::uint32_t v)
{
	std::array<std::uint8_t, sizeof(v)> b{};

	std::memcpy(b.data(), &v, sizeof(v));
	return put(type, b);
}

GenlBuilder &GenlBuilder::put_u64(std::uint16_t type, std::uint64_t v)
{
	std::array<std::uint8_t, sizeof(v)> b{};

	std::memcpy(b.data(), &v, sizeof(v));
	return put(type, b);
}

std::vector<std::uint8_t> GenlBuilder::finish() const
{
	std::vector<std::uint8_t> out = bytes_;

	store<std::uint32_t>(out, 0, static_cast<std::uint32_t>(out.size()));
	return out;
}

} // namespace ipwmodel::medium
