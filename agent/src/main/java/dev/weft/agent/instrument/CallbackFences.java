package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;

import java.util.List;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;

/**
 * Orders the caller's code that a modelled synchronizer runs inside one of its methods — a
 * {@code ConcurrentHashMap.compute} remapping function, a synchronized wrapper's {@code merge}, a
 * barrier's action — where it runs, rather than at the method's entry and exit: two threads
 * computing the same key enter {@code compute} at once, and the second one's function runs only
 * once the first one's has returned and its bin lock was let go, after the entry the second one
 * acquired at. So, in such a method, the object's clock is taken in before each call of a callback
 * ({@code java.util.function}'s interfaces, {@code Runnable}, {@code Callable}, {@code Comparator})
 * and published after it returns — and a traversal's {@code forEach} action then sees every
 * element put before it reached it. The synchronized wrappers call the callback inside the
 * collection they wrap, under their own monitor: for them the clock is taken in after each
 * {@code monitorenter} and published before each {@code monitorexit}.
 */
final class CallbackFences implements AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper {
    /** Around the callbacks a method calls itself ({@code ConcurrentHashMap.compute}'s function). */
    static final CallbackFences AROUND_CALLBACKS = new CallbackFences(false, false, false);
    /**
     * Around its callbacks and its monitor blocks: for the synchronized wrappers, which call the
     * callback inside the wrapped collection, under their own monitor.
     */
    static final CallbackFences AROUND_MONITORS = new CallbackFences(true, false, false);
    /**
     * Before the callbacks of an inner class's method, with its outer object's clock ({@code this$0}):
     * a weakly consistent collection's spliterator hands its action elements added after the
     * traversal began, so the collection's clock is taken in before each; the action publishes
     * nothing on the collection.
     */
    static final CallbackFences BEFORE_CALLBACKS_OF_OUTER = new CallbackFences(false, true, false);
    /**
     * Before the calls of a skip list's spliterator that may run the caller's code with an element
     * the traversal reached — its callbacks, and its static calls: the map's key comparison, which
     * calls the comparator or the keys' {@code compareTo} — the clock of the map it traverses is
     * taken in ({@code Hooks.traversalAdvanced(this)}, see {@link SkipListTraversalAdvice}).
     */
    static final CallbackFences BEFORE_CALLS_OF_TRAVERSAL = new CallbackFences(false, false, true);
    /** The functional interfaces' package, and the other types through which the JDK calls the caller's code. */
    private static final String FUNCTIONS = "java.util.function.";
    private static final List<String> OTHER_CALLBACKS =
        List.of("java.lang.Runnable", "java.util.concurrent.Callable", "java.util.Comparator");
    private static final String HOOKS = "dev/weft/runtime/Hooks";
    private static final String ON_OBJECT = "(Ljava/lang/Object;)V";
    private static final String OUTER = "this$0";
    /**
     * Whether monitor blocks are fenced too. Not for the concurrent map, whose bin locks guard no
     * code of the caller's but its callbacks (fenced themselves): fencing every bin lock taken to
     * find a key cost QueueServer a fifth of its throughput under {@code races=on}.
     */
    private final boolean monitors;
    /** Whether the clock is the outer object's ({@code this$0}), taken in before each callback only. */
    private final boolean outer;
    /** Whether the clock is the traversed map's, taken in before each callback and static call only. */
    private final boolean traversal;

    private CallbackFences(boolean monitors, boolean outer, boolean traversal) {
        this.monitors = monitors;
        this.outer = outer;
        this.traversal = traversal;
    }

    /** The types through which the JDK calls the caller's code: the models' methods taking one are fenced. */
    static ElementMatcher.Junction<TypeDescription> callbackTypes() {
        return nameStartsWith(FUNCTIONS).or(namedOneOf(OTHER_CALLBACKS.toArray(new String[0])));
    }

    /** Whether {@code owner} (internal name) is one of {@link #callbackTypes}. */
    static boolean isCallback(String owner) {
        String name = owner.replace('/', '.');
        return name.startsWith(FUNCTIONS) || OTHER_CALLBACKS.contains(name);
    }

    @Override
    public MethodVisitor wrap(TypeDescription instrumentedType, MethodDescription instrumentedMethod,
                              MethodVisitor methodVisitor, Implementation.Context implementationContext,
                              TypePool typePool, int writerFlags, int readerFlags) {
        String instrumented = instrumentedType.getInternalName();
        String outerType = outer ? instrumentedType.getDeclaredFields().filter(named(OUTER)).getOnly().getDescriptor()
            : null;
        return new MethodVisitor(Opcodes.ASM9, methodVisitor) {
            @Override
            public void visitInsn(int opcode) {
                if (monitors && opcode == Opcodes.MONITOREXIT) {
                    hook("syncEnter");
                }
                super.visitInsn(opcode);
                if (monitors && opcode == Opcodes.MONITORENTER) {
                    hook("syncExit");
                }
            }

            @Override
            public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
                boolean callback = opcode != Opcodes.INVOKESTATIC && opcode != Opcodes.INVOKESPECIAL && isCallback(owner);
                if (callback || traversal && opcode == Opcodes.INVOKESTATIC) {
                    hook(traversal ? "traversalAdvanced" : "syncExit");
                }
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                if (callback && !outer && !traversal) {
                    hook("syncEnter");
                }
            }

            @Override
            public void visitMaxs(int maxStack, int maxLocals) {
                super.visitMaxs(maxStack + 1, maxLocals);
            }

            /** {@code Hooks.<name>(this)} or {@code (this$0)}: straight-line code that leaves the operand stack as it was. */
            private void hook(String name) {
                super.visitVarInsn(Opcodes.ALOAD, 0);
                if (outer) {
                    super.visitFieldInsn(Opcodes.GETFIELD, instrumented, OUTER, outerType);
                }
                super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, ON_OBJECT, false);
            }
        };
    }
}
