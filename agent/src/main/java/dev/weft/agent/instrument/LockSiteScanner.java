package dev.weft.agent.instrument;

import java.util.HashSet;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * A quick read of a class file that finds the methods with lock acquisitions, so that classes
 * without any (most of them) are not rewritten at all and the rest are rewritten method by method.
 * Debug information and frames are skipped: this pass only looks at instructions and flags.
 */
final class LockSiteScanner extends ClassVisitor {
    private final Set<String> methods = new HashSet<>();
    private final boolean releases;
    private final LockTypes.LockTypeCheck lockTypes;

    private LockSiteScanner(boolean releases, LockTypes.LockTypeCheck lockTypes) {
        super(Opcodes.ASM9);
        this.releases = releases;
        this.lockTypes = lockTypes;
    }

    /** Keys ({@link #key}) of the methods of {@code reader}'s class that acquire locks. */
    static Set<String> methodsWithLocks(ClassReader reader, boolean releases, LockTypes.LockTypeCheck lockTypes) {
        LockSiteScanner scanner = new LockSiteScanner(releases, lockTypes);
        reader.accept(scanner, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return scanner.methods;
    }

    static String key(String name, String descriptor) {
        return name + descriptor;
    }

    private int version;

    @Override
    public void visit(int classVersion, int access, String name, String signature, String superName,
                      String[] interfaces) {
        version = classVersion & 0xFFFF;
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
        String key = key(name, descriptor);
        boolean classConstants = version >= Opcodes.V1_5; // a static synchronized method's monitor is its class
        if ((access & Opcodes.ACC_SYNCHRONIZED) != 0 && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
            && (classConstants || (access & Opcodes.ACC_STATIC) == 0)) {
            methods.add(key);
            return null;
        }
        return new MethodVisitor(Opcodes.ASM9) {
            @Override
            public void visitInsn(int opcode) {
                if (opcode == Opcodes.MONITORENTER) {
                    methods.add(key);
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String callee, String calleeDescriptor, boolean itf) {
                if (LockSiteVisitor.replacementFor(opcode, owner, callee, calleeDescriptor, releases, lockTypes) != null) {
                    methods.add(key);
                }
            }
        };
    }
}
