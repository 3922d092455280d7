package dev.weft.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

/**
 * Makes the nested runtime jar's classes bootstrap classes, so that code inlined into JDK classes
 * can call them.
 *
 * <p>The obvious way, {@link Instrumentation#appendToBootstrapClassLoaderSearch}, makes HotSpot
 * print a class-data-sharing warning and turns CDS off for application classes; weft must print
 * nothing. So the classes are defined straight into the bootstrap loader (the JDK's internal
 * {@code Unsafe.defineClass}, made reachable by exporting its package to weft alone). The
 * appended jar remains the fallback should that route ever close.
 */
final class BootstrapRuntime {
    private static final String RUNTIME_JAR = "weft-runtime.jar";
    private static final String CLASS_SUFFIX = ".class";

    private BootstrapRuntime() {
    }

    /** Defines the runtime unless an earlier start (premain, or a previous attach) already did. */
    static void install(Instrumentation inst) throws IOException {
        if (alreadyDefined()) {
            return;
        }
        byte[] jar = readNestedJar();
        try {
            defineInBootLoader(inst, jar);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            appendToBootSearch(inst, jar);
        }
    }

    private static boolean alreadyDefined() {
        try {
            Class.forName("dev.weft.runtime.Hooks", false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static byte[] readNestedJar() throws IOException {
        try (InputStream in = BootstrapRuntime.class.getResourceAsStream(RUNTIME_JAR)) {
            if (in == null) {
                throw new IOException(RUNTIME_JAR + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }

    private static void defineInBootLoader(Instrumentation inst, byte[] jar) throws IOException, ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(BootstrapRuntime.class.getModule())),
            Map.of(), Set.of(), Map.of());
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass",
            String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class);
        List<NamedBytes> pending = readClasses(jar);
        // a class can only be defined after its supertypes: retry until a round defines nothing new
        while (!pending.isEmpty()) {
            List<NamedBytes> failed = new ArrayList<>();
            ReflectiveOperationException last = null;
            for (NamedBytes type : pending) {
                try {
                    define.invoke(unsafe, type.name, type.bytes, 0, type.bytes.length, null, null);
                } catch (ReflectiveOperationException e) {
                    failed.add(type);
                    last = e;
                }
            }
            if (failed.size() == pending.size()) {
                throw last;
            }
            pending = failed;
        }
    }

    private static List<NamedBytes> readClasses(byte[] jar) throws IOException {
        List<NamedBytes> classes = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                String name = entry.getName();
                if (name.endsWith(CLASS_SUFFIX) && !name.endsWith("module-info.class")) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    in.transferTo(bytes);
                    String className = name.substring(0, name.length() - CLASS_SUFFIX.length()).replace('/', '.');
                    classes.add(new NamedBytes(className, bytes.toByteArray()));
                }
            }
        }
        return classes;
    }

    private static void appendToBootSearch(Instrumentation inst, byte[] jar) throws IOException {
        Path file = Files.createTempFile("weft-runtime-", ".jar");
        file.toFile().deleteOnExit();
        Files.copy(new java.io.ByteArrayInputStream(jar), file, StandardCopyOption.REPLACE_EXISTING);
        inst.appendToBootstrapClassLoaderSearch(new JarFile(file.toFile()));
    }

    private static final class NamedBytes {
        final String name;
        final byte[] bytes;

        NamedBytes(String name, byte[] bytes) {
            this.name = name;
            this.bytes = bytes;
        }
    }
}
