/*
 * The igt-proxy wire protocol (harness/Igt/Os/Remote/ProxyProtocol.cs is the other side; keep them in step).
 *
 * Every frame starts with a little-endian u32 length of what follows. Requests, host to guest:
 *   u32 len | u32 session | u32 lane | u32 op | u64 args[6] | payload
 * Replies, guest to host:
 *   u32 len | u32 session | u32 lane | u32 op | i64 ret | i64 aux | payload
 * Session 0 talks to the supervisor (one per virtio port); every other session is one proxy process, the "test
 * process" of one test. A lane is one thread of the test: requests of one lane run in order on one thread of the
 * proxy process, lanes run concurrently (a helper thread can signal a wait in progress on another lane).
 */
#ifndef IGT_PROXY_PROTOCOL_H
#define IGT_PROXY_PROTOCOL_H

#include <stdint.h>

#define PROXY_VERSION 1
#define PROXY_MAX_PAYLOAD (64 * 1024)
#define PROXY_NARGS 6

enum proxy_op {
	/* supervisor (session 0) */
	OP_HELLO = 1,      /* ret = PROXY_VERSION, payload = uname release */
	OP_SPAWN = 2,      /* args[0] = new session id; ret = pid or -errno */
	OP_END = 3,        /* args[0] = session id; the process is killed and reaped */
	OP_DIED = 4,       /* guest to host only: session's process died, ret = wait status */

	/* proxy process */
	OP_OPEN = 10,      /* args[0] = flags; payload = path */
	OP_CLOSE = 11,
	OP_DUP = 12,
	OP_FSTAT = 13,     /* ret = st_ino */
	OP_IOCTL = 14,     /* fd, request, arg */
	OP_MMAP = 15,      /* addr, length, prot, flags, fd, offset */
	OP_MUNMAP = 16,
	OP_MREMAP = 17,    /* old, oldlen, newlen, flags, newaddr */
	OP_MADVISE = 18,
	OP_POLL = 19,      /* fd, events, timeout ms; ret = revents, 0 or -errno */
	OP_READMEM = 20,   /* addr, len; ret = fault result; payload = bytes */
	OP_WRITEMEM = 21,  /* addr; payload = bytes; ret = fault result */
	OP_LISTDIR = 22,   /* payload = directory; reply payload = names, '\n' separated */
	OP_READFILE = 23,  /* payload = path; ret = 0 or -errno; reply payload = contents */
	OP_WRITEFILE = 24, /* payload = path '\0' text */
	OP_KMSG = 25,      /* args[0] = level; payload = text */
	OP_KILL = 26,      /* pid, sig */
	OP_SIGACTION = 27, /* sig, restart */
	OP_SIGCOUNT = 28,  /* sig */
	OP_INTERRUPTED = 29,
	OP_DMESG = 30,     /* reply payload = /dev/kmsg records logged since the process started */
	OP_GETINFO = 31,   /* ret = pid, aux = euid */
};

/* FaultResult of harness/Igt.Kernel/Process/FaultResult.cs */
enum fault_result {
	FR_OK = 0,
	FR_SEGV_MAPERR = 1,
	FR_SEGV_ACCERR = 2,
	FR_BUS = 3,
	FR_OOM = 4,
};

struct req_hdr {
	uint32_t len;
	uint32_t session;
	uint32_t lane;
	uint32_t op;
	uint64_t args[PROXY_NARGS];
};

struct rep_hdr {
	uint32_t len;
	uint32_t session;
	uint32_t lane;
	uint32_t op;
	int64_t ret;
	int64_t aux;
};

/* Natural alignment leaves no padding: the structs are the wire layout. */
_Static_assert(sizeof(struct req_hdr) == 64, "request header is 64 bytes");
_Static_assert(sizeof(struct rep_hdr) == 32, "reply header is 32 bytes");

#endif
