/* sqlite_stats_sql.h - SQL fragments that the statistics' reference
 * queries (sqlite_stats.c) and the summary's backfill
 * (sqlite_stats_backfill.c) share, so that both read the record alike. */
#ifndef FZ_STORE_SQLITE_STATS_SQL_H
#define FZ_STORE_SQLITE_STATS_SQL_H

/* The value of field K of event e as later corrections set it: the
 * latest correction carrying the field wins over the event's own value
 * (as domain/case_events.c reads them). K is a constant of the caller,
 * never input. */
#define FIELD(K)                                                                          \
	"coalesce((SELECT f.value FROM case_events k JOIN case_event_fields f"             \
	" ON f.event_id = k.id AND f.key = '" K "' AND f.value <> ''"                     \
	" WHERE k.corrects = e.id AND k.corrects IS NOT NULL ORDER BY k.seq DESC LIMIT 1),"  \
	" (SELECT f.value FROM case_event_fields f WHERE f.event_id = e.id AND f.key = '" K "'), '')"

/* Yuan as written ("5000", "5000.5") to whole fen; '' and NULL to 0. */
#define FEN(X) "coalesce(CAST(round(CAST(nullif(" X ", '') AS REAL) * 100) AS INTEGER), 0)"

#endif
