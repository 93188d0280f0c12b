/*
 * mkman.c: print retort.1, the man page, to stdout, from the same text as
 * `retort --help`, `retort COMMAND --help` and the retort.ini `init` writes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "dialect.h"
#include "strbuf.h"
#include "util.h"

/* The line after p's (lines end at '\n' or at the text's NUL). */
static const char *next_line(const char *p)
{
	p += strcspn(p, "\n");
	return *p ? p + 1 : p;
}

/* c as roff.  minus: '-' is a minus, not a hyphen; code: ' is straight. */
static void put_char(FILE *out, char c, bool minus, bool code)
{
	if (c == '\\')
		fputs("\\e", out);
	else if (c == '-' && minus)
		fputs("\\-", out);
	else if (c == '`')
		fputs("\\(ga", out);
	else if (c == '\'' && code)
		fputs("\\(aq", out);
	else
		fputc(c, out);
}

/* Is s[0..n) an option or a path ("(--strict", "a/b.md"), kept whole? */
static bool code_word(const char *s, size_t n)
{
	size_t i = strspn(s, "([\"|`");

	if (i < n && s[i] == '-')
		return true;
	for (; i + 1 < n; i++) {
		if (s[i] == '/' || (s[i] == '.' && ascii_isalnum(s[i + 1])))
			return true;
	}
	return false;
}

/* Does a ` at or after s, in the same paragraph, close a ` before s? */
static bool closes(const char *s)
{
	const char *close = strchr(s, '`'), *end = strstr(s, "\n\n");

	return close && (!end || close < end);
}

/*
 * A line of prose, s[0..n): `code` in bold (*code carries the state
 * across lines), options and paths as code_word says.
 */
static void put_text(FILE *out, const char *s, size_t n, bool *code)
{
	bool word = false;
	size_t i = 0;

	while (n && s[n - 1] == ' ')
		n--;
	if (n && (s[0] == '.' || s[0] == '\''))
		fputs("\\&", out);	/* not a control line */
	while (i < n) {
		if (i == 0 || s[i - 1] == ' ') {
			word = code_word(s + i, strcspn(s + i, " \n"));
			fputs(word ? "\\%" : "", out);	/* no hyphenation */
		}
		if (s[i] == '`' && (*code || closes(s + i + 1))) {
			fputs(*code ? "\\fR" : "\\fB", out);
			*code = !*code;
			i++;
		} else {
			put_char(out, s[i++], word || *code, *code);
		}
	}
	if (n)
		fputc('\n', out);
}

/*
 * A usage line or an option's spec: options and literal words bold (the
 * leading words, retort and the command, and words after an option or
 * beside a '|'), PLACEHOLDERS and other words italic, punctuation roman.
 */
static void put_spec(FILE *out, const char *s, size_t n)
{
	bool lead = true, lit = false;
	size_t i = 0, j;

	while (i < n) {
		bool opt = s[i] == '-', lower = false;

		if (s[i] != ' ' && (i == 0 || s[i - 1] == ' '))
			fputs("\\%", out);	/* no hyphenation */
		for (j = i; j < n && (ascii_isword((unsigned char)s[j]) ||
				      strchr("-:/", s[j])); j++)
			lower = lower || ascii_islower((unsigned char)s[j]);
		if (j == i) {
			lead = lead && s[i] == ' ';
			if (s[i] != ' ' && s[i] != '=')
				lit = s[i] == '|';
			put_char(out, s[i++], false, false);
			continue;
		}
		lead = lead && lower && !opt;
		fputs(opt || (lower && (lead || lit || (j < n && s[j] == '|')))
		      ? "\\fB" : "\\fI", out);
		while (i < j)
			put_char(out, s[i++], true, false);
		fputs("\\fR", out);
		lit = opt;
	}
	fputc('\n', out);
}

/* The usage lines at p, filled; returns where the text after them starts. */
static const char *put_synopsis(FILE *out, const char *p)
{
	for (; *p && *p != '\n'; p = next_line(p)) {
		const char *s = p + strspn(p, " ");

		if (strncmp(s, "usage:", 6) == 0)
			s += 6 + strspn(s + 6, " ");
		put_spec(out, s, strcspn(s, "\n"));
	}
	return p;
}

/*
 * Is the line at p, n bytes, which starts a paragraph, a heading
 * ("options:") over option lines, or one at the end, which introduces
 * what `retort --help` prints after the text?  *last tells which.
 */
static bool heading(const char *p, size_t n, bool *last)
{
	const char *l2 = next_line(p);

	*last = l2[strspn(l2, "\n")] == '\0';
	return n && p[0] != ' ' && p[n - 1] == ':' &&
	       (*last || (l2[0] == ' ' && l2[strspn(l2, " ")] == '-'));
}

/* A heading as a section: "global options:" is .SH GLOBAL OPTIONS. */
static void put_section(FILE *out, const char *s, size_t n)
{
	size_t i;

	fputs(".SH ", out);
	for (i = 0; i + 1 < n; i++)
		fputc(ascii_islower(s[i]) ? s[i] - 'a' + 'A' : s[i], out);
	fputc('\n', out);
}

/*
 * The text after a usage: paragraphs (split at blank lines) of filled
 * text, where runs of indented lines are shown as they are; an option
 * line ("  -d, --dialect NAME   text") as a .TP entry, with the lines
 * indented to its text or deeper joined to it.  With sections (the
 * program's text), a heading over option lines is a .SH ("global
 * options:" is GLOBAL OPTIONS) and a heading at the end is left out.
 */
static void put_body(FILE *out, const char *p, bool sections)
{
	enum { NONE, TEXT, NF, OPT } mode = NONE;
	size_t desc = 0, base = 0;
	bool code = false, last;

	for (; *p; p = next_line(p)) {
		size_t n = strcspn(p, "\n"), i = strspn(p, " "), k = i;
		bool dash = i && p[i] == '-';

		if (mode == OPT && i && !(dash && i < desc)) {
			put_text(out, p + i, n - i, &code);
			continue;
		}
		if (mode == NF && (!i || dash))
			fputs(".fi\n.RE\n", out);
		if (!n) {
			mode = NONE;
		} else if (sections && mode == NONE && heading(p, n, &last)) {
			if (!last)
				put_section(out, p, n);
			mode = NONE;
		} else if (dash) {
			while (k + 1 < n && !(p[k] == ' ' && p[k + 1] == ' '))
				k++;
			fputs(".TP\n", out);
			put_spec(out, p + i, k + 1 < n ? k - i : n - i);
			desc = k + 1 < n ? k + strspn(p + k, " ") : n;
			put_text(out, p + desc, n - desc, &code);
			mode = OPT;
		} else {
			if (mode == NONE || mode == OPT)
				fputs(".PP\n", out);
			if (i && mode != NF) {
				base = i;
				fprintf(out, ".RS %zu\n.nf\n", base);
			}
			mode = i ? NF : TEXT;
			k = i < base ? i : base;
			put_text(out, p + k, n - k, &code);
		}
	}
	if (mode == NF)
		fputs(".fi\n.RE\n", out);
}

static const char head[] =
	".TH RETORT 1 \"\" \"retort " RT_VERSION "\" \"User Commands\"\n"
	".SH NAME\nretort \\- an offline SQL migration compiler\n"
	".SH SYNOPSIS\n";

static const char commands_head[] =
	".SH COMMANDS\n\\fBretort\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR and "
	"\\fBretort help\\fR \\fICOMMAND\\fR print these texts.\n";

static const char config_head[] =
	".SH CONFIGURATION\n"
	"retort reads \\fI\\%retort.ini\\fR in the project root, or the file\n"
	"that \\fB\\-c\\fR names.  Every key is optional; \\fBretort init\\fR\n"
	"writes this file, each key at its default:\n.PP\n.EX\n";

static const char tail[] =
	".EE\n.PP\nAn option on the command line wins over the file.\n"
	"An unknown section or key, a key set twice, or a bad value is an\n"
	"error, reported at \\fI\\%retort.ini\\fR:\\fILINE\\fR:\\fICOL\\fR.\n"
	".SH EXIT STATUS\n.TP\n.B 0\nsuccess\n.TP\n.B 1\n"
	"the project has errors (or warnings, with\n"
	"\\fBcheck \\-\\-strict\\fR)\n"
	".TP\n.B 2\na usage error: a bad command, option or argument\n"
	".TP\n.B 3\nan I/O error: a file cannot be read or written\n"
	".SH ENVIRONMENT\n.TP\n.B NO_COLOR\n"
	"when set and not empty, diagnostics have no colour (unless\n"
	"\\fB\\-\\-color=always\\fR)\n.TP\n.B SOURCE_DATE_EPOCH\n"
	"seconds since the epoch: the time \\fBretort revision\\fR and\n"
	"\\fBretort merge\\fR write in \\fBcreated\\fR instead of the current\n"
	"time, for reproducible files\n"
	".SH FILES\n.TP\n.I \\%retort.ini\n"
	"the project's settings (see CONFIGURATION)\n"
	".TP\n.I \\%versions/*.mig\n"
	"the revisions, in the versions directory and below it\n"
	".SH SEE ALSO\n.BR psql (1),\n.BR sqlite3 (1),\n"
	"Alembic (https://alembic.sqlalchemy.org)\n";

int main(void)
{
	size_t n, i;
	const struct command *c = cli_commands(&n);
	struct strbuf help, text;
	const char *p;

	strbuf_init(&help);
	fputs(head, stdout);
	p = put_synopsis(stdout, cli_program_usage());
	fputs(".SH DESCRIPTION\n", stdout);
	put_body(stdout, p, true);
	fputs(commands_head, stdout);
	for (i = 0; i < n; i++) {
		printf(".SS %s\n", c[i].name);
		strbuf_reset(&help);
		dialect_expand(&help, c[i].help);
		put_body(stdout, put_synopsis(stdout, help.buf), false);
	}
	strbuf_release(&help);
	fputs(config_head, stdout);
	strbuf_init(&text);
	config_template(&text);
	for (p = text.buf; *p; p = next_line(p)) {
		size_t len = strcspn(p, "\n");

		fputs(len && (*p == '.' || *p == '\'') ? "\\&" : "", stdout);
		for (i = 0; i < len; i++)
			put_char(stdout, p[i], true, true);
		putchar('\n');
	}
	strbuf_release(&text);
	fputs(tail, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("mkman: cannot write to standard output\n", stderr);
		return EXIT_IO;
	}
	return EXIT_OK;
}
