#!/bin/busybox sh
# /init of the real-kernel VM (tools/vm/prepare.sh copies it into the initramfs): mount the pseudo filesystems,
# load vgem and the virtio serial driver, start an igt-proxy on each igt* port, then idle.
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t debugfs debugfs /sys/kernel/debug
mkdir -p /tmp
for m in $(cat /lib/modules/load-order); do
	insmod "/lib/modules/$m.ko" || echo "IGT-VM-ERROR insmod $m failed" > /dev/console
done
# Kernel messages go to /dev/kmsg for the tests; keep the console for the boot log only.
echo 4 > /proc/sys/kernel/printk
for port in /sys/class/virtio-ports/*; do
	case "$(cat "$port/name")" in
	igt*) /bin/igt-proxy "/dev/${port##*/}" 2> /dev/console & ;;
	esac
done
echo "IGT-VM-READY uptime=$(cut -d' ' -f1 /proc/uptime) kernel=$(uname -r)" > /dev/console
while true; do sleep 3600; done
