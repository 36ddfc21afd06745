-- Deleting a person finds the rows that refer to them (ON DELETE SET NULL) through an index
-- that starts with the referring column; the audit log's filter indexes start with org_id, so
-- each deleted client cost two full scans of the audit log. Leading with the person still
-- serves the page's filter by person (one organization's people only).
DROP INDEX audit_log_by_actor;
DROP INDEX audit_log_by_subject;
CREATE INDEX audit_log_by_actor ON audit_log (actor_id, id);
CREATE INDEX audit_log_by_subject ON audit_log (subject_user_id, id);
CREATE INDEX invitations_by_inviter ON invitations (invited_by);
