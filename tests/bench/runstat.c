/*
 * runstat.c: run a command N times and print its best wall time and its
 * peak resident memory, for `make bench`.  Usage: runstat N cmd args...
 */
#define _DEFAULT_SOURCE 1

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	double best = -1;
	long maxrss = 0;
	int n, i;

	if (argc < 3) {
		fputs("usage: runstat N command [args...]\n", stderr);
		return 2;
	}
	n = atoi(argv[1]);
	for (i = 0; i < n; i++) {
		struct timespec t0, t1;
		struct rusage ru;
		int status;
		pid_t pid;
		double s;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		pid = fork();
		if (pid == 0) {
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0) {
			perror("runstat");
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "runstat: %s failed\n", argv[2]);
			return 1;
		}
		s = (double)(t1.tv_sec - t0.tv_sec) +
		    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		if (best < 0 || s < best)
			best = s;
		if (ru.ru_maxrss > maxrss)
			maxrss = ru.ru_maxrss;
	}
	printf("%.3f s  %ld MiB\n", best, (maxrss + 1023) / 1024);
	return 0;
}
