#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the kernel-side test modules that are not part of the driver (they
# test the test kernel itself) against the UML tree, into out/test-modules/,
# where the in-VM tests find them.
#
#   build-test-modules.sh [TREE]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$root/scripts/lib.sh"
tree=${1:-${IPW_KTREE:-$("$root/scripts/kernel/build-um")}}
dest="$root/out/test-modules"
mkdir -p "$dest"
for m in virtpci_storm; do
	b="$dest/build-$m"
	rm -rf "$b"
	mkdir -p "$b"
	cp "$here/$m/"* "$b/"
	make -s -C "$tree" ARCH=um LLVM="$IPW_LLVM" M="$b" modules
	cp "$b/$m.ko" "$dest/"
done
