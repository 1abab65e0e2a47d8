/*
 * The supervisor: one per virtio serial port. It owns the port, starts a proxy process per session (SPAWN), routes
 * request frames to the session's process and copies its replies back. When the host side of the port goes away
 * every session of that port is killed, so a crashed test host leaves nothing behind.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "proxy.h"

#define MAX_SESSIONS 64

struct session {
	uint32_t id;
	pid_t pid;
	int sock;
};

static struct session sessions[MAX_SESSIONS];
static int nsessions;
static int port = -1;
static unsigned char frame[sizeof(struct req_hdr) + PROXY_MAX_PAYLOAD + 64];

static void reply(uint32_t session, uint32_t lane, uint32_t op, int64_t ret, const void *payload, uint32_t plen)
{
	unsigned char buf[sizeof(struct rep_hdr) + 256];
	struct rep_hdr *h = (struct rep_hdr *)buf;

	if (plen > sizeof(buf) - sizeof(*h))
		plen = sizeof(buf) - sizeof(*h);
	h->len = sizeof(*h) - 4 + plen;
	h->session = session;
	h->lane = lane;
	h->op = op;
	h->ret = ret;
	h->aux = 0;
	memcpy(buf + sizeof(*h), payload, plen);
	write_full(port, buf, sizeof(*h) + plen);
}

static struct session *find(uint32_t id)
{
	for (int i = 0; i < nsessions; i++)
		if (sessions[i].id == id)
			return &sessions[i];
	return NULL;
}

static int reap(struct session *s)
{
	int status = 0;

	close(s->sock);
	waitpid(s->pid, &status, 0);
	*s = sessions[--nsessions];
	return status;
}

static void end_session(struct session *s)
{
	kill(s->pid, SIGKILL);
	reap(s);
}

static void end_all(void)
{
	while (nsessions > 0)
		end_session(&sessions[0]);
}

static int64_t spawn(uint32_t id)
{
	int sv[2];
	pid_t pid;

	if (id == 0 || find(id))
		return -EEXIST;
	if (nsessions == MAX_SESSIONS)
		return -EAGAIN;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv))
		return -errno;
	pid = fork();
	if (pid < 0) {
		int err = errno;

		close(sv[0]);
		close(sv[1]);
		return -err;
	}
	if (pid == 0) {
		close(sv[0]);
		close(port);
		for (int i = 0; i < nsessions; i++)
			close(sessions[i].sock);
		_exit(proxy_process_main(sv[1]));
	}
	close(sv[1]);
	sessions[nsessions++] = (struct session){ .id = id, .pid = pid, .sock = sv[0] };
	return pid;
}

static void supervise(const struct req_hdr *h)
{
	struct utsname u;
	struct session *s;

	switch (h->op) {
	case OP_HELLO:
		/* A new client: whatever the last one left running goes. */
		end_all();
		uname(&u);
		reply(0, h->lane, h->op, PROXY_VERSION, u.release, strlen(u.release));
		break;
	case OP_SPAWN:
		reply(0, h->lane, h->op, spawn((uint32_t)h->args[0]), NULL, 0);
		break;
	case OP_END:
		s = find((uint32_t)h->args[0]);
		if (s)
			end_session(s);
		reply(0, h->lane, h->op, s ? 0 : -ESRCH, NULL, 0);
		break;
	default:
		reply(0, h->lane, h->op, -ENOSYS, NULL, 0);
	}
}

/* One frame from the port into `frame`: 1, 0 when the host is gone, -1 on a bad frame. */
static int read_frame(void)
{
	uint32_t len;
	ssize_t n = read_full(port, &len, 4);

	if (n <= 0)
		return 0;
	if (len < sizeof(struct req_hdr) - 4 || len > sizeof(frame) - 4)
		return -1;
	memcpy(frame, &len, 4);
	n = read_full(port, frame + 4, len);
	return n == (ssize_t)len ? 1 : 0;
}

static void from_host(void)
{
	struct req_hdr *h = (struct req_hdr *)frame;
	struct session *s;
	int r = read_frame();

	if (r <= 0) {
		/* The host closed its end (or garbled it): drop every session and wait for the next client. */
		end_all();
		if (r < 0)
			fprintf(stderr, "igt-proxy: bad frame, resetting\n");
		nanosleep(&(struct timespec){ .tv_nsec = 20 * 1000 * 1000 }, NULL);
		return;
	}
	if (h->session == 0) {
		supervise(h);
		return;
	}
	s = find(h->session);
	if (!s || send(s->sock, frame, h->len + 4, MSG_NOSIGNAL) < 0)
		reply(h->session, h->lane, OP_DIED, -ESRCH, NULL, 0);
}

static void from_session(struct session *s)
{
	ssize_t n = recv(s->sock, frame, sizeof(frame), 0);
	uint32_t id = s->id;

	if (n > 0) {
		write_full(port, frame, n);
		return;
	}
	/* The process exited (or was killed): tell the host so its waiting threads fail instead of hanging. */
	reply(id, 0, OP_DIED, reap(s), NULL, 0);
}

int supervisor_main(const char *path)
{
	struct pollfd pfd[MAX_SESSIONS + 1];

	signal(SIGPIPE, SIG_IGN);
	port = open(path, O_RDWR | O_CLOEXEC);
	if (port < 0) {
		perror(path);
		return 1;
	}
	for (;;) {
		int n = 0;

		pfd[n++] = (struct pollfd){ .fd = port, .events = POLLIN };
		for (int i = 0; i < nsessions; i++)
			pfd[n++] = (struct pollfd){ .fd = sessions[i].sock, .events = POLLIN };
		if (poll(pfd, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			perror("poll");
			return 1;
		}
		/* Sessions first: a reply must not wait behind a host that is still sending. */
		for (int i = n - 1; i >= 1; i--) {
			if (pfd[i].revents) {
				struct session *s = NULL;

				for (int k = 0; k < nsessions; k++)
					if (sessions[k].sock == pfd[i].fd)
						s = &sessions[k];
				if (s)
					from_session(s);
			}
		}
		if (pfd[0].revents)
			from_host();
	}
}
