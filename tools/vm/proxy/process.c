/*
 * A proxy process: the test process of one test, on the real kernel. A reader thread takes request frames from the
 * supervisor and hands each to the thread of its lane; lane threads run the system calls and memory accesses and
 * send the replies.
 *
 * Signals: every thread blocks all asynchronous signals except while it sleeps in a call a signal may interrupt
 * (ioctl, poll), so a signal sent to the process lands on the thread that is waiting, as it would in a
 * single-threaded IGT test. SIGSEGV and SIGBUS stay unblocked: memory accesses catch them and report the fault.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proxy.h"

#define MAX_LANES 128
#define FRAME_MAX (sizeof(struct req_hdr) + PROXY_MAX_PAYLOAD + 64)

struct lane {
	uint32_t id;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned char *frame; /* the request waiting for the lane's thread */
};

static int sock = -1;
static int kmsg = -1;
static pthread_mutex_t send_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lane lanes[MAX_LANES];
static int nlanes;
static sigset_t blocked; /* everything but the synchronous faults */
static atomic_long sig_counts[65];
static atomic_long interrupted;

static __thread sigjmp_buf fault_jmp;
static __thread volatile sig_atomic_t fault_armed;
static __thread volatile sig_atomic_t in_wait;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (!fault_armed) {
		signal(sig, SIG_DFL);
		return; /* re-executes the access and dies of the default action */
	}
	fault_armed = 0;
	if (sig == SIGBUS)
		siglongjmp(fault_jmp, FR_BUS);
	siglongjmp(fault_jmp, si->si_code == SEGV_ACCERR ? FR_SEGV_ACCERR : FR_SEGV_MAPERR);
}

static void on_counted(int sig)
{
	atomic_fetch_add(&sig_counts[sig], 1);
	if (in_wait)
		atomic_fetch_add(&interrupted, 1);
}

/* A memory copy that reports the fault it hit instead of dying of it. */
static int guarded_copy(void *dst, const void *src, size_t len)
{
	int r = sigsetjmp(fault_jmp, 1);

	if (r)
		return r;
	fault_armed = 1;
	for (size_t i = 0; i < len; i++)
		((volatile unsigned char *)dst)[i] = ((const volatile unsigned char *)src)[i];
	fault_armed = 0;
	return FR_OK;
}

static void send_reply(const struct req_hdr *req, int64_t ret, int64_t aux, const void *payload, uint32_t plen)
{
	struct rep_hdr h = {
		.len = sizeof(h) - 4 + plen,
		.session = req->session,
		.lane = req->lane,
		.op = req->op,
		.ret = ret,
		.aux = aux,
	};
	struct iovec iov[2] = { { &h, sizeof(h) }, { (void *)payload, plen } };
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = plen ? 2 : 1 };

	pthread_mutex_lock(&send_lock);
	sendmsg(sock, &msg, MSG_NOSIGNAL);
	pthread_mutex_unlock(&send_lock);
}

/* The calling lane's reply buffer (lanes live as long as the process). */
static void *reply_buffer(void)
{
	static __thread void *buf;

	if (!buf)
		buf = malloc(PROXY_MAX_PAYLOAD);
	return buf;
}

static int64_t neg_errno(long r)
{
	return r < 0 ? -errno : r;
}

/* The payload as a NUL-terminated string in buf. */
static const char *payload_str(const struct req_hdr *h, char *buf, size_t size)
{
	size_t n = h->len + 4 - sizeof(*h);

	if (n >= size)
		n = size - 1;
	memcpy(buf, (const char *)(h + 1), n);
	buf[n] = 0;
	return buf;
}

/* Runs a call a signal may interrupt, with signals deliverable to this thread. */
#define INTERRUPTIBLE(expr)                                      \
	({                                                       \
		long __r;                                        \
		int __e;                                         \
		pthread_sigmask(SIG_UNBLOCK, &blocked, NULL);    \
		in_wait = 1;                                     \
		__r = (expr);                                    \
		__e = errno;                                     \
		in_wait = 0;                                     \
		pthread_sigmask(SIG_BLOCK, &blocked, NULL);      \
		errno = __e;                                     \
		__r;                                             \
	})

static void op_readfile(const struct req_hdr *h)
{
	char *out = reply_buffer();
	char path[4096];
	size_t len = 0;
	ssize_t n;
	int fd = open(payload_str(h, path, sizeof(path)), O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		send_reply(h, -errno, 0, NULL, 0);
		return;
	}
	while (len < PROXY_MAX_PAYLOAD && (n = read(fd, out + len, PROXY_MAX_PAYLOAD - len)) > 0)
		len += n;
	close(fd);
	send_reply(h, 0, 0, out, len);
}

static void op_writefile(const struct req_hdr *h)
{
	char buf[8192];
	const char *path = payload_str(h, buf, sizeof(buf));
	size_t plen = h->len + 4 - sizeof(*h);
	size_t pathlen = strnlen(path, plen);
	const char *text = path + pathlen + 1;
	size_t tlen = pathlen < plen ? plen - pathlen - 1 : 0;
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int64_t r = 0;

	if (fd < 0) {
		send_reply(h, -errno, 0, NULL, 0);
		return;
	}
	if (write(fd, text, tlen) < 0)
		r = -errno;
	close(fd);
	send_reply(h, r, 0, NULL, 0);
}

static void op_listdir(const struct req_hdr *h)
{
	char *out = reply_buffer();
	char path[4096];
	size_t len = 0;
	struct dirent *de;
	DIR *d = opendir(payload_str(h, path, sizeof(path)));

	if (!d) {
		send_reply(h, -errno, 0, NULL, 0);
		return;
	}
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);

		if (de->d_name[0] == '.' || len + n + 1 > PROXY_MAX_PAYLOAD)
			continue;
		memcpy(out + len, de->d_name, n);
		len += n;
		out[len++] = '\n';
	}
	closedir(d);
	send_reply(h, 0, 0, out, len);
}

static void op_dmesg(const struct req_hdr *h)
{
	char *out = reply_buffer();
	size_t len = 0;

	/* One record per read(); stop before a record could overflow the reply (the host asks again). */
	while (kmsg >= 0 && len + 8192 <= PROXY_MAX_PAYLOAD) {
		ssize_t n = read(kmsg, out + len, PROXY_MAX_PAYLOAD - len);

		if (n < 0 && errno == EPIPE)
			continue; /* records were overwritten: go on from the oldest left */
		if (n <= 0)
			break;
		len += n;
	}
	send_reply(h, 0, 0, out, len);
}

static void op_sigaction(const struct req_hdr *h)
{
	struct sigaction sa = { .sa_handler = on_counted, .sa_flags = h->args[1] ? SA_RESTART : 0 };
	int sig = (int)h->args[0];

	sigemptyset(&sa.sa_mask);
	if (sig <= 0 || sig > 64 || sig == SIGSEGV || sig == SIGBUS) {
		send_reply(h, -EINVAL, 0, NULL, 0);
		return;
	}
	send_reply(h, neg_errno(sigaction(sig, &sa, NULL)), 0, NULL, 0);
}

static void run(const struct req_hdr *h)
{
	unsigned char *data = reply_buffer();
	const uint64_t *a = h->args;
	const unsigned char *payload = (const unsigned char *)(h + 1);
	size_t plen = h->len + 4 - sizeof(*h);
	char path[4096];
	struct pollfd pfd;
	struct stat st;
	long r;

	switch (h->op) {
	case OP_OPEN:
		send_reply(h, neg_errno(open(payload_str(h, path, sizeof(path)), (int)a[0])), 0, NULL, 0);
		break;
	case OP_CLOSE:
		send_reply(h, neg_errno(close((int)a[0])), 0, NULL, 0);
		break;
	case OP_DUP:
		send_reply(h, neg_errno(dup((int)a[0])), 0, NULL, 0);
		break;
	case OP_FSTAT:
		r = fstat((int)a[0], &st);
		send_reply(h, r < 0 ? -errno : (int64_t)st.st_ino, 0, NULL, 0);
		break;
	case OP_IOCTL:
		r = INTERRUPTIBLE(ioctl((int)a[0], (unsigned long)(uint32_t)a[1], (void *)a[2]));
		send_reply(h, neg_errno(r), 0, NULL, 0);
		break;
	case OP_MMAP: {
		void *p = mmap((void *)a[0], a[1], (int)a[2], (int)a[3], (int)a[4], (off_t)a[5]);

		send_reply(h, p == MAP_FAILED ? -errno : (int64_t)(uintptr_t)p, 0, NULL, 0);
		break;
	}
	case OP_MUNMAP:
		send_reply(h, neg_errno(munmap((void *)a[0], a[1])), 0, NULL, 0);
		break;
	case OP_MREMAP: {
		void *p = mremap((void *)a[0], a[1], a[2], (int)a[3], (void *)a[4]);

		send_reply(h, p == MAP_FAILED ? -errno : (int64_t)(uintptr_t)p, 0, NULL, 0);
		break;
	}
	case OP_MADVISE:
		send_reply(h, neg_errno(madvise((void *)a[0], a[1], (int)a[2])), 0, NULL, 0);
		break;
	case OP_POLL:
		pfd = (struct pollfd){ .fd = (int)a[0], .events = (short)a[1] };
		r = INTERRUPTIBLE(poll(&pfd, 1, (int)a[2]));
		send_reply(h, r < 0 ? -errno : r == 0 ? 0 : (uint16_t)pfd.revents, 0, NULL, 0);
		break;
	case OP_READMEM: {
		size_t len = a[1] > PROXY_MAX_PAYLOAD ? PROXY_MAX_PAYLOAD : a[1];

		memset(data, 0, len);
		r = guarded_copy(data, (const void *)a[0], len);
		send_reply(h, r, 0, data, len);
		break;
	}
	case OP_WRITEMEM:
		send_reply(h, guarded_copy((void *)a[0], payload, plen), 0, NULL, 0);
		break;
	case OP_LISTDIR:
		op_listdir(h);
		break;
	case OP_READFILE:
		op_readfile(h);
		break;
	case OP_WRITEFILE:
		op_writefile(h);
		break;
	case OP_KMSG: {
		/*
		 * One write() is one record. The newline finalizes it: without one the kernel keeps the record open for a
		 * continuation and readers of /dev/kmsg do not see it until the next record comes.
		 */
		char rec[1024];
		int n = snprintf(rec, sizeof(rec), "<%d>%.*s\n", (int)a[0], (int)plen, (const char *)payload);
		int fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);

		r = fd < 0 ? -errno : write(fd, rec, n < (int)sizeof(rec) ? n : (int)sizeof(rec) - 1) < 0 ? -errno : 0;
		if (fd >= 0)
			close(fd);
		send_reply(h, r, 0, NULL, 0);
		break;
	}
	case OP_KILL:
		send_reply(h, neg_errno(kill((pid_t)a[0], (int)a[1])), 0, NULL, 0);
		break;
	case OP_SIGACTION:
		op_sigaction(h);
		break;
	case OP_SIGCOUNT:
		send_reply(h, a[0] < 65 ? atomic_load(&sig_counts[a[0]]) : 0, 0, NULL, 0);
		break;
	case OP_INTERRUPTED:
		send_reply(h, atomic_load(&interrupted), 0, NULL, 0);
		break;
	case OP_DMESG:
		op_dmesg(h);
		break;
	case OP_GETINFO:
		send_reply(h, getpid(), geteuid(), NULL, 0);
		break;
	default:
		send_reply(h, -ENOSYS, 0, NULL, 0);
	}
}

static void *lane_main(void *arg)
{
	struct lane *l = arg;

	for (;;) {
		unsigned char *f;

		pthread_mutex_lock(&l->lock);
		while (!l->frame)
			pthread_cond_wait(&l->cond, &l->lock);
		f = l->frame;
		/* Free the slot before replying: the host sends the lane's next request as soon as it has the reply. */
		l->frame = NULL;
		pthread_mutex_unlock(&l->lock);
		run((const struct req_hdr *)f);
		free(f);
	}
	return NULL;
}

static struct lane *lane_of(uint32_t id)
{
	pthread_attr_t attr;
	struct lane *l;

	for (int i = 0; i < nlanes; i++)
		if (lanes[i].id == id)
			return &lanes[i];
	if (nlanes == MAX_LANES)
		return NULL;
	l = &lanes[nlanes];
	l->id = id;
	pthread_mutex_init(&l->lock, NULL);
	pthread_cond_init(&l->cond, NULL);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 1 << 20);
	if (pthread_create(&l->thread, &attr, lane_main, l))
		return NULL;
	nlanes++;
	return l;
}

int proxy_process_main(int s)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO | SA_NODEFER };

	sock = s;
	sigfillset(&blocked);
	sigdelset(&blocked, SIGSEGV);
	sigdelset(&blocked, SIGBUS);
	sigdelset(&blocked, SIGKILL);
	sigdelset(&blocked, SIGSTOP);
	pthread_sigmask(SIG_SETMASK, &blocked, NULL);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* dmesg of this test: records from now on. */
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg >= 0)
		lseek(kmsg, 0, SEEK_END);

	for (;;) {
		unsigned char *f = malloc(FRAME_MAX);
		ssize_t n;
		struct lane *l;

		if (!f)
			return 1;
		n = recv(sock, f, FRAME_MAX, 0);
		if (n <= 0)
			return 0; /* the supervisor is gone */
		if ((size_t)n < sizeof(struct req_hdr)) {
			free(f);
			continue;
		}
		l = lane_of(((struct req_hdr *)f)->lane);
		if (!l) {
			send_reply((struct req_hdr *)f, -EAGAIN, 0, NULL, 0);
			free(f);
			continue;
		}
		pthread_mutex_lock(&l->lock);
		if (l->frame) {
			/* The host sends one request per lane at a time; a second one is a protocol error. */
			pthread_mutex_unlock(&l->lock);
			send_reply((struct req_hdr *)f, -EBUSY, 0, NULL, 0);
			free(f);
			continue;
		}
		l->frame = f;
		pthread_cond_signal(&l->cond);
		pthread_mutex_unlock(&l->lock);
	}
}
