package dev.weft.runtime;

/**
 * The calls in application code on objects that may not be thread-safe ({@code map.put(k, v)},
 * {@code format.format(date)}), numbered as the agent rewrites the code. The agent decides from
 * the call site whether the call reads or writes the object; which receivers are checked at all is
 * decided at run time from the receiver's class ({@link UnsafeTypes}), remembered per call site
 * for the last class seen.
 */
public final class ObjectCalls {
    private static final Registry<ObjectCalls.Call> CALLS = new Registry<ObjectCalls.Call>();

    private ObjectCalls() {
    }

    /**
     * Numbers a call site.
     *
     * @param site    its {@link AccessSites} number (class, method, line, and the method called)
     * @param writes  whether the call mutates the object
     * @param holder  {@code pkg.Class.field} the receiver was just loaded from, or null if unknown
     */
    public static int register(int site, boolean writes, String holder) {
        return CALLS.add(new Call(site, writes, holder));
    }

    static Call get(int id) {
        return CALLS.get(id);
    }

    static int size() {
        return CALLS.size();
    }

    /** One call site. */
    static final class Call {
        final int site;
        final boolean writes;
        final String holder;
        /** The answer for the last receiver class seen here; racy, but its values are immutable. */
        private Verdict last;

        Call(int site, boolean writes, String holder) {
            this.site = site;
            this.writes = writes;
            this.holder = holder;
        }

        /** Whether and how calls here on objects of {@code type} are checked, and the objects' name. */
        Verdict verdict(Class<?> type) {
            Verdict verdict = last;
            if (verdict != null && verdict.type == type) {
                return verdict;
            }
            int kind = UnsafeTypes.kindOf(type);
            verdict = new Verdict(type, kind, kind == UnsafeTypes.UNCHECKED ? -1 : ObjectRaces.nameId(holder, type));
            last = verdict;
            return verdict;
        }
    }

    /** What a call site knows about one receiver class. */
    static final class Verdict {
        final Class<?> type;
        final int kind;
        final int nameId;

        Verdict(Class<?> type, int kind, int nameId) {
            this.type = type;
            this.kind = kind;
            this.nameId = nameId;
        }
    }
}
