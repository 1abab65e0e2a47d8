/*
 * igt-proxy: runs inside the real-kernel VM (tools/vm). `igt-proxy PORT` serves one virtio serial port: the C#
 * RemoteSyscalls backend on the host sends system calls and memory accesses, and each test gets a process of its
 * own here whose memory is the test's memory.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "proxy.h"

ssize_t read_full(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

		if (n == 0)
			return 0;
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += n;
	}
	return done;
}

ssize_t write_full(int fd, const void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, (const char *)buf + done, len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		done += n;
	}
	return done;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: igt-proxy /dev/vportNpM\n");
		return 2;
	}
	return supervisor_main(argv[1]);
}
