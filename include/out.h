/*
 * out.h: writing output whole or not at all: to a temporary file in the
 * same directory, renamed into place only when complete ("-" or NULL is
 * standard output; a device or a FIFO, such as /dev/null, is written in
 * place, never replaced).
 */
#ifndef RT_OUT_H
#define RT_OUT_H

#include <stddef.h>

/* Returns 0, or -1 with errno set (nothing is left behind). */
int out_write(const char *path, const char *data, size_t len);

/* The same for a new file: path must not exist (-1 with EEXIST if it
 * does, and it is left as it was). */
int out_write_new(const char *path, const char *data, size_t len);

#endif
