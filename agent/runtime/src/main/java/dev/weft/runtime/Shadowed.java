package dev.weft.runtime;

/**
 * Implemented by every application class weft rewrites for race detection: gives the hooks the
 * object's {@link ShadowMap}. An object whose class does not implement it (an uninstrumented
 * class) is simply not checked.
 */
public interface Shadowed {
    ShadowMap weft$shadows();
}
