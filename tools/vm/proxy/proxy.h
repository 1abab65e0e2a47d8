/* igt-proxy: the supervisor and the per-session proxy process (see protocol.h). */
#ifndef IGT_PROXY_H
#define IGT_PROXY_H

#include <sys/types.h>

#include "protocol.h"

int supervisor_main(const char *port_path);
int proxy_process_main(int sock);

/* Whole-buffer read/write on a stream: bytes moved, 0 at end of file, -1 on error. */
ssize_t read_full(int fd, void *buf, size_t len);
ssize_t write_full(int fd, const void *buf, size_t len);

#endif
