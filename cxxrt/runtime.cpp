// SPDX-License-Identifier: GPL-2.0
// cxxrt: the C++ runtime, and nothing else.  operator new/delete over the
// shim's kmalloc/kfree; every allocation names its context (kcxx::Gfp).
// Exceptions, RTTI, thread-safe statics and atexit are compiled out, so no
// other runtime symbol can be referenced; modpost fails loudly if one is.

#include <kcxx/new.h>
#include <kcxx/shim.h>

void *operator new(kcxx::size_t size, kcxx::Gfp gfp) noexcept
{
	return kcxx_shim_kmalloc(size, static_cast<unsigned int>(gfp.kind()));
}

void *operator new[](kcxx::size_t size, kcxx::Gfp gfp) noexcept
{
	return kcxx_shim_kmalloc(size, static_cast<unsigned int>(gfp.kind()));
}

void *operator new(kcxx::size_t size, std::align_val_t align, kcxx::Gfp gfp) noexcept
{
	return kcxx_shim_kmalloc_aligned(size, static_cast<kcxx::size_t>(align), static_cast<unsigned int>(gfp.kind()));
}

void *operator new[](kcxx::size_t size, std::align_val_t align, kcxx::Gfp gfp) noexcept
{
	return kcxx_shim_kmalloc_aligned(size, static_cast<kcxx::size_t>(align), static_cast<unsigned int>(gfp.kind()));
}

void operator delete(void *p) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete[](void *p) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete(void *p, kcxx::size_t) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete[](void *p, kcxx::size_t) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete(void *p, std::align_val_t) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete[](void *p, std::align_val_t) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete(void *p, kcxx::size_t, std::align_val_t) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete[](void *p, kcxx::size_t, std::align_val_t) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete(void *p, kcxx::Gfp) noexcept
{
	kcxx_shim_kfree(p);
}

void operator delete[](void *p, kcxx::Gfp) noexcept
{
	kcxx_shim_kfree(p);
}

// A call through a pure virtual slot is a bug in the caller: report it with a
// stack trace instead of jumping to nowhere.
extern "C" void __cxa_pure_virtual();
extern "C" void __cxa_pure_virtual()
{
	kcxx_shim_pure_virtual_called();
}
