#!/usr/bin/env bash
# Boots or stops the real-kernel VM prepared by prepare.sh.
#   boot.sh start RUNDIR   boots in the background; RUNDIR gets igt0.sock..igtN.sock (virtio serial ports, one
#                          igt-proxy each), console.log, qemu.pid and boot-seconds; returns once the VM is ready.
#   boot.sh stop RUNDIR    powers it off.
# Tests reach it with IGT_BACKEND=vm IGT_VM_DIR=RUNDIR (harness/Igt/Os/Remote). TCG only: no KVM is needed.
# IGT_VM_PORTS (default 4) is how many test hosts can use the VM at once; IGT_VM_MEM (default 512M).
set -euo pipefail

cache=${IGT_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/igt-vm}
cmd=${1:-}
run=${2:-}
[ -n "$cmd" ] && [ -n "$run" ] || { echo "usage: boot.sh start|stop RUNDIR" >&2; exit 2; }

log() { echo "vm/boot: $*" >&2; }

stop() {
	if [ -f "$run/qemu.pid" ]; then
		local pid
		pid=$(cat "$run/qemu.pid")
		kill "$pid" 2> /dev/null || true
		for _ in $(seq 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
		kill -9 "$pid" 2> /dev/null || true
		rm -f "$run/qemu.pid"
	fi
}

case "$cmd" in
stop)
	stop
	exit 0
	;;
start) ;;
*)
	echo "usage: boot.sh start|stop RUNDIR" >&2
	exit 2
	;;
esac

for f in vmlinux initramfs.cpio; do
	[ -s "$cache/$f" ] || { log "$cache/$f is missing: run tools/vm/prepare.sh"; exit 1; }
done
command -v qemu-system-x86_64 > /dev/null || { log "qemu-system-x86_64 is missing: run tools/vm/prepare.sh"; exit 1; }

mkdir -p "$run"
run=$(cd "$run" && pwd)
stop
rm -f "$run"/igt*.sock "$run/console.log" "$run/boot-seconds"
ports=()
for i in $(seq 0 $((${IGT_VM_PORTS:-4} - 1))); do
	ports+=(-chardev "socket,id=igt$i,path=$run/igt$i.sock,server=on,wait=off"
		-device "virtserialport,chardev=igt$i,name=igt$i")
done
start=$(date +%s%N)
qemu-system-x86_64 -accel tcg -m "${IGT_VM_MEM:-512M}" -smp 1 -nodefaults -no-user-config -net none \
	-display none -no-reboot -kernel "$cache/vmlinux" -initrd "$cache/initramfs.cpio" \
	-append "console=ttyS0 panic=-1 quiet" -serial "file:$run/console.log" \
	-device virtio-serial-pci "${ports[@]}" -daemonize -pidfile "$run/qemu.pid"

for _ in $(seq 1200); do
	if grep -q "IGT-VM-READY" "$run/console.log" 2> /dev/null; then
		secs=$(awk -v s="$start" -v e="$(date +%s%N)" 'BEGIN { printf "%.2f", (e - s) / 1e9 }')
		echo "$secs" > "$run/boot-seconds"
		log "ready in ${secs}s ($(grep -o 'IGT-VM-READY.*' "$run/console.log"))"
		if grep -q "IGT-VM-ERROR" "$run/console.log"; then
			grep "IGT-VM-ERROR" "$run/console.log" >&2
			stop
			exit 1
		fi
		exit 0
	fi
	if ! kill -0 "$(cat "$run/qemu.pid" 2> /dev/null || echo 0)" 2> /dev/null; then
		log "qemu exited during boot; console:"
		tail -20 "$run/console.log" >&2 || true
		exit 1
	fi
	sleep 0.1
done
log "not ready after 120s; console:"
tail -20 "$run/console.log" >&2 || true
stop
exit 1
