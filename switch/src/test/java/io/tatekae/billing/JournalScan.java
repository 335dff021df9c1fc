package io.tatekae.billing;

import io.tatekae.journal.JournalReader;
import io.tatekae.journal.JournalRecord;
import io.tatekae.journal.JournalRecordType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every record in a journal folder, read with the switch's own reader (up to the torn tail of a crash). */
final class JournalScan {
    private JournalScan() {
    }

    static List<JournalRecord> records(Path journalDir) {
        List<JournalRecord> all = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journalDir, 1)) {
            while (reader.poll(r -> all.add(new JournalRecord().copyFrom(r)), 4096, JournalReader.UNBOUNDED) > 0) {
                // keep reading
            }
        }
        return all;
    }

    static List<JournalRecord> of(Path journalDir, JournalRecordType type) {
        return records(journalDir).stream().filter(r -> r.type() == type).toList();
    }
}
