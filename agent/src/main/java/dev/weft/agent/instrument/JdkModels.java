package dev.weft.agent.instrument;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The models weft applies to the JDK's classes, in order: which types each concerns and the advice
 * it gives their methods. Every model whose types match a class applies to it, in this order.
 */
final class JdkModels {
    /** Applies {@code advice} to the classes {@code types} matches. */
    record Model(ElementMatcher<? super TypeDescription> types, PreparedAdvice advice) {
    }

    private final List<Model> models = new ArrayList<>();

    /** The classes the next model concerns. */
    Typed type(ElementMatcher<? super TypeDescription> types) {
        return new Typed(types);
    }

    List<Model> list() {
        return List.copyOf(models);
    }

    /** A model's types, waiting for its advice. */
    final class Typed {
        private final ElementMatcher<? super TypeDescription> types;

        private Typed(ElementMatcher<? super TypeDescription> types) {
            this.types = types;
        }

        JdkModels transform(PreparedAdvice advice) {
            models.add(new Model(types, advice));
            return JdkModels.this;
        }
    }
}
