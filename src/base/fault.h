/* fault.h - allocation-failure injection, for tests (issue 11 §5).
 *
 * As SQLite's test harness does: after fault_alloc_after(n) the calling
 * thread's allocations through the arena and the growable buffer succeed
 * n times and then fail, every one, until fault_alloc_off(). A test runs
 * an operation for n = 0, 1, 2 … until it no longer meets a failure, and
 * checks each time that the operation reports FZ_NOMEM (or another error)
 * instead of crashing, and that it left nothing half-written. Off unless a
 * test turns it on; it costs one thread-local test per allocation. Other
 * threads (a server's workers) are never affected. */
#ifndef FZ_BASE_FAULT_H
#define FZ_BASE_FAULT_H

#include <stdbool.h>

/* From now on on this thread, n allocations succeed and the rest fail. */
void fault_alloc_after(long n);
/* Back to normal; returns whether a failure was injected since
 * fault_alloc_after (false: the operation needed at most n allocations). */
bool fault_alloc_off(void);
/* For the allocators: counts one allocation; true when it must fail. */
bool fault_alloc_fails(void);

#endif
