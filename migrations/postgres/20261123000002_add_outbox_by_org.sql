-- The Sent email page lists an organization's messages newest first.
CREATE INDEX outbox_by_org ON outbox (org_id, id);
