package org.h2.weftfixture;

import dev.weft.runtime.TestRaceHooks;

/**
 * A stand-in for a class of a library the application uses: it is in H2's package, which weft
 * counts as a dependency's code, so that tests can record a race that is wholly in a dependency.
 */
public final class PageCache {
    public static final String PAGES = PageCache.class.getName() + ".pages";

    private int pages;

    public int size() {
        TestRaceHooks.read(this, PAGES);
        return pages;
    }

    public void evict() {
        TestRaceHooks.write(this, PAGES);
        pages--;
    }
}
