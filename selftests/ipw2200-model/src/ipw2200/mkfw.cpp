// SPDX-License-Identifier: GPL-2.0
/*
 * ipw2200-mkfw DIR: write deterministic synthetic ipw2200-bss.fw,
 * ipw2200-ibss.fw and ipw2200-sniffer.fw into DIR.  The files have the
 * container layout the upstream driver loads; their payload is filler that
 * the device model does not interpret.
 *
 * ipw2200-mkfw --check FILE...: validate containers (synthetic or real).
 */
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ipw2200/firmware.h"

using namespace ipwmodel::ipw2200;

namespace {

int check(int argc, char **argv)
{
	int rc = 0;

	for (int i = 2; i < argc; i++) {
		std::ifstream f(argv[i], std::ios::binary);
		if (!f) {
			std::fprintf(stderr, "%s: cannot open\n", argv[i]);
			rc = 1;
			continue;
		}
		const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(f)),
						      std::istreambuf_iterator<char>());
		const auto r = parse_firmware(bytes);
		if (!r.ok()) {
			std::fprintf(stderr, "%s: %s: %s\n", argv[i], fw_error_name(r.error), r.detail.c_str());
			rc = 1;
			continue;
		}
		std::printf("%s: v%u.%u, boot %u bytes (%zu chunks, %u pieces), ucode %u bytes, "
			    "runtime %u bytes (%zu chunks, %u pieces)\n",
			    argv[i], r.fw.major(), r.fw.minor(), r.fw.boot.size, r.fw.boot.chunks.size(),
			    r.fw.boot.pieces, r.fw.ucode_size, r.fw.runtime.size, r.fw.runtime.chunks.size(),
			    r.fw.runtime.pieces);
	}
	return rc;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc >= 3 && std::strcmp(argv[1], "--check") == 0)
		return check(argc, argv);
	if (argc != 2 || argv[1][0] == '-') {
		std::fprintf(stderr, "usage: ipw2200-mkfw DIR\n"
				     "       ipw2200-mkfw --check FILE...\n");
		return 2;
	}
	std::string err;
	if (!write_synthetic_firmware(argv[1], err)) {
		std::fprintf(stderr, "ipw2200-mkfw: %s\n", err.c_str());
		return 1;
	}
	return 0;
}
