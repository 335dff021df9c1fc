-- Ledger core, after TigerBeetle's two-phase transfers: accounts carry pending (open holds) and
-- posted (owed) amounts; a hold is a pending transfer that is later posted, voided or expired once;
-- transfers are immutable and their id is the journal sequence that caused them.
-- Times are epoch milliseconds (BIGINT) and amounts whole yen (BIGINT), so the same SQL runs on
-- SQLite and PostgreSQL. Flyway runs the file in one transaction on both (transactional DDL): a
-- process killed half-way leaves nothing, and the next start runs it again. The IF NOT EXISTS
-- clauses let a PostgreSQL ledger made by the earlier hand-written migrator be adopted as version 1.

CREATE TABLE IF NOT EXISTS ledger_account (
    account_id     VARCHAR(16) NOT NULL PRIMARY KEY,
    account_index  INTEGER     NOT NULL,
    pending_holds  BIGINT      NOT NULL,
    posted         BIGINT      NOT NULL,
    created_seq    BIGINT      NOT NULL
);

CREATE TABLE IF NOT EXISTS ledger_hold (
    hold_id            BIGINT      NOT NULL PRIMARY KEY,
    account_id         VARCHAR(16) NOT NULL REFERENCES ledger_account (account_id),
    state              VARCHAR(8)  NOT NULL,
    forced             BOOLEAN     NOT NULL,
    authorized_amount  BIGINT      NOT NULL,
    pending_amount     BIGINT      NOT NULL,
    captured_amount    BIGINT      NOT NULL,
    plan               SMALLINT    NOT NULL,
    placed_seq         BIGINT      NOT NULL,
    placed_at          BIGINT      NOT NULL,
    closed_seq         BIGINT,
    closed_at          BIGINT,
    auth_code          VARCHAR(6)  NOT NULL,
    rrn                VARCHAR(12) NOT NULL,
    stan               INTEGER     NOT NULL,
    masked_pan         VARCHAR(19) NOT NULL,
    CONSTRAINT ledger_hold_state CHECK (state IN ('PENDING', 'POSTED', 'VOIDED', 'EXPIRED')),
    CONSTRAINT ledger_hold_pending CHECK (pending_amount >= 0 AND (state = 'PENDING' OR pending_amount = 0))
);

CREATE INDEX IF NOT EXISTS ledger_hold_account_state ON ledger_hold (account_id, state);

-- once_key/once_class make "exactly once" a constraint: a hold is placed once (class 1) and closed
-- once (class 2); a forced post, refund or payment (3, 4, 5) is applied once per event id.
-- A partial reversal may lower a hold more than once, so its once_key is NULL (NULLs never collide).
CREATE TABLE IF NOT EXISTS ledger_transfer (
    transfer_id    BIGINT      NOT NULL PRIMARY KEY,
    kind           VARCHAR(16) NOT NULL,
    hold_id        BIGINT      NOT NULL,
    account_id     VARCHAR(16) NOT NULL REFERENCES ledger_account (account_id),
    amount         BIGINT      NOT NULL,
    pending_delta  BIGINT      NOT NULL,
    posted_delta   BIGINT      NOT NULL,
    event_time     BIGINT      NOT NULL,
    once_class     SMALLINT    NOT NULL,
    once_key       BIGINT,
    CONSTRAINT ledger_transfer_once UNIQUE (once_key, once_class)
);

-- Journal records that could not apply (e.g. a void for a hold already captured): kept for audit.
CREATE TABLE IF NOT EXISTS ledger_rejection (
    journal_seq  BIGINT      NOT NULL PRIMARY KEY,
    kind         VARCHAR(16) NOT NULL,
    hold_id      BIGINT      NOT NULL,
    account_id   VARCHAR(16) NOT NULL,
    amount       BIGINT      NOT NULL,
    reason       VARCHAR(64) NOT NULL
);

CREATE TABLE IF NOT EXISTS ledger_points (
    entry_id    BIGINT      NOT NULL PRIMARY KEY,
    account_id  VARCHAR(16) NOT NULL REFERENCES ledger_account (account_id),
    hold_id     BIGINT      NOT NULL,
    points      BIGINT      NOT NULL,
    earned_at   BIGINT      NOT NULL,
    expires_at  BIGINT      NOT NULL
);

CREATE INDEX IF NOT EXISTS ledger_points_account ON ledger_points (account_id, expires_at);

-- The last journal sequence applied; written in the same transaction as the batch it ends.
CREATE TABLE IF NOT EXISTS ledger_position (
    id             INTEGER NOT NULL PRIMARY KEY,
    last_sequence  BIGINT  NOT NULL
);

INSERT INTO ledger_position (id, last_sequence) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM ledger_position WHERE id = 1);
