package io.tatekae.state;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After bulk writes (provisioning) the state files' pages are dirty in the page cache until the kernel
 * writes them back, all at once, about 30 s later, in the way of the journal's commits; the switch
 * forces them before it serves. Seen in this process's own memory map: the dirty kilobytes of the
 * state files' mappings ({@code /proc/self/smaps}) before and after {@link ChronicleStateStore#forceToDisk}.
 */
class StateFilesForceTest {
    private static final int ACCOUNTS = 40_000;
    /** The first line of a mapping in smaps: "start-end perms offset dev inode path". */
    private static final Pattern MAPPING = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

    @TempDir
    Path dir;

    @Test
    void forcingWritesTheProvisionedPagesBack() throws IOException {
        try (ChronicleStateStore store = new ChronicleStateStore(dir, 1_000, ACCOUNTS)) {
            for (int i = 0; i < ACCOUNTS; i++) {
                store.addAccount(StateFixtures.account(String.format("A%07d", i), 100_000));
            }
            long before = dirtyKilobytes(dir.resolve("state"));
            assertTrue(before > 1_024, "the writes left the state files' pages dirty: " + before + " kB");
            store.forceToDisk();
            long after = dirtyKilobytes(dir.resolve("state"));
            assertTrue(after < before / 10, "dirty after forcing: " + after + " kB of " + before + " kB");
        }
    }

    /** Shared_Dirty + Private_Dirty of this process's mappings of files under {@code folder}. */
    private static long dirtyKilobytes(Path folder) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/smaps"));
        String prefix = folder.toRealPath().toString();
        long kb = 0;
        boolean inside = false;
        for (String line : lines) {
            if (MAPPING.matcher(line).lookingAt()) {
                inside = line.contains(prefix);
            } else if (inside && (line.startsWith("Shared_Dirty:") || line.startsWith("Private_Dirty:"))) {
                kb += Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return kb;
    }
}
