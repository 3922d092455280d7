package dev.weft.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkClassCacheTest {
    private static final byte[] ORIGINAL = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 1, 2, 3};
    private static final byte[] TRANSFORMED = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 4, 5, 6, 7};

    @TempDir
    File directory;

    @Test
    void keepsTheTransformedBytesOfExactlyTheOriginalOnes() {
        JdkClassCache cache = new JdkClassCache(directory);
        assertThat(cache.get("java.util.HashMap", ORIGINAL)).isNull();

        cache.put("java.util.HashMap", ORIGINAL, TRANSFORMED);

        assertThat(new JdkClassCache(directory).get("java.util.HashMap", ORIGINAL)).isEqualTo(TRANSFORMED);
        assertThat(cache.get("java.util.HashMap", new byte[] {1, 2, 3})).isNull();
        assertThat(cache.get("java.util.TreeMap", ORIGINAL)).isNull();
    }

    @Test
    void keepsAClassLeftUntouched() {
        JdkClassCache cache = new JdkClassCache(directory);
        cache.put("java.util.HashMap", ORIGINAL, JdkClassCache.UNTOUCHED);

        assertThat(cache.get("java.util.HashMap", ORIGINAL)).isEmpty();
    }

    @Test
    void aDamagedEntryIsAMissNeverDefined() throws IOException {
        new JdkClassCache(directory).put("java.util.HashMap", ORIGINAL, TRANSFORMED);
        Path entry = onlyEntry();
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 1] ^= 1;
        Files.write(entry, bytes);
        assertThat(new JdkClassCache(directory).get("java.util.HashMap", ORIGINAL)).isNull();

        Files.write(entry, new byte[] {1, 2});
        assertThat(new JdkClassCache(directory).get("java.util.HashMap", ORIGINAL)).isNull();
    }

    @Test
    void leavesNoPartialFiles() throws IOException {
        new JdkClassCache(directory).put("java.util.HashMap", ORIGINAL, TRANSFORMED);

        assertThat(onlyEntry().getFileName().toString()).startsWith("java.util.HashMap-").endsWith(".class");
    }

    @Test
    void offKeepsNothingAndFindsNothing() {
        JdkClassCache.OFF.put("java.util.HashMap", ORIGINAL, TRANSFORMED);

        assertThat(JdkClassCache.OFF.get("java.util.HashMap", ORIGINAL)).isNull();
        assertThat(JdkClassCache.open(null, true)).isSameAs(JdkClassCache.OFF);
    }

    @Test
    void outsideAJarThereIsNoFingerprintAndSoNoCache() {
        // the tests run weft from its class directories: nothing tells one build from the next
        assertThat(JdkClassCache.open(directory, true)).isSameAs(JdkClassCache.OFF);
        assertThat(directory.list()).isEmpty();
    }

    private Path onlyEntry() throws IOException {
        try (var files = Files.list(directory.toPath())) {
            return files.reduce((a, b) -> {
                throw new AssertionError("more than one file: " + a + ", " + b);
            }).orElseThrow();
        }
    }
}
