// SPDX-License-Identifier: GPL-2.0
/*
 * cxx_unit.cpp: all of the module's C++, as one translation unit.
 *
 * A module's C++ is compiled as one object, as a Rust crate is: GCC emits
 * the inline functions and template instances of the kcxx headers as
 * COMDAT sections in every object that uses them, and the ftrace tables
 * (objtool's __mcount_loc, GCC's __patchable_function_entries) refer to
 * them from outside their group.  When kbuild links a module's objects
 * together (ld -r), the duplicates it discards leave those references
 * dangling and the link fails.  With one C++ object there are no
 * duplicates.  (Clang ties the tables to the group; one object works the
 * same way for it.)  See Documentation/cxx-subset.rst.
 */
#include "ipw2200.cpp"
#include "transport/debugfs.cpp"
#include "transport/fw.cpp"
#include "transport/hw.cpp"
#include "transport/load.cpp"
#include "transport/trans.cpp"
#include "wireless/connect.cpp"
#include "wireless/data.cpp"
#include "wireless/geo.cpp"
#include "wireless/ibss.cpp"
#include "wireless/keys.cpp"
#include "wireless/modes.cpp"
#include "wireless/radio.cpp"
#include "wireless/scan.cpp"
#include "wireless/wireless.cpp"
