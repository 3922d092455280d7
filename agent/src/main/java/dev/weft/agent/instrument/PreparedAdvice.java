package dev.weft.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Advice applied to the JDK classes weft models, each advice class read once.
 *
 * <p>ByteBuddy's {@code AgentBuilder.Transformer.ForAdvice} does the same, but resolves every
 * advice class again — a type pool, its class file parsed — for each class it transforms: with
 * race detection on, a hundred JDK classes with up to four advice classes each made about 40 MB of
 * garbage at start-up, and start-up garbage is what makes G1 grow its young generation (peak
 * memory) before the application has run. An {@link Advice} is immutable once built, and applying
 * it to many classes, from many threads, is what it is made for. Suppression of the advice's own
 * exceptions and the assigner are ByteBuddy's defaults, as with {@code ForAdvice}.
 */
final class PreparedAdvice {
    /** Each advice class's {@link Advice}, built once for all the transformers that apply it. */
    private static final Map<Class<?>, Advice> BUILT = new HashMap<>();
    private final List<ElementMatcher<? super MethodDescription>> matchers = new ArrayList<>();
    private final List<AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper> advice = new ArrayList<>();

    /** Applies {@code adviceClass} to the methods and constructors {@code matcher} selects. */
    PreparedAdvice advice(ElementMatcher<? super MethodDescription> matcher, Class<?> adviceClass) {
        matchers.add(matcher);
        synchronized (BUILT) {
            advice.add(BUILT.computeIfAbsent(adviceClass, Advice::to));
        }
        return this;
    }

    /** Applies {@code wrapper}, a rewrite of weft's own, to the methods {@code matcher} selects. */
    PreparedAdvice rewrite(ElementMatcher<? super MethodDescription> matcher,
                           AsmVisitorWrapper.ForDeclaredMethods.MethodVisitorWrapper wrapper) {
        matchers.add(matcher);
        advice.add(wrapper);
        return this;
    }

    /** Adds the advice to the methods of the class {@code builder} decorates. */
    DynamicType.Builder<?> applyTo(DynamicType.Builder<?> builder) {
        AsmVisitorWrapper.ForDeclaredMethods visitor = new AsmVisitorWrapper.ForDeclaredMethods();
        for (int i = 0; i < advice.size(); i++) {
            visitor = visitor.invokable(matchers.get(i), advice.get(i));
        }
        return builder.visit(visitor);
    }
}
