package dev.weft.agent.instrument;

import java.util.Set;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.pool.TypePool;

/**
 * Orders the application's {@code equals}, {@code compareTo} and comparators that a concurrent
 * collection runs inside its methods on elements (keys) other threads added: {@code get} calls a
 * stored key's {@code equals}, a skip list's {@code put} its keys' {@code compareTo}, a priority
 * queue's {@code offer} compares the new element with the others — before the observing method's
 * acquire at its exit, or in a publishing method, which takes nothing in. A key class whose
 * non-final fields are set in its constructor and read in {@code equals} was reported as racing
 * with the thread that made it. So, in the collection's instance methods, the collection's clock
 * is taken in ({@code Hooks.syncExit(this)}) before each such call: a virtual call of
 * {@code equals(Object)}, {@code compareTo(Object)} or {@code compare(Object, Object)}, a call of
 * {@code Objects.equals}, and a call of one of the class's own static comparison helpers (the skip
 * list's {@code cpr} and {@code addIndices}, the priority queue's sift methods, the copy-on-write
 * list's searches), and, in a {@code ConcurrentHashMap}, a call into its tree bins and forwarding
 * nodes, which compare keys without knowing their map (a look-up's {@code find}, an insertion's
 * {@code putTreeVal}, {@code findTreeNode}, and a {@code TreeBin} made when a bin turns into a
 * tree or a resize splits one). What was published on the collection before then happens before the
 * comparison; the method's exit would have taken it in anyway. Inside a helper, an element added
 * after its call began is compared unordered: the priority queue's run under its lock and the
 * copy-on-write list's search a snapshot, so only the skip list's {@code addIndices} leaves that
 * window.
 */
final class ComparisonFences implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {
    static final ComparisonFences BEFORE_COMPARISONS = new ComparisonFences();
    /** The static helpers, of the class being rewritten, that compare its elements. */
    private static final Set<String> HELPERS = Set.of("cpr", "addIndices", "siftUpComparable", "siftUpUsingComparator",
        "siftDownComparable", "siftDownUsingComparator", "indexOfRange", "lastIndexOfRange");
    private static final String EQUALS = "(Ljava/lang/Object;)Z";
    private static final String COMPARE_TO = "(Ljava/lang/Object;)I";
    private static final String COMPARE = "(Ljava/lang/Object;Ljava/lang/Object;)I";
    private static final String OBJECTS = "java/util/Objects";
    /** The nested classes of {@code ConcurrentHashMap}: its tree bins and forwarding nodes search and compare keys. */
    private static final String HASH_MAP_NESTED = "java/util/concurrent/ConcurrentHashMap$";
    /** Their searches and insertions that compare keys, called from the map's own methods. */
    private static final Set<String> HASH_MAP_SEARCHES = Set.of("find", "findTreeNode", "putTreeVal");
    /** A tree bin's constructor orders the keys of the bin it replaces. */
    private static final String TREE_BIN = HASH_MAP_NESTED + "TreeBin";

    private ComparisonFences() {
    }

    @Override
    public MethodVisitor wrap(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                              MethodVisitor methodVisitor, Implementation.Context implementationContext,
                              TypePool typePool, int writerFlags, int readerFlags) {
        if (instrumentedMethod.isStatic() || instrumentedMethod.isConstructor()) {
            return methodVisitor; // no collection to take in: the static helpers are fenced where they are called
        }
        String instrumented = instrumentedType.getInternalName();
        return new MethodVisitor(Opcodes.ASM9, methodVisitor) {
            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                if (isComparison(instrumented, opcode, owner, name, descriptor)) {
                    super.visitVarInsn(Opcodes.ALOAD, 0);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, Bytecode.HOOKS, "syncExit", "(Ljava/lang/Object;)V", false);
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(maxStack + 1, maxLocals);
            }
        };
    }

    /** Whether the call may run the application's comparison of the collection's elements. */
    static boolean isComparison(String instrumented, int opcode, String owner, String name, String descriptor) {
        if (opcode == Opcodes.INVOKESTATIC) {
            return owner.equals(instrumented) && HELPERS.contains(name)
                || owner.equals(OBJECTS) && name.equals("equals");
        }
        if (owner.startsWith(HASH_MAP_NESTED)) {
            return HASH_MAP_SEARCHES.contains(name) || owner.equals(TREE_BIN) && name.equals("<init>");
        }
        if (opcode == Opcodes.INVOKESPECIAL) {
            return false;
        }
        return name.equals("equals") && descriptor.equals(EQUALS)
            || name.equals("compareTo") && descriptor.equals(COMPARE_TO)
            || name.equals("compare") && descriptor.equals(COMPARE);
    }
}
