package io.tatekae.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFlushProbeTest {
    @TempDir
    Path dir;

    @Test
    void timesEachCommitAndLeavesNoFileBehind() throws IOException {
        DiskFlushProbe.Result r = DiskFlushProbe.run(dir, 50);
        assertEquals(50, r.commits());
        assertTrue(0 <= r.p50Micros() && r.p50Micros() <= r.p99Micros() && r.p99Micros() <= r.maxMicros(), r.toString());
        assertTrue(r.toString().startsWith("disk flush (50 x 256-byte write + fdatasync, preallocated file): p50 "), r.toString());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(0, left.count(), "the scratch file is deleted");
        }
    }

    @Test
    void refusesACountOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> DiskFlushProbe.run(dir, 0));
        assertThrows(IllegalArgumentException.class, () -> DiskFlushProbe.run(dir, 100_001));
    }
}
