-- Substring search over names, emails and external IDs without a full scan: an FTS5 trigram
-- index kept in step with users.search_text by triggers. rowid = users.id.
CREATE VIRTUAL TABLE users_search USING fts5(search_text, tokenize = 'trigram');

CREATE TRIGGER users_search_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER users_search_update AFTER UPDATE OF search_text ON users BEGIN
    DELETE FROM users_search WHERE rowid = old.id;
    INSERT INTO users_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

CREATE TRIGGER users_search_delete AFTER DELETE ON users BEGIN
    DELETE FROM users_search WHERE rowid = old.id;
END;
