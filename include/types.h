/*
 * types.h: the portable column types of LANGUAGE.md and their spellings.
 * Dialect spellings live in the emitters; this only names and checks.
 */
#ifndef RT_TYPES_H
#define RT_TYPES_H

#include <stdbool.h>
#include <stddef.h>

enum rt_type {
	TYPE_OTHER,		/* not portable: passed through verbatim */
	TYPE_SMALLINT,
	TYPE_INTEGER,
	TYPE_BIGINT,
	TYPE_BOOLEAN,
	TYPE_VARCHAR,
	TYPE_CHAR,
	TYPE_TEXT,
	TYPE_NUMERIC,
	TYPE_REAL,
	TYPE_DOUBLE,
	TYPE_DATE,
	TYPE_TIME,
	TYPE_TIMESTAMP,
	TYPE_TIMESTAMPTZ,
	TYPE_UUID,
	TYPE_JSON,
	TYPE_BLOB,
	TYPE_ARRAY,		/* elem[]: PostgreSQL's; type_elem names elem */
};

struct type_info {
	const char *spelling;	/* as written, lower case */
	enum rt_type type;
	const char *canonical;	/* LANGUAGE.md's name for it */
	unsigned max_args;	/* integer arguments it takes */
};

/* The portable type spelled name (lower case), or NULL if not portable. */
const struct type_info *type_lookup(const char *name);

/* The portable type of an AST_TYPE (TYPE_OTHER: not portable;
 * TYPE_ARRAY: an array), the type of its elements (of the type itself
 * when it is no array), and its n-th argument as a number (-1: none, or
 * not a number). */
struct ast_node;
enum rt_type type_of_node(const struct ast_node *type);
enum rt_type type_elem(const struct ast_node *type);
long type_arg(const struct ast_node *type, size_t n);

#endif
