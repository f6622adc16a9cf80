-- 030_search_years.sql - each indexed item's tags gain its year
-- ("y2019"), so that a query reads one calendar year at a time and
-- FTS5's walk over common terms that never meet ends with the year
-- instead of running to the end of their doclists (docs/SEARCH.md,
-- "Bounded work"). The update trigger re-indexes each row.
UPDATE search_items SET tags = tags || ' y' || substr(date, 1, 4)
WHERE tags NOT LIKE '% y%';
