/*
 * runstat.c: run a command N times and print the median wall time and
 * the peak resident memory of its runs, for `make bench`:
 * "SECONDS MIB", or "timeout" when a run passes the time limit, or
 * "failed" when one fails (with -m, running out of memory is a failure).
 * The command's output goes to /dev/null.
 * Usage: runstat [-t SECONDS] [-m MIB] N command [args...]
 */
#define _DEFAULT_SOURCE 1

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* One run: its wall time, or -1 when it passed limit seconds, or -2
 * when it failed.  mem (MiB) limits its address space. */
static double run(char **argv, double limit, long mem, long *maxrss)
{
	double t0 = now(), t;
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (mem > 0) {
			struct rlimit rl;

			rl.rlim_cur = rl.rlim_max = (rlim_t)mem << 20;
			setrlimit(RLIMIT_AS, &rl);
		}
		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0) {
		perror("runstat: fork");
		exit(1);
	}
	for (;;) {
		pid_t got = wait4(pid, &status, WNOHANG, &ru);

		if (got == pid)
			break;
		if (got < 0) {
			perror("runstat: wait");
			exit(1);
		}
		if (limit > 0 && now() - t0 > limit) {
			kill(pid, SIGKILL);
			wait4(pid, &status, 0, &ru);
			return -1;
		}
		usleep(2000);
	}
	t = now() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -2;
	if (ru.ru_maxrss > *maxrss)
		*maxrss = ru.ru_maxrss;
	return t;
}

int main(int argc, char **argv)
{
	double limit = 0, *times;
	long maxrss = 0, mem = 0;
	int n, i, arg = 1;

	for (; argc - arg > 2 && argv[arg][0] == '-'; arg += 2) {
		if (strcmp(argv[arg], "-t") == 0)
			limit = atof(argv[arg + 1]);
		else if (strcmp(argv[arg], "-m") == 0)
			mem = atol(argv[arg + 1]);
		else
			break;
	}
	if (argc - arg < 2 || (n = atoi(argv[arg])) < 1) {
		fputs("usage: runstat [-t SECONDS] [-m MIB] N command "
		      "[args...]\n", stderr);
		return 2;
	}
	times = calloc((size_t)n, sizeof(*times));
	for (i = 0; i < n; i++) {
		times[i] = run(argv + arg + 1, limit, mem, &maxrss);
		if (times[i] < 0) {
			puts(times[i] == -1 ? "timeout" : "failed");
			free(times);
			return 0;
		}
	}
	qsort(times, (size_t)n, sizeof(*times), cmp_double);
	printf("%.3f %ld\n", n % 2 ? times[n / 2]
				   : (times[n / 2 - 1] + times[n / 2]) / 2,
	       (maxrss + 1023) / 1024);
	free(times);
	return 0;
}
