/* flowsvg.h - a procedure definition's flow chart as SVG (flowsvg.c). */
#ifndef FZ_HTTP_FLOWSVG_H
#define FZ_HTTP_FLOWSVG_H

#include <stdbool.h>

#include "base/buf.h"
#include "domain/procedure.h"

/* Appends the chart of d: an <svg role="img"> named by <title
 * id="chart-title"> and described by <desc id="chart-desc">, one <rect
 * class="step"> per step in the definition's order. standalone adds the
 * XML declaration for a file of its own. Errors are b's sticky error. */
void flow_svg(struct buf *b, const struct proc_def *d, bool standalone);

#endif
