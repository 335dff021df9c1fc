package io.tatekae.bench.engine;

import java.util.SplittableRandom;

/**
 * What a cache miss into a large table costs on this machine, and how much of it overlapping misses
 * hides: the question behind the engine's touch-ahead loads (docs/benchmarks.md, "Overlapping the
 * engine's cache misses"). Over a 256 MB {@code long[]} (the default transaction table's size) it
 * times, per access, (1) a pointer chase through every line in random order, where each load needs
 * the one before (one miss at a time), and (2) loads of random lines whose addresses are known in
 * advance, which the CPU runs side by side.
 * <p>
 * Usage: {@code MemoryLatencyProbe [rounds]} (default 5). Run it with the switch's heap flags to see
 * the table as the switch sees it (transparent huge pages), and without them for 4 KB pages.
 */
public final class MemoryLatencyProbe {
    private static final int LONGS = 1 << 25;
    private static final int LONGS_PER_LINE = 8;
    private static final int ACCESSES = 2_000_000;
    private static long sink;

    private MemoryLatencyProbe() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        SplittableRandom random = new SplittableRandom(1);
        long[] table = chainThroughEveryLine(random);
        int[] lines = new int[1 << 20];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = random.nextInt(LONGS / LONGS_PER_LINE) * LONGS_PER_LINE;
        }
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            long p = 0;
            for (int i = 0; i < ACCESSES; i++) {
                p = table[(int) p];
            }
            long chase = System.nanoTime() - start;
            start = System.nanoTime();
            long sum = 0;
            for (int i = 0; i < ACCESSES; i++) {
                sum += table[lines[i & (lines.length - 1)]];
            }
            long independent = System.nanoTime() - start;
            sink += p + sum;
            System.out.printf("dependent (one miss at a time): %.1f ns per access; independent: %.1f ns per access%n",
                    (double) chase / ACCESSES, (double) independent / ACCESSES);
        }
        System.out.println("checksum " + (sink & 0xFF) + " (printed so that the compiler keeps the loads)");
    }

    /** Each line's first long holds the index of the next line in one random cycle through all of them. */
    private static long[] chainThroughEveryLine(SplittableRandom random) {
        int lineCount = LONGS / LONGS_PER_LINE;
        int[] order = new int[lineCount];
        for (int i = 0; i < lineCount; i++) {
            order[i] = i;
        }
        for (int i = lineCount - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        long[] table = new long[LONGS];
        for (int i = 0; i < lineCount; i++) {
            table[order[i] * LONGS_PER_LINE] = (long) order[(i + 1) % lineCount] * LONGS_PER_LINE;
        }
        return table;
    }
}
