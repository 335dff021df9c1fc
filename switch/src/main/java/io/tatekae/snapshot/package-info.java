/**
 * Snapshots of the state the journal replay rebuilds (holds, remembered requests, velocity, what each
 * account owes, counters), written at a journal position by a replay of its own that never touches
 * the deciding thread ({@link io.tatekae.snapshot.Snapshotter}), so that a start replays only the
 * journal after the newest valid snapshot and old journal segments can go.
 */
package io.tatekae.snapshot;
