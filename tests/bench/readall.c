/*
 * readall.c: the floor for `retort check`: find every .mig file below a
 * directory the way retort does, and read each one whole, doing nothing
 * else.  Usage: readall DIR
 */
#define _DEFAULT_SOURCE 1

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t total;

static void walk(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	static char buf[1 << 16];

	if (!d) {
		perror(dir);
		exit(1);
	}
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		ssize_t got;
		int fd;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (e->d_type == DT_DIR) {
			walk(path);
			continue;
		}
		if (n < 5 || strcmp(e->d_name + n - 4, ".mig") != 0)
			continue;
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			perror(path);
			exit(1);
		}
		while ((got = read(fd, buf, sizeof(buf))) > 0)
			total += (size_t)got;
		close(fd);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	walk(argv[1]);
	return total == 0;
}
