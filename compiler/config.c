/*
 * config.c: retort.ini, read with libinih (Debian's libinih1).
 *
 * inih does the INI syntax (sections, `key = value`, `;` and `#`
 * comments, inline `;` comments, indented continuation lines); we feed it
 * the file from memory through our own reader, which counts lines, so
 * every key and value can be reported at retort.ini:LINE:COL with the
 * line shown, like a .mig file's errors.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "dialect.h"
#include "lint.h"
#include "strbuf.h"
#include "rt.h"
#include "separate.h"
#include "srcfile.h"
#include "util.h"

static const char template_text[] =
	"# retort.ini: the settings of this retort project.  Every key may be\n"
	"# left out; the value shown is then its default, except that without\n"
	"# dialects, -d is required.  An option on the command line wins over\n"
	"# the value here.  Paths are relative to this file's directory.\n"
	"\n"
	"[retort]\n"
	"# The directory of .mig files (searched recursively).\n"
	"versions = versions\n"
	"\n"
	"# The dialects `retort build` writes and `retort check` checks (any\n"
	"# of @DIALECTS@); the first is the default of -d for\n"
	"# upgrade, downgrade, stamp and schema.\n"
	"dialects = @DEFAULT_DIALECT_LIST@\n"
	"\n"
	"# The directory `retort build` writes into.\n"
	"output = build\n"
	"\n"
	"# The table that records which revisions a database is at.  Keep\n"
	"# alembic_version to share databases with Alembic.\n"
	"version_table = alembic_version\n"
	"\n"
	"# The schema of that table (@SCHEMA_DIALECTS@ only); empty: the\n"
	"# search path.\n"
	"version_table_schema =\n"
	"\n"
	"# true: one transaction per revision instead of one for the script\n"
	"# (@TX_DIALECTS@; the others commit DDL at once and have none).\n"
	"transaction_per_migration = false\n"
	"\n"
	"# The lock timeout each transaction sets (5s, 200ms, 1min), for\n"
	"# @LOCK_DIALECTS@; empty: the server's own setting.\n"
	"lock_timeout =\n"
	"\n"
	"# The lints `retort check` runs (R101 to R111, see its help): all,\n"
	"# then each code turns one on and -CODE one off, in order\n"
	"# (\"all, -R101, -R108\"; \"none, R104\").\n"
	"lints = all\n"
	"\n"
	"# Branches meant to stay apart, each as LABEL@head (an Alembic\n"
	"# expand/contract pair: expand@head, contract@head).  Their heads are\n"
	"# no warning and get no advice to merge them; empty: none.\n"
	"heads =\n";

void config_template(struct strbuf *out)
{
	dialect_expand(out, template_text);
}

#define SECTION "retort"

/* The longest line inih's buffer holds whole, with its newline and NUL. */
#define MAX_LINE 198
#if MAX_LINE + 2 > INI_MAX_LINE
#error "inih's line buffer is smaller than retort.ini's longest line"
#endif
#define STR_(x) #x
#define STR(x) STR_(x)

enum key {
	KEY_VERSIONS,
	KEY_DIALECTS,
	KEY_OUTPUT,
	KEY_VERSION_TABLE,
	KEY_VERSION_TABLE_SCHEMA,
	KEY_TPM,
	KEY_LOCK_TIMEOUT,
	KEY_LINTS,
	KEY_HEADS,
	NKEYS
};

static const char *const key_names[NKEYS] = {
	"versions", "dialects", "output", "version_table",
	"version_table_schema", "transaction_per_migration", "lock_timeout",
	"lints", "heads",
};

/* One pending diagnostic: they are raised in line order at the end,
 * because inih reports its own syntax error only when it is done. */
struct pending {
	struct src_span span;
	const char *msg;
	struct src_span note_span;	/* file SRC_NONE: no note */
	const char *note;
};

struct reader {
	struct rt_ctx *ctx;
	struct config *cfg;
	const char *dir;		/* the file's directory, "" for . */
	uint32_t file;
	const char *data;
	uint32_t len;
	uint32_t pos;			/* where the next line starts */
	uint32_t line_start;		/* the line inih holds now */
	uint32_t line_end;		/* without its newline */
	unsigned lineno;
	bool in_bad_section;		/* the section header was reported */
	struct src_span seen[NKEYS];	/* where each key was set */
	bool set[NKEYS];
	const char *last_name;		/* the key before, for continuation */
	int last_key;			/* its number; -1: unknown */
	bool in_bad_key;		/* it was reported */
	struct src_span dialects_span;	/* dialects' value, if set */
	struct pending *pend;
	size_t npend, cap;
};

static void report(struct reader *r, struct src_span span, const char *msg,
		   struct src_span note_span, const char *note)
{
	r->pend = xgrow(r->pend, &r->cap, r->npend + 1, sizeof(*r->pend));
	r->pend[r->npend].span = span;
	r->pend[r->npend].msg = msg;
	r->pend[r->npend].note_span = note_span;
	r->pend[r->npend].note = note;
	r->npend++;
}

static struct src_span span_at(const struct reader *r, uint32_t start,
			       size_t len)
{
	struct src_span s = { r->file, start, start + (uint32_t)len };

	return s;
}

/* The span of the first occurrence of text at or after from on the
 * current line (the whole line's content if it is not there). */
static struct src_span find_on_line(const struct reader *r, uint32_t from,
				    const char *text)
{
	size_t n = strlen(text);
	uint32_t i;

	for (i = from; n && i + n <= r->line_end; i++) {
		if (memcmp(r->data + i, text, n) == 0)
			return span_at(r, i, n);
	}
	for (i = r->line_start; i < r->line_end &&
	     ascii_isspace((unsigned char)r->data[i]); i++)
		;
	return span_at(r, i, r->line_end - i);
}

/*
 * inih's reader: fgets over the file in memory.  Lines are short
 * (check_bytes refused anything longer than inih's buffer), so each call
 * returns one whole line.
 */
static char *read_line(char *str, int num, void *stream)
{
	struct reader *r = stream;
	uint32_t end = r->pos;
	size_t n;

	if (r->pos >= r->len)
		return NULL;
	while (end < r->len && r->data[end] != '\n')
		end++;
	r->line_start = r->pos;
	r->line_end = end;
	r->lineno++;
	n = (size_t)(end - r->pos) + (end < r->len);
	if (n > (size_t)num - 1)
		RT_BUG("retort.ini line %u is longer than inih's buffer",
		       r->lineno);
	memcpy(str, r->data + r->pos, n);
	str[n] = '\0';
	r->pos = end + (end < r->len);
	/* A section header: report an unknown one here, once, even when
	 * no key follows it (inih says nothing about sections). */
	{
		const char *p = r->data + r->line_start;
		const char *e = r->data + r->line_end;

		while (p < e && ascii_isspace((unsigned char)*p))
			p++;
		if (p < e && *p == '[') {
			const char *close = memchr(p, ']', (size_t)(e - p));

			r->last_key = -1;
			r->last_name = NULL;
			r->in_bad_section = false;
			if (close) {
				const char *a = p + 1, *b = close;

				while (a < b && ascii_isspace((unsigned char)*a))
					a++;
				while (b > a && ascii_isspace((unsigned char)b[-1]))
					b--;
				if ((size_t)(b - a) != strlen(SECTION) ||
				    memcmp(a, SECTION, strlen(SECTION)) != 0) {
					r->in_bad_section = true;
					report(r, span_at(r, (uint32_t)(p - r->data),
							  (size_t)(close + 1 - p)),
					       arena_printf(&r->ctx->arena,
							    "unknown section [%.*s]; "
							    "retort reads only [" SECTION "]",
							    (int)(b - a), a),
					       src_span_none(), NULL);
				}
			}
		}
	}
	return str;
}

/* value without an inline comment (" ;" and what follows), in the
 * arena. */
static const char *strip_comment(struct reader *r, const char *value)
{
	size_t n;

	for (n = 0; value[n]; n++) {
		if (value[n] == ';' && n > 0 &&
		    ascii_isspace((unsigned char)value[n - 1]))
			break;
	}
	while (n > 0 && ascii_isspace((unsigned char)value[n - 1]))
		n--;
	return arena_strndup(&r->ctx->arena, value, n);
}

static bool is_continuation(const struct reader *r)
{
	return r->line_end > r->line_start &&
	       ascii_isspace((unsigned char)r->data[r->line_start]);
}

/* "postgresql, sqlite": the dialects retort writes, for messages. */
static const char *written_dialects(struct rt_ctx *ctx)
{
	struct strbuf sb;
	const char *s;

	strbuf_init(&sb);
	dialect_list(&sb, DIALECTS_WRITTEN, ", ");
	s = arena_strndup(&ctx->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return s;
}

/* "a, b ,c": the dialects, each known and given once. */
static void set_dialects(struct reader *r, const char *value,
			 struct src_span vspan, bool append)
{
	struct config *cfg = r->cfg;
	const char *p = value;

	if (!append)
		cfg->ndialects = 0;
	while (*p) {
		size_t n, i;
		const char *name;
		const struct dialect *d;

		while (*p == ',' || ascii_isspace((unsigned char)*p))
			p++;
		n = strcspn(p, ", \t");
		if (n == 0)
			break;
		name = arena_strndup(&r->ctx->arena, p, n);
		vspan = find_on_line(r, vspan.start, name);
		d = dialect_find(name);
		if (!d) {
			report(r, vspan, arena_printf(&r->ctx->arena,
			       dialect_named(name) ? "dialect \"%s\" is not "
			       "supported yet (%s)" : "unknown dialect \"%s\" "
			       "(%s)", name, written_dialects(r->ctx)),
			       src_span_none(), NULL);
		} else {
			for (i = 0; i < cfg->ndialects && cfg->dialects[i] != d; i++)
				;
			if (i < cfg->ndialects)
				report(r, vspan, arena_printf(&r->ctx->arena,
					"dialect \"%s\" is listed twice", name),
				       src_span_none(), NULL);
			else if (cfg->ndialects == CONFIG_MAX_DIALECTS)
				RT_BUG("more known dialects than room");
			else
				cfg->dialects[cfg->ndialects++] = d;
		}
		p += n;
	}
	if (!append)
		r->dialects_span = vspan;
}

/* "all, -R101, R104": all on, then each item in order (none: all
 * off; CODE on; -CODE off).  The last line given wins whole. */
static void set_lints(struct reader *r, const char *value,
		      struct src_span vspan)
{
	const char *p = value;
	lint_set off = 0;

	while (*p) {
		size_t n;
		bool minus;
		int id;

		while (*p == ',' || ascii_isspace((unsigned char)*p))
			p++;
		n = strcspn(p, ", \t");
		if (n == 0)
			break;
		minus = *p == '-';
		id = lint_find(p + minus, n - minus);
		vspan = find_on_line(r, vspan.start,
				     arena_strndup(&r->ctx->arena, p, n));
		if (!minus && ascii_eq_nocase(p, n, "all"))
			off = 0;
		else if (!minus && ascii_eq_nocase(p, n, "none"))
			off = ~(lint_set)0;
		else if (id < 0)
			report(r, vspan, arena_printf(&r->ctx->arena,
			       "unknown lint \"%.*s\" (all, none, a code from "
			       "%s to %s, or -CODE)", (int)n, p,
			       lint_rule(0)->code, lint_rule(NLINTS - 1)->code),
			       src_span_none(), NULL);
		else if (minus)
			off |= (lint_set)1 << id;
		else
			off &= ~((lint_set)1 << id);
		p += n;
	}
	r->cfg->lints_off = off;
}

/* "expand@head, contract@head": branches kept apart (separate.h). */
static void set_heads(struct reader *r, const char *value,
		      struct src_span vspan)
{
	const char *p = value;

	while (*p) {
		size_t n;
		const char *item, *err;

		while (*p == ',' || ascii_isspace((unsigned char)*p))
			p++;
		n = strcspn(p, ", \t");
		if (n == 0)
			break;
		item = arena_strndup(&r->ctx->arena, p, n);
		vspan = find_on_line(r, vspan.start, item);
		err = separate_add(r->ctx, r->cfg, item, vspan);
		if (err)
			report(r, vspan, err, src_span_none(), NULL);
		p += n;
	}
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "1" };
	static const char *const no[] = { "false", "no", "off", "0" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (ascii_eq_nocase(v, strlen(v), yes[i]))
			return *out = true, true;
		if (ascii_eq_nocase(v, strlen(v), no[i]))
			return *out = false, true;
	}
	return false;
}

static void set_value(struct reader *r, enum key k, const char *value,
		      struct src_span vspan)
{
	struct config *cfg = r->cfg;
	struct arena *a = &r->ctx->arena;
	const char *v = arena_strndup(a, value, strlen(value));

	switch (k) {
	case KEY_VERSIONS:
	case KEY_OUTPUT:
		if (!*v) {
			report(r, vspan, arena_printf(a, "%s needs a directory",
						      key_names[k]),
			       src_span_none(), NULL);
			return;
		}
		*(k == KEY_VERSIONS ? &cfg->versions : &cfg->output) =
			arena_path_join(&r->ctx->arena, r->dir, v);
		return;
	case KEY_DIALECTS:
		set_dialects(r, v, vspan, false);
		return;
	case KEY_VERSION_TABLE:
	case KEY_VERSION_TABLE_SCHEMA:
		if (k == KEY_VERSION_TABLE_SCHEMA && !*v) {
			cfg->version_table_schema = NULL;
			return;
		}
		if (!sql_plain_name(v)) {
			report(r, vspan, arena_printf(a, "%s must be a plain SQL "
						      "name ([A-Za-z_][A-Za-z0-9_]*, "
						      "at most 63 bytes)",
						      key_names[k]),
			       src_span_none(), NULL);
			return;
		}
		*(k == KEY_VERSION_TABLE ? &cfg->version_table
					 : &cfg->version_table_schema) = v;
		return;
	case KEY_TPM:
		if (!parse_bool(v, &cfg->transaction_per_migration))
			report(r, vspan, arena_printf(a, "transaction_per_migration "
						      "is true or false, not \"%s\"",
						      v),
			       src_span_none(), NULL);
		return;
	case KEY_LOCK_TIMEOUT:
		if (!*v)
			cfg->lock_timeout = NULL;
		else if (!duration_ok(v))
			report(r, vspan, arena_printf(a, "bad duration \"%s\" "
						      "(like 5s, 200ms or 1min)", v),
			       src_span_none(), NULL);
		else
			cfg->lock_timeout = v;
		return;
	case KEY_LINTS:
		set_lints(r, v, vspan);
		return;
	case KEY_HEADS:
		set_heads(r, v, vspan);
		return;
	case NKEYS:
		break;
	}
	RT_BUG("key %d", (int)k);
}

static int on_key(void *user, const char *section, const char *name,
		  const char *value)
{
	struct reader *r = user;
	struct arena *a = &r->ctx->arena;
	struct src_span kspan, vspan;
	struct suggest sg;
	const char *best;
	size_t k;

	if (r->in_bad_section)
		return 1;
	if (is_continuation(r) && r->last_name &&
	    strcmp(name, r->last_name) == 0) {
		/* inih strips inline comments from a key's first line only. */
		value = strip_comment(r, value);
		vspan = find_on_line(r, r->line_start, value);
		if (r->last_key < 0 || r->in_bad_key)
			;	/* the key itself was reported */
		else if (r->last_key == KEY_DIALECTS)
			set_dialects(r, value, vspan, true);
		else if (r->last_key == KEY_HEADS)
			set_heads(r, value, vspan);
		else
			report(r, vspan, arena_printf(a, "%s takes one line; this "
						      "indented line continues it",
						      name),
			       src_span_none(), NULL);
		return 1;
	}
	kspan = find_on_line(r, r->line_start, name);
	vspan = find_on_line(r, kspan.end, value);
	if (*value == '\0')
		vspan = span_at(r, r->line_end, 0);
	if (section[0] == '\0') {
		report(r, kspan, arena_printf(a, "\"%s\" is outside any section; "
					      "keys go under [" SECTION "]", name),
		       src_span_none(), NULL);
		return 1;
	}
	suggest_init(&sg, name);
	for (k = 0; k < NKEYS; k++) {
		if (strcmp(name, key_names[k]) == 0)
			break;
		suggest_add(&sg, key_names[k], NULL);
	}
	best = suggest_best(&sg);
	r->last_key = k < NKEYS ? (int)k : -1;
	r->last_name = arena_strndup(a, name, strlen(name));
	r->in_bad_key = true;
	if (k == NKEYS) {
		report(r, kspan, arena_printf(a, "unknown key \"%s\" in ["
					      SECTION "]%s%s%s", name,
					      best ? " (did you mean \"" : "",
					      best ? best : "",
					      best ? "\"?)" : ""),
		       src_span_none(), NULL);
		return 1;
	}
	if (r->set[k]) {
		report(r, kspan, arena_printf(a, "\"%s\" is set twice", name),
		       r->seen[k], "first set here");
		return 1;
	}
	r->set[k] = true;
	r->seen[k] = kspan;
	r->in_bad_key = false;
	set_value(r, (enum key)k, value, vspan);
	return 1;
}

/* Refuse what inih cannot take whole: NUL bytes, lines longer than its
 * buffer; and check the file is UTF-8. */
static bool check_bytes(struct reader *r)
{
	uint32_t i = 0, line = 0;

	while (i < r->len) {
		unsigned char c = (unsigned char)r->data[i];
		size_t n = c < 0x80 ? 1 : utf8_seq_len(r->data + i, r->len - i);
		const char *what = NULL;

		if (c == '\n')
			line = i + 1;
		else if (c == '\0')
			what = "a NUL byte in the config file";
		else if (n == 0)
			what = "invalid UTF-8 in the config file";
		else if (i - line + n > MAX_LINE)
			what = "this line is longer than " STR(MAX_LINE) " bytes";
		if (what) {
			struct src_span s = { r->file, i, i + 1 };

			diag_error(r->ctx, s, "%s", what);
			return false;
		}
		i += (uint32_t)(n ? n : 1);
	}
	return true;
}

void config_init(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
}

static const char *dir_of(struct rt_ctx *ctx, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return "";
	if (slash == path)
		return "/";
	return arena_strndup(&ctx->arena, path, (size_t)(slash - path));
}

int config_load(struct rt_ctx *ctx, const char *path, bool required,
		struct config *cfg)
{
	uint32_t id;

	if (src_read(ctx, path, &id) < 0) {
		if (errno == ENOENT && !required)
			return EXIT_OK;
		diag_error(ctx, src_span_none(), "cannot read config file "
			   "\"%s\": %s", path, strerror(errno));
		return EXIT_IO;
	}
	return config_parse(ctx, id, dir_of(ctx, path), cfg);
}

int config_parse(struct rt_ctx *ctx, uint32_t file, const char *dir,
		 struct config *cfg)
{
	struct src_file *f = src_get(ctx, file);
	struct reader r;
	int line;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.ctx = ctx;
	r.cfg = cfg;
	r.dir = dir;
	r.file = file;
	r.data = f->data;
	r.len = f->len;
	r.last_key = -1;
	cfg->path = f->path;
	if (!check_bytes(&r))
		return EXIT_INVALID;
	line = ini_parse_stream(read_line, &r, on_key, &r);
	if (line < 0)
		RT_BUG("ini_parse_stream: %d", line);
	/* Checked at the end: continuation lines may list the dialects. */
	if (r.set[KEY_DIALECTS] && cfg->ndialects == 0 && r.npend == 0)
		report(&r, r.dialects_span, arena_printf(&ctx->arena,
		       "dialects needs at least one dialect (%s)",
		       written_dialects(ctx)), src_span_none(), NULL);
	if (line > 0) {
		/* inih's own syntax error (a handler never fails): the first
		 * line that is neither `key = value`, a [section], a comment
		 * nor blank. */
		uint32_t s, e;

		src_line_bounds(f, (uint32_t)line, &s, &e);
		while (s < e && ascii_isspace((unsigned char)f->data[s]))
			s++;
		report(&r, span_at(&r, s, e - s), "expected \"key = value\" or "
		       "\"[section]\"", src_span_none(), NULL);
	}
	/* In line order (a stable insertion sort: few entries). */
	for (i = 1; i < r.npend; i++) {
		struct pending t = r.pend[i];
		size_t j = i;

		for (; j > 0 && r.pend[j - 1].span.start > t.span.start; j--)
			r.pend[j] = r.pend[j - 1];
		r.pend[j] = t;
	}
	for (i = 0; i < r.npend; i++) {
		diag_error(ctx, r.pend[i].span, "%s", r.pend[i].msg);
		if (r.pend[i].note)
			diag_note(ctx, r.pend[i].note_span, "%s",
				  r.pend[i].note);
	}
	free(r.pend);
	return r.npend ? EXIT_INVALID : EXIT_OK;
}
