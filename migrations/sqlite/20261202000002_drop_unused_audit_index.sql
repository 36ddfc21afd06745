-- The audit log pages by id (audit_log_by_org_id); nothing reads it by time. Every audit row
-- paid for this index, and a bulk action writes one row per client.
DROP INDEX audit_log_by_org_time;
