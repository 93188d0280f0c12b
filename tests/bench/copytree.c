/*
 * copytree.c: the write floor for `retort build`: copy every file below
 * SRC to the same place below DST (directories made as needed, files
 * replaced), with plain open/read/write, doing nothing else.
 * Usage: copytree SRC DST
 */
#define _DEFAULT_SOURCE 1

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void copy_file(const char *from, const char *to)
{
	static char buf[1 << 16];
	int in = open(from, O_RDONLY), out;
	ssize_t got;

	if (in < 0)
		die(from);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0)
		die(to);
	while ((got = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, (size_t)got) != got)
			die(to);
	}
	if (got < 0)
		die(from);
	close(in);
	if (close(out) < 0)
		die(to);
}

static void walk(const char *src, const char *dst)
{
	DIR *d = opendir(src);
	struct dirent *e;

	if (!d)
		die(src);
	if (mkdir(dst, 0755) < 0 && errno != EEXIST)
		die(dst);
	while ((e = readdir(d)) != NULL) {
		char from[4096], to[4096];

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(from, sizeof(from), "%s/%s", src, e->d_name);
		snprintf(to, sizeof(to), "%s/%s", dst, e->d_name);
		if (e->d_type == DT_DIR)
			walk(from, to);
		else
			copy_file(from, to);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: copytree SRC DST\n", stderr);
		return 2;
	}
	walk(argv[1], argv[2]);
	return 0;
}
