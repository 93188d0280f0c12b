/*
 * main.c: the retort binary's entry point.
 */
#include "cli.h"

#include <signal.h>

int main(int argc, char **argv)
{
	/* Past a file size limit (ulimit -f), a write fails with EFBIG and
	 * retort cleans up, instead of being killed half way. */
	signal(SIGXFSZ, SIG_IGN);
	return cli_main(argc, argv);
}
