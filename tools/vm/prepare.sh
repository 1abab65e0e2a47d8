#!/usr/bin/env bash
# Prepares the real-kernel VM from Debian packages (nothing prebuilt is committed):
#   - installs qemu-system-x86 when qemu-system-x86_64 is missing (needs root and the Debian mirror);
#   - downloads the kernel image package (the one linux-image-amd64 depends on, a 6.1 kernel on bookworm) and
#     busybox-static with `apt-get download`, and unpacks them;
#   - extracts the uncompressed vmlinux (qemu boots it directly through its PVH note, skipping the slow
#     decompression under TCG);
#   - builds tools/vm/proxy with gcc -static;
#   - packs busybox, the proxy, init.sh and the modules vgem needs into an initramfs.
# Output in $IGT_VM_CACHE (default ~/.cache/igt-vm): vmlinux, initramfs.cpio, kernel-release.
# Re-running reuses the downloads; the proxy and the initramfs are always rebuilt (a few seconds).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${IGT_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/igt-vm}
mkdir -p "$cache/debs"

log() { echo "vm/prepare: $*" >&2; }

if ! command -v qemu-system-x86_64 > /dev/null; then
	log "installing qemu-system-x86"
	if [ "$(id -u)" != 0 ]; then
		log "qemu-system-x86_64 is missing and this is not root: apt-get install qemu-system-x86"
		exit 1
	fi
	[ -n "$(find /var/lib/apt/lists -name '*Packages*' -print -quit 2> /dev/null)" ] || apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-system-x86 > /dev/null
fi
if ! command -v xz > /dev/null; then
	log "installing xz-utils"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xz-utils > /dev/null
fi
for tool in gcc dpkg-deb apt-get xz; do
	command -v "$tool" > /dev/null || { log "$tool is needed"; exit 1; }
done

# The kernel package linux-image-amd64 points at (override with IGT_VM_KERNEL_PKG).
pkg=${IGT_VM_KERNEL_PKG:-}
if [ -z "$pkg" ]; then
	pkg=$(apt-cache depends linux-image-amd64 2> /dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
	if [ -z "$pkg" ]; then
		apt-get update -qq
		pkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
	fi
fi
[ -n "$pkg" ] || { log "cannot resolve linux-image-amd64"; exit 1; }

fetch() { # fetch PACKAGE: the .deb in $cache/debs
	local deb
	deb=$(ls "$cache/debs/$1"_*.deb 2> /dev/null | head -1 || true)
	if [ -z "$deb" ]; then
		log "downloading $1"
		(cd "$cache/debs" && apt-get download -qq "$1" > /dev/null)
		deb=$(ls "$cache/debs/$1"_*.deb | head -1)
	fi
	echo "$deb"
}

kdeb=$(fetch "$pkg")
bdeb=$(fetch busybox-static)
kdir="$cache/kernel-$pkg"
if [ ! -d "$kdir" ]; then
	log "unpacking $(basename "$kdeb")"
	rm -rf "$kdir.tmp" && mkdir -p "$kdir.tmp" && dpkg-deb -x "$kdeb" "$kdir.tmp" && mv "$kdir.tmp" "$kdir"
fi
rm -rf "$cache/busybox" && mkdir -p "$cache/busybox" && dpkg-deb -x "$bdeb" "$cache/busybox"
busybox="$cache/busybox/bin/busybox"

release=$(ls "$kdir/lib/modules" | head -1)
vmlinuz="$kdir/boot/vmlinuz-$release"
if [ ! -s "$cache/vmlinux-$release" ]; then
	log "extracting vmlinux from $(basename "$vmlinuz")"
	# The bzImage carries the kernel as an xz stream (x86 BCJ filter, which busybox's unxz lacks); the bytes after
	# the stream make xz complain, the output is whole.
	off=$(LC_ALL=C grep -obUa $'\xfd7zXZ\x00' "$vmlinuz" | head -1 | cut -d: -f1)
	[ -n "$off" ] || { log "no xz payload in $vmlinuz"; exit 1; }
	tail -c +$((off + 1)) "$vmlinuz" | xz -dc > "$cache/vmlinux-$release.tmp" 2> /dev/null || true
	[ "$(head -c 4 "$cache/vmlinux-$release.tmp" | od -An -c | tr -d ' ')" = '177ELF' ] || { log "vmlinux extraction failed"; exit 1; }
	mv "$cache/vmlinux-$release.tmp" "$cache/vmlinux-$release"
fi
ln -sf "vmlinux-$release" "$cache/vmlinux"

log "building igt-proxy"
gcc -static -O2 -Wall -Wextra -Werror -pthread -o "$cache/igt-proxy" \
	"$here/proxy/main.c" "$here/proxy/supervisor.c" "$here/proxy/process.c"

# Modules in load order: each one after the modules its depends= line names.
root="$cache/initramfs"
rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys,tmp,lib/modules}
cp "$busybox" "$root/bin/busybox"
cp "$cache/igt-proxy" "$root/bin/igt-proxy"
cp "$here/init.sh" "$root/init" && chmod 755 "$root/init"
mods="$kdir/lib/modules/$release/kernel"
declare -A done_mods=()
order=()
add_module() {
	local name=$1 path dep
	[ -n "${done_mods[$name]:-}" ] && return
	path=$(find "$mods" -name "$name.ko" -print -quit)
	[ -n "$path" ] || { log "module $name not in $pkg"; exit 1; }
	for dep in $(strings -a "$path" 2> /dev/null | sed -n 's/^depends=//p' | tr ',' ' '); do
		add_module "$dep"
	done
	cp "$path" "$root/lib/modules/$name.ko"
	done_mods[$name]=1
	order+=("$name")
}
for m in virtio_pci virtio_console vgem; do
	add_module "$m"
done
printf '%s\n' "${order[@]}" > "$root/lib/modules/load-order"
(cd "$root" && find . | LC_ALL=C sort | "$busybox" cpio -o -H newc 2> /dev/null) > "$cache/initramfs.cpio"
echo "$release" > "$cache/kernel-release"
log "ready: kernel $release, modules: ${order[*]}, $(du -h "$cache/initramfs.cpio" | cut -f1) initramfs in $cache"
