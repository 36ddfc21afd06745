-- Archiving 1,000 clients rewrote 1,000 entries in each list index, because state was part of
-- every key. In the indexes sorted by a column unrelated to the name (created, date of birth,
-- external id) those entries sit on ~600 different pages each: 2/3 of the pages the archive
-- wrote (3,246 of them; 1,337 without). These three indexes now leave state out, so archiving
-- and unarchiving never touch them; the Active view reads them and checks each row's state.
-- pending_kind (set on every pending row, and only on them) keeps invitations, which have no
-- date of birth or external id and so come first in those orders, out of the Active view's way.
-- Small partial indexes keep the Archived and Pending views sorted by these columns as quick
-- as before (the statement names the state, so SQLite can choose them).
DROP INDEX users_list_by_created;
DROP INDEX users_list_by_dob;
DROP INDEX users_list_by_external_id;
CREATE INDEX users_list_by_created ON users (org_id, kind, pending_kind, created_at, id);
CREATE INDEX users_list_by_dob ON users (org_id, kind, pending_kind, date_of_birth, id);
CREATE INDEX users_list_by_external_id ON users (org_id, kind, pending_kind, external_id, id);
CREATE INDEX users_archived_by_created ON users (org_id, kind, created_at, id) WHERE state = 'archived';
CREATE INDEX users_archived_by_dob ON users (org_id, kind, date_of_birth, id) WHERE state = 'archived';
CREATE INDEX users_archived_by_external_id ON users (org_id, kind, external_id, id) WHERE state = 'archived';
CREATE INDEX users_pending_by_created ON users (org_id, kind, created_at, id) WHERE state = 'pending';
CREATE INDEX users_pending_by_dob ON users (org_id, kind, date_of_birth, id) WHERE state = 'pending';
CREATE INDEX users_pending_by_external_id ON users (org_id, kind, external_id, id) WHERE state = 'pending';
