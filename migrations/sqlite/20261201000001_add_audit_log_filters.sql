-- The Audit Log page lists an organization's entries newest first, optionally one person's (as
-- actor or subject) or one action's, paging by id.
CREATE INDEX audit_log_by_org_id ON audit_log (org_id, id);
CREATE INDEX audit_log_by_actor ON audit_log (org_id, actor_id, id);
CREATE INDEX audit_log_by_subject ON audit_log (org_id, subject_user_id, id);
CREATE INDEX audit_log_by_action ON audit_log (org_id, action, id);
-- Deleting a tag finds the security-tag rows that name it.
CREATE INDEX security_tags_by_tag ON security_tags (tag_id);
