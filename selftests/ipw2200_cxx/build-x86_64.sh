#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Compile-only checks for the kernels users run, as TAP lines ("ok - NAME"):
#  - clang, Debian's x86_64 distro config for the test kernel's version
#    (objtool, retpoline/rethunk, IBT, kCFI and stack protector as Debian
#    has them): the C++ smoke module, cxxrt.ko, and the kcxx sample module
#    linked against cxxrt's exports, and the driver;
#  - gcc/g++, Debian's stock 6.12 amd64 headers (the LTS kernel of Debian 12
#    backports and Debian 13): cxxrt.ko, the driver and the sample module, as a DKMS
#    build would make them.
# Every build must finish with 0 warnings (objtool and modpost included).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/lib.sh"
out="$root/out/x86_64"
rm -rf "$out"
mkdir -p "$out"

# build NAME LOG MAKE-ARGS...: run a module build, require a clean log.
build() {
	local name=$1 logf=$2
	shift 2
	if ! make "$@" modules >"$logf" 2>&1; then
		sed 's/^/#   /' "$logf" | tail -n 40
		echo "not ok - $name"
		return 1
	fi
	if grep -Ei 'warning|objtool' "$logf" | grep -v 'pahole version differs' >/dev/null; then
		grep -Ei 'warning|objtool' "$logf" | sed 's/^/#   /' | head -n 20
		echo "not ok - $name # warnings in the build"
		return 1
	fi
	echo "ok - $name"
}

# --- clang, 7.3 distro config ---
if tree=$("$root/scripts/kernel/prepare-x86_64" 2>"$out/prepare-x86_64.log"); then
	for opt in MITIGATION_RETPOLINE MITIGATION_RETHUNK X86_KERNEL_IBT CFI_CLANG STACKPROTECTOR_STRONG OBJTOOL; do
		grep -q "^CONFIG_$opt=y" "$tree/.config" && echo "# x86_64 7.3 config: $opt=y"
	done
	k=(-C "$tree" ARCH=x86_64 LLVM="$IPW_LLVM")
	build "x86_64 clang 7.3: cxx_smoke.ko (C++ rule alone)" "$out/smoke.log" \
		"${k[@]}" M="$here/cxx_smoke" MO="$out/smoke"
	build "x86_64 clang 7.3: cxxrt.ko and ipw2200_cxx.ko" "$out/cxxrt.log" \
		"${k[@]}" M="$root" MO="$out/cxxrt" CONFIG_KCXX_KUNIT_TEST=
	build "x86_64 clang 7.3: kcxx_sample.ko against cxxrt's exports" "$out/sample.log" \
		"${k[@]}" M="$here/kcxx_sample" MO="$out/sample" KBUILD_EXTRA_SYMBOLS="$out/cxxrt/Module.symvers"
else
	sed 's/^/#   /' "$out/prepare-x86_64.log" | tail -n 20
	echo "not ok - x86_64 clang 7.3: prepare the distro-config tree"
fi

# --- gcc, Debian's 6.12 headers (no MO= before 6.13: build in a copy) ---
if kdir=$("$root/scripts/kernel/prepare-debian-headers" 6.12 2>"$out/prepare-6.12.log"); then
	echo "# gcc headers: ${kdir##*/} ($(gcc --version | head -n1))"
	src="$out/gcc-6.12"
	mkdir -p "$src"
	cp -r "$root/Kbuild" "$root/cxxrt" "$root/include" "$src/"
	mkdir -p "$src/drivers/net/wireless/intel"
	cp -r "$root/drivers/net/wireless/intel/ipw2200_cxx" "$src/drivers/net/wireless/intel/"
	mkdir -p "$src/selftests/ipw2200_cxx"
	cp -r "$here/kcxx_sample" "$src/selftests/ipw2200_cxx/"
	# PAHOLE: module BTF for the C parts only (pahole cannot encode C++).
	g=(-C "$kdir" PAHOLE="$root/scripts/pahole-cxx")
	build "x86_64 gcc 6.12 (Debian headers): cxxrt.ko and ipw2200_cxx.ko" "$out/gcc-cxxrt.log" \
		"${g[@]}" M="$src" CONFIG_KCXX_KUNIT_TEST=
	build "x86_64 gcc 6.12 (Debian headers): kcxx_sample.ko against cxxrt's exports" "$out/gcc-sample.log" \
		"${g[@]}" M="$src/selftests/ipw2200_cxx/kcxx_sample" KBUILD_EXTRA_SYMBOLS="$src/Module.symvers"
else
	sed 's/^/#   /' "$out/prepare-6.12.log" | tail -n 20
	echo "not ok - x86_64 gcc 6.12: unpack Debian's headers"
fi
