package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.shapes.LoopShapes;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import org.junit.jupiter.api.Test;

/**
 * Covered loops get an unchecked copy behind their head check ({@link LoopVersions}): the copy has
 * no flagged checks, handlers and lines follow it, loops it cannot copy safely or cheaply stay as
 * they were, and whichever version runs, the rewritten classes verify and compute what the
 * originals compute.
 */
class LoopVersionsTest {
    private static final String SUBJECT = LoopShapes.class.getName();
    private static final String HOOKS = "dev/weft/runtime/Hooks";

    /** Stands in for {@code Hooks.arrayCovered} in the classes run here: which version each loop entry takes. */
    public static final class Covered {
        static volatile int mode;
        static final AtomicInteger CALLS = new AtomicInteger();

        private Covered() {
        }

        public static int arrayCovered(int covered, Object array, int kinds) {
            int call = CALLS.incrementAndGet();
            return switch (mode) {
                case 0 -> 0;
                case 1 -> covered;
                default -> covered & (call % 3 == 0 ? 0 : 1);
            };
        }
    }

    @Test
    void aCoveredLoopGetsACopyWithoutItsFlaggedChecks() throws IOException {
        Map<String, Shape> before = shapes(ObjectCallVisitorTest.bytes(SUBJECT));
        Map<String, Shape> after = shapes(ObjectCallVisitorTest.rewrite(ObjectCallVisitorTest.bytes(SUBJECT)));

        Shape sum = after.get("sum");
        assertThat(sum.elementAccesses).as("the loop's two loads, twice").isEqualTo(2 * before.get("sum").elementAccesses);
        assertThat(sum.flaggedHooks).as("in the checked version only").isEqualTo(2);
        assertThat(sum.flagLoads).as("its hooks' and the head's test").isEqualTo(sum.flaggedHooks + 1);
        assertThat(sum.headTests).isEqualTo(1);
        for (String name : new String[] {"scale", "scaleLongs", "breakAt", "indexOf", "odds", "switched", "untilEnd",
            "guarded", "throwing", "withScratch", "narrow"}) {
            Shape shape = after.get(name);
            assertThat(shape.headTests).as(name).isEqualTo(1);
            assertThat(shape.flagLoads).as(name).isEqualTo(shape.flaggedHooks + 1);
            int outsideTheLoop = name.equals("throwing") ? 1 : 0; // e.getStackTrace()[0]
            assertThat(shape.elementAccesses).as(name)
                .isEqualTo(outsideTheLoop + 2 * (before.get(name).elementAccesses - outsideTheLoop));
        }
        Shape withScratch = after.get("withScratch");
        assertThat(withScratch.memoHooks - withScratch.flaggedHooks).as("scratch's checks, in both versions")
            .isPositive().isEven();
    }

    @Test
    void handlersAndLinesCoverTheCopyToo() throws IOException {
        Map<String, Shape> before = shapes(ObjectCallVisitorTest.bytes(SUBJECT));
        Map<String, Shape> after = shapes(ObjectCallVisitorTest.rewrite(ObjectCallVisitorTest.bytes(SUBJECT)));

        assertThat(after.get("guarded").handlers).isEqualTo(2 * before.get("guarded").handlers);
        assertThat(after.get("throwing").handlers).isEqualTo(2 * before.get("throwing").handlers);
        assertThat(after.get("sum").lines).isGreaterThan(before.get("sum").lines);
    }

    @Test
    void onlyInnermostLoopsGetCopiesAndDoWhileLoopsStayAsTheyWere() throws IOException {
        Map<String, Shape> before = shapes(ObjectCallVisitorTest.bytes(SUBJECT));
        Map<String, Shape> after = shapes(ObjectCallVisitorTest.rewrite(ObjectCallVisitorTest.bytes(SUBJECT)));

        Shape rows = after.get("rows");
        assertThat(rows.headTests).isEqualTo(1);
        assertThat(rows.elementAccesses).as("grid[r] once, row[c] twice in each version")
            .isEqualTo(1 + 2 * (before.get("rows").elementAccesses - 1));
        Shape doWhile = after.get("doWhile");
        assertThat(doWhile.headTests).as("a conditional back edge: not copied").isZero();
        assertThat(doWhile.elementAccesses).isEqualTo(before.get("doWhile").elementAccesses);
    }

    @Test
    void theRewrittenClassesComputeWhatTheOriginalsDoWhicheverVersionRuns() throws Exception {
        String original = LoopShapes.run();
        assertThat(original).contains("throwing:").doesNotContain("no exception");

        for (int mode = 0; mode < 3; mode++) {
            Covered.mode = mode;
            Covered.CALLS.set(0);
            Class<?> rewritten = new CoveringLoader(SUBJECT).loadClass(SUBJECT);

            assertThat(rewritten.getClassLoader()).isInstanceOf(CoveringLoader.class);
            assertThat(rewritten.getMethod("run").invoke(null)).as("mode " + mode).isEqualTo(original);
            assertThat(Covered.CALLS.get()).isPositive();
        }
    }

    @Test
    void loopsAndMethodsTooLargeForACopyStayAsTheyWere() throws Exception {
        byte[] big = Generated.bytes();
        Map<String, Shape> after = shapes(ObjectCallVisitorTest.rewrite(big));

        assertThat(after.get("smallLoop").headTests).as("a small loop is copied").isEqualTo(1);
        assertThat(after.get("bigLoop").flaggedHooks).as("its loop is covered").isPositive();
        assertThat(after.get("bigLoop").headTests).as("but too large to copy").isZero();
        assertThat(after.get("bigMethod").flaggedHooks).as("its loop is covered").isPositive();
        assertThat(after.get("bigMethod").headTests).as("but the method is too large").isZero();

        for (int mode = 0; mode < 3; mode++) {
            Covered.mode = mode;
            Class<?> rewritten = new CoveringLoader(Generated.NAME.replace('/', '.'), big)
                .loadClass(Generated.NAME.replace('/', '.'));
            int[] data = {1, 2, 3, 4, 5, 6, 7, 8};
            for (String method : new String[] {"smallLoop", "bigLoop", "bigMethod"}) {
                assertThat(rewritten.getMethod(method, int[].class).invoke(null, (Object) data))
                    .as(method).isEqualTo(Generated.expected(method, data));
            }
        }
    }

    /** What a method's code holds, counted. */
    private static final class Shape {
        int elementAccesses;
        int flaggedHooks;
        int memoHooks;
        int flagLoads;
        int headTests;
        int handlers;
        int lines;
    }

    private static Map<String, Shape> shapes(byte[] classFile) {
        Map<String, Shape> shapes = new HashMap<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                Shape shape = new Shape();
                shapes.put(name, shape);
                return new MethodVisitor(Opcodes.ASM9) {
                    private boolean afterCovered;
                    private int flag = -1;
                    private boolean flagLoaded;

                    @Override
                    public void visitInsn(int opcode) {
                        if ((opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD)
                            || (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE)) {
                            shape.elementAccesses++;
                        }
                        next();
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String callee, String calleeDescriptor,
                                                boolean isInterface) {
                        if (owner.equals(HOOKS)) {
                            shape.flaggedHooks += calleeDescriptor.endsWith("Ljava/lang/Object;I)Ljava/lang/Object;") ? 1 : 0;
                            shape.memoHooks += calleeDescriptor.endsWith(")Ljava/lang/Object;") ? 1 : 0;
                        }
                        next();
                        afterCovered = owner.equals(HOOKS) && callee.equals("arrayCovered");
                    }

                    @Override
                    public void visitVarInsn(int opcode, int varIndex) {
                        if (afterCovered && opcode == Opcodes.ISTORE) {
                            flag = varIndex;
                        }
                        next();
                        if (opcode == Opcodes.ILOAD && varIndex == flag) {
                            shape.flagLoads++;
                            flagLoaded = true;
                        }
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        if (flagLoaded && opcode == Opcodes.IFNE) {
                            shape.headTests++;
                        }
                        next();
                    }

                    @Override
                    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                        shape.handlers++;
                    }

                    @Override
                    public void visitLineNumber(int line, Label start) {
                        shape.lines++;
                    }

                    @Override
                    public void visitIntInsn(int opcode, int operand) {
                        next();
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        next();
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                        next();
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        next();
                    }

                    @Override
                    public void visitIincInsn(int varIndex, int increment) {
                        next();
                    }

                    private void next() {
                        afterCovered = false;
                        flagLoaded = false;
                    }
                };
            }
        }, 0);
        return shapes;
    }

    /** Defines {@code subject} (and its nested classes) rewritten, with {@code arrayCovered} answered by {@link Covered}. */
    private static final class CoveringLoader extends ClassLoader {
        private final String subject;
        private final byte[] generated;

        CoveringLoader(String subject) {
            this(subject, null);
        }

        CoveringLoader(String subject, byte[] generated) {
            super(LoopVersionsTest.class.getClassLoader());
            this.subject = subject;
            this.generated = generated;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith(subject)) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try {
                        byte[] original = generated != null ? generated : ObjectCallVisitorTest.bytes(name);
                        byte[] rewritten = covering(ObjectCallVisitorTest.rewrite(original));
                        loaded = defineClass(name, rewritten, 0, rewritten.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }

        private static byte[] covering(byte[] classFile) {
            ClassReader reader = new ClassReader(classFile);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature,
                        exceptions)) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String callee, String calleeDescriptor,
                                                    boolean isInterface) {
                            boolean covered = owner.equals(HOOKS) && callee.equals("arrayCovered");
                            super.visitMethodInsn(opcode, covered ? Covered.class.getName().replace('.', '/') : owner,
                                callee, calleeDescriptor, isInterface);
                        }
                    };
                }
            }, 0);
            return writer.toByteArray();
        }
    }

    /**
     * A class generated with a covered loop too long to copy ({@code bigLoop}: the element sum
     * spelled out 200 times), one in a method too large for a copy ({@code bigMethod}: a small
     * loop, then 1,500 element reads in straight-line code), and a small loop that is copied.
     */
    private static final class Generated {
        static final String NAME = "com/acme/shapes/GeneratedLoops";
        private static final int LOOP_REPEATS = 200;
        private static final int STRAIGHT_REPEATS = 1_500;

        static byte[] bytes() {
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
            writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, NAME, null, "java/lang/Object", null);
            loopMethod(writer, "smallLoop", 1, 0);
            loopMethod(writer, "bigLoop", LOOP_REPEATS, 0);
            loopMethod(writer, "bigMethod", 1, STRAIGHT_REPEATS);
            writer.visitEnd();
            return writer.toByteArray();
        }

        static int expected(String method, int[] data) {
            int total = 0;
            for (int value : data) {
                total += value;
            }
            if (method.equals("bigLoop")) {
                return LOOP_REPEATS * total;
            }
            if (method.equals("bigMethod")) {
                for (int k = 0; k < STRAIGHT_REPEATS; k++) {
                    total += data[k % 8];
                }
            }
            return total;
        }

        /** {@code static int name(int[] a)}: {@code s += a[i]} {@code repeats} times per element, then {@code a[k % 8]} {@code straight} times. */
        private static void loopMethod(ClassWriter writer, String name, int repeats, int straight) {
            MethodVisitor mv = writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, name, "([I)I", null, null);
            mv.visitCode();
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitVarInsn(Opcodes.ISTORE, 1); // s
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitVarInsn(Opcodes.ISTORE, 2); // i
            Label head = new Label();
            Label exit = new Label();
            mv.visitLabel(head);
            mv.visitVarInsn(Opcodes.ILOAD, 2);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitInsn(Opcodes.ARRAYLENGTH);
            mv.visitJumpInsn(Opcodes.IF_ICMPGE, exit);
            for (int r = 0; r < repeats; r++) {
                mv.visitVarInsn(Opcodes.ILOAD, 1);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitVarInsn(Opcodes.ILOAD, 2);
                mv.visitInsn(Opcodes.IALOAD);
                mv.visitInsn(Opcodes.IADD);
                mv.visitVarInsn(Opcodes.ISTORE, 1);
            }
            mv.visitIincInsn(2, 1);
            mv.visitJumpInsn(Opcodes.GOTO, head);
            mv.visitLabel(exit);
            for (int k = 0; k < straight; k++) {
                mv.visitVarInsn(Opcodes.ILOAD, 1);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitIntInsn(Opcodes.BIPUSH, k % 8);
                mv.visitInsn(Opcodes.IALOAD);
                mv.visitInsn(Opcodes.IADD);
                mv.visitVarInsn(Opcodes.ISTORE, 1);
            }
            mv.visitVarInsn(Opcodes.ILOAD, 1);
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }
}
