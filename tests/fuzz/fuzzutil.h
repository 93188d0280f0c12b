/*
 * fuzzutil.h: checks the fuzz targets share.
 */
#ifndef RT_FUZZUTIL_H
#define RT_FUZZUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "rt.h"

/* Every queued diagnostic points into file id, start <= end <= size. */
static inline void check_spans(const struct rt_ctx *ctx, uint32_t id,
			       size_t size)
{
	const struct diag *d;

	for (d = ctx->diags.head; d; d = d->next) {
		if (d->span.file == SRC_NONE)
			continue;
		if (d->span.file != id || d->span.start > d->span.end ||
		    d->span.end > size)
			__builtin_trap();
	}
}

#endif
