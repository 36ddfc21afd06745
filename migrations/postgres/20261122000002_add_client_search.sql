-- Substring search over names, emails and external IDs without a full scan: a trigram GIN
-- index on users.search_text.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_search_trgm ON users USING gin (search_text gin_trgm_ops);
