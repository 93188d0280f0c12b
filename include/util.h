/*
 * util.h: allocation that cannot fail, ASCII classification that ignores
 * the locale, and the RT_BUG macro for broken invariants.
 */
#ifndef RT_UTIL_H
#define RT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RT_VERSION "0.1.0"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * x* allocators print "retort: fatal: out of memory" and abort instead of
 * returning NULL; their results are never checked.  The caller owns the
 * memory and frees it with free().
 */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);

/* Grow *cap (at least doubling) until it holds need elements of size sz. */
void *xgrow(void *ptr, size_t *cap, size_t need, size_t sz);

/* Report an internal error at file:line and abort. */
_Noreturn void rt_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define RT_BUG(...) rt_bug(__FILE__, __LINE__, __VA_ARGS__)

static inline bool ascii_isdigit(int c) { return c >= '0' && c <= '9'; }
static inline bool ascii_isupper(int c) { return c >= 'A' && c <= 'Z'; }
static inline bool ascii_islower(int c) { return c >= 'a' && c <= 'z'; }
static inline bool ascii_isalpha(int c)
{
	return ascii_isupper(c) || ascii_islower(c);
}
static inline bool ascii_isalnum(int c)
{
	return ascii_isalpha(c) || ascii_isdigit(c);
}
/* [A-Za-z0-9_]: a character of an identifier or a revision id. */
static inline bool ascii_isword(int c) { return ascii_isalnum(c) || c == '_'; }
static inline bool ascii_isspace(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}
/* A C0 control character or DEL (what must not reach a terminal raw). */
static inline bool ascii_iscntrl(int c) { return c < 0x20 || c == 0x7f; }
/*
 * The length of a character at s[0..n) that a terminal acts on instead
 * of showing, or 0: a C0 control but tab (1), DEL (1), or a C1 control
 * U+0080 to U+009F in UTF-8 (2; some terminals take them as ESC [).
 * Text from the input shown on a terminal replaces these.
 */
static inline size_t terminal_control_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];

	if (n == 0)
		return 0;
	if (ascii_iscntrl(c))
		return (size_t)(c != '\t');
	return n >= 2 && c == 0xc2 && (unsigned char)s[1] >= 0x80 &&
	       (unsigned char)s[1] <= 0x9f ? 2 : 0;
}
static inline int ascii_tolower(int c)
{
	return ascii_isupper(c) ? c + ('a' - 'A') : c;
}

/* Is s a lower-case SQL identifier ([a-z_][a-z0-9_]*), which needs no
 * quotes unless it is a reserved word? */
bool ascii_lower_ident(const char *s);

/* Compare s[0..n) with the NUL-terminated word, ignoring ASCII case. */
bool ascii_eq_nocase(const char *s, size_t n, const char *word);

/* An SQL name retort accepts unquoted in an option or retort.ini
 * ([A-Za-z_][A-Za-z0-9_]*, at most 63 bytes). */
bool sql_plain_name(const char *s);

/* A duration as retort takes it (--lock-timeout, retort.ini): digits,
 * then nothing or one of ms, s, min, h, d ("5s", "200ms").  A dialect
 * writes it its own way (PostgreSQL takes it as it is). */
bool duration_ok(const char *s);
/* A duration duration_ok takes, in milliseconds (UINT64_MAX when it
 * overflows). */
uint64_t duration_ms(const char *s);

/* The length of the valid UTF-8 sequence (1 to 4 bytes, no overlong
 * forms or surrogates) at s, of at most n bytes; 0 if there is none. */
size_t utf8_seq_len(const char *s, size_t n);

/* Edit distance between a and b (for did-you-mean suggestions). */
size_t edit_distance(const char *a, const char *b);

/*
 * Did-you-mean, the one rule for every suggestion: of the candidates
 * offered, the closest to the word typed, if it is a likely slip (at
 * most two edits, and at most half of the word).  Usage: suggest_init,
 * suggest_add for each candidate, then suggest_best (NULL: none).
 */
struct suggest {
	const char *word;
	size_t len;
	const char *best;
	const void *best_item;
	size_t best_d;
};

void suggest_init(struct suggest *sg, const char *word);
/* Offer candidate, standing for item (what the caller wants back). */
void suggest_add(struct suggest *sg, const char *candidate, const void *item);
const char *suggest_best(const struct suggest *sg);
const void *suggest_item(const struct suggest *sg);

#endif
