#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Compile-fail tests of the kernel C++ subset: every file in compile-fail/
# must fail to compile with the diagnostic on its "// expect:" line, and
# compile cleanly with -DCONTROL (the same code done right), so a failure
# for any other reason is caught.  Flags are the C++ subset's from
# cxxrt/Makefile.cxx (language, runtime and analysis options); the kernel
# layout header comes from the UML test kernel's build.
#
#   compile-fail.sh LAYOUT_DIR     (prints one TAP line per file)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/lib.sh"
layout=${1:?usage: compile-fail.sh DIR_WITH_kcxx/layout.h}
cxx=(clang$IPW_LLVM -x c++ -std=gnu++20 -fno-exceptions -fno-rtti -fno-threadsafe-statics
	-nostdinc -nostdinc++ -ffreestanding -fno-use-cxa-atexit -fno-c++-static-destructors
	-Wall -Werror=return-type -Werror=unused-result
	-Wthread-safety -Wthread-safety-beta -Werror=thread-safety -Werror=thread-safety-beta
	-Werror=global-constructors -Werror=exit-time-destructors
	-I"$root/include" -I"$layout" -fsyntax-only)
failed=0
for src in "$here"/compile-fail/*.cpp; do
	name=$(basename "$src" .cpp)
	expect=$(sed -n 's#^// expect: ##p' "$src")
	if ! ctl=$("${cxx[@]}" -DCONTROL "$src" 2>&1); then
		echo "not ok - compile-fail: $name # the CONTROL version does not compile"
		printf '%s\n' "$ctl" | sed 's/^/#   /' | head -n 10
		failed=1
	elif out=$("${cxx[@]}" "$src" 2>&1); then
		echo "not ok - compile-fail: $name # compiled, but must not"
		failed=1
	elif ! grep -qF -- "$expect" <<<"$out"; then
		echo "not ok - compile-fail: $name # failed for another reason"
		printf '%s\n' "$out" | sed 's/^/#   /' | head -n 10
		failed=1
	else
		echo "ok - compile-fail: $name: $expect"
	fi
done
exit $failed
