package dev.weft.cli.analysis;

import java.util.Arrays;

/**
 * The waits of one contention entry, for totals and percentiles.
 *
 * <p>Most entries see a few hundred waits, so they are kept exactly in a growing {@code long[]}
 * and percentiles are exact (nearest rank). A hot lock in a long recording can see millions; past
 * {@link #EXACT_LIMIT} the samples move into a log-scale histogram of fixed size whose buckets are
 * about 3 % wide, which bounds memory at the price of that much error in p50 and p99. Count, total
 * and maximum stay exact either way.
 */
final class WaitDistribution {
    static final int EXACT_LIMIT = 1 << 16;

    private long[] samples = new long[16];
    private int sampleCount;
    private boolean sorted = true;
    private LogHistogram histogram;
    private long count;
    private long total;
    private long max;

    void add(long nanos) {
        long wait = Math.max(0, nanos);
        count++;
        total += wait;
        max = Math.max(max, wait);
        if (histogram == null && sampleCount == EXACT_LIMIT) {
            switchToHistogram();
        }
        if (histogram != null) {
            histogram.add(wait);
            return;
        }
        if (sampleCount == samples.length) {
            samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[sampleCount++] = wait;
        sorted = false;
    }

    void addAll(WaitDistribution other) {
        if (other.histogram == null) {
            for (int i = 0; i < other.sampleCount; i++) {
                add(other.samples[i]);
            }
            return;
        }
        switchToHistogram();
        histogram.addAll(other.histogram);
        count += other.count;
        total += other.total;
        max = Math.max(max, other.max);
    }

    long count() {
        return count;
    }

    long total() {
        return total;
    }

    long max() {
        return max;
    }

    /** The nearest-rank percentile, {@code percent} in (0, 100]; 0 when there are no waits. */
    long percentile(double percent) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.min(count, Math.max(1, (long) Math.ceil(percent / 100.0 * count)));
        if (histogram != null) {
            return Math.min(max, histogram.valueAtRank(rank));
        }
        if (!sorted) {
            Arrays.sort(samples, 0, sampleCount);
            sorted = true;
        }
        return samples[(int) rank - 1];
    }

    private void switchToHistogram() {
        if (histogram != null) {
            return;
        }
        histogram = new LogHistogram();
        for (int i = 0; i < sampleCount; i++) {
            histogram.add(samples[i]);
        }
        samples = null;
        sampleCount = 0;
    }

    /**
     * Values below 32 get a bucket each; above, each power of two is split into 32 buckets, so a
     * bucket's width is at most 1/32 of its values. 1,888 counters cover every positive long.
     */
    private static final class LogHistogram {
        private static final int SUB_BUCKET_BITS = 5;
        private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;

        private final long[] counts = new long[SUB_BUCKETS + (63 - SUB_BUCKET_BITS) * SUB_BUCKETS];

        void add(long value) {
            counts[indexOf(value)]++;
        }

        void addAll(LogHistogram other) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] += other.counts[i];
            }
        }

        /** The highest value of the bucket that holds the value of this 1-based rank. */
        long valueAtRank(long rank) {
            long seen = 0;
            for (int i = 0; i < counts.length; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return highestValueOf(i);
                }
            }
            return highestValueOf(counts.length - 1);
        }

        private static int indexOf(long value) {
            if (value < SUB_BUCKETS) {
                return (int) value;
            }
            int exponent = 63 - Long.numberOfLeadingZeros(value);
            int shift = exponent - SUB_BUCKET_BITS;
            int subBucket = (int) (value >>> shift) - SUB_BUCKETS;
            return SUB_BUCKETS + shift * SUB_BUCKETS + subBucket;
        }

        private static long highestValueOf(int index) {
            if (index < SUB_BUCKETS) {
                return index;
            }
            int shift = (index - SUB_BUCKETS) / SUB_BUCKETS;
            int subBucket = (index - SUB_BUCKETS) % SUB_BUCKETS;
            long lowest = (long) (SUB_BUCKETS + subBucket) << shift;
            return lowest + (1L << shift) - 1;
        }
    }
}
