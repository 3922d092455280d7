package dev.weft.agent.race;

import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Gives an application class the means to carry its objects' race-detection state: it comes to
 * implement {@code dev.weft.runtime.Shadowed}, with a private transient field holding the
 * object's {@code ShadowMap} and the method that creates it on first use. Only classes being
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
    private static final String METHOD = "weft$shadows";
    private static final String MAP_DESCRIPTOR = "L" + SHADOW_MAP + ";";

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
        writeAccessor();
        super.visitEnd();
    }

    /** {@code public ShadowMap weft$shadows() { m = this.f; if (m == null) { m = ShadowMap.create(); this.f = m; } return m; }} */
    private void writeAccessor() {
        MethodVisitor method = super.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, METHOD, "()" + MAP_DESCRIPTOR,
            null, null);
        method.visitCode();
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitFieldInsn(Opcodes.GETFIELD, owner, FIELD, MAP_DESCRIPTOR);
        method.visitInsn(Opcodes.DUP);
        Label existing = new Label();
        method.visitJumpInsn(Opcodes.IFNONNULL, existing);
        method.visitInsn(Opcodes.POP);
        method.visitMethodInsn(Opcodes.INVOKESTATIC, SHADOW_MAP, "create", "()" + MAP_DESCRIPTOR, false);
        method.visitInsn(Opcodes.DUP);
        method.visitVarInsn(Opcodes.ALOAD, 0);
        method.visitInsn(Opcodes.SWAP);
        method.visitFieldInsn(Opcodes.PUTFIELD, owner, FIELD, MAP_DESCRIPTOR);
        method.visitLabel(existing);
        if ((version & 0xFFFF) >= Opcodes.V1_6) {
            method.visitFrame(Opcodes.F_NEW, 1, new Object[] {owner}, 1, new Object[] {SHADOW_MAP});
        }
        method.visitInsn(Opcodes.ARETURN);
        method.visitMaxs(3, 1);
        method.visitEnd();
    }
}
