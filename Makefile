# SPDX-License-Identifier: GPL-2.0
#
# ipw2200_cxx: out-of-tree entry points.
#
#   make check                    the gate: host tests, kernel builds, VM selftests
#   make demo                     boot the test machine and show WPA2 + ping
#   make KDIR=<kernel build dir>  build our modules out of tree (DKMS style)
#                                 [MO=<output dir>]
#   make install-in-tree KSRC=<linux tree>   place the sources as a submission would
#
# The kernel's own make reads ./Kbuild for the module list.

KDIR ?= /lib/modules/$(shell uname -r)/build

.PHONY: all modules clean check demo install-in-tree help

# MO=<dir> (Linux >= 6.13) keeps the build products out of the source tree.
# PAHOLE: module BTF (CONFIG_DEBUG_INFO_BTF_MODULES) for the C parts only;
# pahole cannot encode C++ (scripts/pahole-cxx).
kbuild = $(MAKE) -C $(KDIR) M=$(CURDIR) $(if $(MO),MO=$(abspath $(MO))) \
	PAHOLE=$(CURDIR)/scripts/pahole-cxx

all modules:
	$(kbuild) modules

clean:
	$(kbuild) clean

check:
	@scripts/install-deps
	@selftests/run

demo:
	@scripts/install-deps
	@scripts/demo

install-in-tree:
	@test -n "$(KSRC)" || { echo "usage: make install-in-tree KSRC=<linux tree>"; exit 2; }
	@scripts/install-in-tree $(KSRC)

help:
	@sed -n '3,10p' Makefile
