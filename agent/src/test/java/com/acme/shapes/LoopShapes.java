package com.acme.shapes;

import java.util.ArrayList;
import java.util.List;

/**
 * Loops in the shapes the versioning of covered loops meets: plain sweeps over locals and final
 * fields, wide and narrow element types, exits by break, return and labelled continue, continue
 * and switches inside, a loop inside try/catch and one that throws, nested loops, a do-while, and
 * a loop with an array the head cannot check. {@link #run} must compute the same before and after
 * the rewrite, whichever version of each loop runs.
 */
public class LoopShapes {
    private final double[] weights = {0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5};
    private int[] scratch = {3, 1, 4, 1, 5, 9, 2, 6};

    public static String run() {
        List<Object> results = new ArrayList<>();
        LoopShapes shapes = new LoopShapes();
        for (int round = 0; round < 3; round++) {
            double[] data = {1, 2, 3, 4, 5, 6, 7, 8};
            int[] ints = {5, -3, 8, 0, 13, 21, -34, 55};
            long[] longs = {1L << 40, 2, 3, 4};
            results.add(shapes.sum(data));
            shapes.scale(data, 1.25);
            results.add(java.util.Arrays.toString(data));
            shapes.scaleLongs(longs, 3);
            results.add(java.util.Arrays.toString(longs));
            results.add(shapes.breakAt(ints, 0));
            results.add(shapes.indexOf(ints, 21));
            results.add(shapes.indexOf(ints, 99));
            results.add(shapes.odds(ints));
            results.add(shapes.switched(ints));
            results.add(shapes.untilEnd(ints));
            results.add(shapes.doWhile(ints));
            results.add(shapes.guarded(ints));
            results.add(shapes.throwing(ints));
            results.add(shapes.withScratch(ints));
            results.add(shapes.rows(new int[][] {{1, 2, -1, 4}, {5, 6}, {-7, 8}, {9, 10, 11}}));
            results.add(shapes.narrow(new byte[] {1, 2, 3}, new char[] {'a', 'b', 'c'}, new short[] {7, 8, 9},
                new boolean[] {true, false, true}));
        }
        return results.toString();
    }

    double sum(double[] data) {
        double sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += data[i] * weights[i];
        }
        return sum;
    }

    void scale(double[] data, double factor) {
        for (int i = 0; i < data.length; i++) {
            data[i] = data[i] * factor;
        }
    }

    void scaleLongs(long[] data, long factor) {
        for (int i = 0; i < data.length; i++) {
            data[i] *= factor;
        }
    }

    int breakAt(int[] data, int stop) {
        int sum = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == stop) {
                break;
            }
            sum += data[i];
        }
        return sum;
    }

    int indexOf(int[] data, int value) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    int odds(int[] data) {
        int sum = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] % 2 == 0) {
                continue;
            }
            sum += data[i];
        }
        return sum;
    }

    int switched(int[] data) {
        int sum = 0;
        for (int i = 0; i < data.length; i++) {
            switch (Math.floorMod(data[i], 4)) {
                case 0:
                    sum += 1;
                    break;
                case 1:
                    sum += data[i];
                    break;
                case 2:
                    sum -= 3;
                    break;
                default:
                    sum *= 2;
            }
        }
        return sum;
    }

    int untilEnd(int[] data) {
        int sum = 0;
        int i = 0;
        while (true) {
            if (i >= data.length) {
                break;
            }
            sum = 31 * sum + data[i++];
        }
        return sum;
    }

    int doWhile(int[] data) {
        int sum = 0;
        int i = 0;
        do {
            sum += data[i] * i;
            i++;
        } while (i < data.length);
        return sum;
    }

    /** The loop inside try/catch: the division throws at the 0, in whichever version runs. */
    int guarded(int[] data) {
        int sum = 0;
        try {
            for (int i = 0; i < data.length; i++) {
                sum += 1000 / data[i];
            }
        } catch (ArithmeticException e) {
            return -sum;
        }
        return sum;
    }

    /** The loop throws to the caller: the top frame's line must be the loop's. */
    String throwing(int[] data) {
        try {
            int sum = 0;
            for (int i = 0; i <= data.length; i++) {
                sum += data[i];
            }
            return "no exception " + sum;
        } catch (ArrayIndexOutOfBoundsException e) {
            StackTraceElement top = e.getStackTrace()[0];
            return top.getMethodName() + ":" + top.getLineNumber();
        }
    }

    /** scratch is not final: its checks stay in both versions. */
    int withScratch(int[] data) {
        int sum = 0;
        for (int i = 0; i < data.length; i++) {
            sum += data[i] * scratch[i % scratch.length];
        }
        return sum;
    }

    int rows(int[][] grid) {
        int sum = 0;
        outer:
        for (int r = 0; r < grid.length; r++) {
            int[] row = grid[r];
            for (int c = 0; c < row.length; c++) {
                if (row[c] < 0) {
                    continue outer;
                }
                sum = 7 * sum + row[c];
            }
            sum++;
        }
        return sum;
    }

    String narrow(byte[] bytes, char[] chars, short[] shorts, boolean[] flags) {
        StringBuilder out = new StringBuilder();
        int sum = 0;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] += 1;
            chars[i] += 1;
            shorts[i] *= 2;
            flags[i] = !flags[i];
            sum += bytes[i] + chars[i] + shorts[i] + (flags[i] ? 1 : 0);
        }
        return out.append(sum).append(new String(chars)).toString();
    }
}
