-- Pending rows are either invitations (only an email so far) or sign-up requests (a person who
-- filled in the organization's sign-up page and waits to be accepted).
ALTER TABLE users ADD COLUMN pending_kind TEXT CHECK (pending_kind IN ('invited', 'requested'));
UPDATE users SET pending_kind = 'requested' WHERE state = 'pending';

-- How many users each organization has per kind and state, kept exact by triggers so the Show
-- menu and the client-limit meter never count rows (an organization may hold a million clients).
-- Statement-level triggers with transition tables: a bulk change updates each counter once.
CREATE TABLE user_counts (
    org_id BIGINT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (org_id, kind, state)
);
INSERT INTO user_counts (org_id, kind, state, n)
    SELECT org_id, kind, state, COUNT(*) FROM users GROUP BY org_id, kind, state;

CREATE FUNCTION user_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO user_counts (org_id, kind, state, n)
        SELECT org_id, kind, state, COUNT(*) FROM added GROUP BY org_id, kind, state
        ON CONFLICT (org_id, kind, state) DO UPDATE SET n = user_counts.n + excluded.n;
    RETURN NULL;
END $$;

CREATE FUNCTION user_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE user_counts c SET n = c.n - r.n
        FROM (SELECT org_id, kind, state, COUNT(*) AS n FROM removed GROUP BY org_id, kind, state) r
        WHERE c.org_id = r.org_id AND c.kind = r.kind AND c.state = r.state;
    RETURN NULL;
END $$;

CREATE FUNCTION user_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE user_counts c SET n = c.n - r.n
        FROM (SELECT org_id, kind, state, COUNT(*) AS n FROM removed GROUP BY org_id, kind, state) r
        WHERE c.org_id = r.org_id AND c.kind = r.kind AND c.state = r.state;
    INSERT INTO user_counts (org_id, kind, state, n)
        SELECT org_id, kind, state, COUNT(*) FROM added GROUP BY org_id, kind, state
        ON CONFLICT (org_id, kind, state) DO UPDATE SET n = user_counts.n + excluded.n;
    RETURN NULL;
END $$;

CREATE TRIGGER user_counts_insert AFTER INSERT ON users
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION user_counts_add();
CREATE TRIGGER user_counts_delete AFTER DELETE ON users
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION user_counts_remove();
CREATE TRIGGER user_counts_update AFTER UPDATE ON users
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION user_counts_move();

-- Registration codes are looked up by code; outbox rows by the user they concern (the pending
-- row shows a failed delivery).
CREATE INDEX outbox_by_user ON outbox (related_user_id, id);
CREATE INDEX invitations_by_user ON invitations (user_id);
