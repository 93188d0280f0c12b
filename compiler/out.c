/*
 * out.c: atomic output files (write a temporary, fsync, rename).
 */
/* realpath(3) is XSI. */
#define _XOPEN_SOURCE 700

#include "out.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Write a temporary beside path and move it into place: rename, or
 * link (which never replaces a file) when replace is false. */
static int write_file(const char *path, const char *data, size_t len,
		      bool replace)
{
	char *tmp;
	int fd, saved;

	tmp = xmalloc(strlen(path) + 16);
	sprintf(tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		saved = errno;
		free(tmp);
		errno = saved;
		return -1;
	}
	/* mkstemp makes it 0600; an output file is an ordinary file. */
	if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0 || close(fd) < 0) {
		saved = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	if (replace ? rename(tmp, path) < 0 : link(tmp, path) < 0) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		errno = saved;
		return -1;
	}
	if (!replace)
		unlink(tmp);
	free(tmp);
	return 0;
}

/* A device or a pipe (-o /dev/null, -o /dev/stdout, a FIFO) cannot be
 * replaced by a rename, and must not be: it is written in place (as is
 * the target of a dangling symbolic link, which is made). */
static int write_special(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), saved;

	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

int out_write(const char *path, const char *data, size_t len)
{
	struct stat st;
	char *real;
	int rc, saved;

	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
			return -1;
		return 0;
	}
	if (lstat(path, &st) < 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode))
		return write_file(path, data, len, true);
	if (!S_ISLNK(st.st_mode) || stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return write_special(path, data, len);
	/* A link to a file (-o /dev/stdout redirected to one, out.sql ->
	 * release/out.sql): the file is replaced atomically; the link
	 * stays a link. */
	real = realpath(path, NULL);
	if (!real)
		return -1;
	rc = write_file(real, data, len, true);
	saved = errno;
	free(real);
	errno = saved;
	return rc;
}

int out_write_new(const char *path, const char *data, size_t len)
{
	return write_file(path, data, len, false);
}
