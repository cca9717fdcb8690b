package dev.czar.evidence.git;

import java.util.Arrays;

/**
 * How much of one file's content another keeps, computed as git's diffcore-delta.c does, so rename scores match git's
 * to the byte: content is cut into chunks at each newline or every 64 bytes (CR of CRLF skipped in text, an unfinished
 * last chunk ignored), each chunk hashed into one of 107,927 buckets weighted by its length, and two files share the
 * smaller weight of every bucket they have in common. JGit's SimilarityIndex hashes differently, so its scores differ
 * near the threshold.
 */
final class GitSimilarity {
    private static final int HASHBASE = 107_927;
    private static final int CHUNK = 64;

    /** Bucket numbers in ascending order and the bytes hashed into each. */
    private final int[] buckets;
    private final long[] weights;

    private GitSimilarity(int[] buckets, long[] weights) {
        this.buckets = buckets;
        this.weights = weights;
    }

    static GitSimilarity of(byte[] data, boolean text) {
        long[] packed = new long[16];
        int count = 0;
        int n = 0;
        long accum1 = 0;
        long accum2 = 0;
        for (int i = 0; i < data.length; i++) {
            int c = data[i] & 0xff;
            long old1 = accum1;
            if (text && c == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                continue;
            }
            accum1 = ((accum1 << 7) ^ (accum2 >>> 25)) & 0xffffffffL;
            accum2 = ((accum2 << 7) ^ (old1 >>> 25)) & 0xffffffffL;
            accum1 = (accum1 + c) & 0xffffffffL;
            if (++n < CHUNK && c != '\n') {
                continue;
            }
            long bucket = ((accum1 + accum2 * 0x61) & 0xffffffffL) % HASHBASE;
            if (count == packed.length) {
                packed = Arrays.copyOf(packed, count * 2);
            }
            packed[count++] = (bucket << 32) | n;
            n = 0;
            accum1 = 0;
            accum2 = 0;
        }
        Arrays.sort(packed, 0, count);
        int[] buckets = new int[count];
        long[] weights = new long[count];
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            int bucket = (int) (packed[i] >>> 32);
            long weight = packed[i] & 0xffffffffL;
            if (distinct > 0 && buckets[distinct - 1] == bucket) {
                weights[distinct - 1] += weight;
            } else {
                buckets[distinct] = bucket;
                weights[distinct++] = weight;
            }
        }
        return new GitSimilarity(Arrays.copyOf(buckets, distinct), Arrays.copyOf(weights, distinct));
    }

    /** Bytes of this file that {@code other} also has (git's src_copied). */
    long common(GitSimilarity other) {
        long shared = 0;
        int i = 0;
        int j = 0;
        while (i < buckets.length && j < other.buckets.length) {
            if (buckets[i] < other.buckets[j]) {
                i++;
            } else if (buckets[i] > other.buckets[j]) {
                j++;
            } else {
                shared += Math.min(weights[i++], other.weights[j++]);
            }
        }
        return shared;
    }
}
