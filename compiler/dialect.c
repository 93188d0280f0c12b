/*
 * dialect.c: the one table of SQL dialects (dialect.h): names, what each
 * can do, quoting, type spellings, reserved words and the emitter.
 */
#include "dialect.h"

#include <string.h>

#include "ast.h"
#include "locks.h"
#include "strbuf.h"
#include "util.h"

/* PostgreSQL's reserved key words (and those reserved but allowed as
 * function or type names), from the manual's Appendix C; sorted. */
static const char *const pg_reserved[] = {
	"all", "analyse", "analyze", "and", "any", "array", "as", "asc",
	"asymmetric", "authorization", "binary", "both", "case", "cast",
	"check", "collate", "collation", "column", "concurrently",
	"constraint", "create", "cross", "current_catalog", "current_date",
	"current_role", "current_schema", "current_time", "current_timestamp",
	"current_user", "default", "deferrable", "desc", "distinct", "do",
	"else", "end", "except", "false", "fetch", "for", "foreign", "freeze",
	"from", "full", "grant", "group", "having", "ilike", "in", "initially",
	"inner", "intersect", "into", "is", "isnull", "join", "lateral",
	"leading", "left", "like", "limit", "localtime", "localtimestamp",
	"natural", "not", "notnull", "null", "offset", "on", "only", "or",
	"order", "outer", "overlaps", "placing", "primary", "references",
	"returning", "right", "select", "session_user", "similar", "some",
	"symmetric", "system_user", "table", "tablesample", "then", "to",
	"trailing", "true", "union", "unique", "user", "using", "variadic",
	"verbose", "when", "where", "window", "with",
};

/* SQLite's keywords (sqlite.org/lang_keywords.html); sorted. */
static const char *const sqlite_reserved[] = {
	"abort", "action", "add", "after", "all", "alter", "always",
	"analyze", "and", "as", "asc", "attach", "autoincrement", "before",
	"begin", "between", "by", "cascade", "case", "cast", "check",
	"collate", "column", "commit", "conflict", "constraint", "create",
	"cross", "current", "current_date", "current_time",
	"current_timestamp", "database", "default", "deferrable", "deferred",
	"delete", "desc", "detach", "distinct", "do", "drop", "each", "else",
	"end", "escape", "except", "exclude", "exclusive", "exists",
	"explain", "fail", "filter", "first", "following", "for", "foreign",
	"from", "full", "generated", "glob", "group", "groups", "having",
	"if", "ignore", "immediate", "in", "index", "indexed", "initially",
	"inner", "insert", "instead", "intersect", "into", "is", "isnull",
	"join", "key", "last", "left", "like", "limit", "match",
	"materialized", "natural", "no", "not", "nothing", "notnull", "null",
	"nulls", "of", "offset", "on", "or", "order", "others", "outer",
	"over", "partition", "plan", "pragma", "preceding", "primary",
	"query", "raise", "range", "recursive", "references", "regexp",
	"reindex", "release", "rename", "replace", "restrict", "returning",
	"right", "rollback", "row", "rows", "savepoint", "select", "set",
	"table", "temp", "temporary", "then", "ties", "to", "transaction",
	"trigger", "unbounded", "union", "unique", "update", "using",
	"vacuum", "values", "view", "virtual", "when", "where", "window",
	"with", "without",
};

/* MariaDB 10.11's reserved words (each one that its own
 * information_schema.KEYWORDS lists and CREATE TABLE refuses as a bare
 * name), and those MySQL 8.0 reserves besides; sorted. */
static const char *const mysql_reserved[] = {
	"accessible", "add", "all", "alter", "analyze", "and", "as", "asc",
	"asensitive", "before", "between", "bigint", "binary", "blob", "both",
	"by", "call", "cascade", "case", "change", "char", "character",
	"check", "collate", "column", "condition", "constraint", "continue",
	"convert", "create", "cross", "cube", "cume_dist", "current_date",
	"current_role", "current_time", "current_timestamp", "current_user",
	"cursor", "database", "databases", "day_hour", "day_microsecond",
	"day_minute", "day_second", "dec", "decimal", "declare", "default",
	"delayed", "delete", "delete_domain_id", "dense_rank", "desc",
	"describe", "deterministic", "distinct", "distinctrow", "div",
	"do_domain_ids", "double", "drop", "dual", "each", "else", "elseif",
	"empty", "enclosed", "escaped", "except", "exists", "exit", "explain",
	"false", "fetch", "first_value", "float", "float4", "float8", "for",
	"force", "foreign", "from", "fulltext", "function", "generated", "get",
	"grant", "group", "grouping", "groups", "having", "high_priority",
	"hour_microsecond", "hour_minute", "hour_second", "if", "ignore",
	"ignore_domain_ids", "in", "index", "infile", "inner", "inout",
	"insensitive", "insert", "int", "int1", "int2", "int3", "int4", "int8",
	"integer", "intersect", "interval", "into", "io_after_gtids",
	"io_before_gtids", "is", "iterate", "join", "json_table", "key",
	"keys", "kill", "lag", "last_value", "lateral", "lead", "leading",
	"leave", "left", "like", "limit", "linear", "lines", "load",
	"localtime", "localtimestamp", "lock", "long", "longblob", "longtext",
	"loop", "low_priority", "master_bind", "master_demote_to_replica",
	"master_demote_to_slave", "master_ssl_verify_server_cert", "match",
	"maxvalue", "mediumblob", "mediumint", "mediumtext", "middleint",
	"minute_microsecond", "minute_second", "mod", "modifies", "natural",
	"no_write_to_binlog", "not", "nth_value", "ntile", "null", "numeric",
	"of", "offset", "on", "optimize", "optimizer_costs", "option",
	"optionally", "or", "order", "out", "outer", "outfile", "over",
	"page_checksum", "parse_vcol_expr", "partition", "percent_rank",
	"portion", "precision", "primary", "procedure", "purge", "range",
	"rank", "read", "read_write", "reads", "real", "recursive",
	"ref_system_id", "references", "regexp", "release", "rename", "repeat",
	"replace", "require", "resignal", "restrict", "return", "returning",
	"revoke", "right", "rlike", "row", "row_number", "rows", "schema",
	"schemas", "second_microsecond", "select", "sensitive", "separator",
	"set", "show", "signal", "smallint", "spatial", "specific", "sql",
	"sql_big_result", "sql_calc_found_rows", "sql_small_result",
	"sqlexception", "sqlstate", "sqlwarning", "ssl", "starting",
	"stats_auto_recalc", "stats_persistent", "stats_sample_pages",
	"stored", "straight_join", "system", "table", "terminated", "then",
	"tinyblob", "tinyint", "tinytext", "to", "trailing", "trigger", "true",
	"undo", "union", "unique", "unlock", "unsigned", "update", "usage",
	"use", "using", "utc_date", "utc_time", "utc_timestamp", "values",
	"varbinary", "varchar", "varcharacter", "varying", "virtual", "when",
	"where", "while", "window", "with", "write", "xor", "year_month",
	"zerofill",
};

/* SQL.md "Types". */
static const char *const pg_types[] = {
	[TYPE_SMALLINT] = "SMALLINT",
	[TYPE_INTEGER] = "INTEGER",
	[TYPE_BIGINT] = "BIGINT",
	[TYPE_BOOLEAN] = "BOOLEAN",
	[TYPE_VARCHAR] = "VARCHAR",
	[TYPE_CHAR] = "CHAR",
	[TYPE_TEXT] = "TEXT",
	[TYPE_NUMERIC] = "NUMERIC",
	[TYPE_REAL] = "REAL",
	[TYPE_DOUBLE] = "DOUBLE PRECISION",
	[TYPE_DATE] = "DATE",
	[TYPE_TIME] = "TIME",
	[TYPE_TIMESTAMP] = "TIMESTAMP WITHOUT TIME ZONE",
	[TYPE_TIMESTAMPTZ] = "TIMESTAMP WITH TIME ZONE",
	[TYPE_UUID] = "UUID",
	[TYPE_JSON] = "JSONB",
	[TYPE_BLOB] = "BYTEA",
};

static const char *const sqlite_types[] = {
	[TYPE_SMALLINT] = "SMALLINT",
	[TYPE_INTEGER] = "INTEGER",
	[TYPE_BIGINT] = "BIGINT",
	[TYPE_BOOLEAN] = "BOOLEAN",
	[TYPE_VARCHAR] = "VARCHAR",
	[TYPE_CHAR] = "CHAR",
	[TYPE_TEXT] = "TEXT",
	[TYPE_NUMERIC] = "NUMERIC",
	[TYPE_REAL] = "REAL",
	[TYPE_DOUBLE] = "REAL",
	[TYPE_DATE] = "DATE",
	[TYPE_TIME] = "TIME",
	[TYPE_TIMESTAMP] = "DATETIME",
	[TYPE_TIMESTAMPTZ] = "DATETIME",
	[TYPE_UUID] = "CHAR(36)",
	[TYPE_JSON] = "JSON",
	[TYPE_BLOB] = "BLOB",
};

static const char *const mysql_types[] = {
	[TYPE_SMALLINT] = "SMALLINT",
	[TYPE_INTEGER] = "INTEGER",
	[TYPE_BIGINT] = "BIGINT",
	[TYPE_BOOLEAN] = "BOOL",
	[TYPE_VARCHAR] = "VARCHAR",
	[TYPE_CHAR] = "CHAR",
	[TYPE_TEXT] = "TEXT",
	[TYPE_NUMERIC] = "NUMERIC",
	[TYPE_REAL] = "FLOAT",
	[TYPE_DOUBLE] = "DOUBLE",
	[TYPE_DATE] = "DATE",
	[TYPE_TIME] = "TIME",
	[TYPE_TIMESTAMP] = "DATETIME",
	[TYPE_TIMESTAMPTZ] = "DATETIME",
	[TYPE_UUID] = "CHAR(36)",
	[TYPE_JSON] = "JSON",
	[TYPE_BLOB] = "BLOB",
};

static const struct dialect dialects[] = {
	{
		.name = "postgresql",
		.bit = DIALECT_POSTGRESQL,
		.client = "psql",
		.run_with = "psql -v ON_ERROR_STOP=1 -f THIS_FILE",
		.begin = "BEGIN;",
		.quote = '"',
		.schemas = true,
		.guard_needs_tx = true,		/* LOCK TABLE needs one */
		.alter_add_fk = true,
		.by_default = true,
		.index_methods = true,
		.index_exprs = true,
		.concurrently = true,
		.defer_unique = true,
		.defer_fk = true,
		.set_constraints = true,
		.arrays = true,
		/* Built in since PostgreSQL 13. */
		.new_uuid = "gen_random_uuid()",
		/* Microseconds; the statement's start, as in the others
		 * (CURRENT_TIMESTAMP is the transaction's). */
		.now_precise = "statement_timestamp()",
		.sequences = SEQUENCES_PG,
		.lock_timeout = "SET LOCAL lock_timeout = ",
		.reserved = pg_reserved,
		.nreserved = ARRAY_SIZE(pg_reserved),
		.types = pg_types,
		.ops = &emit_postgresql_ops,
		.locks = pglocks_of,
	},
	{
		.name = "sqlite",
		.bit = DIALECT_SQLITE,
		.client = "sqlite3",
		.run_with = "sqlite3 -bail DATABASE < THIS_FILE",
		/* Takes the write lock at once: two runs cannot both pass
		 * the guard. */
		.begin = "BEGIN IMMEDIATE;",
		.quote = '"',
		.guard_needs_tx = true,
		.by_default = true,
		.index_exprs = true,
		.defer_fk = true,
		/* Version 4, lower case, as PostgreSQL writes a uuid: 122
		 * random bits, the version nibble 4, the variant 8 to b. */
		.new_uuid = "(lower(hex(randomblob(4))) || '-' || "
			    "lower(hex(randomblob(2))) || '-4' || "
			    "substr(lower(hex(randomblob(2))), 2) || '-' || "
			    "substr('89ab', 1 + (abs(random()) % 4), 1) || "
			    "substr(lower(hex(randomblob(2))), 2) || '-' || "
			    "lower(hex(randomblob(6))))",
		/* Milliseconds, in CURRENT_TIMESTAMP's text format. */
		.now_precise = "(strftime('%Y-%m-%d %H:%M:%f', 'now'))",
		.reserved = sqlite_reserved,
		.nreserved = ARRAY_SIZE(sqlite_reserved),
		.types = sqlite_types,
		.enums = ENUM_CHECK,
		.ops = &emit_sqlite_ops,
	},
	{
		/* MariaDB 10.11 (MySQL 8 best effort).  Its DDL commits at
		 * once: no BEGIN, no transaction of any kind (the header
		 * says so), and the guard needs none. */
		.name = "mysql",
		.bit = DIALECT_MYSQL,
		.client = "mariadb",
		.run_with = "mariadb DATABASE < THIS_FILE",
		.quote = '`',
		.alter_add_fk = true,
		/* Keys on text columns, foreign keys between unlike types,
		 * checks on an AUTO_INCREMENT column: the model knows. */
		.model_checks = true,
		/* The input is UTF-8, whatever the client's locale says. */
		.session = "SET NAMES utf8mb4;",
		/* Version 1 (time and node); a default in parentheses. */
		.new_uuid = "uuid()",
		/* Microseconds, which only a DATETIME(6) column keeps (and
		 * accepts as its default). */
		.now_precise = "CURRENT_TIMESTAMP(6)",
		.precise_timestamp = "DATETIME(6)",
		.reserved = mysql_reserved,
		.nreserved = ARRAY_SIZE(mysql_reserved),
		.types = mysql_types,
		.enums = ENUM_INLINE,
		.sequences = SEQUENCES_MARIADB,
		.ops = &emit_mysql_ops,
	},
};

size_t dialect_count(void)
{
	return ARRAY_SIZE(dialects);
}

const struct dialect *dialect_at(size_t i)
{
	return i < ARRAY_SIZE(dialects) ? &dialects[i] : NULL;
}

const struct dialect *dialect_named(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dialects); i++) {
		if (strcmp(dialects[i].name, name) == 0)
			return &dialects[i];
	}
	return NULL;
}

const struct dialect *dialect_find(const char *name)
{
	const struct dialect *d = dialect_named(name);

	return d && d->ops ? d : NULL;
}

bool dialect_reserved(const struct dialect *d, const char *word)
{
	size_t lo = 0, hi = d->nreserved;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(word, d->reserved[mid]);

		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

static bool takes(const struct dialect *d, enum dialect_filter f)
{
	switch (f) {
	case DIALECTS_KNOWN:
		return true;
	case DIALECTS_WRITTEN:
		return d->ops != NULL;
	case DIALECTS_DEFAULT:
		return d->ops && d->by_default;
	case DIALECTS_SCHEMAS:
		return d->ops && d->schemas;
	case DIALECTS_LOCK_TIMEOUT:
		return d->ops && d->lock_timeout;
	case DIALECTS_LOCKS:
		return d->ops && d->locks;
	case DIALECTS_TX:
		return d->ops && d->begin;
	}
	return false;
}

void dialect_list(struct strbuf *out, enum dialect_filter f,
		  const char *last)
{
	size_t i, n = 0, k = 0;

	for (i = 0; i < ARRAY_SIZE(dialects); i++)
		n += takes(&dialects[i], f);
	for (i = 0; i < ARRAY_SIZE(dialects); i++) {
		if (!takes(&dialects[i], f))
			continue;
		if (k)
			strbuf_addstr(out, k + 1 == n ? last : ", ");
		strbuf_addstr(out, dialects[i].name);
		k++;
	}
}

void dialect_expand(struct strbuf *out, const char *text)
{
	static const struct {
		const char *word;
		enum dialect_filter f;
		const char *last;
	} words[] = {
		{ "@DIALECTS@", DIALECTS_WRITTEN, " or " },
		{ "@DEFAULT_DIALECTS@", DIALECTS_DEFAULT, " and " },
		{ "@DEFAULT_DIALECT_LIST@", DIALECTS_DEFAULT, ", " },
		{ "@SCHEMA_DIALECTS@", DIALECTS_SCHEMAS, " or " },
		{ "@LOCK_DIALECTS@", DIALECTS_LOCK_TIMEOUT, " or " },
		{ "@LOCKS_DIALECTS@", DIALECTS_LOCKS, " or " },
		{ "@TX_DIALECTS@", DIALECTS_TX, " or " },
	};
	const char *p;

	while ((p = strchr(text, '@')) != NULL) {
		size_t i;

		strbuf_add(out, text, (size_t)(p - text));
		for (i = 0; i < ARRAY_SIZE(words); i++) {
			size_t n = strlen(words[i].word);

			if (strncmp(p, words[i].word, n) == 0) {
				dialect_list(out, words[i].f, words[i].last);
				text = p + n;
				break;
			}
		}
		if (i == ARRAY_SIZE(words)) {
			strbuf_addch(out, '@');
			text = p + 1;
		}
	}
	strbuf_addstr(out, text);
}

size_t dialect_defaults(const struct dialect **out)
{
	size_t i, n = 0;

	for (i = 0; i < ARRAY_SIZE(dialects); i++) {
		if (dialects[i].ops && dialects[i].by_default)
			out[n++] = &dialects[i];
	}
	return n;
}
