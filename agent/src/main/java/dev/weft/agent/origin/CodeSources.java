package dev.weft.agent.origin;

import dev.weft.agent.instrument.ClassFilter;
import dev.weft.schema.WeftEvents;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The code sources (class directories, jars) the application's classes came from, and which
 * packages each gave, so that a report can tell a race in the application's code from one inside a
 * library by evidence rather than by package name.
 *
 * <p>Noting a class costs about a microsecond on the class-loading path — a comparison with the
 * domain of the class before (classes load in runs from one jar), else a map look-up by location,
 * and a set insertion when the package differs from the last one's; nothing is opened there. Whose code a source is ({@link CodeSourceClassifier}) is decided once per location,
 * the first time the sources are {@linkplain #describe() described} — when the recording writes
 * them at the end of a chunk — so that a JVM with two hundred jars does not open them while it
 * starts. What was noted before the recording started is kept until then.
 *
 * <p>Nothing here keeps a class loader alive: a source is keyed by its location's text.
 */
public final class CodeSources {
    /** Packages listed per source at most; a jar's loaded packages rarely reach a hundred. */
    static final int MAX_PACKAGES = 1000;

    private final ConcurrentHashMap<String, Source> sources = new ConcurrentHashMap<>();
    /** The last domain a class came from: its source without reading the location again. */
    private volatile Recent recent;
    private final CodeSourceClassifier classifier;

    CodeSources(MainArtifact main) {
        this.classifier = new CodeSourceClassifier(main);
    }

    /** The code sources of this JVM, whose main jar, class or module is the application's. */
    public static CodeSources ofThisJvm() {
        return new CodeSources(MainArtifact.ofThisJvm());
    }

    /**
     * A class of the application (or of a library: that is what is to be found out) was loaded from
     * {@code domain}. JDK and weft classes, and classes without a code source (generated ones), are
     * not noted.
     *
     * @param internalName the class's name with slashes, as a class file transformer gets it
     */
    public void loaded(ProtectionDomain domain, String internalName) {
        if (domain == null || internalName == null) {
            return;
        }
        Recent recent = this.recent;
        if (recent != null && recent.domain.get() == domain) { // classes load in runs from one jar
            recent.source.add(internalName);
            return;
        }
        CodeSource codeSource = domain.getCodeSource();
        URL url = codeSource == null ? null : codeSource.getLocation();
        if (url == null) {
            return;
        }
        String location = url.toString();
        if (location.startsWith("jrt:")) {
            return; // the JDK's own modules, some of them defined to the application class loader
        }
        Source source = sources.get(location);
        if (source == null) {
            source = sources.computeIfAbsent(location, Source::new);
        }
        this.recent = new Recent(new WeakReference<>(domain), source);
        source.add(internalName);
    }

    /**
     * Notes the classes loaded before weft's transformer was installed (other agents' classes at
     * start-up; the whole application when weft is attached).
     */
    public void loadedAlready(Class<?>[] classes) {
        for (Class<?> type : classes) {
            try {
                ClassLoader loader = type.getClassLoader();
                if (loader == null || loader == ClassLoader.getPlatformClassLoader() || type.isArray()
                    || type.isPrimitive() || type.isHidden() || !ClassFilter.outsideJdkAndWeft(type.getName())) {
                    continue;
                }
                loaded(type.getProtectionDomain(), type.getName().replace('.', '/'));
            } catch (RuntimeException e) {
                // a class whose domain cannot be read (a security manager): not noted
            }
        }
    }

    /** Every source noted so far with whose code it is; classifies those not classified yet. */
    public List<Description> describe() {
        List<Description> descriptions = new ArrayList<>();
        for (Source source : sources.values()) {
            CodeSourceClassifier.Classification classification = source.classification;
            if (classification == null) {
                classification = classifier.classify(source.location);
                source.classification = classification;
            }
            descriptions.add(new Description(source.location, classification.origin(), classification.reason(),
                new TreeSet<>(source.packages), source.truncated, source.classes.sum()));
        }
        descriptions.sort((a, b) -> a.location().compareTo(b.location()));
        return descriptions;
    }

    /**
     * One code source as the recording tells it.
     *
     * @param origin    {@link WeftEvents.Origins}' values
     * @param packages  the packages of the classes loaded from it, sorted (at most {@link #MAX_PACKAGES})
     * @param truncated whether more packages were seen than listed
     * @param classes   how many classes were loaded from it
     */
    public record Description(String location, String origin, String reason, Set<String> packages, boolean truncated,
                              long classes) {
        /** The packages comma-separated, as the event carries them. */
        public String packageList() {
            return String.join(",", packages);
        }
    }

    static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? WeftEvents.CodeSource.UNNAMED_PACKAGE : internalName.substring(0, slash).replace('/', '.');
    }

    /** Weak: the domain holds its class loader, which must be free to go. */
    private record Recent(WeakReference<ProtectionDomain> domain, Source source) {
    }

    private static final class Source {
        final String location;
        final Set<String> packages = ConcurrentHashMap.newKeySet();
        final LongAdder classes = new LongAdder();
        /** The package of the last class noted, with slashes ({@code ""}: the unnamed package). */
        volatile String recentPackage;
        volatile boolean truncated;
        volatile CodeSourceClassifier.Classification classification;

        Source(String location) {
            this.location = location;
        }

        void add(String internalName) {
            classes.increment();
            int end = Math.max(internalName.lastIndexOf('/'), 0);
            String recent = recentPackage;
            if (recent != null && recent.length() == end && internalName.startsWith(recent)) {
                return; // the package of the class before: no string made
            }
            recentPackage = internalName.substring(0, end);
            String packageName = packageOf(internalName);
            if (packages.size() < MAX_PACKAGES) {
                packages.add(packageName);
            } else if (!packages.contains(packageName)) {
                truncated = true;
            }
        }
    }
}
