/*
 * types.c: the table of portable type spellings (LANGUAGE.md "Portable
 * types"), sorted for bisection.
 */
#include "types.h"

#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "util.h"

static const struct type_info types[] = {
	{ "bigint", TYPE_BIGINT, "bigint", 0 },
	{ "blob", TYPE_BLOB, "blob", 0 },
	{ "bool", TYPE_BOOLEAN, "boolean", 0 },
	{ "boolean", TYPE_BOOLEAN, "boolean", 0 },
	{ "char", TYPE_CHAR, "char", 1 },
	{ "character", TYPE_CHAR, "char", 1 },
	{ "character varying", TYPE_VARCHAR, "varchar", 1 },
	{ "date", TYPE_DATE, "date", 0 },
	{ "decimal", TYPE_NUMERIC, "numeric", 2 },
	{ "double", TYPE_DOUBLE, "double", 0 },
	{ "double precision", TYPE_DOUBLE, "double", 0 },
	{ "int", TYPE_INTEGER, "integer", 0 },
	{ "integer", TYPE_INTEGER, "integer", 0 },
	{ "json", TYPE_JSON, "json", 0 },
	{ "numeric", TYPE_NUMERIC, "numeric", 2 },
	{ "real", TYPE_REAL, "real", 0 },
	{ "smallint", TYPE_SMALLINT, "smallint", 0 },
	{ "text", TYPE_TEXT, "text", 0 },
	{ "time", TYPE_TIME, "time", 0 },
	{ "timestamp", TYPE_TIMESTAMP, "timestamp", 0 },
	{ "timestamp with time zone", TYPE_TIMESTAMPTZ, "timestamptz", 0 },
	{ "timestamp without time zone", TYPE_TIMESTAMP, "timestamp", 0 },
	{ "timestamptz", TYPE_TIMESTAMPTZ, "timestamptz", 0 },
	{ "uuid", TYPE_UUID, "uuid", 0 },
	{ "varchar", TYPE_VARCHAR, "varchar", 1 },
};

const struct type_info *type_lookup(const char *name)
{
	size_t lo = 0, hi = ARRAY_SIZE(types);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(name, types[mid].spelling);

		if (c == 0)
			return &types[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

enum rt_type type_elem(const struct ast_node *type)
{
	const struct type_info *ti = type_lookup(type->u.type.name);

	return ti ? ti->type : TYPE_OTHER;
}

enum rt_type type_of_node(const struct ast_node *type)
{
	return type->u.type.dims ? TYPE_ARRAY : type_elem(type);
}

long type_arg(const struct ast_node *type, size_t n)
{
	const struct ast_node *a = type->u.type.args.head;

	while (a && n--)
		a = a->next;
	if (!a || a->kind != AST_LITERAL || a->u.lit.kind != LIT_NUMBER)
		return -1;
	return strtol(a->u.lit.text, NULL, 10);
}
