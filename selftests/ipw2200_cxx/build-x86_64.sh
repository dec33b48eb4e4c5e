#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Compile-only check: the C++ smoke module, built with the project's Kbuild
# rule against Debian's x86_64 distro config for the test kernel's version
# with clang (objtool, retpoline/rethunk, IBT, kCFI, stack protector as
# Debian has them), links with 0 objtool and 0 modpost warnings.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/lib.sh"
tree=$("$root/scripts/kernel/prepare-x86_64") || { echo "FAIL: x86_64 tree"; exit 1; }
build="$root/out/x86_64-smoke"

rm -rf "$build"
mkdir -p "$build"
# MO= keeps the build products out of the source directory.
make -C "$tree" ARCH=x86_64 LLVM="$IPW_LLVM" M="$here/cxx_smoke" MO="$build" modules >"$build/build.log" 2>&1
rc=$?
cat "$build/build.log"
[ $rc = 0 ] || { echo "FAIL: build failed"; exit 1; }
[ -f "$build/cxx_smoke.ko" ] || { echo "FAIL: no cxx_smoke.ko"; exit 1; }
if grep -Eiq 'warning|objtool' "$build/build.log"; then
	echo "FAIL: warnings in the build"
	exit 1
fi
# The object really went through the mitigations' code generation.
grep -q '^CONFIG_OBJTOOL=y' "$tree/.config" || { echo "FAIL: objtool is off in the config"; exit 1; }
for opt in MITIGATION_RETPOLINE MITIGATION_RETHUNK X86_KERNEL_IBT CFI_CLANG STACKPROTECTOR_STRONG; do
	grep -q "^CONFIG_$opt=y" "$tree/.config" && echo "# config: $opt=y"
done
echo "ok: cxx_smoke.ko built for x86_64, no warnings"
