package dev.weft.agent.instrument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches the boot classes whose chain of super classes includes a given class, the class itself
 * included: for a class, what ByteBuddy's {@code isSubTypeOf} and {@code hasSuperType(named(..))}
 * match, since no interface extends a class, but without walking the interfaces.
 *
 * <p>The answer is kept for each class of the chain, by name: ByteBuddy describes each class it
 * looks at with a type pool of its own, so every super type was parsed from its class file (a
 * resource read from the runtime image) again for every JDK class that loaded. The boot loader
 * defines at most one class of a name, and retransformation changes no hierarchy, so the answers
 * stay true; only boot classes reach the models' matchers.
 */
final class SuperClasses extends ElementMatcher.Junction.AbstractBase<TypeDescription> {
    private static final String OBJECT = Object.class.getName();
    private final String ancestor;
    /** Boot classes looked at so far, by name: whether they extend {@link #ancestor}. */
    private final Map<String, Boolean> extending = new HashMap<>();

    private SuperClasses(String ancestor) {
        this.ancestor = ancestor;
    }

    /** The classes named {@code className} or extending it, directly or not. */
    static ElementMatcher.Junction<TypeDescription> extending(String className) {
        return new SuperClasses(className);
    }

    @Override
    public boolean matches(TypeDescription type) {
        List<String> walked = new ArrayList<>();
        TypeDefinition current = type;
        Boolean result = null;
        while (result == null) {
            String name = current.asErasure().getName();
            if (name.equals(ancestor)) {
                result = true;
            } else if (name.equals(OBJECT)) {
                result = false;
            } else {
                synchronized (extending) {
                    result = extending.get(name);
                }
                if (result == null) {
                    walked.add(name);
                    TypeDescription.Generic superClass = current.getSuperClass();
                    if (superClass == null) {
                        result = false; // an interface
                    } else {
                        current = superClass;
                    }
                }
            }
        }
        synchronized (extending) {
            for (String name : walked) {
                extending.put(name, result);
            }
        }
        return result;
    }
}
