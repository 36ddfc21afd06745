-- Roster's schema. Instants are integer milliseconds since the epoch; dates are ISO text.
-- Booleans are integers 0/1 so the same queries read them on SQLite and PostgreSQL.

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    client_limit INTEGER NOT NULL CHECK (client_limit >= 0),
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('client', 'team')),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT NOT NULL,
    date_of_birth TEXT,
    sex_at_birth TEXT CHECK (sex_at_birth IN ('female', 'male')),
    external_id TEXT,
    state TEXT NOT NULL CHECK (state IN ('active', 'pending', 'archived')),
    registered INTEGER NOT NULL DEFAULT 0 CHECK (registered IN (0, 1)),
    is_owner INTEGER NOT NULL DEFAULT 0 CHECK (is_owner IN (0, 1)),
    password_hash TEXT,
    -- Bumped to end every session of this user (archive, role change, password change).
    session_epoch INTEGER NOT NULL DEFAULT 0,
    -- Optimistic concurrency: every update checks and bumps it.
    version INTEGER NOT NULL DEFAULT 1,
    -- lower(last_name || ' ' || first_name): the Name column's sort key.
    sort_name TEXT NOT NULL,
    -- lower(first last email external_id): what the search box matches, substring-wise.
    search_text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (org_id, email)
);
CREATE UNIQUE INDEX users_one_owner_per_org ON users (org_id) WHERE is_owner = 1;
CREATE INDEX users_by_email ON users (email);
CREATE INDEX users_list_by_name ON users (org_id, kind, state, sort_name, id);
CREATE INDEX users_list_by_email ON users (org_id, kind, state, email);
CREATE INDEX users_list_by_created ON users (org_id, kind, state, created_at, id);
CREATE INDEX users_list_by_dob ON users (org_id, kind, state, date_of_birth, id);
CREATE INDEX users_list_by_external_id ON users (org_id, kind, state, external_id, id);

CREATE TABLE team_roles (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('practitioner', 'billing_admin', 'admin')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- lower(name): tags are unique per organization regardless of case.
    name_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (org_id, name_key)
);

CREATE TABLE client_tags (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, tag_id)
);
CREATE INDEX client_tags_by_tag ON client_tags (tag_id, user_id);

-- A practitioner with security tags sees only clients carrying at least one of them.
CREATE TABLE security_tags (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, tag_id)
);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('client', 'team')),
    email TEXT NOT NULL,
    -- Comma-separated roles for team invitations; empty for clients.
    roles TEXT NOT NULL DEFAULT '',
    message TEXT NOT NULL,
    -- SHA-256 of the token; the token itself is only ever in the email.
    token_hash TEXT NOT NULL UNIQUE,
    invited_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    accepted_at INTEGER,
    withdrawn_at INTEGER,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX invitations_open_by_org ON invitations (org_id, kind, email) WHERE accepted_at IS NULL AND withdrawn_at IS NULL;

CREATE TABLE registration_codes (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    -- Kept readable on purpose: admins may view it ("View Registration Code").
    code TEXT NOT NULL UNIQUE,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    org_id INTEGER REFERENCES organizations(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    related_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    related_invitation_id INTEGER REFERENCES invitations(id) ON DELETE SET NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'kept')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    actor_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);
CREATE INDEX audit_log_by_org_time ON audit_log (org_id, created_at);

-- Each admin's Clients/Team Members table layout (JSON of ColumnLayout).
CREATE TABLE table_layouts (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    table_name TEXT NOT NULL,
    layout TEXT NOT NULL,
    PRIMARY KEY (user_id, table_name)
);
