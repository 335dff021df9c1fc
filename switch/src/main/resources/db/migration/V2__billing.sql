-- Billing (billing.md): statements, payments with when and how they were paid, and every change of a
-- limit or a status with its cause. Posted by the poster from the journal like the rest: a statement's
-- fees and redeemed points also move ledger_account.posted through ledger_transfer (kinds
-- STATEMENT_CLOSED, POINTS_REDEEMED), and redeemed points are negative ledger_points entries that
-- expire with the lot they were taken from.
-- Portable SQL (SQLite and PostgreSQL); Flyway runs the file in one transaction on both (see V1).

-- One row per account and month; a closed statement never changes. Months are YYYYMM, dates YYYYMMDD
-- (Japan time), times epoch milliseconds.
CREATE TABLE IF NOT EXISTS ledger_statement (
    account_id    VARCHAR(16) NOT NULL REFERENCES ledger_account (account_id),
    bill_month    INTEGER     NOT NULL,
    due_date      INTEGER     NOT NULL,
    carried_over  BIGINT      NOT NULL,
    purchases     BIGINT      NOT NULL,
    refunds       BIGINT      NOT NULL,
    plan_fee      BIGINT      NOT NULL,
    billing_fee   BIGINT      NOT NULL,
    points_used   BIGINT      NOT NULL,
    amount_due    BIGINT      NOT NULL,
    closed_seq    BIGINT      NOT NULL,
    closed_at     BIGINT      NOT NULL,
    CONSTRAINT ledger_statement_once PRIMARY KEY (account_id, bill_month),
    CONSTRAINT ledger_statement_due CHECK (amount_due >= 0)
);

-- Each payment once (its posting id, the hash of the agent's id); paid_at decides whether it was on time.
CREATE TABLE IF NOT EXISTS ledger_payment (
    posting_id   BIGINT      NOT NULL PRIMARY KEY,
    account_id   VARCHAR(16) NOT NULL REFERENCES ledger_account (account_id),
    amount       BIGINT      NOT NULL,
    method       VARCHAR(20) NOT NULL,
    reference    VARCHAR(45) NOT NULL,
    paid_at      BIGINT      NOT NULL,
    applied_seq  BIGINT      NOT NULL,
    applied_at   BIGINT      NOT NULL
);

CREATE INDEX IF NOT EXISTS ledger_payment_account ON ledger_payment (account_id, applied_seq);

-- Card limits, account limits, account statuses and issued cards, each with its cause (billing.md §5):
-- kind CARD_LIMIT_SET, CREDIT_LIMIT_SET, ACCOUNT_STATUS (0 GOOD, 1 DELINQUENT) or CARD_ISSUED.
CREATE TABLE IF NOT EXISTS ledger_change (
    journal_seq  BIGINT      NOT NULL PRIMARY KEY,
    kind         VARCHAR(16) NOT NULL,
    account_id   VARCHAR(16) NOT NULL,
    masked_pan   VARCHAR(19) NOT NULL,
    old_value    BIGINT      NOT NULL,
    new_value    BIGINT      NOT NULL,
    cause        VARCHAR(32) NOT NULL,
    detail       VARCHAR(45) NOT NULL,
    event_time   BIGINT      NOT NULL
);

CREATE INDEX IF NOT EXISTS ledger_change_account ON ledger_change (account_id, journal_seq);
