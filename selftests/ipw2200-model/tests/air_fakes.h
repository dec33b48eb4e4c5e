/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test double for the firmware's air tests: an AP's radio on the medium.
 */
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "medium/medium.h"

namespace ipwmodel::ipw2200::test {

/*
 * An AP's radio: joins @m as @mac on @freq_mhz, acknowledges frames to
 * @mac there, keeps every frame it hears in heard and hands it to
 * on_frame(), which a test AP overrides to answer.
 */
class ApRadio : public medium::Station {
public:
	ApRadio(medium::Medium &m, const medium::MacAddr &mac, std::string name, std::uint32_t freq_mhz = 2437)
		: m_(m), mac_(mac), name_(std::move(name)), freq_(freq_mhz)
	{
		m_.join(*this);
	}
	~ApRadio() override { m_.leave(*this); }
	ApRadio(const ApRadio &) = delete;
	ApRadio &operator=(const ApRadio &) = delete;
	ApRadio(ApRadio &&) = delete;
	ApRadio &operator=(ApRadio &&) = delete;

	[[nodiscard]] std::string name() const override { return name_; }
	[[nodiscard]] bool acks(const medium::MacAddr &a, std::uint32_t f) const override
	{
		return a == mac_ && f == freq_;
	}
	void receive(const medium::AirFrame &f) override
	{
		heard.push_back(f);
		on_frame(f);
	}
	/* The frames heard whose first frame-control byte is @fc0. */
	[[nodiscard]] std::vector<medium::AirFrame> with_fc(std::uint8_t fc0) const
	{
		std::vector<medium::AirFrame> out;

		for (const medium::AirFrame &f : heard)
			if (f.bytes[0] == fc0)
				out.push_back(f);
		return out;
	}
	/* Put @bytes on the air (rate index 3) on @freq_mhz, the AP's own by default. */
	void transmit(const std::vector<std::uint8_t> &bytes, std::uint32_t freq_mhz = 0)
	{
		(void)m_.transmit(*this, medium::AirFrame{bytes, freq_mhz != 0 ? freq_mhz : freq_, 3, -50});
	}

	std::vector<medium::AirFrame> heard;

protected:
	virtual void on_frame(const medium::AirFrame &f) = 0;

private:
	medium::Medium &m_;
	medium::MacAddr mac_;
	std::string name_;
	std::uint32_t freq_;
};

} // namespace ipwmodel::ipw2200::test
