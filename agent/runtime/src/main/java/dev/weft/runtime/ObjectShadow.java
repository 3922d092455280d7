package dev.weft.runtime;

import java.lang.ref.ReferenceQueue;

/**
 * The shadow of one object whose calls weft checks ({@link ObjectRaces}): the whole object is one
 * location, and the entry of its object in the table of object shadows. It refers to its object
 * weakly, so a thread's one-entry cache of the last object it
 * called can hold it without keeping that object alive.
 */
final class ObjectShadow extends WeakIdentityTable.Entry {
    final Shadow shadow = new Shadow();
    /** The {@link Fields} number of the object's name in reports, -1 until its first checked call. */
    int nameId = -1;
    /** Whether the name came from the field the object was loaded from (else only its class). */
    boolean namedByHolder;

    ObjectShadow(Object object, ReferenceQueue<Object> queue) {
        super(object, queue);
    }
}
