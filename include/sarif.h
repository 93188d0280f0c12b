/*
 * sarif.h: check --format sarif, the diagnostics as one SARIF 2.1.0 log
 * (OASIS): a run of the tool "retort" whose rules are the lints (with
 * their rationale as help) and the stages that raise errors, and one
 * result per error or warning, at its place in the .mig file, its notes
 * as related locations.
 */
#ifndef RT_SARIF_H
#define RT_SARIF_H

#include <stdio.h>

struct rt_ctx;

/* Print and dequeue every diagnostic queued, as a SARIF log on out. */
void sarif_flush(struct rt_ctx *ctx, FILE *out);

#endif
