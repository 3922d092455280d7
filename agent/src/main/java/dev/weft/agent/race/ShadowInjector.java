package dev.weft.agent.race;

import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Gives an application class the means to carry its objects' race-detection state: it comes to
 * implement {@code dev.weft.runtime.Shadowed}, with a private transient field holding the
 * object's {@code ShadowMap} and the method that installs it on first use. The map is installed
 * by compare-and-set through an {@code AtomicReferenceFieldUpdater} the class makes for its own
 * field when first needed (kept in a private static field; two threads may each make one, which
 * is harmless), so threads using an object for the first time at once agree on one map. Only classes being
 * loaded get this (retransformation may not add members), and only real classes: interfaces,
 * annotations and records (whose fields are all final) are left alone.
 *
 * <p>A class without an explicit {@code serialVersionUID} gets its original default one pinned
 * first (see {@link SerialVersionUid}), so serialization is not disturbed.
 */
public final class ShadowInjector extends ClassVisitor {
    static final String SHADOWED = "dev/weft/runtime/Shadowed";
    static final String SHADOW_MAP = "dev/weft/runtime/ShadowMap";
    private static final String FIELD = "weft$shadowMap";
    private static final String UPDATER_FIELD = "weft$shadowMapUpdater";
    private static final String METHOD = "weft$shadows";
    private static final String MAP_DESCRIPTOR = "L" + SHADOW_MAP + ";";
    private static final String UPDATER = "java/util/concurrent/atomic/AtomicReferenceFieldUpdater";
    private static final String UPDATER_DESCRIPTOR = "L" + UPDATER + ";";

    private final SerialVersionUid.Result serialVersion;
    private String owner;
    private int version;

    ShadowInjector(ClassVisitor delegate, SerialVersionUid.Result serialVersion) {
        super(Opcodes.ASM9, delegate);
        this.serialVersion = serialVersion;
    }

    /** Whether a class with these attributes can be given shadows. */
    static boolean canShadow(int access, String superName) {
        return (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION | Opcodes.ACC_MODULE)) == 0
            && !"java/lang/Record".equals(superName);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        owner = name;
        this.version = version;
        String[] withShadowed = interfaces == null ? new String[1] : java.util.Arrays.copyOf(interfaces, interfaces.length + 1);
        withShadowed[withShadowed.length - 1] = SHADOWED;
        super.visit(version, access, name, signature, superName, withShadowed);
    }

    @Override
    public void visitEnd() {
        if (!serialVersion.declared()) {
            super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_SYNTHETIC,
                "serialVersionUID", "J", null, serialVersion.defaultValue()).visitEnd();
        }
        super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_VOLATILE | Opcodes.ACC_SYNTHETIC,
            FIELD, MAP_DESCRIPTOR, null, null).visitEnd();
        boolean namesClasses = (version & 0xFFFF) >= Opcodes.V1_5;
        if (namesClasses) {
            super.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_TRANSIENT | Opcodes.ACC_SYNTHETIC,
                UPDATER_FIELD, UPDATER_DESCRIPTOR, null, null).visitEnd();
            writeInstallingAccessor();
        } else {
            writeSettingAccessor();
        }
        super.visitEnd();
    }

    /**
     * <pre>{@code
     * public ShadowMap weft$shadows() {
     *     ShadowMap m = this.weft$shadowMap;
     *     if (m != null) return m;
     *     AtomicReferenceFieldUpdater u = weft$shadowMapUpdater;
     *     if (u == null) weft$shadowMapUpdater = u = AtomicReferenceFieldUpdater.newUpdater(This.class, ShadowMap.class, "weft$shadowMap");
     *     return ShadowMap.install(u, this);
     * }}</pre>
     * The updater is made here because only the class itself may make one for its private field.
     */
    private void writeInstallingAccessor() {
        MethodVisitor method = startAccessor();
        Label found = new Label();
        method.visitJumpInsn(Opcodes.IFNONNULL, found);
        method.visitInsn(Opcodes.POP);
        method.visitFieldInsn(Opcodes.GETSTATIC, owner, UPDATER_FIELD, UPDATER_DESCRIPTOR);
        method.visitInsn(Opcodes.DUP);
        Label made = new Label();
        method.visitJumpInsn(Opcodes.IFNONNULL, made);
        method.visitInsn(Opcodes.POP);
        method.visitLdcInsn(Type.getObjectType(owner));
        method.visitLdcInsn(Type.getObjectType(SHADOW_MAP));
        method.visitLdcInsn(FIELD);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, UPDATER, "newUpdater",
            "(Ljava/lang/Class;Ljava/lang/Class;Ljava/lang/String;)" + UPDATER_DESCRIPTOR, false);
        method.visitInsn(Opcodes.DUP);
        method.visitFieldInsn(Opcodes.PUTSTATIC, owner, UPDATER_FIELD, UPDATER_DESCRIPTOR);
        method.visitLabel(made);
        frame(method, UPDATER);
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, SHADOW_MAP, "install", "(" + UPDATER_DESCRIPTOR + "Ljava/lang/Object;)"
            + MAP_DESCRIPTOR, false);
        endAccessor(method, found);
    }

    /**
     * {@code public ShadowMap weft$shadows() { m = this.f; if (m == null) { m = ShadowMap.create(); this.f = m; } return m; }}
     * for class files older than Java 5, which cannot name a class in a constant.
     */
    private void writeSettingAccessor() {
        MethodVisitor method = startAccessor();
        Label found = new Label();
        method.visitJumpInsn(Opcodes.IFNONNULL, found);
        method.visitInsn(Opcodes.POP);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, SHADOW_MAP, "create", "()" + MAP_DESCRIPTOR, false);
        method.visitInsn(Opcodes.DUP);
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitInsn(Opcodes.SWAP);
        method.visitFieldInsn(Opcodes.PUTFIELD, owner, FIELD, MAP_DESCRIPTOR);
        endAccessor(method, found);
    }

    /** The accessor up to {@code this.weft$shadowMap} loaded twice on the stack. */
    private MethodVisitor startAccessor() {
        MethodVisitor method = super.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, METHOD, "()" + MAP_DESCRIPTOR,
            null, null);
        method.visitCode();
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitFieldInsn(Opcodes.GETFIELD, owner, FIELD, MAP_DESCRIPTOR);
        method.visitInsn(Opcodes.DUP);
        return method;
    }

    /** The accessor's end: {@code found}, where the map is on the stack, and its return. */
    private void endAccessor(MethodVisitor method, Label found) {
        method.visitLabel(found);
        frame(method, SHADOW_MAP);
        method.visitInsn(Opcodes.ARETURN);
        method.visitMaxs(3, 1);
        method.visitEnd();
    }

    /** A frame with {@code this} as the only local and one value of type {@code onStack}, where class files have frames. */
    private void frame(MethodVisitor method, String onStack) {
        if ((version & 0xFFFF) >= Opcodes.V1_6) {
            method.visitFrame(Opcodes.F_NEW, 1, new Object[] {owner}, 1, new Object[] {onStack});
        }
    }
}
