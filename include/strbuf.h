/*
 * strbuf.h: a growable, always NUL-terminated byte buffer (after git's
 * strbuf).  Used to build output before it is written in one piece.
 */
#ifndef RT_STRBUF_H
#define RT_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Embedded by its owner: strbuf_init() before use (it allocates), then
 * strbuf_release() or strbuf_detach().
 */
struct strbuf {
	char *buf;	/* always NUL-terminated; never NULL after init */
	size_t len;
	size_t cap;
};

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* Append s between two q characters, doubling each q inside (SQL's
 * quoting of strings and identifiers). */
void strbuf_add_quoted(struct strbuf *sb, const char *s, char q);

/* Is the buffer empty or does it end in a newline? */
static inline int strbuf_ends_with_newline(const struct strbuf *sb)
{
	return sb->len == 0 || sb->buf[sb->len - 1] == '\n';
}

/* Hand the buffer to the caller, who free()s it; sb must be init()ed again. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

#endif
