package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SerialVersionUidTest {

    @ParameterizedTest
    @ValueSource(classes = {Plain.class, WithStaticInit.class, Nested.Inner.class, Generic.class, Abstract.class,
        Marker.class, java.util.ArrayList.class, java.util.HashMap.class, java.util.Date.class, java.util.Locale.class})
    void matchesTheJdksDefaultForSerializableClasses(Class<?> type) throws Exception {
        SerialVersionUid.Result result = SerialVersionUid.of(reader(type));
        long expected = ObjectStreamClass.lookup(type).getSerialVersionUID();

        if (result.declared()) {
            assertThat(type.getDeclaredField("serialVersionUID")).isNotNull();
        } else {
            assertThat(result.defaultValue()).isEqualTo(expected);
        }
    }

    private static ClassReader reader(Class<?> type) throws Exception {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream(resource)) {
            return new ClassReader(in.readAllBytes());
        }
    }

    static class Plain implements Serializable {
        int count;
        private transient String cache;
        protected List<String> names = new ArrayList<>();

        public void add(String name) {
            names.add(name);
        }

        private void hidden() {
        }

        synchronized int size() {
            return names.size();
        }
    }

    static final class WithStaticInit implements Serializable, Callable<String> {
        static final List<String> DEFAULTS = List.of("a");
        private volatile long stamp;

        WithStaticInit() {
        }

        protected WithStaticInit(long stamp) {
            this.stamp = stamp;
        }

        @Override
        public String call() {
            return DEFAULTS.get(0);
        }

        Runnable lambda() {
            return () -> stamp++;
        }
    }

    static class Nested {
        private static class Inner implements Serializable {
            double value;

            native void touch();
        }
    }

    static class Generic<T extends Comparable<T>> implements Serializable {
        T item;

        <R> R map(java.util.function.Function<T, R> f) {
            return f.apply(item);
        }

        public void varargs(String... values) {
        }
    }

    abstract static class Abstract implements Serializable {
        abstract void run();

        strictfp double exact() {
            return 1.0;
        }
    }

    interface Marker extends Serializable {
        void mark();
    }
}
