/**
 * The ledger: the money record of truth, fed asynchronously from the journal.
 *
 * <p>{@link io.tatekae.ledger.JdbcLedger} keeps TigerBeetle-style two-phase state on SQLite or
 * PostgreSQL: accounts with open holds (pending) and posted (owed) totals, holds that are posted,
 * voided or expired exactly once, immutable transfers keyed by journal sequence, and points.
 * {@link io.tatekae.ledger.LedgerPoster} tails the journal and applies it in batches, storing its
 * position in the same transaction, so a restart or a database outage loses and doubles nothing.
 */
package io.tatekae.ledger;
