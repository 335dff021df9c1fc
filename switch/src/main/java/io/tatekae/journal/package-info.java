/**
 * The local, append-only journal of money events: the first durable record of every hold and
 * posting, written by the decision side before it answers.
 *
 * <p>Use: {@code JournalWriter w = JournalWriter.open(JournalConfig.durable(dataDir.resolve("journal")))};
 * per event fill a reused {@link io.tatekae.journal.JournalRecord} and {@code w.append(record)}; once per
 * batch {@code w.commit()} (an exception there means: do not approve, answer 91). Readers
 * ({@link io.tatekae.journal.JournalReader}) follow {@code w.committedSequence()}.
 *
 * <p>Amount meaning per type: HOLD_PLACED/HOLD_FORCED the hold; HOLD_REDUCED the new (lower) hold;
 * HOLD_VOIDED/HOLD_EXPIRED ignored; HOLD_CAPTURED the cleared amount; FORCED_POST, REFUND_CREDIT and
 * PAYMENT the posted, credited or paid amount. {@code holdId} is the hold's id, and for FORCED_POST,
 * REFUND_CREDIT and PAYMENT a unique id of that event (the ledger applies each id once).
 */
package io.tatekae.journal;
