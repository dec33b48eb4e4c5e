# SPDX-License-Identifier: GPL-2.0
#
# Kbuild rule for C++ objects (kernel C++ subset).  Include it from a Kbuild
# file, in-tree or out-of-tree:
#
#	include $(srctree)/cxxrt/Makefile.cxx          (in-tree)
#	include $(src)/../cxxrt/Makefile.cxx            (relative)
#
# and list C++ objects like C ones (foo-y += bar.o for bar.cpp).
#
# The compile command is the kernel's own C command for the same object
# (same compiler, code model, mitigations, CFI, stack protector, fixdep
# dependency file, KBUILD_MODNAME), with:
#   - the C-only options removed (language standard, C-only warnings,
#     -fms-extensions, which changes C++ semantics);
#   - the kernel's include paths and forced includes removed: C++ never
#     includes kernel headers, only the project's own (include/kcxx and the
#     C shim's generated layout header), so nothing kernel-internal can be
#     reached from C++ by accident;
#   - the C++ subset flags added: no exceptions, no RTTI, no thread-safe
#     statics, no library headers, no atexit registration;
#   - with clang: thread-safety analysis and the global-constructor and
#     exit-time-destructor checks as errors.
# objtool runs on the result exactly as it does for C objects, and the
# .cmd file records the dependency on objtool so a new objtool rebuilds us.

KCXX_ROOT ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/..)

kcxx-c-only-flags := -std=gnu11 -std=gnu99 -std=gnu89 -std=c11 \
	-Werror=implicit-function-declaration -Werror=implicit-int \
	-Werror=strict-prototypes -Wstrict-prototypes \
	-Werror=incompatible-pointer-types -Werror=designated-init \
	-Wdeclaration-after-statement -Wno-declaration-after-statement \
	-Wmissing-prototypes -Wold-style-definition -Wold-style-declaration \
	-Wmissing-parameter-type -Wnested-externs -Wbad-function-cast \
	-Wno-pointer-sign -Wpointer-sign -Wno-override-init -Woverride-init \
	-Wenum-conversion -Wno-pointer-to-enum-cast \
	-Wno-enum-compare-conditional -Wno-microsoft-anon-tag \
	-fms-extensions -fms-anonymous-structs \
	-Wno-alloc-size-larger-than -Wimplicit-int -Wno-discarded-qualifiers \
	-Wno-maybe-uninitialized

kcxx-drop-includes = $(filter-out -include -I% -isystem %.h, $(1))

kcxx-flags-y := -x c++ -std=gnu++20 -fno-exceptions -fno-rtti \
	-fno-threadsafe-statics -nostdinc++ -fno-use-cxa-atexit \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-Wno-invalid-offsetof -Werror=return-type -Werror=unused-result \
	-I$(KCXX_ROOT)/include -I$(obj)/kcxx-gen

ifdef CONFIG_CC_IS_CLANG
kcxx-flags-y += -fno-c++-static-destructors \
	-Wthread-safety -Wthread-safety-beta -Werror=thread-safety \
	-Werror=thread-safety-beta \
	-Werror=global-constructors -Werror=exit-time-destructors
endif

cxx_flags = $(filter-out $(kcxx-c-only-flags), $(call kcxx-drop-includes, $(c_flags))) \
	$(kcxx-flags-y) $(CXXFLAGS_$(target-stem).o)

quiet_cmd_cc_o_cpp = CXX $(quiet_modtag) $@
      cmd_cc_o_cpp = $(CC) $(cxx_flags) -c -o $@ $< \
		$(cmd_ld_single) \
		$(cmd_objtool)

define rule_cc_o_cpp
	$(call cmd_and_fixdep,cc_o_cpp)
	$(call cmd,gen_objtooldep)
	$(call cmd,record_mcount)
endef

# The layout of embedded kernel objects (cxxrt/layout.c), generated for the
# kernel this module is built against; every C++ object depends on it.
kcxx-layout := $(obj)/kcxx-gen/kcxx/layout.h

$(obj)/kcxx-layout.s: $(KCXX_ROOT)/cxxrt/layout.c FORCE
	$(call if_changed_dep,cc_s_c)

$(kcxx-layout): $(obj)/kcxx-layout.s FORCE
	$(call filechk,offsets,__KCXX_LAYOUT_H__)

targets += kcxx-layout.s kcxx-gen/kcxx/layout.h
clean-files += kcxx-gen

$(obj)/%.o: $(src)/%.cpp $(kcxx-layout) FORCE
	$(call if_changed_rule,cc_o_cpp)
