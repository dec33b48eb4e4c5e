#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Compile-fail tests of the kernel C++ subset: every file in compile-fail/
# must fail to compile with the diagnostic on its "// expect:" line, and
# compile cleanly with -DCONTROL (the same code done right), so a failure
# for any other reason is caught.  The C++ options are read from
# cxxrt/Makefile.cxx itself (as a clang-built kernel gets them), so the tests
# check the rule modules are really built with; the kernel layout header
# comes from the UML test kernel's build.
#
#   compile-fail.sh LAYOUT_DIR     (prints one TAP line per file)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/lib.sh"
layout=${1:?usage: compile-fail.sh DIR_WITH_kcxx/layout.h}
# shellcheck disable=SC2207
rule_flags=($(printf 'CONFIG_CC_IS_CLANG := y\ninclude %s\nprint-flags:\n\t@echo $(kcxx-flags-y)\n' \
	"$root/cxxrt/Makefile.cxx" | make -s -f - print-flags)) || { echo "not ok - compile-fail: cannot read the C++ flags"; exit 1; }
[ ${#rule_flags[@]} -gt 5 ] || { echo "not ok - compile-fail: no C++ flags in cxxrt/Makefile.cxx"; exit 1; }
# The kernel's part of the command: no system headers, freestanding.
cxx=(clang$IPW_LLVM -nostdinc -ffreestanding -Wall "${rule_flags[@]}" -I"$layout" -fsyntax-only)
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
