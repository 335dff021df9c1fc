package io.tatekae.bench.restart;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the written history leaves, by account index: the open holds' total and what the account owes
 * (its captures), plus the number of open holds and journal records and when the history ends. Saved beside the data so that a
 * restart in another JVM checks what it rebuilt against it.
 */
final class ExpectedState {
    static final String FILE = "restart-expected.bin";

    final long[] openHolds;
    final long[] owed;
    long openCount;
    long records;
    /** The history's end: the restarts take it as now (velocity window). */
    long nowMillis;

    ExpectedState(int accounts) {
        openHolds = new long[accounts];
        owed = new long[accounts];
    }

    void save(Path dir) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(dir.resolve(FILE))))) {
            out.writeInt(openHolds.length);
            out.writeLong(openCount);
            out.writeLong(records);
            out.writeLong(nowMillis);
            for (int i = 0; i < openHolds.length; i++) {
                out.writeLong(openHolds[i]);
                out.writeLong(owed[i]);
            }
        }
    }

    static ExpectedState load(Path dir) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(FILE))))) {
            ExpectedState s = new ExpectedState(in.readInt());
            s.openCount = in.readLong();
            s.records = in.readLong();
            s.nowMillis = in.readLong();
            for (int i = 0; i < s.openHolds.length; i++) {
                s.openHolds[i] = in.readLong();
                s.owed[i] = in.readLong();
            }
            return s;
        }
    }
}
