-- PostgreSQL only (a larger statistics sample for search_text, so its planner uses the trigram
-- index). SQLite's search goes through its FTS5 table, whatever the statistics; this keeps the
-- two engines' migrations in step.
SELECT 1;
