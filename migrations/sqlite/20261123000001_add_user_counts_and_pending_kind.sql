-- Pending rows are either invitations (only an email so far) or sign-up requests (a person who
-- filled in the organization's sign-up page and waits to be accepted).
ALTER TABLE users ADD COLUMN pending_kind TEXT CHECK (pending_kind IN ('invited', 'requested'));
UPDATE users SET pending_kind = 'requested' WHERE state = 'pending';

-- How many users each organization has per kind and state, kept exact by triggers so the Show
-- menu and the client-limit meter never count rows (an organization may hold a million clients).
CREATE TABLE user_counts (
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (org_id, kind, state)
);
INSERT INTO user_counts (org_id, kind, state, n)
    SELECT org_id, kind, state, COUNT(*) FROM users GROUP BY org_id, kind, state;

CREATE TRIGGER user_counts_insert AFTER INSERT ON users BEGIN
    INSERT INTO user_counts (org_id, kind, state, n) VALUES (new.org_id, new.kind, new.state, 1)
        ON CONFLICT (org_id, kind, state) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER user_counts_delete AFTER DELETE ON users BEGIN
    UPDATE user_counts SET n = n - 1
        WHERE org_id = old.org_id AND kind = old.kind AND state = old.state;
END;

CREATE TRIGGER user_counts_update AFTER UPDATE OF org_id, kind, state ON users
    WHEN old.org_id <> new.org_id OR old.kind <> new.kind OR old.state <> new.state
BEGIN
    UPDATE user_counts SET n = n - 1
        WHERE org_id = old.org_id AND kind = old.kind AND state = old.state;
    INSERT INTO user_counts (org_id, kind, state, n) VALUES (new.org_id, new.kind, new.state, 1)
        ON CONFLICT (org_id, kind, state) DO UPDATE SET n = n + 1;
END;

-- Registration codes are looked up by code; outbox rows by the user they concern (the pending
-- row shows a failed delivery).
CREATE INDEX outbox_by_user ON outbox (related_user_id, id);
CREATE INDEX invitations_by_user ON invitations (user_id);
