# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the ipw2200_cxx scripts.  Source it; do not run it.

IPW_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IPW_CACHE=${IPW_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ipw2200_cxx}
# The kernel the test machines run, and the Debian package that carries it.
IPW_KVER=${IPW_KVER:-7.3}
IPW_LLVM=${IPW_LLVM:--19}
IPW_JOBS=${IPW_JOBS:-$(($(nproc) + 1))}

log() { printf '[%s] %s\n' "${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# hash_inputs FILE... : one digest over the names and contents of FILEs.
hash_inputs() {
	local f
	for f in "$@"; do
		printf '%s\n' "${f#"$IPW_ROOT"/}"
		cat "$f"
	done | sha256sum | cut -c1-16
}

# ensure_apt_source: trixie-backports, as a source for downloads only.
# Pinned to priority 1 so that nothing is ever installed or upgraded from it.
ensure_apt_source() {
	local list=/etc/apt/sources.list.d/ipw2200-cxx-downloads.sources
	local pin=/etc/apt/preferences.d/ipw2200-cxx-downloads
	if ! grep -rqs 'trixie-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		[ "$(id -u)" = 0 ] || die "add trixie-backports to apt sources (needs root)"
		cat >"$list" <<'EOS'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie-backports bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
		rm -f /var/lib/ipw2200-cxx-apt-updated
	fi
	if [ ! -e "$pin" ] && [ "$(id -u)" = 0 ]; then
		cat >"$pin" <<'EOS'
Package: *
Pin: release n=trixie-backports
Pin-Priority: 1

Package: *
Pin: release n=bookworm-backports
Pin-Priority: 100
EOS
	fi
}

# ensure_firmware_source: Debian 12's non-free-firmware component, as a
# source for downloads only (firmware-ipw2x00, whose images the device model
# must accept), pinned to priority 1 like the backports.
ensure_firmware_source() {
	local list=/etc/apt/sources.list.d/ipw2200-cxx-firmware.sources
	local pin=/etc/apt/preferences.d/ipw2200-cxx-firmware
	if ! grep -rqs 'non-free-firmware' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		[ "$(id -u)" = 0 ] || die "add bookworm non-free-firmware to apt sources (needs root)"
		cat >"$list" <<'EOS'
Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: non-free-firmware
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOS
		rm -f /var/lib/ipw2200-cxx-apt-updated
	fi
	if [ ! -e "$pin" ] && [ "$(id -u)" = 0 ]; then
		cat >"$pin" <<'EOS'
Package: *
Pin: release n=bookworm, c=non-free-firmware
Pin-Priority: 1
EOS
	fi
}

apt_update_once() {
	local stamp=/var/lib/ipw2200-cxx-apt-updated
	if [ ! -e "$stamp" ] || [ -n "$(find "$stamp" -mmin +720 2>/dev/null)" ]; then
		apt-get update -qq >&2 || die "apt-get update failed"
		touch "$stamp" 2>/dev/null || true
	fi
}

# need_pkgs PKG... : install whichever of PKGs is missing.
need_pkgs() {
	local missing=() p
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
			missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" = 0 ] || die "missing packages (need root to install): ${missing[*]}"
	log "installing: ${missing[*]}"
	apt_update_once
	mkdir -p "$IPW_CACHE"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >"$IPW_CACHE/apt.log" 2>&1 ||
		{ tail -n 30 "$IPW_CACHE/apt.log" >&2; die "apt-get install failed: ${missing[*]}"; }
}

# download_deb PKG DIR : fetch PKG's .deb (no install) into DIR, print its path.
download_deb() {
	local pkg=$1 dir=$2 deb
	mkdir -p "$dir"
	deb=$(ls "$dir"/"${pkg}"_*.deb 2>/dev/null | head -n1)
	if [ -z "$deb" ]; then
		ensure_apt_source
		ensure_firmware_source
		apt_update_once
		(cd "$dir" && apt-get download -qq "$pkg" >&2 2>/dev/null ||
			{ apt-get update -qq >&2 && apt-get download -qq "$pkg" >&2; }) ||
			die "cannot download $pkg"
		deb=$(ls "$dir"/"${pkg}"_*.deb | head -n1)
	fi
	printf '%s\n' "$deb"
}

