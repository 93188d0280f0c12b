/*
 * util.c: allocation wrappers, ASCII helpers and internal-error reporting
 * shared by every stage.
 */
#include "util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static _Noreturn void oom(void)
{
	fputs("retort: fatal: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		oom();
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

void *xgrow(void *ptr, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;

	if (need <= c)
		return ptr;
	if (c < 8)
		c = 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / sz)
			oom();
		c *= 2;
	}
	*cap = c;
	return xrealloc(ptr, c * sz);
}

void rt_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "retort: internal error at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

bool ascii_lower_ident(const char *s)
{
	const char *p;

	if (!(ascii_islower((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (p = s; *p; p++) {
		if (!(ascii_islower((unsigned char)*p) ||
		      ascii_isdigit((unsigned char)*p) || *p == '_'))
			return false;
	}
	return true;
}

bool ascii_eq_nocase(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!word[i] || ascii_tolower((unsigned char)s[i]) !=
		    ascii_tolower((unsigned char)word[i]))
			return false;
	}
	return word[n] == '\0';
}

size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row = xcalloc(lb + 1, sizeof(*row));
	size_t d;

	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	d = row[lb];
	free(row);
	return d;
}

bool sql_plain_name(const char *s)
{
	size_t i;

	if (!ascii_isalpha((unsigned char)s[0]) && s[0] != '_')
		return false;
	for (i = 0; s[i]; i++) {
		if (!ascii_isword((unsigned char)s[i]) || i >= 63)
			return false;
	}
	return true;
}

bool duration_ok(const char *s)
{
	static const char *const units[] = { "", "ms", "s", "min", "h", "d" };
	size_t i, n = strspn(s, "0123456789");

	if (n == 0)
		return false;
	for (i = 0; i < ARRAY_SIZE(units); i++) {
		if (strcmp(s + n, units[i]) == 0)
			return true;
	}
	return false;
}

uint64_t duration_ms(const char *s)
{
	static const struct { const char *unit; uint64_t ms; } units[] = {
		{ "", 1 }, { "ms", 1 }, { "s", 1000 }, { "min", 60000 },
		{ "h", 3600000 }, { "d", 86400000 },
	};
	uint64_t n = 0;
	size_t i;

	for (; ascii_isdigit((unsigned char)*s); s++) {
		if (n > (UINT64_MAX - 9) / 10)
			return UINT64_MAX;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	for (i = 0; i < ARRAY_SIZE(units); i++)
		if (strcmp(s, units[i].unit) == 0)
			return n > UINT64_MAX / units[i].ms ? UINT64_MAX :
			       n * units[i].ms;
	return UINT64_MAX;
}

size_t utf8_seq_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len, i;
	unsigned long cp;

	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		len = 2, cp = u[0] & 0x1fu;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		len = 3, cp = u[0] & 0x0fu;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		len = 4, cp = u[0] & 0x07u;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (u[i] & 0x3fu);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void suggest_init(struct suggest *sg, const char *word)
{
	sg->word = word;
	sg->len = strlen(word);
	sg->best = NULL;
	sg->best_item = NULL;
	sg->best_d = 3;
}

void suggest_add(struct suggest *sg, const char *candidate, const void *item)
{
	size_t d = edit_distance(sg->word, candidate);

	if (d > 0 && d < sg->best_d && 2 * d <= sg->len) {
		sg->best_d = d;
		sg->best = candidate;
		sg->best_item = item;
	}
}

const char *suggest_best(const struct suggest *sg)
{
	return sg->best;
}

const void *suggest_item(const struct suggest *sg)
{
	return sg->best_item;
}
