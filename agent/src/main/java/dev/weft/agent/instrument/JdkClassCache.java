package dev.weft.agent.instrument;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;

/**
 * The JDK classes weft transformed in earlier runs, kept on disk: a JVM started with the same
 * agent jar, the same JDK and the same models takes the transformed bytes from here instead of
 * transforming them again.
 *
 * <p>Why: with race detection, ByteBuddy's advice on forty-odd JDK classes costs about 0.4 s of
 * every start-up, most of it ByteBuddy's and ASM's code running interpreted and then being
 * compiled; a test suite forks many JVMs, each paying it. The cache is like the JDK's own class
 * data sharing archive: the first run fills it, the next ones read a file per class.
 *
 * <p>What an entry depends on is all in its path. The directory is named after a fingerprint of
 * the agent jar's content (its CRC-32 and Adler-32 and length: any rebuild of weft makes a new
 * directory), the JDK (its home and runtime and VM versions, which fix every boot class file
 * the models' type matchers read) and whether the synchronization models apply ({@code races}).
 * The file is named after the class and the CRC-32 and length of the bytes given to the
 * transformer (a class retransformed after it loaded comes with the JVM's reconstitution of its
 * class file, which differs from the file it was loaded from). Each file carries the CRC-32 of
 * its content, checked on every read: boot classes are not verified, so a damaged entry must
 * never be defined. Entries are written to a temporary file and renamed into place, so JVMs
 * filling the cache side by side never read a partial entry. The directories weft makes are the
 * user's only: what is in them becomes part of the JDK's classes.
 *
 * <p>The cache only ever saves time: any failure to read is a miss (the class is transformed as
 * without a cache) and any failure to write is ignored. When a new directory is made, the oldest
 * of its siblings beyond {@value #KEPT_VERSIONS} are deleted. Only {@code java.io} classes the
 * JVM loads before any agent are used here: this runs inside a transformer, where a class that
 * loads is given to no transformer of weft's ({@link ModelCoverage}).
 */
final class JdkClassCache {
    /** A cache that never hits and keeps nothing: {@code cache=off}, or no usable directory. */
    static final JdkClassCache OFF = new JdkClassCache(null);
    /** How many fingerprint directories (agent builds, JDKs, model sets) are kept side by side. */
    static final int KEPT_VERSIONS = 8;
    /** What a class none of the models apply to is kept as: the candidates the names let through are looked at once. */
    static final byte[] UNTOUCHED = new byte[0];
    private static final int MAGIC = 0x57454654; // "WEFT"
    private static final int HEADER = 12; // magic, content CRC-32, content length
    /** An entry's file name: the class's binary name, the CRC-32 and length of its original bytes, this. */
    private static final String ENTRY = ".class";

    private final File directory;

    /** The cache in {@code directory}, which exists (null: {@link #OFF}); {@link #open} chooses it. */
    JdkClassCache(File directory) {
        this.directory = directory;
    }

    /**
     * The cache under {@code root} for this agent jar, this JDK and these models, or {@link #OFF}
     * when {@code root} is null or weft does not run from a jar.
     */
    static JdkClassCache open(File root, boolean races) {
        if (root == null) {
            return OFF;
        }
        try {
            File jar = agentJar();
            if (jar == null) {
                return OFF;
            }
            File directory = new File(root, fingerprint(jar, races));
            if (!directory.isDirectory()) {
                if (!root.isDirectory() && root.mkdirs()) {
                    ownerOnly(root);
                }
                if (!directory.mkdir() && !directory.isDirectory()) {
                    return OFF;
                }
                ownerOnly(directory);
                pruneSiblings(root);
            }
            return new JdkClassCache(directory);
        } catch (IOException | RuntimeException e) {
            return OFF;
        }
    }

    /**
     * The transformed bytes of {@code className} kept for exactly these {@code original} bytes; an
     * empty array if it was kept as left untouched ({@link #UNTOUCHED}); null if nothing was kept.
     */
    byte[] get(String className, byte[] original) {
        if (directory == null) {
            return null;
        }
        File entry = entry(className, original);
        if (!entry.isFile()) {
            // the usual miss, asked without an exception: a Throwable made here, inside a transformer,
            // would load JFR's ThrowableTracer where no transformer of weft's sees it
            return null;
        }
        try (InputStream in = new FileInputStream(entry)) {
            byte[] file = in.readAllBytes();
            if (file.length < HEADER || readInt(file, 0) != MAGIC || readInt(file, 8) != file.length - HEADER) {
                return null;
            }
            byte[] content = Arrays.copyOfRange(file, HEADER, file.length);
            return readInt(file, 4) == crc32(content) ? content : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable or damaged: transformed afresh
        }
    }

    /** Keeps {@code transformed}, the bytes {@code original} became ({@link #UNTOUCHED}: none of the models applied). */
    void put(String className, byte[] original, byte[] transformed) {
        if (directory == null) {
            return;
        }
        File entry = entry(className, original);
        // unique to this thread and moment: JVMs filling the cache side by side each write their own
        File partial = new File(directory, entry.getName() + "." + Thread.currentThread().getId() + "-"
            + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            byte[] header = new byte[HEADER];
            writeInt(header, 0, MAGIC);
            writeInt(header, 4, crc32(transformed));
            writeInt(header, 8, transformed.length);
            try (FileOutputStream out = new FileOutputStream(partial)) {
                out.write(header);
                out.write(transformed);
            }
            if (!partial.renameTo(entry)) {
                partial.delete();
            }
        } catch (IOException | RuntimeException e) {
            partial.delete(); // a cache that cannot be written only costs time
        }
    }

    private File entry(String className, byte[] original) {
        return new File(directory, className + "-" + Integer.toHexString(crc32(original)) + "-"
            + original.length + ENTRY);
    }

    /** The jar weft runs from, or null (its classes in a directory: tests). */
    private static File agentJar() {
        CodeSource source = JdkClassCache.class.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        try {
            File file = new File(location.toURI());
            return file.isFile() ? file : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String fingerprint(File jar, boolean races) throws IOException {
        Checksum crc = new CRC32();
        Checksum adler = new Adler32();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = new FileInputStream(jar)) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                crc.update(buffer, 0, read);
                adler.update(buffer, 0, read);
            }
        }
        String jdk = System.getProperty("java.home") + '|' + System.getProperty("java.runtime.version") + '|'
            + System.getProperty("java.vm.version") + '|' + System.getProperty("os.arch");
        return "jdk" + Integer.toHexString(crc32(jdk.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
            + "-agent" + Long.toHexString(crc.getValue()) + Long.toHexString(adler.getValue())
            + Long.toHexString(jar.length()) + (races ? "-races" : "-threads");
    }

    /** Only the user may read or change what weft puts into the JDK's classes. */
    private static void ownerOnly(File directory) {
        directory.setReadable(false, false);
        directory.setWritable(false, false);
        directory.setExecutable(false, false);
        directory.setReadable(true, true);
        directory.setWritable(true, true);
        directory.setExecutable(true, true);
    }

    /** Deletes the least recently made fingerprint directories beyond {@value #KEPT_VERSIONS}. */
    private static void pruneSiblings(File root) {
        File[] versions = root.listFiles(File::isDirectory);
        if (versions == null || versions.length <= KEPT_VERSIONS) {
            return;
        }
        Arrays.sort(versions, Comparator.comparingLong(File::lastModified).reversed());
        for (int i = KEPT_VERSIONS; i < versions.length; i++) {
            File[] entries = versions[i].listFiles();
            if (entries != null) {
                for (File entry : entries) {
                    entry.delete();
                }
            }
            versions[i].delete(); // another JVM may be filling it: then it stays, harmlessly
        }
    }

    private static int crc32(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }

    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8
            | bytes[at + 3] & 0xFF;
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
