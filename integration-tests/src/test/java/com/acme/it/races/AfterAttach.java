package com.acme.it.races;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Idioms run in a program that weft is attached to while it runs: the program first makes what a
 * long-running service makes at start (here the atomic field updaters of {@link RaceIdioms.Slots},
 * in its class initializer), prints {@code ready}, and waits for a line on its standard input —
 * the test attaches weft in between — before it runs the idioms {@link RaceIdioms} names.
 *
 * <p>Arguments as {@link RaceIdioms#main}.
 */
public final class AfterAttach {
    private AfterAttach() {
    }

    public static void main(String[] args) throws Exception {
        Object made = RaceIdioms.Slots.BOX; // the updaters are made now, before weft is there
        System.out.println("ready " + (made != null));
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        RaceIdioms.main(args);
    }
}
