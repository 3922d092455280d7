package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.weft.runtime.InternalErrors;
import java.lang.instrument.Instrumentation;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs weft's transformations with ByteBuddy.
 *
 * <p>Two families: the JDK's {@code Thread.start} (already loaded, so retransformed with advice
 * only), and the application's classes (every class outside the JDK and weft, narrowed by
 * {@code include=}/{@code exclude=}), whose methods get {@link LockSiteVisitor}. ByteBuddy's
 * default ignore list would hide the JDK, so it is replaced by an explicit one. Class formats are
 * never changed (no fields or methods added), so retransforming loaded classes is always legal and
 * no class is injected (nothing that prints warnings on recent JDKs).
 */
public final class Instrumenter {
    private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    private final AtomicLong transformedClasses = new AtomicLong();

    /** Number of classes transformed so far. */
    public long transformedClasses() {
        return transformedClasses.get();
    }

    /**
     * Installs the transformations. Of the classes loaded already, only those listed are
     * retransformed: at premain that is {@code Thread} (and {@code VirtualThread}); scanning every
     * loaded class instead costs half a second of start-up for nothing.
     */
    public void install(Instrumentation inst, ClassFilter filter, Class<?>... alreadyLoaded) {
        // weft never needs ByteBuddy's Nexus (no loaded-type initializers); left on, it would inject
        // a class into the application's system class loader and, on JDK 24+, make the JVM print
        // sun.misc.Unsafe deprecation warnings.
        System.setProperty(Nexus.PROPERTY, Boolean.TRUE.toString());
        // ByteBuddy leaves synthetic methods alone by default, and lambda bodies are synthetic
        new AgentBuilder.Default(new ByteBuddy().ignore(ElementMatchers.none()))
            .disableClassFormatChanges()
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(alreadyLoaded))
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(new CountingListener())
            .ignore(ElementMatchers.none()) // the two type matchers below are the whole selection
            .type(named(Thread.class.getName()).or(named(VIRTUAL_THREAD)))
            .transform(new AgentBuilder.Transformer.ForAdvice()
                .include(Instrumenter.class.getClassLoader())
                .advice(named("start"),
                    ThreadStartAdvice.class.getName()))
            .type((type, loader, module, redefined, domain) -> isApplication(type, loader, filter))
            .transform(this::lockSites)
            .installOn(inst);
    }

    /** The JDK's thread classes, which weft retransforms to see every thread start. */
    public static Class<?>[] threadClasses() {
        try {
            return new Class<?>[] {Thread.class, Class.forName(VIRTUAL_THREAD)};
        } catch (ClassNotFoundException e) {
            return new Class<?>[] {Thread.class}; // JDK 17-20
        }
    }

    private static boolean isApplication(TypeDescription type, ClassLoader loader, ClassFilter filter) {
        return loader != null && loader != ClassLoader.getPlatformClassLoader() && filter.instruments(type.getName());
    }

    private DynamicType.Builder<?> lockSites(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                             JavaModule module, java.security.ProtectionDomain domain) {
        return builder.visit(new AsmVisitorWrapper.ForDeclaredMethods()
            .invokable(ElementMatchers.any(), (instrumentedType, method, visitor, context, pool, writerFlags, readerFlags) ->
                wrap(instrumentedType, method, visitor)));
    }

    private static MethodVisitor wrap(TypeDescription type, net.bytebuddy.description.method.MethodDescription method,
                                      MethodVisitor visitor) {
        return new LockSiteVisitor(visitor, type.getInternalName(), method.getInternalName(), method.getModifiers());
    }

    /** Counts transformed classes and records failures; the application never sees them. */
    private final class CountingListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            transformedClasses.incrementAndGet();
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            InternalErrors.transformFailed(typeName, error);
        }
    }
}
