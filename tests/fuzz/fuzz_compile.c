/*
 * fuzz_compile.c: the libFuzzer target over the whole pipeline.  The
 * input is one .mig file of a project whose retort.ini names all three
 * dialects; `retort check` on it runs the front end, the graph, the
 * model and the lints, and (mysql's emitter checks the model, so check
 * writes every script) every dialect's up and down scripts, as build
 * would write them.  What must hold is what ASan and UBSan check: no
 * crash, no leak, no undefined behaviour, whatever the model makes of
 * the input.  Run with -close_fd_mask=3: retort's own output is noise.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The project's directory, made once, and where libFuzzer runs (the
 * harness's own state): -C changes directory, and libFuzzer reads its
 * seed files by relative paths as it goes. */
static char project[64];
static char mig[96];
static char cwd[4096];

static void write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
		perror(path);
		__builtin_trap();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char ini[] = "[retort]\n"
				  "dialects = postgresql, sqlite, mysql\n";
	char path[96];

	(void)argc;
	(void)argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		perror("getcwd");
		__builtin_trap();
	}
	snprintf(project, sizeof(project), "/tmp/fuzz_compile.XXXXXX");
	if (!mkdtemp(project)) {
		perror("mkdtemp");
		__builtin_trap();
	}
	snprintf(path, sizeof(path), "%s/retort.ini", project);
	write_file(path, ini, sizeof(ini) - 1);
	snprintf(path, sizeof(path), "%s/versions", project);
	if (mkdir(path, 0700) != 0) {
		perror(path);
		__builtin_trap();
	}
	snprintf(mig, sizeof(mig), "%s/versions/f.mig", project);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char a0[] = "retort", a1[] = "-C", a3[] = "--color=never";
	char a4[] = "check";
	char *argv[] = { a0, a1, project, a3, a4, NULL };

	if (size > 1 << 14)
		return 0;
	write_file(mig, data, size);
	cli_main(5, argv);
	if (chdir(cwd) != 0)
		__builtin_trap();
	return 0;
}
