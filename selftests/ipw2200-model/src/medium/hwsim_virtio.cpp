// SPDX-License-Identifier: GPL-2.0
#include "medium/hwsim_virtio.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/log.h"

namespace ipwmodel::medium {

namespace {

std::optional<MacAddr> mac_attr(const GenlMessage &m, std::uint16_t type)
{
	const auto a = m.attr(type);

	if (!a || a->size() < MacAddr{}.size())
		return std::nullopt;

	MacAddr mac{};

	std::copy_n(a->begin(), mac.size(), mac.begin());
	return mac;
}

} // namespace

std::string HwsimVirtio::Radio::name() const
{
	return "hwsim " + format_mac(hwaddr_);
}

bool HwsimVirtio::Radio::acks(const MacAddr &addr, std::uint32_t freq) const
{
	if (freq_mhz != 0 && freq != freq_mhz)
		return false;
	return addr == hwaddr_ || addrs.contains(addr);
}

void HwsimVirtio::Radio::receive(const AirFrame &f)
{
	if (f.bytes.size() < hwsim::kMinFrameLen || f.bytes.size() > hwsim::kMaxFrameLen)
		return; /* the kernel would reject it */
	GenlBuilder b(dev_.family_, hwsim::kCmdFrame, hwsim::kGenlVersion);

	b.put(hwsim::kAttrAddrReceiver, hwaddr_)
		.put(hwsim::kAttrFrame, f.bytes)
		.put_u32(hwsim::kAttrRxRate, f.rate_idx)
		.put_u32(hwsim::kAttrSignal, static_cast<std::uint32_t>(f.signal_dbm))
		.put_u32(hwsim::kAttrFreq, f.freq_mhz);
	dev_.queue(Out{b.finish(), true, false});
}

HwsimVirtio::HwsimVirtio(Medium &medium) : medium_(medium) {}

HwsimVirtio::~HwsimVirtio()
{
	for (const auto &r : radios_)
		medium_.leave(*r);
}

void HwsimVirtio::attach(vhost::VirtioTransport &t)
{
	t_ = &t;
}

void HwsimVirtio::detach()
{
	/* The guest's hwsim is gone (or reset): so are its radios and their frames. */
	t_ = nullptr;
	for (const auto &r : radios_)
		medium_.leave(*r);
	radios_.clear();
	out_.clear();
	drop_warned_ = false;
}

void HwsimVirtio::on_kick(unsigned index)
{
	if (t_ == nullptr)
		return;
	if (index == kTxQueue) {
		vhost::Virtqueue &q = t_->queue(kTxQueue);
		std::vector<std::uint8_t> buf;
		bool used = false;

		in_kick_ = true;
		while (q.pop(chain_) == vhost::Virtqueue::PopResult::ok) {
			buf.resize(std::min(chain_.readable_bytes(), kMaxMessage));
			buf.resize(chain_.read(0, buf.data(), buf.size()));
			(void)q.push(chain_.head(), 0);
			used = true;
			handle_message(buf);
		}
		in_kick_ = false;
		if (used)
			(void)q.signal();
	}
	flush();
}

HwsimVirtio::Radio &HwsimVirtio::radio(const MacAddr &hwaddr)
{
	for (const auto &r : radios_)
		if (r->hwaddr() == hwaddr)
			return *r;
	radios_.push_back(std::make_unique<Radio>(*this, hwaddr));
	medium_.join(*radios_.back());
	LOG_INFO("medium: hwsim radio %s joined", format_mac(hwaddr).c_str());
	return *radios_.back();
}

void HwsimVirtio::malformed(const std::string &why)
{
	stats_.malformed++;
	if (warned_.insert(why).second)
		LOG_WARN("medium: malformed hwsim message: %s", why.c_str());
}

void HwsimVirtio::handle_message(std::span<const std::uint8_t> bytes)
{
	std::string why;

	stats_.messages_in++;
	const auto m = GenlMessage::parse(bytes, &why);

	if (!m) {
		malformed(why);
		return;
	}
	family_ = m->family();
	switch (m->cmd()) {
	case hwsim::kCmdFrame:
		handle_frame(*m);
		break;
	case hwsim::kCmdAddMacAddr:
	case hwsim::kCmdDelMacAddr:
		handle_mac(*m, m->cmd() == hwsim::kCmdAddMacAddr);
		break;
	default:
		stats_.unknown_cmds++;
		break;
	}
}

void HwsimVirtio::handle_frame(const GenlMessage &m)
{
	const auto tx = mac_attr(m, hwsim::kAttrAddrTransmitter);
	const auto frame = m.attr(hwsim::kAttrFrame);
	const auto flags = m.u32(hwsim::kAttrFlags);
	const auto freq = m.u32(hwsim::kAttrFreq);
	const auto cookie = m.u64(hwsim::kAttrCookie);
	const auto tx_info = m.attr(hwsim::kAttrTxInfo);

	if (!tx || !frame || !flags || !freq || !cookie || !tx_info) {
		malformed("FRAME without a required attribute");
		return;
	}
	if (tx_info->size() < sizeof(hwsim::TxInfo)) {
		malformed("TX_INFO shorter than 4 rates");
		return;
	}
	if (frame->size() < hwsim::kMinFrameLen || frame->size() > hwsim::kMaxFrameLen) {
		malformed("frame length outside 24..2304");
		return;
	}
	stats_.frames_in++;

	Radio &r = radio(*tx);
	hwsim::TxInfo rates{};

	std::memcpy(rates.data(), tx_info->data(), sizeof(rates));
	r.freq_mhz = *freq;

	AirFrame f;

	f.bytes.assign(frame->begin(), frame->end());
	f.freq_mhz = *freq;
	f.rate_idx = rates[0].idx >= 0 ? static_cast<std::uint8_t>(rates[0].idx) : 0;

	const Medium::Result res = medium_.transmit(r, f);
	const bool acked = res.acked && (*flags & hwsim::kTxCtlNoAck) == 0;

	/* The attempts used: the first rate once when acknowledged, else all. */
	if (acked) {
		rates[0].count = 1;
		for (std::size_t i = 1; i < rates.size(); i++)
			rates[i] = hwsim::TxRate{-1, 0};
	}

	GenlBuilder b(family_, hwsim::kCmdTxInfoFrame, hwsim::kGenlVersion);
	std::array<std::uint8_t, sizeof(rates)> raw{};

	std::memcpy(raw.data(), rates.data(), raw.size());
	b.put(hwsim::kAttrAddrTransmitter, *tx)
		.put_u32(hwsim::kAttrFlags, *flags | (acked ? hwsim::kTxStatAck : 0))
		.put_u32(hwsim::kAttrSignal, static_cast<std::uint32_t>(medium_.signal_dbm()))
		.put(hwsim::kAttrTxInfo, raw)
		.put_u64(hwsim::kAttrCookie, *cookie);
	if (const auto fl = m.attr(hwsim::kAttrTxInfoFlags))
		b.put(hwsim::kAttrTxInfoFlags, *fl);
	queue(Out{b.finish(), false, acked});
}

void HwsimVirtio::handle_mac(const GenlMessage &m, bool add)
{
	const auto radio_addr = mac_attr(m, hwsim::kAttrAddrTransmitter);
	const auto addr = mac_attr(m, hwsim::kAttrAddrReceiver);

	if (!radio_addr || !addr) {
		malformed("ADD/DEL_MAC_ADDR without both addresses");
		return;
	}
	stats_.mac_events++;

	Radio &r = radio(*radio_addr);

	if (add) {
		r.addrs.insert(*addr);
	} else if (const auto it = r.addrs.find(*addr); it != r.addrs.end()) {
		r.addrs.erase(it);
	}
}

void HwsimVirtio::queue(Out out)
{
	if (out_.size() >= kMaxPending) {
		stats_.dropped++;
		if (!drop_warned_)
			LOG_WARN("medium: the guest posts no hwsim rx buffers; messages dropped");
		drop_warned_ = true;
		return;
	}
	out_.push_back(std::move(out));
	if (!in_kick_)
		flush();
}

void HwsimVirtio::flush()
{
	if (t_ == nullptr || out_.empty())
		return;
	vhost::Virtqueue &q = t_->queue(kRxQueue);
	bool used = false;

	while (!out_.empty() && q.pop(chain_) == vhost::Virtqueue::PopResult::ok) {
		const Out &o = out_.front();
		std::uint32_t len = 0;

		if (chain_.writable_bytes() < o.msg.size()) {
			stats_.dropped++;
			if (warned_.insert("rx buffer too small").second)
				LOG_WARN("medium: hwsim rx buffer of %zu bytes for a %zu-byte "
					 "message; dropped",
					 chain_.writable_bytes(), o.msg.size());
		} else {
			len = static_cast<std::uint32_t>(chain_.write(0, o.msg.data(), o.msg.size()));
			if (o.is_frame) {
				stats_.frames_out++;
			} else {
				stats_.tx_status_out++;
				if (o.acked)
					stats_.acked++;
			}
		}
		(void)q.push(chain_.head(), len);
		used = true;
		out_.pop_front();
	}
	if (used)
		(void)q.signal();
	if (out_.empty())
		drop_warned_ = false;
}

std::string HwsimVirtio::describe_radios() const
{
	std::string s;

	for (const auto &r : radios_) {
		if (!s.empty())
			s += ' ';
		s += format_mac(r->hwaddr()) + "@" + std::to_string(r->freq_mhz);
		const std::set<MacAddr> distinct(r->addrs.begin(), r->addrs.end());

		for (const MacAddr &a : distinct)
			s += "," + format_mac(a);
	}
	return s;
}

} // namespace ipwmodel::medium
