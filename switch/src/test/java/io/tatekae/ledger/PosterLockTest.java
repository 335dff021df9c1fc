package io.tatekae.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One poster per journal (the cross-process case is in {@code recovery.ExternalPosterTest}). */
class PosterLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondPosterIsRefusedUntilTheFirstLetsGo() throws Exception {
        Path journal = dir.resolve("journal");
        PosterLock first = PosterLock.acquire(journal);
        String pid = Long.toString(ProcessHandle.current().pid());
        assertEquals(pid, Files.readString(journal.resolve(PosterLock.FILE)));
        LedgerException refused = assertThrows(LedgerException.class, () -> PosterLock.acquire(journal));
        assertTrue(refused.getMessage().contains("another poster already posts this journal")
                && refused.getMessage().contains("by process " + pid), refused.getMessage());
        first.close();
        PosterLock.acquire(journal).close();
    }
}
