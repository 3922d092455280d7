package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.agent.instrument.ClassFilter;
import com.acme.shapes.CallShapes;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * The object-call rewrite keeps what a method computes — the receiver copied from below one, wide
 * and several arguments, arguments spilled into locals and loaded back — and the JVM's verifier
 * accepts the result; calls on objects the method has just created are left alone.
 */
class ObjectCallVisitorTest {
    private static final String SUBJECT = CallShapes.class.getName();

    @Test
    void rewrittenCallsComputeWhatTheOriginalComputes() throws Exception {
        String original = CallShapes.run();

        Class<?> rewritten = new RewritingLoader().loadClass(SUBJECT);

        assertThat(rewritten.getClassLoader()).isInstanceOf(RewritingLoader.class);
        assertThat(rewritten.getMethod("run").invoke(null)).isEqualTo(original);
        assertThat(original).startsWith("{a=42, b=2, c=3, d=4, e=").contains("init=4").contains("|24hserf1|");
    }

    @Test
    void everyCallOnAPossiblyUnsafeReceiverIsHookedButNotThoseOnObjectsJustCreated() throws IOException {
        Map<String, Integer> hooks = hooksPerMethod(rewrite(bytes(SUBJECT)));

        assertThat(hooks.get("fresh")).as("new StringBuilder().append(..) chains, new ArrayList<>(..).size()")
            .isNull();
        assertThat(hooks.get("wide")).as("on a local: insert, insert, append, length; map.put, map.getOrDefault")
            .isEqualTo(6);
        assertThat(hooks.get("<init>")).as("counts.size(), counts.get(..) before super(), counts.put after;"
            + " not text.append or text.length, on a final field of the object under construction").isEqualTo(3);
        assertThat(hooks.get("shapes")).isGreaterThan(20);
    }

    private static Map<String, Integer> hooksPerMethod(byte[] classFile) {
        Map<String, Integer> hooks = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String callee, String calleeDescriptor,
                                                boolean isInterface) {
                        if (owner.equals("dev/weft/runtime/Hooks") && callee.equals("objectCall")) {
                            hooks.merge(name, 1, Integer::sum);
                        }
                    }
                };
            }
        }, 0);
        return hooks;
    }

    /** As the agent rewrites application classes: frames expanded and kept, no recomputation. */
    static byte[] rewrite(byte[] classFile) {
        RaceInstrumentation races = new RaceInstrumentation(new ClassFilter(List.of(), List.of()));
        ClassReader reader = new ClassReader(classFile);
        int version = reader.readUnsignedShort(6);
        String internalName = reader.getClassName();
        ClassWriter writer = new ClassWriter(reader, 0);
        RaceInstrumentation.CheckPlan plan = races.plan(reader);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor visitor = super.visitMethod(access, name, descriptor, signature, exceptions);
                return races.checks(visitor, ObjectCallVisitorTest.class.getClassLoader(), internalName, version,
                    access, name, descriptor, plan);
            }
        }, ClassReader.EXPAND_FRAMES);
        return writer.toByteArray();
    }

    static byte[] bytes(String className) throws IOException {
        try (InputStream in = ObjectCallVisitorTest.class.getClassLoader()
            .getResourceAsStream(className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    /** Defines the subject's classes (and its lambdas' host) from rewritten class files, child first. */
    private static final class RewritingLoader extends ClassLoader {
        RewritingLoader() {
            super(ObjectCallVisitorTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith(SUBJECT)) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        byte[] rewritten = rewrite(bytes(name));
                        loaded = defineClass(name, rewritten, 0, rewritten.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
