/*
 * schema_names.c: the names the compiler gives to unnamed constraints and
 * indexes (LANGUAGE.md "Names the compiler gives"), and the light scanning
 * of SQL text the model needs: column names in check and where
 * expressions, DDL words in raw blocks.
 */
#include "schema.h"

#include <stdint.h>
#include <string.h>

#include <sha2.h>

#include "arena.h"
#include "rt.h"
#include "schema_int.h"
#include "strbuf.h"
#include "util.h"

/* Bytes kept from a name that is too long, before '_' and the hash. */
#define NAME_KEEP 54
#define NAME_HASH_DIGITS 8

const char *schema_name_fit(struct rt_ctx *ctx, const char *name, size_t len)
{
	char hex[SHA256_DIGEST_STRING_LENGTH];
	char out[SCHEMA_NAME_MAX + 1];
	char *low;
	size_t i, cut = NAME_KEEP;

	if (len <= SCHEMA_NAME_MAX)
		return intern_lower(&ctx->names, &ctx->arena, name, len);
	low = arena_strndup(&ctx->arena, name, len);
	for (i = 0; i < len; i++)
		low[i] = (char)ascii_tolower((unsigned char)low[i]);
	SHA256Data((const uint8_t *)low, len, hex);
	/* Do not cut a UTF-8 character in two. */
	while (cut > 0 && ((unsigned char)low[cut] & 0xC0) == 0x80)
		cut--;
	memcpy(out, low, cut);
	out[cut] = '_';
	memcpy(out + cut + 1, hex, NAME_HASH_DIGITS);
	return intern(&ctx->names, &ctx->arena, out,
		      cut + 1 + NAME_HASH_DIGITS);
}

/* prefix_table[_col]...[_suffix], fitted. */
static const char *build_name(struct rt_ctx *ctx, const char *prefix,
			      const char *table, const char *const *cols,
			      size_t ncols, const char *suffix)
{
	struct strbuf sb;
	const char *r;
	size_t i;

	strbuf_init(&sb);
	strbuf_addf(&sb, "%s_%s", prefix, table);
	for (i = 0; i < ncols; i++)
		strbuf_addf(&sb, "_%s", cols[i]);
	if (suffix)
		strbuf_addf(&sb, "_%s", suffix);
	r = schema_name_fit(ctx, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

const char *schema_name_pk(struct rt_ctx *ctx, const char *table)
{
	return build_name(ctx, "pk", table, NULL, 0, NULL);
}

const char *schema_name_unique(struct rt_ctx *ctx, const char *table,
			       const char *const *cols, size_t ncols)
{
	return build_name(ctx, "uq", table, cols, ncols, NULL);
}

const char *schema_name_fk(struct rt_ctx *ctx, const char *table,
			   const char *const *cols, size_t ncols,
			   const char *reftable)
{
	return build_name(ctx, "fk", table, cols, ncols, reftable);
}

const char *schema_name_index(struct rt_ctx *ctx, const char *table,
			      const char *const *cols, size_t ncols)
{
	return build_name(ctx, "ix", table, cols, ncols, NULL);
}

const char *schema_name_check(struct rt_ctx *ctx, const struct schema *s,
			      const char *schema_key, const char *table)
{
	struct strbuf sb;
	const char *r;
	unsigned n;

	strbuf_init(&sb);
	for (n = 1;; n++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "ck_%s_%u", table, n);
		r = schema_name_fit(ctx, sb.buf, sb.len);
		if (!schema_object(s, schema_key, r))
			break;
	}
	strbuf_release(&sb);
	return r;
}

/* Scanning */

static bool is_word_byte(unsigned char c)
{
	return ascii_isword(c) || c == '$' || c >= 0x80;
}

/* Past a '...', "..." or `...` quoted run starting at i (doubled quote
 * characters stay inside). */
static size_t skip_quoted(const char *text, size_t i)
{
	char q = text[i++];

	while (text[i]) {
		if (text[i] == q && text[i + 1] != q)
			return i + 1;
		i += text[i] == q ? 2 : 1;
	}
	return i;
}

/* Past a $tag$...$tag$ string starting at i, or i if none starts there. */
static size_t skip_dollar(const char *text, size_t i)
{
	size_t j = i + 1, taglen;
	const char *end;

	if (ascii_isalpha((unsigned char)text[j]) || text[j] == '_') {
		while (ascii_isword((unsigned char)text[j]))
			j++;
	}
	if (text[j] != '$')
		return i;
	taglen = j + 1 - i;
	for (end = text + j + 1; (end = strchr(end, '$')) != NULL; end++) {
		if (strncmp(end, text + i, taglen) == 0)
			return (size_t)(end - text) + taglen;
	}
	return strlen(text);
}

/* Past a comment starting at i, or i if none starts there. */
static size_t skip_comment(const char *text, size_t i)
{
	const char *end;

	if (text[i] == '-' && text[i + 1] == '-')
		return i + strcspn(text + i, "\n");
	if (text[i] != '/' || text[i + 1] != '*')
		return i;
	end = strstr(text + i + 2, "*/");
	return end ? (size_t)(end - text) + 2 : strlen(text);
}

bool schema_next_word(const char *text, size_t *pos, size_t *start,
		      size_t *len)
{
	size_t i = *pos, j;

	while (text[i]) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\'' || c == '"' || c == '`') {
			i = skip_quoted(text, i);
		} else if ((j = skip_comment(text, i)) != i) {
			i = j;
		} else if (c == '$') {
			j = skip_dollar(text, i);
			i = j != i ? j : i + 1;
		} else if (is_word_byte(c)) {
			for (j = i; is_word_byte((unsigned char)text[j]); j++)
				;
			if (!ascii_isdigit(c)) {
				*start = i;
				*len = j - i;
				*pos = j;
				return true;
			}
			i = j;
		} else {
			i++;
		}
	}
	*pos = i;
	return false;
}

static const char *const ddl_words[] = { "alter", "create", "drop", "rename" };

bool schema_raw_is_ddl(const struct ast_node *stmt)
{
	size_t len;

	return schema_ddl_word(stmt->u.raw.text, &len) >= 0;
}

long schema_ddl_word(const char *text, size_t *len)
{
	size_t pos = 0, start, n, i;

	while (schema_next_word(text, &pos, &start, &n)) {
		for (i = 0; i < ARRAY_SIZE(ddl_words); i++) {
			if (ascii_eq_nocase(text + start, n, ddl_words[i])) {
				*len = n;
				return (long)start;
			}
		}
	}
	return -1;
}

const char *schema_table_label(struct rt_ctx *ctx,
			       const struct schema_table *t)
{
	if (!t->obj.schema_text)
		return t->obj.text;
	return arena_printf(&ctx->arena, "%s.%s", t->obj.schema_text,
			    t->obj.text);
}

const char *schema_kind_word(enum schema_kind kind)
{
	switch (kind) {
	case SCHEMA_TABLE:
		return "table";
	case SCHEMA_CONSTRAINT:
		return "constraint";
	case SCHEMA_INDEX:
		return "index";
	case SCHEMA_SEQUENCE:
		return "sequence";
	}
	RT_BUG("bad schema object kind %d", (int)kind);
}
