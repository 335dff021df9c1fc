package io.tatekae.bench.restart;

import java.nio.file.Path;

/**
 * What {@link RestartTime} builds: {@code records} journal records in which {@code openHolds} holds are
 * open at the end, over {@code accounts} accounts with {@code cards} cards; the snapshot at all but the
 * last {@code tailRecords}; a transaction table of {@code tableEntries} (holds.maxOpenHolds). Journal
 * segment size and snapshot interval are the configuration's defaults unless given (0: default).
 */
public record RestartOptions(int openHolds, long records, int accounts, int cards, long tailRecords, int tableEntries,
                             int segmentBytes, long snapshotEveryRecords, Path dir) {
    static final String USAGE = "usage: RestartTime [--open-holds N] [--records N] [--accounts N] [--cards N]"
            + " [--tail N] [--table N] [--segment-bytes N] [--snapshot-every N] [--dir DIR] [--in-process]";

    public RestartOptions {
        if (openHolds < 1 || accounts < 1 || cards < accounts || tailRecords < 0) {
            throw new IllegalArgumentException("need open holds >= 1, accounts >= 1, cards >= accounts, tail >= 0; was "
                    + openHolds + ", " + accounts + ", " + cards + ", " + tailRecords);
        }
        if (records < 2L * openHolds || tailRecords >= records / 2) {
            throw new IllegalArgumentException(records + " records cannot leave " + openHolds + " holds open with history"
                    + " before them (need records >= 2 x open holds) and a tail of " + tailRecords + " (< half the records)");
        }
        if (tableEntries < openHolds + openHolds / 8) {
            throw new IllegalArgumentException("--table " + tableEntries + ": holds.maxOpenHolds must leave room over the "
                    + openHolds + " open holds (at least 1/8 more)");
        }
    }

    /** The case: 1,000,000 open holds after 10,000,000 records, 100,000 accounts, 200,000 cards. */
    public static RestartOptions parse(String[] args) {
        int open = 1_000_000;
        long records = 10_000_000;
        int accounts = 100_000;
        int cards = 200_000;
        long tail = 100_000;
        int table = -1;
        int segmentBytes = 0;
        long snapshotEvery = 0;
        Path dir = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--open-holds" -> open = Integer.parseInt(need(args[i], value));
                case "--records" -> records = Long.parseLong(need(args[i], value));
                case "--accounts" -> accounts = Integer.parseInt(need(args[i], value));
                case "--cards" -> cards = Integer.parseInt(need(args[i], value));
                case "--tail" -> tail = Long.parseLong(need(args[i], value));
                case "--table" -> table = Integer.parseInt(need(args[i], value));
                case "--segment-bytes" -> segmentBytes = Integer.parseInt(need(args[i], value));
                case "--snapshot-every" -> snapshotEvery = Long.parseLong(need(args[i], value));
                case "--dir" -> dir = Path.of(need(args[i], value));
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "\n" + USAGE);
            }
            i++;
        }
        return new RestartOptions(open, records, accounts, cards, tail, table > 0 ? table : open + open / 2, segmentBytes,
                snapshotEvery, dir);
    }

    private static String need(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return value;
    }

    RestartOptions inDir(Path where) {
        return new RestartOptions(openHolds, records, accounts, cards, tailRecords, tableEntries, segmentBytes,
                snapshotEveryRecords, where);
    }
}
