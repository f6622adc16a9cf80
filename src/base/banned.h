/* banned.h - C library calls fazhi never makes, refused by the compiler
 * (src/meson.build passes -include src/base/banned.h for every file of
 * the program; tests may still parse their HTML with sscanf).
 *
 *   strcpy strcat sprintf vsprintf  no bound: use snprintf or buf_*
 *   gets                            no bound at all
 *   strtok                          hidden state, not thread-safe
 *   atoi atol sscanf                no error, no overflow check: use
 *                                   num_parse_i64 / num_id (base/num.h)
 *
 * The headers that declare them are included first, so the poison only
 * catches our own uses; a call in a macro of a system header is not
 * ours and is not caught. */
#ifndef FZ_BASE_BANNED_H
#define FZ_BASE_BANNED_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#pragma GCC poison strcpy strcat sprintf vsprintf gets strtok atoi atol sscanf

#endif
