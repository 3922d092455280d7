package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.shapes.Account;
import dev.weft.runtime.ShadowMap;
import dev.weft.runtime.Shadowed;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * A class given shadows hands out one map per object, however many threads use the object for
 * the first time at once: a map that lost would take with it the monitor releases stored in it.
 */
class ShadowInjectorTest {
    private static final int THREADS = 4;
    private static final int OBJECTS = 2_000;

    @Test
    void threadsUsingAnObjectForTheFirstTimeAtOnceGetOneMap() throws Exception {
        Class<?> account = new InjectingLoader(Opcodes.V17).loadClass(Account.class.getName());

        assertThat(firstUsesAtOnce(account)).as("objects whose threads got different maps").isZero();
    }

    @Test
    void theUpdaterIsAPrivateStaticSyntheticFieldAndTheMapStaysTheSame() throws Exception {
        Class<?> account = new InjectingLoader(Opcodes.V17).loadClass(Account.class.getName());
        Object object = account.getConstructor().newInstance();

        ShadowMap first = ((Shadowed) object).weft$shadows();

        assertThat(((Shadowed) object).weft$shadows()).isSameAs(first);
        Field updater = account.getDeclaredField("weft$shadowMapUpdater");
        assertThat(updater.isSynthetic()).isTrue();
        assertThat(updater.getModifiers() & (Modifier.PRIVATE | Modifier.STATIC))
            .isEqualTo(Modifier.PRIVATE | Modifier.STATIC);
        assertThat(account.getMethod("deposit", long.class)).isNotNull();
    }

    @Test
    void classFilesOlderThanJava5KeepAMapOncePerObject() throws Exception {
        Class<?> account = new InjectingLoader(Opcodes.V1_4).loadClass(Account.class.getName());
        Object object = account.getConstructor().newInstance();

        assertThat(((Shadowed) object).weft$shadows()).isNotNull().isSameAs(((Shadowed) object).weft$shadows());
        assertThat(account.getDeclaredFields()).extracting(Field::getName).doesNotContain("weft$shadowMapUpdater");
    }

    /** Lets {@link #THREADS} threads ask each of {@link #OBJECTS} fresh objects for its map at once; counts disagreements. */
    private static int firstUsesAtOnce(Class<?> type) throws Exception {
        Object[] objects = new Object[OBJECTS];
        for (int i = 0; i < OBJECTS; i++) {
            objects[i] = type.getConstructor().newInstance();
        }
        ShadowMap[][] seen = new ShadowMap[THREADS][OBJECTS];
        CyclicBarrier together = new CyclicBarrier(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            ShadowMap[] mine = seen[t];
            Thread thread = new Thread(() -> {
                try {
                    for (int i = 0; i < OBJECTS; i++) {
                        if (i % 50 == 0) {
                            together.await();
                        }
                        mine[i] = ((Shadowed) objects[i]).weft$shadows();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int disagreements = 0;
        for (int i = 0; i < OBJECTS; i++) {
            ShadowMap kept = ((Shadowed) objects[i]).weft$shadows();
            for (int t = 0; t < THREADS; t++) {
                if (seen[t][i] != kept) {
                    disagreements++;
                    break;
                }
            }
        }
        return disagreements;
    }

    /** Defines {@link Account} from its class file given shadows, with the class file version given. */
    private static final class InjectingLoader extends ClassLoader {
        private final int version;

        InjectingLoader(int version) {
            super(ShadowInjectorTest.class.getClassLoader());
            this.version = version;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.equals(Account.class.getName())) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    byte[] rewritten = inject(name);
                    loaded = defineClass(name, rewritten, 0, rewritten.length);
                }
                return loaded;
            }
        }

        private byte[] inject(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                ClassReader reader = new ClassReader(in.readAllBytes());
                ClassWriter writer = new ClassWriter(0);
                ClassVisitor injector = new ShadowInjector(writer, SerialVersionUid.of(reader));
                reader.accept(new ClassVisitor(Opcodes.ASM9, injector) {
                    @Override
                    public void visit(int ignored, int access, String type, String signature, String superName,
                                      String[] interfaces) {
                        super.visit(version, access, type, signature, superName, interfaces);
                    }
                }, ClassReader.SKIP_FRAMES);
                return writer.toByteArray();
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
