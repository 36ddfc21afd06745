-- SQLite only (its list indexes sorted by created, date of birth and external id leave state
-- out, so archiving doesn't rewrite them). PostgreSQL writes a new entry in every index for
-- each updated row whatever changed (state stays in the name and email indexes, so the update
-- can't be HOT): the change would save it nothing. This keeps the two engines' migrations in step.
SELECT 1;
