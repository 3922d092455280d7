package com.acme.shapes;

import java.text.FieldPosition;
import java.text.SimpleDateFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;

/**
 * Calls on collections, builders and formats in every shape the object-call rewrite meets: no, one,
 * wide and several arguments, receivers from fields, locals, calls and conditionals, in loops,
 * handlers, lambdas and before a super constructor call. {@link #run} must compute the same before
 * and after the rewrite.
 */
public class CallShapes extends ArrayList<Long> {
    private final Map<String, Integer> counts;
    private final StringBuilder text = new StringBuilder();
    private final ArrayDeque<Double> deque = new ArrayDeque<>();
    static final List<String> LOG = new ArrayList<>();

    public CallShapes(Map<String, Integer> counts) {
        super(counts.size() + counts.get("seed")); // calls on an argument before super()
        this.counts = counts;
        text.append("new:"); // on a final field of this class: frozen with it, not hooked
        counts.put("init", text.length()); // on a parameter: hooked
    }

    public static String run() throws Exception {
        return new CallShapes(new HashMap<>(Map.of("seed", 7))).shapes();
    }

    String shapes() throws Exception {
        counts.put("a", 1);
        counts.merge("a", 41, Integer::sum);
        counts.computeIfAbsent("b", key -> key.length() * 2);
        boolean flag = counts.size() > 2;
        (flag ? counts : new HashMap<String, Integer>()).put("c", 3);
        own().putIfAbsent("d", 4);
        text.append(1L).append(' ').append(2.5d).append(',').append(3.5f).append(true);
        text.insert(0, 9.75d).insert(0, 11L).insert(2, new char[] {'x', 'y', 'z'}, 1, 2);
        text.setCharAt(0, '#');
        text.replace(1, 2, "R");
        long total = 0;
        for (long i = 0; i < 5; i++) {
            double half = i * 0.5d;
            deque.offerFirst(half);
            deque.addLast((double) i);
            total += wide(i, half, counts, i * 2);
        }
        try {
            counts.put(null == text ? "never" : "e", Integer.parseInt("x"));
        } catch (NumberFormatException e) {
            counts.put("e", text.length());
        }
        StringBuffer buffer = new StringBuffer();
        SimpleDateFormat format = new SimpleDateFormat("yyyy");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        format.format(new Date(0L), buffer, new FieldPosition(0));
        text.append(buffer).append(new StringBuilder("-").append(2L).append(3.0d).reverse());
        LOG.add(String.valueOf(total));
        LOG.forEach(entry -> text.append('/').append(entry));
        return new TreeMap<>(counts) + "|" + text + "|" + deque + "|" + deque.pollLast() + "|" + fresh() + "|" + total;
    }

    /** Longs and doubles around the receiver's arguments, and a local past them. */
    private static long wide(long a, double b, Map<String, Integer> map, long c) {
        StringBuilder local = new StringBuilder();
        local.insert(0, b).insert(0, a).append(c);
        map.put("w" + a, local.length());
        long sum = a + c;
        return sum + map.getOrDefault("w" + a, -1);
    }

    /** Calls on objects this method just created: not hooked. */
    static String fresh() {
        return new StringBuilder().append("fresh").append(42).reverse().toString() + new ArrayList<>(List.of(1)).size();
    }

    private Map<String, Integer> own() {
        return counts;
    }
}
